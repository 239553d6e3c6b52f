import os from 'node:os';

export function machine() {
  return {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    totalMemoryMB: Math.round(os.totalmem() / 1024 / 1024),
  };
}
