import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatProblem, loadBank, validateQuestions } from '../../src/bank/load.ts';
import { type ParsedQuestion, parseBankFile } from '../../src/bank/parse.ts';
import { BANK_TOPICS, copyTopics } from '../helpers/topics.ts';

const ANSWER = 'A complete answer about the subject, long enough to be useful.';

/** One question in the project layout; the heading is on line `offset + 1`. */
function question(id: string, opts: { topics?: string; keyPoints?: number; answer?: string } = {}): string {
  const points = Array.from({ length: opts.keyPoints ?? 3 }, (_, i) => `- Point ${i + 1} (also: p${i + 1})`);
  return [
    `## Question ${id}?`,
    '',
    `- id: \`${id}\``,
    `- topics: ${opts.topics ?? 'formats'}`,
    '- difficulty: medium',
    '',
    '### Key points',
    ...points,
    '',
    '### Answer',
    opts.answer ?? ANSWER,
    '',
  ].join('\n');
}

function parseAll(files: Record<string, string>): ParsedQuestion[] {
  return Object.entries(files).flatMap(([file, text]) => {
    const { questions, problems } = parseBankFile(file, text);
    assert.deepEqual(problems, [], `parse problems in ${file}`);
    return questions;
  });
}

const lines = (problems: { file: string; line: number }[]) => problems.map((p) => `${p.file}:${p.line}`);

describe('validateQuestions', () => {
  it('given valid questions when validated then it returns a bank indexed by id and no problems', () => {
    const { bank, problems } = validateQuestions(
      parseAll({ 'a.md': question('one') + question('two') }),
      BANK_TOPICS,
    );
    assert.deepEqual(problems, []);
    assert.equal(bank?.questions.length, 2);
    const two = bank?.byId.get('two');
    assert.deepEqual(two?.source, { file: 'a.md', line: 14 });
    assert.deepEqual(two?.keyPoints[0], { text: 'Point 1', synonyms: ['p1'] });
    assert.equal(two?.answer, ANSWER);
  });

  it('given the same id in two files when validated then the second occurrence is reported with a pointer to the first', () => {
    const { bank, problems } = validateQuestions(
      parseAll({ 'a.md': question('dup'), 'b.md': question('x') + question('dup') }),
      BANK_TOPICS,
    );
    assert.equal(bank, undefined);
    assert.deepEqual(lines(problems), ['b.md:16']);
    assert.match(problems[0]?.message ?? '', /duplicate id "dup": already used at a\.md:3/);
  });

  it('given an unknown topic when validated then the topics line is reported', () => {
    const { problems } = validateQuestions(
      parseAll({ 'a.md': question('q', { topics: 'formats, astrology' }) }),
      BANK_TOPICS,
    );
    assert.deepEqual(lines(problems), ['a.md:4']);
    assert.match(problems[0]?.message ?? '', /unknown topic "astrology"/);
  });

  it('given a missing answer when validated then the `### Answer` line is reported', () => {
    const { problems } = validateQuestions(parseAll({ 'a.md': question('q', { answer: '' }) }), BANK_TOPICS);
    assert.deepEqual(lines(problems), ['a.md:12']);
    assert.match(problems[0]?.message ?? '', /missing answer/);
  });

  it('given no `### Answer` section when validated then the question heading is reported', () => {
    const text = question('q').replace(/### Answer[\s\S]*/, '');
    const { problems } = validateQuestions(parseAll({ 'a.md': `\n${text}` }), BANK_TOPICS);
    assert.deepEqual(lines(problems), ['a.md:2']);
  });

  it('given 2 key points when validated then the `### Key points` line is reported', () => {
    const { problems } = validateQuestions(
      parseAll({ 'a.md': question('q', { keyPoints: 2 }) }),
      BANK_TOPICS,
    );
    assert.deepEqual(lines(problems), ['a.md:7']);
    assert.match(problems[0]?.message ?? '', /2 key points/);
  });

  it('given a seed-layout question in strict mode when validated then it asks the author to add metadata', () => {
    const { bank, problems } = validateQuestions(
      parseAll({ 'seed.md': '# T\n\n## Q1: Title\n\nAnswer.\n' }),
      BANK_TOPICS,
    );
    assert.equal(bank, undefined);
    assert.deepEqual(lines(problems), ['seed.md:3']);
    assert.match(problems[0]?.message ?? '', /legacy seed layout.*id.*topics.*difficulty.*Key points/);
  });

  it('given a teaser sentence in an answer when validated then the teaser line itself is reported', () => {
    const answer = 'First paragraph.\n\nSecond paragraph.\n\nThe rest of the answer is here.';
    const { problems } = validateQuestions(parseAll({ 'a.md': question('q', { answer }) }), BANK_TOPICS);
    assert.deepEqual(lines(problems), ['a.md:17']);
    assert.match(problems[0]?.message ?? '', /teaser/);
  });

  it('given several faults when validated then every one is reported, sorted by file then line', () => {
    const bad = question('Bad_ID', { topics: 'formats, formats', keyPoints: 9 }).replace('medium', 'tricky');
    const { problems } = validateQuestions(
      parseAll({ 'b.md': bad, 'a.md': question('q', { answer: 'x'.repeat(3801) }) }),
      BANK_TOPICS,
    );
    assert.deepEqual(lines(problems), ['a.md:13', 'b.md:3', 'b.md:4', 'b.md:5', 'b.md:7']);
    assert.match(problems[0]?.message ?? '', /3801 characters/);
  });
});

describe('loadBank', async () => {
  const root = await mkdtemp(join(tmpdir(), 'bank-load-'));
  after(() => rm(root, { recursive: true, force: true }));

  it('given a folder of question files when loaded then README.md and other files are skipped and files are read in name order', async () => {
    const dir = join(root, 'ok');
    await mkdir(dir);
    await writeFile(join(dir, 'README.md'), '# not a question file\n');
    await writeFile(join(dir, 'notes.txt'), 'ignored');
    await writeFile(join(dir, '02-b.md'), question('b'));
    copyTopics(dir);
    await writeFile(join(dir, '01-a.md'), `# Title\n\n${question('a')}`);
    const { bank, problems } = await loadBank(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      bank?.questions.map((q) => [q.id, q.source.file, q.source.line]),
      [
        ['a', join(dir, '01-a.md'), 3],
        ['b', join(dir, '02-b.md'), 1],
      ],
    );
  });

  it('given parse and validation problems in several files when loaded then all come back sorted and no bank', async () => {
    const dir = join(root, 'bad');
    await mkdir(dir);
    await writeFile(join(dir, 'b.md'), question('x', { topics: 'nope' }));
    copyTopics(dir);
    await writeFile(
      join(dir, 'a.md'),
      `${question('y')}\n- stray: list\n`.replace('- id: `y`', '- id: `y`\n- colour: red'),
    );
    const { bank, problems } = await loadBank(dir);
    assert.equal(bank, undefined);
    assert.deepEqual(lines(problems), [`${join(dir, 'a.md')}:4`, `${join(dir, 'b.md')}:4`]);
  });

  it('given a missing or empty folder when loaded then it reports a problem instead of throwing', async () => {
    const missing = await loadBank(join(root, 'does-not-exist'));
    assert.equal(missing.bank, undefined);
    assert.match(missing.problems[0]?.message ?? '', /cannot read the question folder \(ENOENT\)/);
    const empty = join(root, 'empty');
    await mkdir(empty);
    await writeFile(join(empty, 'README.md'), '# readme only\n');
    copyTopics(empty);
    assert.match((await loadBank(empty)).problems[0]?.message ?? '', /no question files/);
  });

  it('given a problem when formatted then it reads file:line: message relative to the working directory', () => {
    assert.equal(
      formatProblem({ file: join(process.cwd(), 'questions', 'a.md'), line: 7, message: 'boom' }),
      `${join('questions', 'a.md')}:7: boom`,
    );
  });
});

describe('the real bank', async () => {
  const dir = fileURLToPath(new URL('../../questions/', import.meta.url));
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.md') && f !== 'README.md');

  it('given the question files in questions/ when loaded then there are zero problems', {
    skip: files.length === 0 && 'no question files yet',
  }, async () => {
    const { bank, problems } = await loadBank(dir);
    assert.deepEqual(problems.map(formatProblem), []);
    assert.ok((bank?.questions.length ?? 0) > 0);
  });

  it('given the README example when parsed then it is in the layout the parser expects', async () => {
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    const example = /````markdown\n([\s\S]*?)````/.exec(readme)?.[1] ?? '';
    const { questions, problems } = parseBankFile('README.md', example);
    assert.deepEqual(problems, []);
    assert.equal(questions[0]?.id, 'dicom-basics');
    assert.deepEqual(questions[0]?.topics, ['formats', 'foundations']);
    assert.equal(questions[0]?.keyPoints?.length, 3);
  });
});
