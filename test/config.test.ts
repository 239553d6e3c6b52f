import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig, parseShardList } from '../src/config.ts';

test('given an empty environment, then defaults apply and the token is absent', () => {
  const result = parseConfig({});
  assert.ok(result.ok);
  assert.deepEqual(result.config, {
    token: undefined,
    apiUrl: 'https://discord.com/api',
    databaseUrl: 'sqlite://data/bot.sqlite',
    pgPoolSize: 10,
    questionsDir: 'questions',
    devGuildId: undefined,
    ownerIds: [],
    watchQuestions: true,
    logLevel: 'info',
    healthPort: undefined,
    healthHost: '127.0.0.1',
    sharding: { mode: 'single' },
  });
});

test('given HEALTH_PORT, then it must be a port number', () => {
  const good = parseConfig({ HEALTH_PORT: '8080' });
  assert.ok(good.ok && good.config.healthPort === 8080);
  for (const bad of ['0', '65536', 'eighty', '80.5', '-1']) {
    const result = parseConfig({ HEALTH_PORT: bad });
    assert.ok(!result.ok);
    assert.match(result.message, /HEALTH_PORT: must be a port number/);
  }
});

test('given empty strings from .env, then they count as unset', () => {
  const result = parseConfig({ DISCORD_TOKEN: '', DEV_GUILD_ID: ' ', LOG_LEVEL: '' });
  assert.ok(result.ok);
  assert.equal(result.config.devGuildId, undefined);
  assert.equal(result.config.logLevel, 'info');
});

test('given bad values, then every bad variable is named with what to fix, and the token value is not echoed', () => {
  const result = parseConfig({
    DISCORD_TOKEN: '"tok3n"',
    DISCORD_API_URL: 'ftp://x',
    DATABASE_URL: 'mysql://db',
    DEV_GUILD_ID: 'abc',
    LOG_LEVEL: 'loud',
  });
  assert.ok(!result.ok);
  for (const name of ['DISCORD_TOKEN', 'DISCORD_API_URL', 'DATABASE_URL', 'DEV_GUILD_ID', 'LOG_LEVEL']) {
    assert.match(result.message, new RegExp(`${name}:`));
  }
  assert.doesNotMatch(result.message, /tok3n/);
  assert.match(result.message, /\.env/);
});

test('given an API URL with a trailing slash, then it is normalised', () => {
  const result = parseConfig({ DISCORD_API_URL: 'http://127.0.0.1:9999/api/' });
  assert.ok(result.ok);
  assert.equal(result.config.apiUrl, 'http://127.0.0.1:9999/api');
});

test('given no SHARD_COUNT, then the bot runs as one process with every server', () => {
  const result = parseConfig({});
  assert.ok(result.ok);
  assert.deepEqual(result.config.sharding, { mode: 'single' });
});

test('given SHARD_COUNT and SHARDS on PostgreSQL, then this machine supervises those shards', () => {
  const pg = 'postgresql://bot:pw@db/bot';
  const all = parseConfig({ DATABASE_URL: pg, SHARD_COUNT: 'auto' });
  assert.ok(all.ok && all.config.sharding.mode === 'supervisor');
  assert.deepEqual(all.config.sharding, { mode: 'supervisor', count: 'auto', ids: undefined });
  const some = parseConfig({ DATABASE_URL: pg, SHARD_COUNT: '8', SHARDS: '0-2, 5,7' });
  assert.ok(some.ok);
  assert.deepEqual(some.config.sharding, { mode: 'supervisor', count: 8, ids: [0, 1, 2, 5, 7] });
});

test('given shard settings that cannot work, then each is refused naming the variable', () => {
  const pg = 'postgresql://bot:pw@db/bot';
  const cases: [Record<string, string>, RegExp][] = [
    [{ SHARD_COUNT: '4' }, /SHARD_COUNT: shards run as separate processes, which need a shared PostgreSQL/],
    [{ DATABASE_URL: pg, SHARDS: '0-1' }, /SHARDS: needs SHARD_COUNT/],
    [
      { DATABASE_URL: pg, SHARD_COUNT: '4', SHARDS: '3-4' },
      /SHARDS: every shard id must be below SHARD_COUNT \(4\)/,
    ],
    [{ DATABASE_URL: pg, SHARD_COUNT: '0' }, /SHARD_COUNT: must be auto or a whole number/],
    [{ DATABASE_URL: pg, SHARD_COUNT: 'many' }, /SHARD_COUNT: must be auto or a whole number/],
    [{ DATABASE_URL: pg, SHARD_COUNT: '4', SHARDS: '2-1' }, /SHARDS: must list shard ids/],
    [{ DATABASE_URL: pg, SHARD_COUNT: '4', SHARDS: 'a' }, /SHARDS: must list shard ids/],
  ];
  for (const [env, expected] of cases) {
    const result = parseConfig(env);
    assert.ok(!result.ok, JSON.stringify(env));
    assert.match(result.message, expected);
  }
});

test('given the variables discord.js gives a shard process, then it runs that shard', () => {
  const result = parseConfig({
    DATABASE_URL: 'postgresql://bot:pw@db/bot',
    SHARDING_MANAGER: 'true',
    SHARDS: '2',
    SHARD_COUNT: '4',
  });
  assert.ok(result.ok);
  assert.deepEqual(result.config.sharding, { mode: 'shard', ids: [2], count: 4 });
  assert.deepEqual(parseShardList('[3]'), [3]);
});
