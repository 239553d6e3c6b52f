import { spawnSync } from 'node:child_process';
import os from 'node:os';

export function machine() {
  return {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    totalMemoryMB: Math.round(os.totalmem() / 1024 / 1024),
  };
}

/** The commit measured, and whether the bot's sources (src/, commands/, questions/) had local changes. */
export function codeVersion(): { commit: string; dirty: boolean } {
  const git = (args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout?.trim() ?? '';
  return {
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    dirty: git(['status', '--porcelain', '--', 'src', 'commands', 'questions']).length > 0,
  };
}
