// shards: the bot grown past one process. 10,000 servers (one channel each) over SHARD_COUNT=4, run
// as two machines' worth of `npm start` (SHARDS=0-1 and SHARDS=2-3, the compiled bot with npm
// start's node flags, one process per shard) on one PostgreSQL, against the emulator enforcing
// Discord's 50 requests/s per bot token. Every server's question of the day is due the same minute,
// one that comes after the processes started (their cron tasks fire together, as on any day).
// Measured: posts/s of the whole fan-out as a fraction of 50/s (target ≥ 0.9), 429s (target 0),
// duplicates and missing posts (must be 0), and the memory of each shard process holding 2,500
// servers after the fan-out (RSS), next to the supervisor's.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import { createStore } from '../../src/store/store.ts';
import { startEmulator } from '../../tools/emulator/index.ts';
import { shardedGuilds } from '../../tools/fixtures/guilds.ts';
import { dueNow, minuteAfter, rssMB, seedSchedules, shardPids } from '../../tools/fixtures/shards.ts';
import { postgresDatabase } from '../lib/postgres.ts';
import { type Figure, fig, type Suite } from '../lib/report.ts';
import { compileToTemp, START_NODE_FLAGS } from '../lib/spawn.ts';
import { round, sleep } from '../lib/stats.ts';

const LIMIT = 50;
const COUNT = 4;

function supervisor(root: string, env: Record<string, string>): { proc: ChildProcess; output: () => string } {
  const proc = spawn(process.execPath, [...START_NODE_FLAGS, join(root, 'src', 'main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  proc.stderr?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  return { proc, output: () => out };
}

export const shards: Suite = {
  name: 'shards',
  description: '10,000 daily posts over 4 shard processes on PostgreSQL: posts/s vs 50/s, 429s, memory',
  async run(ctx) {
    const servers = ctx.quick ? 2000 : 10_000;
    const dir = mkdtempSync(join(tmpdir(), 'bench-shards-'));
    const figures: Figure[] = [];
    const notes: string[] = [];
    if (!compileToTemp(join(dir, 'dist'))) throw new Error('could not compile the bot with tsc');
    const root = join(dir, 'dist');
    const specs = shardedGuilds(servers, { firstId: 700000000000000001n, name: 'daily' });
    const channels = specs.map((g) => g.channels[0]!.id);
    const emu = await startEmulator({
      guilds: specs,
      globalRateLimit: LIMIT,
      maxConcurrency: 16,
      firstResponseDeadlineMs: 60_000,
    });
    const databaseUrl = await postgresDatabase();
    // Due at a minute the four processes are all running by, as on any day: their cron tasks
    // fire together (a start with posts already due would stagger them by the start-up times).
    const slot = minuteAfter(new Date(), 45_000);
    const { timeZone, time } = dueNow(slot);
    ctx.log(`shards: ${servers} schedules at ${time} ${timeZone} (${slot.toISOString()})`);
    {
      const kv = await openStore(databaseUrl, { poolSize: 8 });
      const store = createStore(kv);
      await seedSchedules(store, specs, { time, timeZone });
      await kv.close();
    }
    const env = {
      DISCORD_TOKEN: emu.token,
      DISCORD_API_URL: emu.apiUrl,
      DATABASE_URL: databaseUrl,
      QUESTIONS_DIR: join(process.cwd(), 'questions'),
      LOG_LEVEL: 'warn',
      SHARD_COUNT: String(COUNT),
      PG_POOL_SIZE: '4',
    };
    const machines = [
      supervisor(root, { ...env, SHARDS: '0-1' }),
      supervisor(root, { ...env, SHARDS: '2-3' }),
    ];
    try {
      const posts = () =>
        emu.requests.filter(
          (r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && r.status < 300,
        );
      const deadline = slot.getTime() + servers * 40 + 120_000;
      let shown = 0;
      while (new Set(posts().map((r) => r.path)).size < servers) {
        if (Date.now() > deadline) break;
        for (const m of machines)
          if (m.proc.exitCode !== null) throw new Error(`a supervisor exited:\n${m.output()}`);
        const n = posts().length;
        if (n - shown >= 2000) {
          ctx.log(`shards: ${n} posts`);
          shown = n;
        }
        await sleep(500);
      }
      const sent = posts();
      const first = sent[0]?.at ?? 0;
      const last = sent.at(-1)?.at ?? 0;
      const seconds = (last - first) / 1000;
      const posted = new Set(sent.map((r) => r.path)).size;
      const rate = posted / seconds;
      const perChannel = new Map<string, number>();
      for (const m of emu.messages()) perChannel.set(m.channel_id, (perChannel.get(m.channel_id) ?? 0) + 1);
      const duplicates = channels.reduce((a, ch) => a + Math.max(0, (perChannel.get(ch) ?? 0) - 1), 0);
      const limited = emu.requests.filter((r) => r.status === 429);
      const rateLimited = limited.length;
      const limitedRoutes = new Map<string, number>();
      for (const r of limited) {
        const route = `${r.method} ${r.path.replace(/\d{15,}/g, ':id')}`;
        limitedRoutes.set(route, (limitedRoutes.get(route) ?? 0) + 1);
      }
      // The most requests Discord's global limit counted in any one second (arrival times here).
      const counted = emu.requests
        .filter((r) => !/^\/(interactions|webhooks)\//.test(r.path))
        .map((r) => r.at)
        .sort((x, y) => x - y);
      let busiest = 0;
      for (let lo = 0, hi = 0; hi < counted.length; hi++) {
        while (counted[hi]! - counted[lo]! >= 1000) lo++;
        busiest = Math.max(busiest, hi - lo + 1);
      }
      const routes = new Map<string, number>();
      for (const r of emu.requests) {
        const route = `${r.method} ${r.path.replace(/\d{15,}/g, ':id').replace(/\/[\w-]{20,}/g, '/:token')}`;
        routes.set(route, (routes.get(route) ?? 0) + 1);
      }

      // Memory after the fan-out, each shard process holding its 2,500 servers.
      await sleep(2000);
      const pids = machines.flatMap((m) => [...shardPids(m.proc.pid!).entries()]).sort(([a], [b]) => a - b);
      const shardRss = pids.map(([, pid]) => rssMB(pid) ?? Number.NaN);
      const supervisorRss = machines.map((m) => rssMB(m.proc.pid!) ?? Number.NaN);

      figures.push(
        fig({
          name: `posts/s of ${posted} posts over ${COUNT} shard processes`,
          value: round(rate, 1),
          unit: '/s',
          baseline: LIMIT,
          baselineLabel: 'limit',
          target: '≥ 0.9 × 50/s',
          met: rate / LIMIT >= 0.9,
        }),
        fig({ name: 'fan-out time', value: round(seconds, 1), unit: 's' }),
        fig({
          name: 'requests answered 429',
          value: rateLimited,
          unit: '',
          target: '0',
          met: rateLimited === 0,
        }),
        fig({
          name: 'most requests in one second (sliding)',
          value: busiest,
          unit: '',
          target: '≤ 50',
          met: busiest <= 50,
        }),
        fig({ name: 'duplicate posts', value: duplicates, unit: '', target: '0', met: duplicates === 0 }),
        fig({
          name: 'channels without a post',
          value: servers - posted,
          unit: '',
          target: '0',
          met: servers === posted,
        }),
        fig({
          name: `RSS per shard process (${servers / COUNT} servers), max`,
          value: round(Math.max(...shardRss), 1),
          unit: 'MB',
        }),
        fig({
          name: 'RSS per shard process, mean',
          value: round(shardRss.reduce((a, b) => a + b, 0) / shardRss.length, 1),
          unit: 'MB',
        }),
        fig({ name: 'RSS per supervisor, max', value: round(Math.max(...supervisorRss), 1), unit: 'MB' }),
      );
      notes.push(
        `${servers} servers × 1 channel, SHARD_COUNT=${COUNT} as SHARDS=0-1 and SHARDS=2-3 (two supervisors, ${pids.length} shard processes), the compiled bot with npm start's node flags (${START_NODE_FLAGS.join(' ') || 'none'}), PostgreSQL 15 (Debian, default settings) on this machine, PG_POOL_SIZE=4`,
        "posts/s = distinct channels posted / (last post − first post), over the emulator's request log; each process sends every request that counts against the global limit at its share (46/s × its shards / the shard count, src/discord/client.ts)",
        `shard RSS (MB) by shard id: ${shardRss.map((v) => round(v, 1)).join(', ')}`,
      );
      notes.push(`requests by route: ${JSON.stringify(Object.fromEntries(routes))}`);
      if (rateLimited) notes.push(`429s by route: ${JSON.stringify(Object.fromEntries(limitedRoutes))}`);
      const warnings = machines
        .map((m) => m.output())
        .join('')
        .split('\n')
        .filter((l) => /"level":(40|50|60)/.test(l));
      if (warnings.length) notes.push(`${warnings.length} warnings/errors logged, first: ${warnings[0]}`);
      if (emu.violations.length) notes.push(`${emu.violations.length} Discord-rule violations recorded`);
    } finally {
      for (const m of machines) m.proc.kill('SIGTERM');
      await Promise.all(
        machines.map((m) =>
          m.proc.exitCode === null ? new Promise((resolve) => m.proc.once('exit', resolve)) : undefined,
        ),
      );
      await emu.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return { figures, notes };
  },
};
