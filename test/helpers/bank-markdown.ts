// One question in the bank's markdown layout (questions/README.md), for generated banks in tests and
// benchmarks.
export interface QuestionSource {
  title: string;
  id: string;
  topics: readonly string[];
  difficulty: string;
  keyPoints: readonly { text: string; synonyms: readonly string[] }[];
  answer: string;
}

export function questionMarkdown(q: QuestionSource): string {
  return [
    `## ${q.title}`,
    '',
    `- id: \`${q.id}\``,
    `- topics: ${q.topics.join(', ')}`,
    `- difficulty: ${q.difficulty}`,
    '',
    '### Key points',
    ...q.keyPoints.map((p) => `- ${p.text}${p.synonyms.length ? ` (also: ${p.synonyms.join(', ')})` : ''}`),
    '',
    '### Answer',
    q.answer,
  ].join('\n');
}
