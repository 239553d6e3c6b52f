// CPU time of a process (user + system, ms) from /proc/<pid>/stat; undefined where /proc is missing.
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

export function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which is in parentheses and may contain spaces).
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    return (utime + stime) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** Busy and total CPU time of the whole machine (all cores, ms) from /proc/stat. */
export function machineCpu(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
  } catch {
    return undefined;
  }
}

export interface LoadReport {
  /** Average busy cores of the whole machine. */
  busyCores: number;
  /** Of which this process and the given ones. */
  ourCores: number;
  otherCores: number;
  text: string;
}

/** Measures how busy the machine is from now to stop(), and how much of it is us (this + pids). */
export function loadMeter(pids: number[] = []): { stop(): LoadReport | undefined } {
  const m0 = machineCpu();
  const self0 = process.cpuUsage();
  const start = new Map(pids.map((pid) => [pid, cpuMs(pid) ?? 0]));
  const t0 = Date.now();
  return {
    stop() {
      const m1 = machineCpu();
      if (!m0 || !m1) return undefined;
      const wall = Math.max(1, Date.now() - t0);
      const self = process.cpuUsage(self0);
      let ours = (self.user + self.system) / 1000;
      for (const pid of pids) ours += (cpuMs(pid) ?? 0) - (start.get(pid) ?? 0);
      const busyCores = (m1.busy - m0.busy) / wall;
      const ourCores = ours / wall;
      const otherCores = Math.max(0, busyCores - ourCores);
      return {
        busyCores,
        ourCores,
        otherCores,
        text: `machine CPU busy ${busyCores.toFixed(2)} cores on average: ${ourCores.toFixed(2)} this benchmark, ${otherCores.toFixed(2)} other processes`,
      };
    },
  };
}
