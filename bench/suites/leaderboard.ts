import type { Suite } from '../lib/report.ts';

export const leaderboard: Suite = {
  name: 'leaderboard',
  description: 'TODO',
  async run() {
    return { figures: [], notes: [] };
  },
};
