import type { Suite } from '../lib/report.ts';

export const startup: Suite = {
  name: 'startup',
  description: 'TODO',
  async run() {
    return { figures: [], notes: [] };
  },
};
