// Starts bench/lib/child.ts in its own process (`node --import tsx`) and talks to it over IPC.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ChildMemory, ChildToParent, ParentToChild } from './child.ts';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'child.ts');
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ChildOptions {
  mode: 'bot' | 'pong' | 'floor' | 'idle';
  apiUrl: string;
  token: string;
  /** The bot's store: a SQLite file (default ':memory:') or a postgresql:// URL. */
  db?: string;
  questionsDir?: string;
  /** The bot's pino log (JSON lines), to count warnings afterwards. */
  logFile?: string;
  logLevel?: string;
  /** Directory for `node --cpu-prof` output (profiling runs only). */
  cpuProfDir?: string;
  readyTimeoutMs?: number;
  /** `--expose-gc`, so memory() can collect garbage before measuring (memory suite only: with it,
   * V8 profiles label native calls "custom_gc"). */
  exposeGc?: boolean;
  /** Run a compiled copy (see compileToTemp) with plain node instead of the TypeScript via tsx. */
  compiledRoot?: string;
  /** Node flags instead of START_NODE_FLAGS (the ones `npm start` uses). */
  nodeFlags?: readonly string[];
}

/**
 * The node flags of `npm start` (package.json scripts.start, e.g. `--max-semi-space-size=4`), so
 * every child runs with the V8 settings the real bot runs with.
 */
export const START_NODE_FLAGS: readonly string[] = (() => {
  // For experiments: BENCH_NODE_FLAGS="--max-semi-space-size=16" npm run bench -- interaction
  const override = process.env.BENCH_NODE_FLAGS;
  if (override !== undefined) return override.split(/\s+/).filter((w) => w !== '');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  // `exec node --flag ... script.js`: the flags are the words between `node` and the script.
  const words = (pkg.scripts?.start ?? '')
    .replace(/^exec\s+/, '')
    .split(/\s+/)
    .slice(1);
  const script = words.findIndex((w) => !w.startsWith('--'));
  return script < 0 ? words : words.slice(0, script);
})();

export interface RunningChild {
  proc: ChildProcess;
  /** Parent clock: from spawn() to the 'ready' message. */
  spawnToReadyMs: number;
  /** Child clock: from its process start (time origin) to ready. */
  sinceStartMs: number;
  readyMemory: ChildMemory;
  guilds: number;
  memory(gc?: boolean): Promise<ChildMemory>;
  /** Starts the V8 CPU profiler in the child; the returned function stops it and writes `file`. */
  profile(file: string): () => Promise<void>;
  stop(): Promise<void>;
}

export async function startChild(o: ChildOptions): Promise<RunningChild> {
  const nodeArgs = [
    ...(o.nodeFlags ?? START_NODE_FLAGS),
    ...(o.exposeGc ? ['--expose-gc'] : []),
    ...(o.compiledRoot ? [] : ['--import', 'tsx']),
  ];
  if (o.cpuProfDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`);
  const script = o.compiledRoot ? join(o.compiledRoot, 'bench', 'lib', 'child.js') : CHILD;
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      BENCH_MODE: o.mode,
      BENCH_API_URL: o.apiUrl,
      BENCH_TOKEN: o.token,
      BENCH_DB: o.db ?? ':memory:',
      BENCH_QUESTIONS: o.questionsDir ?? 'questions',
      BENCH_LOG_FILE: o.logFile ?? '',
      BENCH_LOG_LEVEL: o.logLevel ?? 'info',
    },
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const ready = await new Promise<Extract<ChildToParent, { type: 'ready' }>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${o.mode} child not ready within ${o.readyTimeoutMs ?? 60_000} ms`)),
      o.readyTimeoutMs ?? 60_000,
    );
    proc.on('message', (msg: ChildToParent) => {
      if (msg.type === 'ready') {
        clearTimeout(timer);
        resolve(msg);
      } else if (msg.type === 'error') {
        clearTimeout(timer);
        reject(new Error(`${o.mode} child failed: ${msg.message}`));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${o.mode} child exited with ${code} before ready`));
    });
  });
  const spawnToReadyMs = performance.now() - t0;
  const request = (msg: ParentToChild) => proc.send(msg);
  return {
    proc,
    spawnToReadyMs,
    sinceStartMs: ready.sinceStartMs,
    readyMemory: ready.memory,
    guilds: ready.guilds,
    memory(gc = true) {
      return new Promise((resolve) => {
        const on = (msg: ChildToParent) => {
          if (msg.type !== 'memory') return;
          proc.off('message', on);
          resolve(msg.memory);
        };
        proc.on('message', on);
        request({ type: 'memory', gc });
      });
    },
    profile(file) {
      request({ type: 'profile-start' });
      return () =>
        new Promise<void>((resolve) => {
          const on = (msg: ChildToParent) => {
            if (msg.type !== 'profiled') return;
            proc.off('message', on);
            resolve();
          };
          proc.on('message', on);
          request({ type: 'profile-stop', file });
        });
    },
    async stop() {
      if (proc.exitCode !== null) return;
      request({ type: 'stop' });
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Compiles the project with its own tsc into `dir` (outside the repository) so it can run with plain
 * node, as `npm run build` would; returns false when tsc emitted nothing.
 */
export function compileToTemp(dir: string): boolean {
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  // Type errors elsewhere in the tree do not stop tsc from emitting.
  spawnSync(tsc, ['-p', join(ROOT, 'tsconfig.json'), '--outDir', dir], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(join(dir, 'bench', 'lib', 'child.js'))) return false;
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return true;
}
