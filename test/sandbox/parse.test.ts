import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commands } from '../../commands/index.ts';
import { parseSandboxArgs, wantsColour } from '../../tools/sandbox/cli.ts';
import {
  type Directory,
  parseAction,
  parseDuration,
  parseSlash,
  toCommandDefs,
} from '../../tools/sandbox/parse.ts';

// The same JSON the bot registers with the emulator.
const defs = toCommandDefs(JSON.parse(JSON.stringify(commands.map((c) => c.data))));
const dir: Directory = {
  channels: [
    { id: '100000000000000010', name: 'general' },
    { id: '100000000000000011', name: 'daily' },
  ],
  roles: [{ id: '100000000000000020', name: 'Study group' }],
  users: [{ id: '200000000000000001', name: 'alice' }],
};

function ok(line: string) {
  const r = parseSlash(line, defs, dir);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.value;
}

function error(line: string): string {
  const r = parseSlash(line, defs, dir);
  assert.ok(!r.ok, `expected ${line} to be refused`);
  assert.doesNotMatch(r.error, /\n/, 'errors are one line');
  return r.error;
}

describe('parseSlash', () => {
  it('given /daily set with a channel mention, a time with a colon and a timezone when parsed then options are typed', () => {
    assert.deepEqual(ok('/daily set channel:#general time:09:00 timezone:Europe/Berlin'), {
      name: 'daily',
      subcommand: 'set',
      options: { channel: '100000000000000010', time: '09:00', timezone: 'Europe/Berlin' },
    });
  });

  it('given a role name with a space and a boolean when parsed then the value runs to the next option', () => {
    const call = ok('/daily set channel:daily time:18:30 timezone:UTC role:@Study group thread:yes');
    assert.equal(call.options.role, '100000000000000020');
    assert.equal(call.options.thread, true);
    assert.equal(
      ok('/daily set channel:<#100000000000000011> time:1:00 timezone:UTC role:study GROUP').options.role,
      '100000000000000020',
    );
  });

  it('given a choice written by its display name or value when parsed then the value is sent', () => {
    assert.deepEqual(ok('/leaderboard period:this week by:streak').options, { period: 'week', by: 'streak' });
    assert.deepEqual(ok('/leaderboard period:MONTH').options, { period: 'month' });
  });

  it('given no options, quoted values and user mentions when parsed then they are accepted', () => {
    assert.deepEqual(ok('/question'), { name: 'question', options: {} });
    assert.deepEqual(ok('/question topic:"dicom"').options, { topic: 'dicom' });
    assert.deepEqual(ok('/stats user:@Alice').options, { user: '200000000000000001' });
    assert.deepEqual(ok('stats user:<@200000000000000001>').options, { user: '200000000000000001' });
  });

  it('given mistakes when parsed then each gets a one-line reason instead of a crash', () => {
    assert.match(error('/nope'), /unknown command "\/nope"; commands: \/question/);
    assert.match(error('/question foo:bar'), /has no option "foo"; options: topic, id, difficulty/);
    assert.match(error('/question dicom'), /unexpected "dicom": write options as name:value/);
    assert.match(error('/question difficulty:impossible'), /difficulty must be one of easy, medium, hard/);
    assert.match(error('/question topic:a topic:b'), /given twice/);
    assert.match(error('/question topic:'), /needs a value/);
    assert.match(error('/daily'), /needs a subcommand: set, off, status, preview/);
    assert.match(error('/daily sett'), /no subcommand "sett"/);
    assert.match(
      error('/daily set channel:#general'),
      /needs time, timezone, e\.g\. \/daily set time:\.\.\. timezone:\.\.\./,
    );
    assert.match(
      error('/daily set channel:#nowhere time:09:00 timezone:UTC'),
      /unknown channel "#nowhere"; channels: #general, #daily/,
    );
    assert.match(error('/daily set channel:#daily time:09:00 timezone:UTC thread:maybe'), /true or false/);
    assert.match(error('/stats user:@bob'), /unknown user "@bob"/);
    assert.match(error('/help please:now'), /takes no options/);
  });
});

describe('parseAction', () => {
  it('given the sandbox commands when parsed then each becomes its action', () => {
    assert.deepEqual(parseAction('2'), { kind: 'press', target: 2 });
    assert.deepEqual(parseAction(':press 12'), { kind: 'press', target: 12 });
    assert.deepEqual(parseAction(':press Nailed it'), { kind: 'press', target: 'Nailed it' });
    assert.deepEqual(parseAction('/as Bob admin'), { kind: 'as', name: 'bob', admin: true });
    assert.deepEqual(parseAction('/as alice'), { kind: 'as', name: 'alice', admin: false });
    assert.deepEqual(parseAction(':time'), { kind: 'time' });
    assert.deepEqual(parseAction(':time +1d'), { kind: 'time', deltaMs: 86_400_000 });
    assert.deepEqual(parseAction('  '), { kind: 'empty' });
    assert.deepEqual(parseAction(':q'), { kind: 'quit' });
    assert.deepEqual(parseAction(':dm'), { kind: 'dm' });
    assert.deepEqual(parseAction(':elsewhere'), { kind: 'elsewhere' });
    assert.deepEqual(parseAction(':help'), { kind: 'help' });
    assert.deepEqual(parseAction('/question topic:dicom'), { kind: 'slash', line: '/question topic:dicom' });
  });

  it('given something that is not a command when parsed then the error says what to type', () => {
    assert.equal(parseAction('hello').kind, 'error');
    assert.equal(parseAction(':frobnicate').kind, 'error');
    assert.equal(parseAction('/as bob boss').kind, 'error');
    assert.equal(parseAction(':press').kind, 'error');
  });
});

describe('parseDuration', () => {
  it('given units and combinations when parsed then they add up', () => {
    assert.deepEqual(parseDuration('+2h'), { ok: true, value: 7_200_000 });
    assert.deepEqual(parseDuration('1d12h'), { ok: true, value: 129_600_000 });
    assert.deepEqual(parseDuration('+1w'), { ok: true, value: 604_800_000 });
    assert.deepEqual(parseDuration('+90m'), { ok: true, value: 5_400_000 });
  });

  it('given a backwards, zero or malformed duration when parsed then it is refused', () => {
    assert.match((parseDuration('-1d') as { error: string }).error, /only moves forward/);
    assert.equal(parseDuration('+0h').ok, false);
    assert.equal(parseDuration('+1 day').ok, false);
    assert.equal(parseDuration('tomorrow').ok, false);
  });
});

describe('sandbox arguments', () => {
  it('given no flags when parsed then the default store is used', () => {
    assert.deepEqual(parseSandboxArgs([], true, {}), {
      db: 'data/sandbox.sqlite',
      fresh: false,
      colour: true,
      help: false,
    });
    assert.deepEqual(parseSandboxArgs(['--db', 'x.sqlite', '--fresh'], false, {}), {
      db: 'x.sqlite',
      fresh: true,
      colour: false,
      help: false,
    });
    assert.ok('error' in parseSandboxArgs(['--nope'], true, {}));
  });

  it('given NO_COLOR, a pipe, TERM=dumb or --no-color when deciding then there is no colour', () => {
    assert.equal(wantsColour(true, {}, true), true);
    assert.equal(wantsColour(true, { NO_COLOR: '1' }, true), false);
    assert.equal(wantsColour(false, {}, true), false);
    assert.equal(wantsColour(undefined, {}, true), false);
    assert.equal(wantsColour(true, { TERM: 'dumb' }, true), false);
    assert.equal(wantsColour(true, {}, false), false);
  });
});
