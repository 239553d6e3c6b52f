/** The headings of the seed's 12 questions (test/fixtures/seed.md), without their `Qn: ` prefix. */
export const SEED_TITLES = [
  'What is medical imaging and why is it important in healthcare?',
  'What are the different types of medical imaging techniques? Explain each briefly.',
  'How do you handle missing or corrupted data in a dataset?',
  'What is DICOM? Explain its significance in medical imaging.',
  'Explain the concepts of precision, recall, and F1 score in the context of medical image analysis.',
  'How do you handle class imbalance in medical imaging datasets?',
  'What is the role of convolutional neural networks (CNNs) in medical image analysis?',
  'Explain the concept of transfer learning and its relevance in medical imaging tasks.',
  'What is the difference between supervised, unsupervised, and semi-supervised learning?',
  'What are some common preprocessing techniques used in medical image analysis?',
  "Describe the process of data augmentation and why it's important in medical image analysis.",
  'What is image segmentation? Explain its significance in medical imaging.',
];
