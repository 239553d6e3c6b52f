// Bad input from every side: bank files (generated, corrupted, truncated, binary, huge), the
// environment, and Discord interactions with tampered ids, stale questions, out-of-range options and
// hostile answer text. The bot must answer each with a precise problem or a clear ephemeral reply,
// never a throw, a hang or a ping.
import assert from 'node:assert/strict';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { parseConfig } from '../../src/config.ts';
import type { Bank } from '../../src/core/types.ts';
import { startBot } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/logger.ts';
import { keys } from '../../src/store/keys.ts';
import { createStore } from '../../src/store/store.ts';
import type { EmuMessage, EmuResponse } from '../../tools/emulator/index.ts';
import { startEmulator } from '../../tools/emulator/index.ts';
import { questionMarkdown } from '../../tools/fixtures/bank-markdown.ts';
import { build, type Harness, realBank, seeded } from '../helpers/build.ts';
import { finalResponses } from '../helpers/flows.ts';
import { copyTopics } from '../helpers/topics.ts';
import { answerFlow, answerText, figures, ROOT, rawRows, size, spawnBot } from './helpers.ts';
import { type ParseReply, type ParseRequest, TimeBoxedParser } from './parse-worker.ts';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261127);
const CASE_BUDGET_MS = 5000;
const inputsTried: Record<string, number> = {};
const count = (what: string, n = 1) => {
  inputsTried[what] = (inputsTried[what] ?? 0) + n;
};

// -------------------------------------------------------------------------------------------------
// The question bank

const TOPIC_SLUGS = [
  'foundations',
  'modalities',
  'formats',
  'preprocessing',
  'deep-learning',
  'segmentation',
  'evaluation',
  'data',
  'classical',
  'ethics',
  'deployment',
];
const WORDS = [
  'ct',
  'mri',
  'dose',
  'voxel',
  'dicom',
  'label',
  'noise',
  'model',
  'scan',
  'slice',
  'bias',
  'dice',
];
const word = fc.constantFrom(...WORDS);
const phrase = (min: number, max: number) =>
  fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '));

const questionArb = fc.record({
  idWords: fc.array(word, { minLength: 1, maxLength: 3 }),
  title: phrase(2, 10),
  topics: fc.shuffledSubarray(TOPIC_SLUGS, { minLength: 1, maxLength: 3 }),
  difficulty: fc.constantFrom('easy', 'medium', 'hard'),
  keyPoints: fc.array(fc.tuple(phrase(1, 8), fc.array(phrase(1, 2), { maxLength: 3 })), {
    minLength: 3,
    maxLength: 8,
  }),
  answer: fc.array(
    fc.oneof(
      phrase(5, 40),
      phrase(1, 5).map((p) => `- **${p}**: item`),
      phrase(1, 3).map((p) => `$$${p} \\over n$$`),
      phrase(1, 3).map((p) => `\`${p}\` in code`),
    ),
    { minLength: 1, maxLength: 6 },
  ),
});
type Q = typeof questionArb extends fc.Arbitrary<infer T> ? T : never;

function renderQuestion(q: Q, index: number): { id: string; text: string } {
  const id = `${q.idWords.join('-')}-${index}`;
  const text = questionMarkdown({
    title: `${q.title}?`,
    id,
    topics: q.topics,
    difficulty: q.difficulty,
    keyPoints: q.keyPoints.map(([text, synonyms]) => ({ text, synonyms })),
    answer: q.answer.join('\n\n'),
  });
  return { id, text };
}

const bankFileArb = fc.array(questionArb, { minLength: 1, maxLength: 4 }).map((qs) => {
  const rendered = qs.map((q, i) => renderQuestion(q, i));
  return {
    ids: rendered.map((r) => r.id),
    text: `# Generated\n\n${rendered.map((r) => r.text).join('\n\n')}\n`,
  };
});

const JUNK_LINES = [
  '## ',
  '### Answer',
  '### Key points',
  '- id: Not An Id!',
  '- topics: astrology',
  '- difficulty: extreme',
  '```',
  '# Title',
  '$$',
  '<!--',
  '- ',
  '> ',
  '1.** broken**',
  'The rest of the answer is here.',
  '\u0000\u0001\u0002',
  '\uFEFF',
  '\r',
  '- id: `dup`',
  '## Q1: legacy layout',
  '---',
  '| a | b |',
];
const corruption = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    line: fc.oneof(fc.constantFrom(...JUNK_LINES), fc.string({ maxLength: 40 })),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('crlf' as const) }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
);
type Corruption = typeof corruption extends fc.Arbitrary<infer T> ? T : never;

function corrupt(text: string, ops: Corruption[]): string {
  let lines = text.split('\n');
  for (const op of ops) {
    const at = 'at' in op ? op.at % Math.max(1, lines.length) : 0;
    switch (op.kind) {
      case 'delete':
        lines.splice(at, 1);
        break;
      case 'duplicate':
        lines.splice(at, 0, lines[at] ?? '');
        break;
      case 'swap': {
        const to = op.to % Math.max(1, lines.length);
        [lines[at], lines[to]] = [lines[to] ?? '', lines[at] ?? ''];
        break;
      }
      case 'insert':
        lines.splice(at, 0, op.line);
        break;
      case 'truncate': {
        const joined = lines.join('\n');
        lines = joined.slice(0, op.at % Math.max(1, joined.length)).split('\n');
        break;
      }
      case 'crlf':
        lines = lines.join('\r\n').split('\n');
        break;
      case 'bytes': {
        const line = lines[at] ?? '';
        const cut = line.length ? op.at % line.length : 0;
        lines[at] = line.slice(0, cut) + Buffer.from(op.bytes).toString('latin1') + line.slice(cut);
        break;
      }
    }
  }
  return lines.join('\n');
}

/** Every verdict must be a bank or `file:line: message` problems pointing into the file. */
function checkVerdict(file: string, text: string, reply: ParseReply | 'timeout'): ParseReply & { ok: true } {
  if (reply === 'timeout') throw new Error(`parsing did not finish within ${CASE_BUDGET_MS} ms`);
  if (!reply.ok) throw new Error(`the parser threw: ${reply.error}`);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const p of reply.problems) {
    assert.equal(p.file, file);
    assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines, `line ${p.line} of ${lines}`);
    assert.ok(p.message.trim().length > 0, 'a message');
    assert.match(p.formatted, /^[^\n]+:\d+: \S/);
  }
  assert.ok(reply.problems.length > 0 || reply.ids.length > 0, 'either a bank or problems');
  return reply;
}

test('given markdown bank files, generated, corrupted, binary or huge, when the bank is parsed, then the result is a valid bank or a file:line problem list, never a throw or a hang', async (t) => {
  const parser = new TimeBoxedParser();
  t.after(() => parser.close());
  const parse = (req: ParseRequest) => parser.parse(req, CASE_BUDGET_MS);
  const params = (runs: number, offset: number) => ({
    numRuns: runs,
    seed: SEED + offset,
    endOnFailure: true,
  });
  let slowest = 0;
  const track = (r: ParseReply | 'timeout') => {
    if (r !== 'timeout') slowest = Math.max(slowest, r.ms);
    return r;
  };

  await t.test('when the files are well-formed, then every question is accepted with its id', async () => {
    await fc.assert(
      fc.asyncProperty(bankFileArb, async ({ ids, text }) => {
        count('bank files (well-formed)');
        const reply = checkVerdict(
          'gen.md',
          text,
          track(await parse({ kind: 'text', file: 'gen.md', text })),
        );
        assert.deepEqual(reply.problems, [], 'no problems');
        assert.deepEqual(reply.ids, ids);
      }),
      params(size(60, 600), 1),
    );
  });

  await t.test('when lines are deleted, duplicated, swapped, truncated or filled with junk', async () => {
    await fc.assert(
      fc.asyncProperty(
        bankFileArb,
        fc.array(corruption, { minLength: 1, maxLength: 6 }),
        async (file, ops) => {
          count('bank files (corrupted)');
          const text = corrupt(file.text, ops);
          checkVerdict('bad.md', text, track(await parse({ kind: 'text', file: 'bad.md', text })));
        },
      ),
      params(size(150, 2000), 2),
    );
  });

  await t.test(
    "when one question's id, topics or difficulty line is deleted, then exactly that problem is reported at that question's heading, and no bank is handed out",
    async () => {
      const FIELDS = {
        id: /^missing id: /,
        topics: /^missing topics: /,
        difficulty: /^missing difficulty: /,
      } as const;
      await fc.assert(
        fc.asyncProperty(
          bankFileArb,
          fc.nat(),
          fc.constantFrom(...(Object.keys(FIELDS) as (keyof typeof FIELDS)[])),
          async (file, pick, field) => {
            count('bank files (one line deleted)');
            // The oracle reads the generated text line by line, not through the parser.
            const lines = file.text.split('\n');
            const headings = lines.flatMap((l, i) => (l.startsWith('## ') ? [i] : []));
            const k = pick % headings.length;
            const from = headings[k] as number;
            const to = headings[k + 1] ?? lines.length;
            const target = lines.findIndex((l, i) => i > from && i < to && l.startsWith(`- ${field}:`));
            assert.ok(target > from, 'the generated question has the line');
            lines.splice(target, 1);
            const text = lines.join('\n');
            const reply = checkVerdict(
              'one.md',
              text,
              track(await parse({ kind: 'text', file: 'one.md', text })),
            );
            assert.deepEqual(reply.ids, [], 'no bank with a problem in it');
            assert.equal(reply.problems.length, 1, JSON.stringify(reply.problems));
            assert.equal(reply.problems[0]?.line, from + 1, "the question's heading line");
            assert.match(reply.problems[0]?.message ?? '', FIELDS[field]);
          },
        ),
        params(size(60, 600), 5),
      );
    },
  );

  await t.test('when a file is binary junk or arbitrary unicode', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 8192 }).map((b) => Buffer.from(b).toString('utf8')),
          fc.uint8Array({ maxLength: 8192 }).map((b) => Buffer.from(b).toString('latin1')),
          fc.string({ unit: 'binary', maxLength: 4000 }),
        ),
        async (text) => {
          count('bank files (binary/unicode)');
          checkVerdict('junk.md', text, track(await parse({ kind: 'text', file: 'junk.md', text })));
        },
      ),
      params(size(80, 800), 3),
    );
  });

  await t.test('when a file is 5 MB, then it is refused quickly with a size problem', async () => {
    count('bank files (5 MB)');
    const one = readFileSync(join(ROOT, 'questions', '03-formats.md'), 'utf8');
    const text = one.repeat(Math.ceil((5 * 1024 * 1024) / one.length));
    const reply = checkVerdict('huge.md', text, track(await parse({ kind: 'text', file: 'huge.md', text })));
    assert.match(reply.problems[0]!.message, /characters; bank files must stay under/);
  });

  await t.test(
    'when a folder mixes valid, truncated, binary, empty, duplicate, unreadable and 5 MB files',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bank-bad-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const src = (name: string) => join(ROOT, 'questions', name);
      copyFileSync(src('03-formats.md'), join(dir, 'a-valid.md'));
      copyFileSync(src('03-formats.md'), join(dir, 'b-duplicate-ids.md'));
      const deep = readFileSync(src('05-deep-learning.md'), 'utf8');
      // Cut just inside the last question's key points: it has no answer any more.
      writeFileSync(join(dir, 'c-truncated.md'), deep.slice(0, deep.lastIndexOf('### Key points') + 24));
      const rng = seeded(SEED);
      writeFileSync(
        join(dir, 'd-binary.md'),
        Buffer.from(Array.from({ length: 65536 }, () => Math.floor(rng() * 256))),
      );
      writeFileSync(join(dir, 'e-empty.md'), '');
      writeFileSync(join(dir, 'f-huge.md'), deep.repeat(Math.ceil((5 * 1024 * 1024) / deep.length)));
      symlinkSync(join(dir, 'does-not-exist'), join(dir, 'g-dangling.md'));
      writeFileSync(
        join(dir, 'h-crlf-bom.md'),
        `\uFEFF${readFileSync(src('10-ethics.md'), 'utf8').replace(/\n/g, '\r\n')}`,
      );
      mkdirSync(join(dir, 'i-folder.md'));
      copyTopics(dir);
      count('bank folders (mixed broken files)');
      const reply = track(await parse({ kind: 'dir', dir }));
      assert.ok(reply !== 'timeout' && reply.ok, JSON.stringify(reply));
      assert.deepEqual(reply.ids, [], 'a bank with problems is never handed out');
      const text = reply.problems.map((p) => p.formatted).join('\n');
      for (const p of reply.problems) assert.match(p.formatted, /^[^\n]+\.md:\d+: \S/);
      assert.match(text, /b-duplicate-ids\.md:\d+: duplicate id "[^"]+": already used at .*a-valid\.md:\d+/);
      assert.match(text, /f-huge\.md:1: file has \d+ characters/);
      assert.match(text, /g-dangling\.md:1: cannot read the file \(ENOENT\)/);
      assert.match(text, /e-empty\.md:1: no questions found/);
      assert.match(text, /c-truncated\.md:\d+: missing answer/);
      assert.doesNotMatch(text, /h-crlf-bom\.md/, 'CRLF and a BOM are fine');
    },
  );

  for (const [name, text] of [
    ['64 kB of nested blockquote markers', '>'.repeat(64_000)],
    ['64 kB of alternating emphasis markers', '*_'.repeat(32_000)],
  ] as const) {
    await t.test(
      `when a file holds ${name} (far under the 2 MB cap), then it is still answered within ${CASE_BUDGET_MS / 1000} s (BUG-6: the markdown parser is super-linear)`,
      async () => {
        count('bank files (pathological markdown)');
        checkVerdict('deep.md', text, await parse({ kind: 'text', file: 'deep.md', text }));
      },
    );
  }
  figures('bad-input-bank', { slowestCaseMs: Math.round(slowest) });
});

// -------------------------------------------------------------------------------------------------
// The environment

const VALID_ENV = {
  DISCORD_TOKEN: 'reliability-valid-looking-token-000000',
  DISCORD_API_URL: 'http://127.0.0.1:1/api',
  DATABASE_URL: 'sqlite://data/x.sqlite',
  QUESTIONS_DIR: 'questions',
  DEV_GUILD_ID: '100000000000000001',
  LOG_LEVEL: 'warn',
};
const BAD_VALUES: Record<keyof typeof VALID_ENV, string[]> = {
  DISCORD_TOKEN: ['"quoted.token-0123456789"', 'token with spaces 0123456789', "tok'en"],
  DISCORD_API_URL: [
    'discord.com/api',
    'ftp://discord.com/api',
    'javascript:alert(1)',
    'http://',
    'not a url',
  ],
  DATABASE_URL: [
    'mysql://u@h/db',
    'sqlite:',
    'sqlite://',
    'file:bot.sqlite',
    'redis://u:p@h/0',
    'postgres:/h/db',
    'data/bot.sqlite',
  ],
  QUESTIONS_DIR: [],
  DEV_GUILD_ID: ['123', 'abc', '1'.repeat(21), '-100000000000000001', '10000000000000000.5', '<#1>'],
  LOG_LEVEL: ['verbose', 'INFO', 'warning', '1', ' info '],
};

test('given malformed environment values, when parseConfig reads them, then it never throws and the message names every bad variable', async (t) => {
  await t.test('then each known bad value is refused by name', () => {
    for (const [name, values] of Object.entries(BAD_VALUES)) {
      for (const value of values) {
        count('env values');
        const result = parseConfig({ ...VALID_ENV, [name]: value });
        assert.equal(result.ok, false, `${name}=${JSON.stringify(value)} was accepted`);
        if (!result.ok) {
          assert.match(result.message, new RegExp(`^  ${name}: `, 'm'));
          const named = [...result.message.matchAll(/^ {2}([A-Z_]+): /gm)].map((m) => m[1]);
          assert.deepEqual(named, [name], 'only the bad variable is named');
        }
      }
    }
  });
  await t.test(
    'then any environment at all gives a config or a message, with only valid values passed on',
    () => {
      const value = fc.option(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.constantFrom(...Object.values(BAD_VALUES).flat(), ...Object.values(VALID_ENV)),
        ),
        { nil: undefined },
      );
      fc.assert(
        fc.property(
          fc.record(
            {
              DISCORD_TOKEN: value,
              DISCORD_API_URL: value,
              DATABASE_URL: value,
              QUESTIONS_DIR: value,
              DEV_GUILD_ID: value,
              LOG_LEVEL: value,
            },
            { requiredKeys: [] },
          ),
          fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
          (known, extra) => {
            count('env records');
            const result = parseConfig({ ...extra, ...known });
            if (result.ok) {
              const c = result.config;
              assert.match(c.apiUrl, /^https?:\/\//);
              assert.match(c.databaseUrl, /^(sqlite|postgres|postgresql):\/\/.+/i);
              assert.ok(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(c.logLevel));
              assert.ok(c.devGuildId === undefined || /^\d{17,20}$/.test(c.devGuildId));
              assert.ok(c.token === undefined || /^\S+$/.test(c.token), 'a token without spaces');
            } else {
              assert.match(result.message, /^Invalid configuration:\n/);
              const named = [...result.message.matchAll(/^ {2}([A-Z_]+): /gm)].map((m) => m[1]!);
              assert.ok(named.length > 0);
              for (const n of named) assert.ok(n in VALID_ENV, `names ${n}`);
            }
          },
        ),
        { numRuns: size(500, 5000), seed: SEED },
      );
    },
  );
});

test('given npm start with a bad environment, when the process starts, then it exits 1 with a message naming the variable', async (t) => {
  const emu = await startEmulator({ token: 'reliability-right-token-0123456789' });
  const dir = mkdtempSync(join(tmpdir(), 'bot-env-'));
  t.after(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const good = {
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    DATABASE_URL: `sqlite://${join(dir, 'bot.sqlite')}`,
    QUESTIONS_DIR: join(ROOT, 'questions'),
    LOG_LEVEL: 'warn',
  };
  const cases: {
    name: string;
    env: Record<string, string>;
    expect: RegExp;
    budgetMs?: number;
  }[] = [
    { name: 'no DISCORD_TOKEN', env: { ...good, DISCORD_TOKEN: '' }, expect: /DISCORD_TOKEN is not set/ },
    {
      name: 'a quoted DISCORD_TOKEN',
      env: { ...good, DISCORD_TOKEN: '"reliability-token-0123456789"' },
      expect: /DISCORD_TOKEN: /,
    },
    { name: 'LOG_LEVEL=verbose', env: { ...good, LOG_LEVEL: 'verbose' }, expect: /LOG_LEVEL: / },
    {
      name: 'an ftp DISCORD_API_URL',
      env: { ...good, DISCORD_API_URL: 'ftp://x/api' },
      expect: /DISCORD_API_URL: /,
    },
    {
      name: 'a redis DATABASE_URL',
      env: { ...good, DATABASE_URL: 'redis://u@h/0' },
      expect: /DATABASE_URL: must be sqlite:\/\/<path> or postgresql:\/\//,
    },
    {
      // The password is never printed.
      name: 'a PostgreSQL DATABASE_URL nothing listens on',
      env: { ...good, DATABASE_URL: 'postgresql://bot:secret-pw@127.0.0.1:1/bot' },
      expect:
        /DATABASE_URL=postgresql:\/\/bot:\*\*\*@127\.0\.0\.1:1\/bot: connection refused at 127\.0\.0\.1:1/,
    },
    { name: 'DEV_GUILD_ID=12', env: { ...good, DEV_GUILD_ID: '12' }, expect: /DEV_GUILD_ID: / },
    {
      name: 'a DISCORD_TOKEN Discord rejects',
      env: { ...good, DISCORD_TOKEN: 'reliability-wrong-token-0123456789' },
      expect: /Discord rejected DISCORD_TOKEN/,
    },
    {
      name: 'a QUESTIONS_DIR that does not exist',
      env: { ...good, QUESTIONS_DIR: join(dir, 'no-such-folder') },
      expect: /QUESTIONS_DIR/,
    },
    {
      name: 'a DATABASE_URL below a regular file',
      env: { ...good, DATABASE_URL: 'sqlite:///etc/passwd/bot.sqlite' },
      expect: /DATABASE_URL/,
    },
    // A DISCORD_API_URL nothing listens on is retried, not fatal: test/run.test.ts.
    {
      name: 'a HEALTH_PORT out of range',
      env: { ...good, HEALTH_PORT: '70000' },
      expect: /HEALTH_PORT/,
    },
    {
      name: 'a DATABASE_URL inside /proc',
      env: { ...good, DATABASE_URL: 'sqlite:///proc/reliability/bot.sqlite' },
      expect: /DATABASE_URL/,
      budgetMs: 8000,
    },
  ];
  const runCase = async (c: (typeof cases)[number]) => {
    const bot = spawnBot(c.env);
    const budget = c.budgetMs ?? 20_000;
    const timer = setTimeout(() => bot.child.kill('SIGKILL'), budget);
    const exit = await bot.exited;
    clearTimeout(timer);
    count('npm start environments');
    return { exit, output: bot.output() };
  };
  // Two at a time: each is a node process loading TypeScript.
  const results = new Map<string, Awaited<ReturnType<typeof runCase>>>();
  const queue = [...cases];
  await Promise.all(
    [0, 1].map(async () => {
      for (let c = queue.shift(); c; c = queue.shift()) results.set(c.name, await runCase(c));
    }),
  );
  for (const c of cases) {
    const { exit, output } = results.get(c.name)!;
    await t.test(`when ${c.name}, then it exits 1 naming it`, () => {
      assert.equal(exit.signal, null, `still running after ${(c.budgetMs ?? 20_000) / 1000} s`);
      assert.equal(exit.code, 1, output);
      assert.match(output, c.expect);
      assert.doesNotMatch(output, /secret-pw/, 'no password');
      assert.doesNotMatch(output, /\n\s+at .*\(.*:\d+:\d+\)/, 'no stack trace');
    });
  }
});

// -------------------------------------------------------------------------------------------------
// Interactions

const EPHEMERAL_TEXT = (r: EmuResponse) => {
  assert.equal(r.ephemeral, true, `ephemeral: ${JSON.stringify(r.data)}`);
  return String(r.data?.content ?? '');
};

async function publicQuestion(h: Harness, user: ReturnType<Harness['user']>): Promise<EmuMessage> {
  const posted = await h.emu
    .slash({ user, name: 'question', options: { id: 'dicom-basics' } })
    .firstResponse();
  return posted.message!;
}

test('given tampered or unknown custom_ids, when users click or submit them, then each gets a clear ephemeral reply and the bot never crashes or pings', async (t) => {
  const h = await build(t);
  const alice = h.user('alice');
  const mallory = h.user('mallory');
  const run = await answerFlow(h.emu, alice, 'dicom-basics', answerText(`${alice.id}-1`));
  const aliceBefore = await h.store.keyv.get(keys.user(h.guildId, alice.id));
  const board = await publicQuestion(h, mallory);
  const junk = (n: number) => {
    const rng = seeded(SEED + n);
    return Array.from({ length: 100 }, () => String.fromCharCode(33 + Math.floor(rng() * 94))).join('');
  };
  const table: { id: string; expect: RegExp }[] = [
    { id: `grade:${run.buttons.answerId}:n`, expect: /no longer stored/ },
    { id: 'grade:x:z', expect: /grade button is not valid/ },
    { id: 'grade::n', expect: /grade button is not valid/ },
    { id: 'grade', expect: /grade button is not valid/ },
    { id: 'answer:../../etc', expect: /not made by this bot/ },
    { id: 'show:../../etc/passwd', expect: /not made by this bot/ },
    { id: 'answer:', expect: /no question/ },
    { id: 'show:@everyone', expect: /not made by this bot/ },
    { id: 'show:not-in-the-bank', expect: /no question `not-in-the-bank`/ },
    { id: `grade:${'x'.repeat(5000)}:n`, expect: /not made by this bot/ },
    { id: 'lb:points:all:NaN', expect: /page button is not valid/ },
    { id: 'lb:points:all:99999999999999999999', expect: /page button is not valid/ },
    { id: 'lb:hax:all:0', expect: /Choose `by` from/ },
    { id: 'lb:points:forever:0', expect: /Choose `by` from/ },
    { id: `forget:${alice.id}`, expect: /isn't yours/ },
    { id: junk(1), expect: /not made by this bot|older version/ },
    { id: 'no-such-handler:1', expect: /older version/ },
    { id: `${junk(2).slice(0, 60)}:${junk(3).slice(0, 39)}`, expect: /not made by this bot|older version/ },
  ];
  for (const { id, expect } of table) {
    await t.test(
      `when mallory clicks ${JSON.stringify(id.slice(0, 40))} on a public message, then the reply is ephemeral and clear`,
      async () => {
        count('tampered custom_ids');
        const first = await h.emu.click({ user: mallory, message: board, customId: id }).firstResponse();
        assert.match(EPHEMERAL_TEXT(first), expect);
        assert.ok(EPHEMERAL_TEXT(first).length <= 2000, 'the reply stays within Discord limits');
      },
    );
  }
  await t.test(
    'when tampered modal submits arrive, then each is refused ephemerally and nothing is stored for them',
    async () => {
      for (const [customId, fields, expect] of [
        ['answer:../../etc', { text: answerText('m-1') }, /not made by this bot/],
        ['answer:removed-question', { text: answerText('m-2') }, /no question `removed-question`/],
        ['answer', { text: answerText('m-3') }, /no question/],
        [junk(4), { text: answerText('m-4') }, /not made by this bot|older version/],
        ['answer:what-is-medical-imaging', { wrong: answerText('m-5') }, /went wrong|text/i],
      ] as const) {
        count('tampered modal submits');
        const first = await h.emu
          .submitModal({ user: mallory, customId, fields: { ...fields } })
          .firstResponse();
        assert.match(EPHEMERAL_TEXT(first), expect);
      }
      assert.equal(await h.store.keyv.get(keys.user(h.guildId, mallory.id)), undefined);
    },
  );
  await t.test("then alice's record and the public message are unchanged", async () => {
    assert.deepEqual(await h.store.keyv.get(keys.user(h.guildId, alice.id)), aliceBefore);
    const now = h.emu.messages().find((m) => m.id === board.id)!;
    assert.deepEqual(now.embeds, board.embeds);
  });
  await t.test('then random custom_ids never take the generic failure path', async () => {
    const handlers = ['grade', 'answer', 'show', 'lb', 'forget', 'forget-cancel', 'x', ''];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...handlers),
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }),
        async (handler, args) => {
          const customId = [handler, ...args].join(':').slice(0, 100) || 'x';
          count('random custom_ids');
          const message = await publicQuestion(h, mallory);
          const first = await h.emu.click({ user: mallory, message, customId }).firstResponse();
          assert.ok(first.latencyMs < 3000);
          if (first.callbackType === 4 || first.callbackType === 5) {
            assert.doesNotMatch(EPHEMERAL_TEXT(first), /went wrong on our side/, customId);
          }
        },
      ),
      { numRuns: size(40, 400), seed: SEED },
    );
  });
  await t.test('then the bot still serves and no payload broke a Discord rule', async () => {
    const help = await h.emu.slash({ user: mallory, name: 'help' }).firstResponse();
    assert.match(EPHEMERAL_TEXT(help), /How this bot helps/);
    assert.deepEqual(h.emu.violations, []);
  });
});

test('given a question removed from the bank after users practised it, when its old buttons, grades and stats are used, then replies say so clearly', async (t) => {
  const h = await build(t);
  const alice = h.user('alice');
  const old = await answerFlow(h.emu, alice, 'dicom-basics', answerText(`${alice.id}-old`));
  const graded = await answerFlow(h.emu, alice, 'ct-hounsfield-units', answerText(`${alice.id}-graded`));
  await h.emu
    .click({ user: alice, message: graded.buttons.message, customId: graded.buttons.ids.n })
    .settled();
  const posted = await publicQuestion(h, alice);
  // Restart on the same store with both questions gone from the bank.
  const full = await realBank();
  const questions = full.questions.filter((q) => q.id !== 'dicom-basics' && q.id !== 'ct-hounsfield-units');
  const bank: Bank = { questions, byId: new Map(questions.map((q) => [q.id, q])), topics: full.topics };
  await h.bot.stop();
  h.bot = await startBot({
    token: h.emu.token,
    apiUrl: h.emu.apiUrl,
    bank,
    store: createStore(h.store),
    logger: createLogger('silent'),
    clock: h.clock,
  });
  const cases: [string, () => Promise<EmuResponse>, RegExp][] = [
    [
      'Answer on the old post',
      () => h.emu.click({ user: alice, message: posted, customId: 'answer:dicom-basics' }).firstResponse(),
      /no question `dicom-basics`.*removed/,
    ],
    [
      'Show answer on the old post',
      () => h.emu.click({ user: alice, message: posted, customId: 'show:dicom-basics' }).firstResponse(),
      /no question `dicom-basics`/,
    ],
    [
      'a modal submitted after the removal',
      () =>
        h.emu
          .submitModal({ user: alice, customId: 'answer:dicom-basics', fields: { text: answerText('late') } })
          .firstResponse(),
      /no question `dicom-basics`/,
    ],
    [
      'the grade of an answer to it',
      () =>
        h.emu
          .click({ user: alice, message: old.buttons.message, customId: old.buttons.ids.p })
          .firstResponse(),
      /no question `dicom-basics`/,
    ],
    [
      '/question id:dicom-basics',
      () => h.emu.slash({ user: alice, name: 'question', options: { id: 'dicom-basics' } }).firstResponse(),
      /no question with id `dicom-basics`/,
    ],
  ];
  for (const [what, act, expect] of cases) {
    await t.test(`when alice uses ${what}, then the ephemeral reply says the question is gone`, async () => {
      count('removed-question interactions');
      assert.match(EPHEMERAL_TEXT(await act()), expect);
    });
  }
  await t.test(
    'when alice asks for her next question and her stats, then both work despite progress on removed questions',
    async () => {
      count('removed-question interactions', 2);
      const next = await h.emu.slash({ user: alice, name: 'question' }).firstResponse();
      assert.equal(next.callbackType, 4);
      assert.ok(!JSON.stringify(next.data).includes('ct-hounsfield-units'));
      // /stats defers, then edits in the picture: wait for the edit, not for a quiet moment.
      const stats = await finalResponses(h.emu.slash({ user: alice, name: 'stats' }));
      assert.match(JSON.stringify(stats.at(-1)?.data.embeds), /Answers/, JSON.stringify(stats));
    },
  );
  await t.test('then no payload broke a Discord rule', () => assert.deepEqual(h.emu.violations, []));
});

test('given options out of range, when commands run with them, then each gets a clear ephemeral reply', async (t) => {
  const h = await build(t);
  const user = h.user('options');
  const admin = h.user('admin', { admin: true });
  const long = 'x'.repeat(300);
  const cases: {
    what: string;
    user: typeof user;
    name: string;
    subcommand?: string;
    options: Record<string, string>;
    expect: RegExp;
  }[] = [
    {
      what: 'difficulty:impossible',
      user,
      name: 'question',
      options: { difficulty: 'impossible' },
      expect: /Difficulty must be one of/,
    },
    {
      what: '300-char topic',
      user,
      name: 'question',
      options: { topic: long },
      expect: /Unknown topic `x{50}`\./,
    },
    {
      what: '300-char id',
      user,
      name: 'question',
      options: { id: long },
      expect: /no question with id `x{60}`\./,
    },
    {
      what: 'id with markdown and mentions',
      user,
      name: 'question',
      options: { id: '`@everyone` **<@&1>**' },
      expect: /no question with id/,
    },
    {
      what: 'leaderboard by:karma',
      user,
      name: 'leaderboard',
      options: { by: 'karma' },
      expect: /Choose `by` from/,
    },
    {
      what: 'leaderboard period:century',
      user,
      name: 'leaderboard',
      options: { period: 'century' },
      expect: /Choose `by` from/,
    },
    {
      what: 'daily set time:25:61',
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: '100000000000000011', time: '25:61', timezone: 'UTC' },
      expect: /is not a time/,
    },
    {
      what: 'daily set time:9',
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: '100000000000000011', time: '9', timezone: 'UTC' },
      expect: /is not a time/,
    },
    {
      what: 'daily set timezone:../../etc/localtime',
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: '100000000000000011', time: '09:00', timezone: '../../etc/localtime' },
      expect: /is not an IANA timezone/,
    },
    {
      what: 'daily set timezone of 300 chars',
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: '100000000000000011', time: '09:00', timezone: long },
      expect: /is not an IANA timezone/,
    },
  ];
  for (const c of cases) {
    await t.test(`when ${c.what}, then the reply is ephemeral and says what is valid`, async () => {
      count('out-of-range options');
      const first = await h.emu
        .slash({
          user: c.user,
          name: c.name,
          ...(c.subcommand ? { subcommand: c.subcommand } : {}),
          options: c.options,
        })
        .firstResponse();
      const text = EPHEMERAL_TEXT(first);
      assert.match(text, c.expect);
      assert.ok(text.length < 2000);
    });
  }
  await t.test('then nothing was stored by the refused commands', async () => {
    assert.deepEqual(
      (await rawRows(h.store)).map((r) => r.key).filter((k) => k.startsWith('g:')),
      [],
    );
    assert.deepEqual(h.emu.violations, []);
  });
});

test('given answer texts with mentions, markdown injection, odd unicode or bad lengths, when submitted, then each is stored verbatim or refused clearly, and nothing can ping', async (t) => {
  const h = await build(t);
  const user = h.user('hostile');
  const base = 'DICOM stores images with metadata in a patient, study, series and instance hierarchy.';
  const texts: { what: string; text: string; expect: 'saved' | RegExp }[] = [
    { what: '@everyone and @here', text: `@everyone @here ${base}`, expect: 'saved' },
    {
      what: 'user, role and channel mentions',
      text: `<@${user.id}> <@!${user.id}> <@&100000000000000020> <#100000000000000010> ${base}`,
      expect: 'saved',
    },
    {
      what: 'markdown that tries to leave the quote',
      text: `${base}\n# Fake heading\n\n**bold** ||spoiler|| [link](https://evil.example) \`\`\`js\nalert(1)\n\`\`\`\n> nested quote\n-# subtext`,
      expect: 'saved',
    },
    {
      what: 'control characters and RTL override',
      text: `${base} \u0000\u0007\u001b[31m \u202Egnp.exe`,
      expect: 'saved',
    },
    { what: 'emoji and combining marks', text: `${base} 🧠🩻 Z̸̢̛̛a̵l̸g̶o̷`.repeat(3), expect: 'saved' },
    {
      what: 'exactly 4000 characters',
      text: `${base} ${'x'.repeat(4000 - base.length - 1)}`,
      expect: 'saved',
    },
    { what: '4001 characters', text: 'y'.repeat(4001), expect: /limited to 4000 characters/ },
    { what: '2000 emoji (4000 UTF-16 units)', text: '🩻'.repeat(2000), expect: 'saved' },
    { what: '19 characters', text: 'nineteen characters', expect: /at least 20/ },
    { what: 'only whitespace', text: ' \n\t '.repeat(30), expect: /only 0 characters/ },
  ];
  for (const c of texts) {
    await t.test(
      `when the answer has ${c.what}, then ${c.expect === 'saved' ? 'it is saved verbatim and the feedback cannot ping' : 'it is refused clearly'}`,
      async () => {
        count('hostile answer texts');
        const submit = h.emu.submitModal({ user, customId: 'answer:dicom-basics', fields: { text: c.text } });
        const responses = await submit.settled(200);
        assert.ok(responses.length > 0);
        for (const r of responses) assert.equal(r.ephemeral, true);
        if (c.expect === 'saved') {
          const saved = responses.find((r) =>
            (r.data?.embeds as { title?: string }[] | undefined)?.[0]?.title?.startsWith('Saved.'),
          );
          assert.ok(saved, JSON.stringify(responses.map((r) => r.data?.content)));
          const quoted = String(saved.data.embeds[0].description);
          for (const line of quoted.split('\n'))
            assert.match(line, /^> /, 'every line stays inside the quote');
          assert.doesNotMatch(quoted, /@(everyone|here)|<@[!&]?\d|<#\d/, 'mentions are neutralised');
          const user2 = (await h.bot.ctx.practice.getUser(h.guildId, user.id))!;
          const stored = await h.bot.store.answers.get(h.guildId, user.id, user2.answerIds.at(-1)!);
          assert.equal(stored?.text, c.text.trim(), 'stored verbatim');
        } else {
          assert.match(String(responses[0]!.data.content), c.expect);
        }
      },
    );
  }
  await t.test('then no payload could ping or broke a Discord rule', () =>
    assert.deepEqual(h.emu.violations, []),
  );
});

after(() =>
  figures('bad-input', { inputsTried, total: Object.values(inputsTried).reduce((a, b) => a + b, 0) }),
);
