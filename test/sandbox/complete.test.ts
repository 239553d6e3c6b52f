import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commands } from '../../commands/index.ts';
import { complete } from '../../tools/sandbox/complete.ts';
import { type Directory, toCommandDefs } from '../../tools/sandbox/parse.ts';

const defs = toCommandDefs(JSON.parse(JSON.stringify(commands.map((c) => c.data))));
const dir: Directory = {
  channels: [
    { id: '1', name: 'general' },
    { id: '2', name: 'daily' },
  ],
  roles: [{ id: '3', name: 'Study group' }],
  users: [{ id: '4', name: 'alice' }],
};
const items = (line: string) => {
  const c = complete(line, defs, dir);
  assert.equal(c.kind, 'list');
  return c.kind === 'list' ? c.items : [];
};

describe('complete', () => {
  it('given a partial command name when completed then the registered commands (and /as) are offered', () => {
    assert.deepEqual(items('/q'), ['/question ']);
    assert.deepEqual(items('/'), [
      '/question ',
      '/mock ',
      '/interviewer ',
      '/daily ',
      '/leaderboard ',
      '/stats ',
      '/history ',
      '/settings ',
      '/forget-me ',
      '/help ',
      '/bank ',
      '/as ',
    ]);
    assert.deepEqual(items(':t'), [':time ']);
    assert.equal(items('').length, 12, 'an empty line offers every command');
    assert.deepEqual(items('hello'), []);
  });

  it('given a command with subcommands when completed then subcommands, then unused options are offered', () => {
    assert.deepEqual(items('/daily s'), ['set ', 'status ']);
    assert.deepEqual(items('/daily set channel:#daily '), [
      'time:',
      'timezone:',
      'role:',
      'thread:',
      'source:',
    ]);
    assert.deepEqual(items('/question t'), ['topic:']);
  });

  it('given an option value when completed then channels, roles, booleans and choices are offered', () => {
    assert.deepEqual(items('/daily set channel:#d'), ['channel:#daily ']);
    assert.deepEqual(items('/daily set role:@s'), ['role:@Study group ']);
    assert.deepEqual(items('/daily set thread:'), ['thread:true ', 'thread:false ']);
    assert.deepEqual(items('/question difficulty:h'), ['difficulty:hard ']);
    assert.deepEqual(items('/stats user:'), ['user:@alice ']);
  });

  it('given an option the bot autocompletes when completed then the bot is asked, with the other options', () => {
    assert.deepEqual(complete('/daily set time:09:00 timezone:Europe/Be', defs, dir), {
      kind: 'ask-bot',
      name: 'daily',
      subcommand: 'set',
      options: { time: '09:00' },
      focused: 'timezone',
      typed: 'Europe/Be',
      word: 'timezone:Europe/Be',
    });
  });

  it('given an unknown command when completed then nothing is offered', () => {
    assert.deepEqual(items('/nope x'), []);
  });
});
