import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../src/config.ts';

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
    logLevel: 'info',
    healthPort: undefined,
    healthHost: '127.0.0.1',
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
