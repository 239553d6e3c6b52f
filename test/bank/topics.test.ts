import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTopicsFile, resolveTopic, searchTopics } from '../../src/bank/topics.ts';
import { BANK_TOPICS as TOPICS } from '../helpers/topics.ts';

test('given a slug, a name or an alias in any case, then resolveTopic finds the topic', () => {
  assert.equal(resolveTopic(TOPICS, 'formats'), 'formats');
  assert.equal(resolveTopic(TOPICS, 'Deep learning'), 'deep-learning');
  assert.equal(resolveTopic(TOPICS, 'DICOM'), 'formats');
  assert.equal(resolveTopic(TOPICS, ' mri '), 'modalities');
  assert.equal(resolveTopic(TOPICS, 'astrology'), undefined);
});

test('given a partial word, then searchTopics offers the topics it belongs to', () => {
  assert.deepEqual(
    searchTopics(TOPICS, 'dico').map((t) => t.slug),
    ['formats'],
  );
  assert.equal(searchTopics(TOPICS, '').length, TOPICS.length);
});

test('given the topic vocabulary, then no alias belongs to two topics', () => {
  const seen = new Map<string, string>();
  for (const topic of TOPICS) {
    for (const alias of [topic.slug, ...topic.aliases]) {
      assert.equal(seen.get(alias), undefined, `${alias} is used by ${seen.get(alias)} and ${topic.slug}`);
      seen.set(alias, topic.slug);
    }
  }
});

test('given topics.md with mistakes, then each is a file:line problem', () => {
  const text = [
    '# Topics',
    '',
    '## Bad Slug',
    '- name: Bad',
    '## ok',
    '- aliases: a',
    '## twin',
    '- name: Twin',
    '- aliases: shared, UPPER',
    '## other',
    '- name: Other',
    '- aliases: shared',
    '- colour: red',
    '## twin',
    '- name: Again',
  ].join('\n');
  const { problems } = parseTopicsFile('topics.md', text);
  assert.deepEqual(
    problems.map((p) => `${p.line}: ${p.message}`),
    [
      '3: topic slug "Bad Slug" must be lowercase kebab-case of at most 40 characters, like "deep-learning"',
      '5: topic "ok" has no "- name: …" line',
      '9: alias "UPPER" must be lowercase and at most 40 characters',
      '13: unknown topic field "colour" (use "- name:" and "- aliases:")',
      '14: topic "twin" is defined twice',
      '10: "shared" names both topic "twin" and topic "other"',
    ],
  );
});

test('given the real topics.md, then it defines the fourteen topics with names and aliases', () => {
  assert.equal(TOPICS.length, 14);
  assert.ok(TOPICS.every((t) => t.name.length > 0));
});
