// The bank's topic vocabulary. A topic not listed here is a bank error ("unknown topic").

export interface Topic {
  slug: string;
  name: string;
}

export const TOPICS: readonly Topic[] = [
  { slug: 'foundations', name: 'Foundations' },
  { slug: 'modalities', name: 'Modalities and physics' },
  { slug: 'formats', name: 'Formats and standards' },
  { slug: 'preprocessing', name: 'Preprocessing' },
  { slug: 'deep-learning', name: 'Deep learning' },
  { slug: 'segmentation', name: 'Segmentation and detection' },
  { slug: 'evaluation', name: 'Evaluation and statistics' },
  { slug: 'data', name: 'Data challenges' },
  { slug: 'classical', name: 'Classical image processing' },
  { slug: 'ethics', name: 'Ethics, privacy and regulation' },
  { slug: 'deployment', name: 'Deployment and MLOps' },
];

const BY_SLUG = new Map(TOPICS.map((t) => [t.slug, t]));

export function isTopic(slug: string): boolean {
  return BY_SLUG.has(slug);
}

export function topicName(slug: string): string {
  return BY_SLUG.get(slug)?.name ?? slug;
}
