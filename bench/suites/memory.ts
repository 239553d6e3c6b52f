import type { Suite } from '../lib/report.ts';

export const memory: Suite = {
  name: 'memory',
  description: 'TODO',
  async run() {
    return { figures: [], notes: [] };
  },
};
