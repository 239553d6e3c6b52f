import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { copyTopics } from '../helpers/topics.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How the CLI shows a path: relative inside the working directory, as given outside it. */
const shown = (path: string) => (relative(ROOT, path).startsWith('..') ? path : relative(ROOT, path));

function runCli(...args: string[]) {
  const env = { ...process.env };
  delete env.QUESTIONS_DIR;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/bank/check-cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
    timeout: 30_000,
  });
}

function question(id: string, topics: string, difficulty: string): string {
  return `## What about ${id}?

- id: ${id}
- topics: ${topics}
- difficulty: ${difficulty}

### Key points
- The ${id} detector counts lesions per scan (also: lesion counting)
- The ${id} pipeline normalises intensities per image
- The ${id} split keeps each patient in one subset

### Answer
The ${id} detector counts lesions per scan. The ${id} pipeline normalises intensities per image, and the ${id} split keeps each patient in one subset. A formula: $$F = {a \\over b + c}$$.
`;
}

describe('bank:check CLI', () => {
  let root = '';
  let valid = '';
  let broken = '';

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'bank-cli-'));
    valid = join(root, 'valid');
    broken = join(root, 'broken');
    await mkdir(valid);
    await writeFile(
      join(valid, '01-a.md'),
      `# A\n\n${question('alpha', 'formats, data', 'easy')}\n${question('beta', 'data', 'hard')}`,
    );
    await writeFile(join(valid, '02-b.md'), question('gamma', 'evaluation', 'easy'));
    copyTopics(valid);
    await cp(valid, broken, { recursive: true });
    const b = join(broken, '02-b.md');
    await writeFile(
      b,
      (await readFile(b, 'utf8')).replace('evaluation', 'astrology').replace('- id: gamma', '- id: alpha'),
    );
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('given key points the matcher cannot credit fairly, when checked, then each is a file:line warning, and only --strict fails', async () => {
    const lint = join(root, 'lint');
    await mkdir(lint);
    copyTopics(lint);
    const text = question('delta', 'data', 'easy')
      .replace('(also: lesion counting)', '(also: image)')
      .replace(
        '- The delta split keeps each patient in one subset',
        '- Calibration is checked with a reliability diagram',
      );
    await writeFile(
      join(lint, '01-a.md'),
      `${text.replace('The delta pipeline normalises', 'The delta image pipeline normalises')}`,
    );
    const file = shown(join(lint, '01-a.md'));

    const relaxed = runCli(lint);
    assert.equal(relaxed.status, 0, relaxed.stderr);
    const warnings = relaxed.stderr.trim().split('\n');
    assert.deepEqual(warnings, [
      `${file}:8: warning: key point 1: "(also: image)" is a common word (in 100% of model answers); name the idea with a phrase`,
      `${file}:10: warning: key point 3: its own model answer does not earn it; reword the point, add a phrase the answer uses to "(also: …)", or say it in the answer`,
      '2 key-point warnings (pass --strict to fail on them)',
    ]);
    assert.match(relaxed.stdout, /^1 questions in /);

    const strict = runCli('--strict', lint);
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /2 key-point warnings \(--strict: the check fails\)\n$/);
    assert.equal(strict.stdout, '');
  });

  it('given a valid bank when checked then it exits 0 and prints totals per topic and difficulty', () => {
    const result = runCli(valid);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /^3 questions in /);
    assert.match(result.stdout, /Data challenges \(data\) +2\n/);
    assert.match(result.stdout, /Formats and standards \(formats\) +1\n/);
    assert.match(result.stdout, /easy +2\nmedium +0\nhard +1\n/);
  });

  it('given a broken bank when checked then it exits 1 and prints file:line: message lines on stderr', () => {
    const result = runCli(broken);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    const file = shown(join(broken, '02-b.md'));
    const errors = result.stderr.trim().split('\n');
    assert.deepEqual(errors.slice(0, -1), [
      `${file}:3: duplicate id "alpha": already used at ${shown(join(broken, '01-a.md'))}:5`,
      `${file}:4: unknown topic "astrology" (known: foundations, modalities, formats, preprocessing, deep-learning, segmentation, evaluation, data, classical, ethics, deployment, pathology, generative-and-foundation-models, study-design; topics are defined in topics.md)`,
    ]);
    assert.equal(errors.at(-1), `2 problems in ${broken}`);
  });

  it('given a folder that does not exist when checked then it exits 1 with one problem', () => {
    const result = runCli(join(root, 'missing'));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /missing:1: cannot read the question folder/);
  });
});
