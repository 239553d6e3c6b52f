// The layer boundaries are enforced by Biome (biome.json `overrides`, rule noRestrictedImports):
// given the project's own config, a planted import across each boundary fails lint, and the
// allowed imports next to them pass.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { tempDir } from './helpers/flows.ts';

const run = promisify(execFile);
const BIOME = resolve('node_modules/.bin/biome');

const PLANTED: Record<string, string> = {
  'src/core/planted.ts': "import { Client } from 'discord.js';\nexport { Client };\n",
  'src/app/planted.ts': "import { keys } from '../store/keys.ts';\nexport { keys };\n",
  'src/daily/planted.ts': "import Keyv from 'keyv';\nexport { Keyv };\n",
  'src/bank/planted.ts':
    "import { PracticeService } from '../app/practice.ts';\nexport { PracticeService };\n",
  'src/store/planted.ts': "import { Client } from 'discord.js';\nexport { Client };\n",
  'src/discord/planted.ts': "import sqlite3 from 'sqlite3';\nexport { sqlite3 };\n",
  'src/discord/planted-pg.ts': "import pg from 'pg';\nexport { pg };\n",
  'src/planted.ts': "import { REST } from 'discord.js';\nexport { REST };\n",
  'src/tools-planted.ts':
    "import { startEmulator } from '../tools/emulator/index.ts';\nexport { startEmulator };\n",
  'commands/planted-store.ts': "import { openStore } from '../src/store/open.ts';\nexport { openStore };\n",
  'commands/planted-embed.ts': "import { EmbedBuilder } from 'discord.js';\nexport { EmbedBuilder };\n",
};

const ALLOWED: Record<string, string> = {
  'src/core/allowed.ts':
    "import { DateTime } from 'luxon';\nimport { createHash } from 'node:crypto';\nimport { localDay } from './time.ts';\nexport { DateTime, createHash, localDay };\n",
  'src/app/allowed.ts':
    "import type { Store } from '../store/ports.ts';\nimport type { UserRecord } from '../core/model.ts';\nimport { setImmediate } from 'node:timers/promises';\nexport type { Store, UserRecord };\nexport { setImmediate };\n",
  'src/discord/allowed.ts':
    "import { Client } from 'discord.js';\nimport type { Store } from '../store/ports.ts';\nexport { Client };\nexport type { Store };\n",
  'commands/allowed.ts':
    "import { MessageFlags } from 'discord.js';\nimport { helpReply } from '../src/discord/views/help.ts';\nexport { MessageFlags, helpReply };\n",
};

interface Diagnostic {
  category: string;
  location: { path: string };
}

test('given a file importing across each layer boundary, when linted with the project config, then exactly those files fail', async (t) => {
  const dir = tempDir(t, 'boundaries-');
  copyFileSync('biome.json', join(dir, 'biome.json'));
  for (const [file, text] of Object.entries({ ...PLANTED, ...ALLOWED })) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const outcome = await run(BIOME, ['lint', '--reporter=json', '--only=style/noRestrictedImports', '.'], {
    cwd: dir,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  assert.notEqual(outcome.code, 0, 'lint fails');
  const report = JSON.parse(outcome.stdout) as { diagnostics: Diagnostic[] };
  const failing = new Set(
    report.diagnostics
      .filter((d) => d.category === 'lint/style/noRestrictedImports')
      .map((d) => d.location.path.replaceAll('\\', '/')),
  );
  assert.deepEqual([...failing].sort(), Object.keys(PLANTED).sort());
});

test('given the real tree, when linted, then no boundary is crossed', async () => {
  const { stdout } = await run(BIOME, ['lint', '--reporter=json', '--only=style/noRestrictedImports', '.']);
  assert.deepEqual((JSON.parse(stdout) as { diagnostics: Diagnostic[] }).diagnostics, []);
});
