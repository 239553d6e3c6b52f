// The bank's topic vocabulary. A topic not listed here is a bank error ("unknown topic").

export interface Topic {
  slug: string;
  name: string;
  /** Words people type for this topic (`/question topic:dicom`), matched when no slug matches. */
  aliases: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  { slug: 'foundations', name: 'Foundations', aliases: ['basics', 'workflow', 'radiology', 'report', 'ris'] },
  {
    slug: 'modalities',
    name: 'Modalities and physics',
    aliases: [
      'physics',
      'ct',
      'mri',
      'xray',
      'x-ray',
      'ultrasound',
      'pet',
      'spect',
      'mammography',
      'pathology',
    ],
  },
  {
    slug: 'formats',
    name: 'Formats and standards',
    aliases: ['dicom', 'nifti', 'dicomweb', 'hl7', 'fhir', 'standards', 'deidentification'],
  },
  {
    slug: 'preprocessing',
    name: 'Preprocessing',
    aliases: ['resampling', 'windowing', 'normalisation', 'normalization', 'bias field', 'skull stripping'],
  },
  {
    slug: 'deep-learning',
    name: 'Deep learning',
    aliases: [
      'dl',
      'cnn',
      'unet',
      'u-net',
      'nnunet',
      'transformer',
      'vit',
      'transfer learning',
      'self-supervised',
    ],
  },
  {
    slug: 'segmentation',
    name: 'Segmentation and detection',
    aliases: ['detection', 'dice', 'iou', 'hausdorff', 'froc', 'map'],
  },
  {
    slug: 'evaluation',
    name: 'Evaluation and statistics',
    aliases: ['statistics', 'metrics', 'auc', 'roc', 'precision', 'recall', 'calibration', 'validation'],
  },
  {
    slug: 'data',
    name: 'Data challenges',
    aliases: [
      'imbalance',
      'augmentation',
      'labels',
      'label noise',
      'domain shift',
      'harmonisation',
      'missing data',
    ],
  },
  {
    slug: 'classical',
    name: 'Classical image processing',
    aliases: [
      'image processing',
      'filtering',
      'edge detection',
      'morphology',
      'thresholding',
      'registration',
    ],
  },
  {
    slug: 'ethics',
    name: 'Ethics, privacy and regulation',
    aliases: [
      'privacy',
      'regulation',
      'regulatory',
      'hipaa',
      'gdpr',
      'fda',
      'ce marking',
      'fairness',
      'bias',
    ],
  },
  {
    slug: 'deployment',
    name: 'Deployment and MLOps',
    aliases: ['mlops', 'production', 'inference', 'pacs integration', 'monitoring', 'drift'],
  },
];

const BY_SLUG = new Map(TOPICS.map((t) => [t.slug, t]));

export function isTopic(slug: string): boolean {
  return BY_SLUG.has(slug);
}

/** A topic from what a user typed: its slug, its name, or one of its aliases (case-insensitive). */
export function resolveTopic(input: string): string | undefined {
  const typed = input.trim().toLowerCase();
  if (BY_SLUG.has(typed)) return typed;
  return TOPICS.find((t) => t.name.toLowerCase() === typed || t.aliases.includes(typed))?.slug;
}

/** Topics whose slug, name or aliases contain what the user has typed so far (for autocomplete). */
export function searchTopics(input: string): Topic[] {
  const typed = input.trim().toLowerCase();
  return TOPICS.filter(
    (t) =>
      t.slug.includes(typed) ||
      t.name.toLowerCase().includes(typed) ||
      t.aliases.some((a) => a.includes(typed)),
  );
}

export function topicName(slug: string): string {
  return BY_SLUG.get(slug)?.name ?? slug;
}
