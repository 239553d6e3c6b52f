import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  latexToText,
  neutraliseMentions,
  renderAnswer,
  splitForEmbeds,
} from '../../../src/discord/views/markdown.ts';

describe('latexToText', () => {
  it('given the README precision formula when rendered then it reads as plain text', () => {
    assert.equal(latexToText('$$Precision = {TP \\over TP + FP}$$'), 'Precision = TP / (TP + FP)');
  });

  it('given the seed formula with multi-word names when rendered then only the compound denominator gets parentheses', () => {
    assert.equal(
      latexToText('$$Precision = {True Positives \\over True Positives + False Positives}$$'),
      'Precision = True Positives / (True Positives + False Positives)',
    );
  });

  it('given \\frac when rendered then simple parts stay compact and compound parts get parentheses', () => {
    assert.equal(latexToText('$\\frac{a}{b}$'), 'a/b');
    assert.equal(latexToText('$$F1 = 2 \\cdot \\frac{P \\cdot R}{P + R}$$'), 'F1 = 2 · (P · R) / (P + R)');
    assert.equal(latexToText('$$\\frac{\\frac{1}{2}}{3}$$'), '(1/2)/3');
  });

  it('given operators, roots, scripts, text and delimiters when rendered then each becomes readable text', () => {
    assert.equal(
      latexToText('$$Dice = \\frac{2 \\left| A \\cap B \\right|}{|A| + |B|}$$'),
      'Dice = (2 |A ∩ B|) / (|A| + |B|)',
    );
    assert.equal(latexToText('$A \\cup B$, $x \\le y \\ge z$, $a \\times b$'), 'A ∪ B, x ≤ y ≥ z, a × b');
    assert.equal(latexToText('$\\sqrt{x^2 + y^2}$ and $\\sqrt{2}$'), '√(x² + y²) and √2');
    assert.equal(latexToText('$x_{i+1}$, $x^{n}$, $e^{-x}$, $x_{max}$'), 'xᵢ₊₁, xⁿ, e^(-x), x\\_(max)');
    assert.equal(latexToText('$\\text{true positives} + 1$'), 'true positives + 1');
    assert.equal(latexToText('$\\left( \\frac{1}{n} \\sum_{i=1}^{n} x_i \\right)$'), '(1/n Σᵢ₌₁ⁿ xᵢ)');
  });

  it('given dollars that are not math and math inside code when rendered then they are left alone', () => {
    const text = 'It costs $5 and $10.\n\n`$x \\over y$`\n\n```\n$$a \\over b$$\n```';
    assert.equal(latexToText(text), text);
  });

  it('given malformed LaTeX when rendered then it does not throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        latexToText(`$$${s}$$ and $${s}$`);
      }),
      { numRuns: 300 },
    );
    assert.equal(latexToText('$$\\frac{a$$'), 'a/');
  });
});

describe('splitForEmbeds', () => {
  const words = (s: string) => s.split(/\s+/).filter((w) => w !== '');

  it('given a text under the limit when split then it is one chunk', () => {
    assert.deepEqual(splitForEmbeds('Short answer.\n\nTwo paragraphs.'), [
      'Short answer.\n\nTwo paragraphs.',
    ]);
    assert.deepEqual(splitForEmbeds('  \n '), []);
  });

  it('given paragraphs when split then cuts fall between paragraphs', () => {
    const p = (c: string) => `${c.repeat(30)} end.`;
    assert.deepEqual(splitForEmbeds(`${p('a')}\n\n${p('b')}\n\n${p('c')}`, 80), [
      `${p('a')}\n\n${p('b')}`,
      p('c'),
    ]);
  });

  it('given one long paragraph when split then cuts fall between lines, then between words', () => {
    assert.deepEqual(splitForEmbeds('line one here\nline two here\nline three', 28), [
      'line one here\nline two here',
      'line three',
    ]);
    assert.deepEqual(splitForEmbeds('alpha beta gamma delta', 11), ['alpha beta', 'gamma delta']);
    assert.deepEqual(splitForEmbeds('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
  });

  it('given arbitrary prose when split then every chunk fits and the chunks join back to the same words', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdefghij'), minLength: 1, maxLength: 12 });
    const sep = fc.constantFrom(' ', ' ', ' ', '\n', '\n\n', '  ');
    const prose = fc
      .array(fc.tuple(word, sep), { minLength: 1, maxLength: 300 })
      .map((ws) => ws.flat().join(''));
    fc.assert(
      fc.property(prose, fc.integer({ min: 12, max: 400 }), (text, max) => {
        const chunks = splitForEmbeds(text, max);
        for (const c of chunks) assert.ok(c.length <= max, `${c.length} > ${max}`);
        assert.deepEqual(words(chunks.join(' ')), words(text));
      }),
      { numRuns: 200 },
    );
  });

  it('given a long answer when rendered then each chunk fits a 4096-character embed', () => {
    const answer = Array.from(
      { length: 60 },
      (_, i) => `Paragraph ${i} with $$a \\over b$$ ${'word '.repeat(30)}`,
    ).join('\n\n');
    const chunks = renderAnswer({ answer });
    assert.ok(chunks.length > 1);
    assert.ok(chunks.every((c) => c.length <= 4096 && !c.includes('\\over')));
  });
});

describe('neutraliseMentions', () => {
  it('given mass and entity mentions when neutralised then a zero-width space breaks each one', () => {
    assert.equal(
      neutraliseMentions('@everyone @here <@123> <@!123> <@&456> <#789> mail@example.com'),
      '@\u200Beveryone @\u200Bhere <@\u200B123> <@\u200B!123> <@\u200B&456> <#\u200B789> mail@example.com',
    );
  });

  it('given already neutralised text when neutralised again then it is unchanged', () => {
    const once = neutraliseMentions('@here <@1> <#2>');
    assert.equal(neutraliseMentions(once), once);
  });

  it('given an answer that pings when rendered then the rendered chunks cannot ping', () => {
    assert.deepEqual(renderAnswer({ answer: 'Ask @everyone' }), ['Ask @\u200Beveryone']);
  });
});
