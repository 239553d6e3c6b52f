import type { Suite } from '../lib/report.ts';

export const fanout: Suite = {
  name: 'fanout',
  description: 'TODO',
  async run() {
    return { figures: [], notes: [] };
  },
};
