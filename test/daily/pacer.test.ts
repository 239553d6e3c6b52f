import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RequestPacer } from '../../src/daily/pacer.ts';

/** A pacer on a fake clock: sleeping moves the clock forward by the time slept. */
function fakePacer(perSecond: number) {
  let clock = 0;
  const pacer = new RequestPacer(
    perSecond,
    () => clock,
    async (ms) => {
      clock += ms;
    },
  );
  return {
    pacer,
    advance: (ms: number) => {
      clock += ms;
    },
    now: () => clock,
  };
}

async function slotTimes(perSecond: number, count: number): Promise<number[]> {
  const { pacer, now } = fakePacer(perSecond);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    await pacer.slot();
    times.push(now());
  }
  return times;
}

describe('RequestPacer', () => {
  test('given callers one after another, when they take slots, then consecutive slots are 1/rate apart', async () => {
    const times = await slotTimes(48, 100);
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 1000 / 48 - 1e-9);
  });

  test('given many slots, when any one-second window is counted, then it never holds more than the rate', async () => {
    const times = await slotTimes(48, 500);
    // The window Discord (and the emulator) count: the second up to and including each request.
    for (const end of times) {
      const inWindow = times.filter((t) => t > end - 1000 && t <= end).length;
      assert.ok(inWindow <= 48, `${inWindow} requests in the second up to ${end}`);
    }
  });

  test('given callers waiting at the same time, when their slots come, then they are handed out in call order and spaced', async () => {
    const { pacer, now } = fakePacer(50);
    const released: [number, number][] = [];
    await Promise.all([0, 1, 2].map((i) => pacer.slot().then(() => released.push([i, now()]))));
    assert.deepEqual(
      released.map(([i, t]) => [i, Math.round(t)]),
      [
        [0, 0],
        [1, 20],
        [2, 40],
      ],
    );
  });

  test('given a timer that fires late (a busy event loop), when the next slot comes, then it is still a full interval after the late one', async () => {
    let clock = 0;
    let late = 15;
    const pacer = new RequestPacer(
      50,
      () => clock,
      async (ms) => {
        clock += ms + late;
        late = 0;
      },
    );
    const times: number[] = [];
    await Promise.all([0, 1, 2].map(() => pacer.slot().then(() => times.push(clock))));
    assert.deepEqual(
      times.map((t) => Math.round(t)),
      [0, 35, 55],
    );
  });

  test('given a pause longer than the interval, when the next caller comes, then it goes at once', async () => {
    const { pacer, advance, now } = fakePacer(10);
    await pacer.slot();
    advance(5000);
    const before = now();
    await pacer.slot();
    assert.equal(now(), before);
  });
});
