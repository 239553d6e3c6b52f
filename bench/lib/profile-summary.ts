// Summarises a V8 .cpuprofile (from `node --cpu-prof` or bench/profile.ts): self time by function
// and by file, and inclusive time of the frames matching a filter.
//   node --import tsx bench/lib/profile-summary.ts <file.cpuprofile> [top=25] [filter-regexp]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export function summarizeProfile(file: string, top = 25, filter?: string): string {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  prof.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  let idle = 0;
  const short = (url: string) =>
    url.replace(/^file:\/\/.*?\/(src|commands|bench|test)\//, '$1/').replace(/^.*node_modules\//, 'nm/');
  const label = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${short(n.callFrame.url)}`;

  const selfByFn = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') idle += us;
    selfByFn.set(label(n), (selfByFn.get(label(n)) ?? 0) + us);
    const f = short(n.callFrame.url) || n.callFrame.functionName;
    selfByFile.set(f, (selfByFile.get(f) ?? 0) + us);
  }
  const busy = total - idle;
  const out: string[] = [
    `${file}: sampled ${(total / 1000).toFixed(0)} ms, busy (not idle) ${(busy / 1000).toFixed(0)} ms; % of busy`,
  ];
  const print = (title: string, m: Map<string, number>) => {
    out.push('', title);
    for (const [k, us] of [...m]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top))
      out.push(
        `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${k}`,
      );
  };
  print('self time by function', selfByFn);
  print('self time by file', selfByFile);
  if (filter) {
    // Inclusive time: a sample counts once for every distinct matching frame on its stack.
    const re = new RegExp(filter);
    const incl = new Map<string, number>();
    for (const [id, us] of selfUs) {
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const l = label(byId.get(cur)!);
        if (re.test(l) && !seen.has(l)) {
          seen.add(l);
          incl.set(l, (incl.get(l) ?? 0) + us);
        }
      }
    }
    print(`inclusive time of frames matching /${filter}/`, incl);
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, top, filter] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: profile-summary.ts <file.cpuprofile> [top] [filter]\n');
    process.exit(2);
  }
  process.stdout.write(`${summarizeProfile(file, Number(top ?? 25), filter)}\n`);
}
