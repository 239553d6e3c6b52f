import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Settings } from 'luxon';
import {
  cronExpression,
  type DailySchedule,
  type Decision,
  decide,
  localTimeToInstant,
  nextSlot,
  nonceFor,
  type PostRecord,
  parseTime,
  slotFor,
} from '../../src/core/daily-schedule.ts';
import { canonicalTimeZone, isValidTimeZone } from '../../src/core/time.ts';

const MIN = 60_000;

function sched(time: string, timeZone: string, extra: Partial<DailySchedule> = {}): DailySchedule {
  return { guildId: 'g1', channelId: 'c1', time, timeZone, enabled: true, ...extra };
}

function rec(localDate: string, state: PostRecord['state'], at = '2026-01-01T00:00:00.000Z'): PostRecord {
  return { localDate, questionId: 'q1', state, nonce: nonceFor('g1', 'c1', localDate), at };
}

const utc = (iso: string) => new Date(iso);

function assertWait(d: Decision, untilIso: string): void {
  assert.equal(d.action, 'wait', JSON.stringify(d));
  if (d.action === 'wait') assert.equal(d.until.toISOString(), new Date(untilIso).toISOString());
}

/**
 * Calls decide once a minute over [fromIso, toIso); whenever it says post, the post is recorded as
 * 'sent' at once. Returns every post decision (localDate and the instant).
 */
function simulate(
  schedule: DailySchedule,
  fromIso: string,
  toIso: string,
  start?: PostRecord,
): { localDate: string; at: string }[] {
  let last = start;
  const posts: { localDate: string; at: string }[] = [];
  for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += MIN) {
    const now = new Date(t);
    const d = decide(schedule, last, now);
    if (d.action === 'post') {
      posts.push({ localDate: d.localDate, at: now.toISOString() });
      last = { ...rec(d.localDate, 'sent', now.toISOString()), messageId: `m${t}` };
    } else if (d.action === 'wait') {
      assert.ok(
        d.until.getTime() > t,
        `wait until ${d.until.toISOString()} is not after ${now.toISOString()}`,
      );
    }
  }
  return posts;
}

describe('parseTime / isValidTimeZone', () => {
  it('given well-formed HH:MM when parsed then hour and minute are returned', () => {
    assert.deepEqual(parseTime('00:00'), { hour: 0, minute: 0 });
    assert.deepEqual(parseTime('09:05'), { hour: 9, minute: 5 });
    assert.deepEqual(parseTime('23:59'), { hour: 23, minute: 59 });
  });

  it('given malformed or out-of-range times when parsed then undefined', () => {
    for (const bad of [
      '24:00',
      '9:00',
      '12:60',
      '12:5',
      ' 12:00',
      '12:00 ',
      '12:00:00',
      '',
      '1200',
      '12.00',
      '-1:00',
      '０９:００',
    ]) {
      assert.equal(parseTime(bad), undefined, bad);
    }
  });

  it('given IANA names when validated then accepted; offsets, abbreviations and unknown names rejected', () => {
    for (const ok of [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'America/Argentina/Buenos_Aires',
      'Etc/GMT+2',
      'Asia/Kolkata',
    ]) {
      assert.equal(isValidTimeZone(ok), true, ok);
    }
    for (const bad of [
      '+02:00',
      'UTC+2',
      'CET',
      'EST',
      'EST5EDT',
      'GMT',
      'Z',
      '',
      'Foo/Bar',
      'Europe/Berlin ',
      'Mars/Olympus',
    ]) {
      assert.equal(isValidTimeZone(bad), false, bad);
    }
  });

  it('given a lower-case zone name when canonicalised then the properly cased name is returned', () => {
    assert.equal(canonicalTimeZone('europe/berlin'), 'Europe/Berlin');
    assert.equal(canonicalTimeZone('CET'), undefined);
  });

  it('given a bad time or zone when computing a slot then RangeError; when deciding then skip', () => {
    assert.throws(() => slotFor(sched('25:00', 'UTC'), '2026-06-01'), RangeError);
    assert.throws(() => slotFor(sched('09:00', '+02:00'), '2026-06-01'), RangeError);
    assert.throws(() => slotFor(sched('09:00', 'UTC'), '2026-02-30'), RangeError);
    assert.throws(() => cronExpression(sched('9:00', 'UTC')), RangeError);
    assert.equal(decide(sched('9:00', 'UTC'), undefined, utc('2026-06-01T12:00Z')).action, 'skip');
    assert.equal(decide(sched('09:00', 'CET'), undefined, utc('2026-06-01T12:00Z')).action, 'skip');
  });
});

describe('decide on an ordinary day', () => {
  const s = sched('09:00', 'Europe/Berlin'); // CEST in June: 09:00 = 07:00Z

  it('given no record when the slot has passed then post for today', () => {
    assert.deepEqual(decide(s, undefined, utc('2026-06-10T07:00:30Z')), {
      action: 'post',
      localDate: '2026-06-10',
    });
    assert.deepEqual(decide(s, rec('2026-06-09', 'sent'), utc('2026-06-10T07:00:00Z')), {
      action: 'post',
      localDate: '2026-06-10',
    });
  });

  it('given yesterday was posted when before the slot then wait until the slot', () => {
    assertWait(decide(s, rec('2026-06-09', 'sent'), utc('2026-06-10T06:59:00Z')), '2026-06-10T07:00:00Z');
    assertWait(decide(s, undefined, utc('2026-06-09T22:00:00Z')), '2026-06-10T07:00:00Z'); // 00:00 local
  });

  it('given a sent record for today when deciding then wait for tomorrow’s slot', () => {
    assertWait(decide(s, rec('2026-06-10', 'sent'), utc('2026-06-10T07:01:00Z')), '2026-06-11T07:00:00Z');
    assertWait(decide(s, rec('2026-06-10', 'sent'), utc('2026-06-10T21:59:00Z')), '2026-06-11T07:00:00Z');
  });

  it('given the time was moved later after today’s post when deciding then today is still done', () => {
    const later = sched('18:00', 'Europe/Berlin');
    assertWait(decide(later, rec('2026-06-10', 'sent'), utc('2026-06-10T08:00:00Z')), '2026-06-11T16:00:00Z');
  });

  it('given a sending record for today when deciding then post again with resume (same nonce)', () => {
    const sending = rec('2026-06-10', 'sending', '2026-06-10T07:00:01.000Z');
    const d = decide(s, sending, utc('2026-06-10T07:03:00Z'));
    assert.deepEqual(d, { action: 'post', localDate: '2026-06-10', resume: sending });
    if (d.action === 'post') assert.equal(d.resume?.nonce, nonceFor('g1', 'c1', '2026-06-10'));
  });

  it('given a sending record from a previous day when deciding then it is not resumed', () => {
    assertWait(decide(s, rec('2026-06-09', 'sending'), utc('2026-06-10T05:00:00Z')), '2026-06-10T07:00:00Z');
    assert.deepEqual(decide(s, rec('2026-06-09', 'sending'), utc('2026-06-10T08:00:00Z')), {
      action: 'post',
      localDate: '2026-06-10',
    });
  });

  it('given a failed record for today when deciding then wait for tomorrow (no retry every minute)', () => {
    assertWait(decide(s, rec('2026-06-10', 'failed'), utc('2026-06-10T07:05:00Z')), '2026-06-11T07:00:00Z');
  });

  it('given a record dated after today (zone changed westwards) when deciding then no post for an earlier date', () => {
    const ny = sched('09:00', 'America/New_York');
    // Posted for 2026-06-11 in Tokyo; now it is still 2026-06-10 in New York.
    assertWait(decide(ny, rec('2026-06-11', 'sent'), utc('2026-06-10T20:00:00Z')), '2026-06-12T13:00:00Z');
  });

  it('given a disabled schedule when deciding then skip', () => {
    assert.deepEqual(decide({ ...s, enabled: false }, undefined, utc('2026-06-10T08:00Z')), {
      action: 'skip',
      reason: 'disabled',
    });
  });

  it('given a sweep every minute for a week when simulated then exactly one post per day at 09:00', () => {
    const posts = simulate(s, '2026-06-07T22:00:00Z', '2026-06-14T22:00:00Z');
    assert.deepEqual(
      posts.map((p) => p.at),
      ['08', '09', '10', '11', '12', '13', '14'].map((d) => `2026-06-${d}T07:00:00.000Z`),
    );
  });
});

describe('decide after downtime', () => {
  const s = sched('09:00', 'Europe/Berlin');

  it('given the bot was down across the post time when it comes back the same day then one catch-up post', () => {
    // Last post 2026-06-08; down from 06-09 08:00 local until 06-10 12:00 local.
    const posts = simulate(s, '2026-06-10T10:00:00Z', '2026-06-11T06:00:00Z', rec('2026-06-08', 'sent'));
    assert.deepEqual(posts, [{ localDate: '2026-06-10', at: '2026-06-10T10:00:00.000Z' }]);
  });

  it('given the bot comes back after midnight when the previous day was missed then that day is never posted', () => {
    const posts = simulate(s, '2026-06-09T22:30:00Z', '2026-06-10T07:30:00Z', rec('2026-06-08', 'sent'));
    assert.deepEqual(posts, [{ localDate: '2026-06-10', at: '2026-06-10T07:00:00.000Z' }]);
  });

  it('given a crash between send and record when restarted then the resend reuses the nonce and the day posts once', () => {
    let last: PostRecord | undefined = rec('2026-06-09', 'sent');
    const nonces = new Set<string>();
    let sent = 0;
    for (let t = Date.parse('2026-06-10T06:58:00Z'); t < Date.parse('2026-06-10T07:10:00Z'); t += MIN) {
      const d = decide(s, last, new Date(t));
      if (d.action !== 'post') continue;
      const nonce = d.resume?.nonce ?? nonceFor(s.guildId, s.channelId, d.localDate);
      nonces.add(nonce);
      sent += 1;
      // First attempt: "crash" right after writing 'sending'. The resume completes.
      last = d.resume
        ? { ...d.resume, state: 'sent', messageId: 'm1' }
        : { ...rec(d.localDate, 'sending'), nonce };
    }
    assert.equal(sent, 2);
    assert.deepEqual([...nonces], [nonceFor('g1', 'c1', '2026-06-10')]);
    assert.equal(last?.state, 'sent');
  });
});

describe('slots across daylight-saving changes', () => {
  it('given a time inside the skipped hour when computing the slot then it is the end of the gap', () => {
    // Europe/Berlin 2026-03-29: 02:00 CET → 03:00 CEST at 01:00Z.
    for (const t of ['02:00', '02:30', '02:59']) {
      assert.equal(
        slotFor(sched(t, 'Europe/Berlin'), '2026-03-29').toISOString(),
        '2026-03-29T01:00:00.000Z',
        t,
      );
    }
    assert.equal(
      slotFor(sched('03:00', 'Europe/Berlin'), '2026-03-29').toISOString(),
      '2026-03-29T01:00:00.000Z',
    );
    assert.equal(
      slotFor(sched('01:59', 'Europe/Berlin'), '2026-03-29').toISOString(),
      '2026-03-29T00:59:00.000Z',
    );
    // America/New_York 2026-03-08: 02:00 EST → 03:00 EDT at 07:00Z.
    assert.equal(
      slotFor(sched('02:30', 'America/New_York'), '2026-03-08').toISOString(),
      '2026-03-08T07:00:00.000Z',
    );
    // America/Santiago 2026-09-06: midnight is skipped (00:00 -04 → 01:00 -03 at 04:00Z).
    assert.equal(
      slotFor(sched('00:00', 'America/Santiago'), '2026-09-06').toISOString(),
      '2026-09-06T04:00:00.000Z',
    );
  });

  it('given a time in the repeated hour when computing the slot then it is the first occurrence', () => {
    // Europe/Berlin 2026-10-25: 03:00 CEST → 02:00 CET at 01:00Z; 02:xx happens twice.
    assert.equal(
      slotFor(sched('02:00', 'Europe/Berlin'), '2026-10-25').toISOString(),
      '2026-10-25T00:00:00.000Z',
    );
    assert.equal(
      slotFor(sched('02:30', 'Europe/Berlin'), '2026-10-25').toISOString(),
      '2026-10-25T00:30:00.000Z',
    );
    assert.equal(
      slotFor(sched('02:59', 'Europe/Berlin'), '2026-10-25').toISOString(),
      '2026-10-25T00:59:00.000Z',
    );
    assert.equal(
      slotFor(sched('03:00', 'Europe/Berlin'), '2026-10-25').toISOString(),
      '2026-10-25T02:00:00.000Z',
    );
    // America/New_York 2026-11-01: 02:00 EDT → 01:00 EST at 06:00Z; 01:xx happens twice.
    assert.equal(
      slotFor(sched('01:30', 'America/New_York'), '2026-11-01').toISOString(),
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('given luxon’s clock or the process zone differ when resolving an ambiguous time then the slot is the same', () => {
    const before = Settings.now;
    const tz = process.env.TZ;
    try {
      // Each combination uses another year's change day, so no memoised result is reused.
      const berlin = ['2024-10-27', '2025-10-26', '2026-10-25', '2027-10-31', '2028-10-29', '2029-10-28'];
      const newYork = ['2024-11-03', '2025-11-02', '2026-11-01', '2027-11-07', '2028-11-05', '2029-11-04'];
      let i = 0;
      for (const fake of ['2026-01-15T12:00:00Z', '2026-07-15T12:00:00Z']) {
        for (const procTz of ['UTC', 'Pacific/Auckland', 'America/New_York']) {
          Settings.now = () => Date.parse(fake);
          process.env.TZ = procTz;
          const b = berlin[i] ?? '';
          const n = newYork[i] ?? '';
          i += 1;
          assert.equal(slotFor(sched('02:30', 'Europe/Berlin'), b).toISOString(), `${b}T00:30:00.000Z`);
          assert.equal(slotFor(sched('01:30', 'America/New_York'), n).toISOString(), `${n}T05:30:00.000Z`);
        }
      }
    } finally {
      Settings.now = before;
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('given now exactly at a slot when asking for the next slot then it is the following day’s', () => {
    const s = sched('02:30', 'Europe/Berlin');
    assert.equal(nextSlot(s, utc('2026-03-28T01:30:00Z')).toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(nextSlot(s, utc('2026-03-28T01:29:59Z')).toISOString(), '2026-03-28T01:30:00.000Z');
    assert.equal(nextSlot(s, utc('2026-03-29T01:00:00Z')).toISOString(), '2026-03-30T00:30:00.000Z');
    assert.equal(nextSlot(s, utc('2026-10-25T00:30:00Z')).toISOString(), '2026-10-26T01:30:00.000Z');
  });

  // Each case: zone, change day, schedule time, expected slot on the change day (UTC).
  const cases: [string, string, string, string][] = [
    ['Europe/Berlin', '2026-03-29', '09:00', '2026-03-29T07:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', '01:30', '2026-03-29T00:30:00.000Z'],
    ['Europe/Berlin', '2026-10-25', '09:00', '2026-10-25T08:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['Europe/Berlin', '2026-10-25', '01:30', '2026-10-24T23:30:00.000Z'],
    ['America/New_York', '2026-03-08', '09:00', '2026-03-08T13:00:00.000Z'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '2026-03-08', '01:30', '2026-03-08T06:30:00.000Z'],
    ['America/New_York', '2026-11-01', '09:00', '2026-11-01T14:00:00.000Z'],
    ['America/New_York', '2026-11-01', '02:30', '2026-11-01T07:30:00.000Z'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'],
    // Transitions at local midnight: the skipped midnight, and the repeated hour before midnight.
    ['America/Santiago', '2026-09-06', '00:00', '2026-09-06T04:00:00.000Z'],
    ['America/Santiago', '2026-09-06', '00:30', '2026-09-06T04:00:00.000Z'],
    ['America/Santiago', '2026-04-04', '23:30', '2026-04-05T02:30:00.000Z'],
    ['America/Santiago', '2026-04-05', '00:15', '2026-04-05T04:15:00.000Z'],
  ];

  for (const [tz, day, time, expected] of cases) {
    it(`given a ${time} ${tz} schedule when swept minute by minute over ${day} then exactly one post per local day`, () => {
      const s = sched(time, tz);
      const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const dayAfter = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      // From local midnight of the day before to local midnight two days later.
      const from = localTimeToInstant(dayBefore, 0, 0, tz).toISOString();
      const to = localTimeToInstant(
        new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10),
        0,
        0,
        tz,
      ).toISOString();
      const posts = simulate(s, from, to);
      assert.deepEqual(
        posts.map((p) => p.localDate),
        [dayBefore, day, dayAfter],
        JSON.stringify(posts),
      );
      assert.equal(posts[1]?.at, expected);
      for (const p of posts) assert.equal(p.at, slotFor(s, p.localDate).toISOString());
      // The daily rhythm is kept: no two posts closer than 22 h or further than 26 h apart.
      for (let i = 1; i < posts.length; i++) {
        const gap = Date.parse(posts[i]?.at ?? '') - Date.parse(posts[i - 1]?.at ?? '');
        assert.ok(gap >= 22 * 3_600_000 && gap <= 26 * 3_600_000, `gap ${gap / 3_600_000} h`);
      }
    });
  }
});

describe('cronExpression and nonceFor', () => {
  it('given HH:MM when building the cron expression then minute and hour without padding', () => {
    assert.equal(cronExpression(sched('02:30', 'Europe/Berlin')), '30 2 * * *');
    assert.equal(cronExpression(sched('09:05', 'UTC')), '5 9 * * *');
    assert.equal(cronExpression(sched('00:00', 'UTC')), '0 0 * * *');
  });

  it('given the same inputs when computing the nonce then the same value, ≤ 25 chars, not all digits', () => {
    const a = nonceFor('123456789012345678', '223456789012345678', '2026-06-10');
    assert.equal(a, nonceFor('123456789012345678', '223456789012345678', '2026-06-10'));
    assert.ok(a.length <= 25);
    assert.ok(!/^\d+$/.test(a));
    assert.notEqual(a, nonceFor('123456789012345678', '223456789012345678', '2026-06-11'));
    assert.notEqual(a, nonceFor('123456789012345678', '223456789012345679', '2026-06-10'));
    assert.notEqual(a, nonceFor('123456789012345679', '223456789012345678', '2026-06-10'));
  });

  it('given a known channel and day, then the nonce is "q" and the first 24 hex digits of its SHA-256, as every release computed it (a send interrupted by an upgrade resumes under the same nonce)', () => {
    // printf 'daily\0g1\0c1\0002026-11-27' | sha256sum
    assert.equal(nonceFor('g1', 'c1', '2026-11-27'), 'q1ab07fe9836e2f6ea0dbb5ca');
  });

  it('given any inputs when computing the nonce then it is at most 25 chars and deterministic (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (g, c, d) => {
        const n = nonceFor(g, c, d);
        return n.length <= 25 && n === nonceFor(g, c, d);
      }),
    );
  });
});

describe('daily-schedule input checks and rare zones', () => {
  it('given zone names of every shape, then only IANA Area/Location names and UTC pass', () => {
    const ok = ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+2', 'europe/berlin'];
    const bad = [
      '',
      'EST',
      'GMT',
      '+02:00',
      'UTC+2',
      ' Europe/Berlin',
      'Europe/Berlin ',
      'Europe/',
      `Europe/${'x'.repeat(58)}`,
      'Mars/Olympus',
      42 as unknown as string,
    ];
    for (const tz of ok) assert.equal(isValidTimeZone(tz), true, tz);
    for (const tz of bad) assert.equal(isValidTimeZone(tz), false, String(tz));
  });

  it('given impossible wall-clock times or dates, then localTimeToInstant throws a RangeError naming them', () => {
    for (const [h, m] of [
      [24, 0],
      [-1, 0],
      [0, 60],
      [0, -1],
      [1.5, 0],
      [0, 0.5],
      [Number.NaN, 0],
    ] as const) {
      assert.throws(
        () => localTimeToInstant('2026-11-27', h, m, 'UTC'),
        /invalid wall-clock time/,
        `${h}:${m}`,
      );
    }
    for (const d of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-01',
      '2026-01-00',
      '2026-04-31',
      ' 2026-01-01',
      '2026-01-01 ',
    ]) {
      assert.throws(
        () => localTimeToInstant(d, 9, 0, 'UTC'),
        new RegExp(`invalid local date \\(want yyyy-MM-dd\\): "${d}"`),
      );
    }
    assert.equal(localTimeToInstant('2028-02-29', 9, 0, 'UTC').toISOString(), '2028-02-29T09:00:00.000Z');
  });

  it('given a day that a zone skipped entirely (Samoa, 2011-12-30), then its slot is the instant the zone jumped', () => {
    assert.equal(
      localTimeToInstant('2011-12-30', 12, 0, 'Pacific/Apia').toISOString(),
      '2011-12-30T10:00:00.000Z',
    );
    assert.equal(
      localTimeToInstant('2011-12-29', 12, 0, 'Pacific/Apia').toISOString(),
      '2011-12-29T22:00:00.000Z',
    );
    assert.equal(
      localTimeToInstant('2011-12-31', 12, 0, 'Pacific/Apia').toISOString(),
      '2011-12-30T22:00:00.000Z',
    );
  });

  it('given the repeated hour of a fall-back day, then the first of the two instants is the slot', () => {
    assert.equal(
      localTimeToInstant('2026-10-25', 2, 30, 'Europe/Berlin').toISOString(),
      '2026-10-25T00:30:00.000Z',
    );
    assert.equal(
      localTimeToInstant('2026-11-01', 1, 30, 'America/New_York').toISOString(),
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('given the missing hour of a spring-forward day, then the slot is the transition instant', () => {
    assert.equal(
      localTimeToInstant('2026-03-29', 2, 30, 'Europe/Berlin').toISOString(),
      '2026-03-29T01:00:00.000Z',
    );
    assert.equal(
      localTimeToInstant('2026-03-08', 2, 30, 'America/New_York').toISOString(),
      '2026-03-08T07:00:00.000Z',
    );
  });
});

describe('refusals', () => {
  const berlin = { guildId: 'g', channelId: 'c', time: '09:00', timeZone: 'Europe/Berlin', enabled: true };
  const now = new Date('2026-03-29T12:00:00Z');

  it('given a time that is not text, then it is no time', () => {
    assert.equal(parseTime(900 as unknown as string), undefined);
  });

  it('given an invalid time or zone in a schedule, then decide skips and says which, quoting it', () => {
    assert.deepEqual(decide({ ...berlin, time: '9h' }, undefined, now), {
      action: 'skip',
      reason: 'invalid time "9h"',
    });
    assert.deepEqual(decide({ ...berlin, timeZone: 'Mars/Olympus' }, undefined, now), {
      action: 'skip',
      reason: 'invalid time zone "Mars/Olympus"',
    });
  });

  it('given an invalid zone, time or instant, then the next slot is refused with what is wrong', () => {
    assert.throws(
      () => nextSlot({ ...berlin, timeZone: 'Mars/Olympus' }, now),
      /invalid IANA time zone: "Mars\/Olympus"/,
    );
    assert.throws(() => nextSlot({ ...berlin, time: '25:00' }, now), /invalid time \(want HH:MM\): "25:00"/);
    assert.throws(() => nextSlot(berlin, new Date(Number.NaN)), /invalid Date/);
    assert.throws(() => nextSlot(berlin, 'today' as unknown as Date), /invalid Date/);
  });

  it('given a record whose date is not a date, then it is treated as no record: today is posted', () => {
    const odd = {
      localDate: 'soon',
      questionId: 'q',
      state: 'sent' as const,
      nonce: 'n',
      at: now.toISOString(),
    };
    assert.equal(decide(berlin, odd, now).action, 'post');
  });
});
