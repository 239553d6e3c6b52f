// Which surviving mutants docs/mutation-survivors.md accounts for: a survivor is accounted for when
// the table row of its file, under its scope's heading, names its line (alone or in a range) inside
// parentheses, as the rows do: "(254: …)", "(95, 110-111, 148)", "(120-138)".

/** Lines named per file, for one scope's section of the document. */
export function namedLines(markdown: string, scope: string): Map<string, Set<number>> {
  const named = new Map<string, Set<number>>();
  let inScope = false;
  for (const line of markdown.split('\n')) {
    const heading = /^## (\S+)/.exec(line);
    if (heading) {
      inScope = heading[1] === scope;
      continue;
    }
    if (!inScope || !line.startsWith('| `')) continue;
    const [, first = '', ...rest] = line.split(/(?<!\\)\|/);
    const files = [...first.matchAll(/`([^`]+\.ts)`/g)].map((m) => m[1] as string);
    const lines = new Set<number>();
    for (const group of rest.join('|').matchAll(/\(([^()]*)\)/g)) {
      for (const m of (group[1] ?? '').matchAll(/(?<![\d.,])(\d{1,4})(?:-(\d{1,4}))?(?![\d%])/g)) {
        const from = Number(m[1]);
        const to = m[2] === undefined ? from : Number(m[2]);
        for (let n = from; n <= to && to - from < 400; n++) lines.add(n);
      }
    }
    for (const file of files) named.set(file, new Set([...(named.get(file) ?? []), ...lines]));
  }
  return named;
}

/** The survivors (`file:line`) whose line the document does not name. */
export function unaccounted(
  survivors: readonly { file: string; line: number }[],
  named: Map<string, Set<number>>,
): { file: string; line: number }[] {
  return survivors.filter(({ file, line }) => {
    const base = file.split('/').at(-1) as string;
    return !named.get(base)?.has(line);
  });
}
