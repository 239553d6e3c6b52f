// The matcher's word lists, each entry shown to do its job: every pair of opposites contradicts a
// point in both directions, every negation and contrast cue rejects what it governs, every clause
// start ends a negation, and stop words are never content a member must repeat.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchKeyPoints } from '../../src/core/keypoints.ts';

const covers = (answer: string, point: string): boolean =>
  matchKeyPoints(answer, [{ text: point, synonyms: [] }]).covered.length === 1;

/** The first word of each side of every pair of opposites the matcher knows. */
const OPPOSITE_PAIRS: [string, string][] = [
  ['between', 'within'],
  ['increases', 'decreases'],
  ['raises', 'reduces'],
  ['high', 'low'],
  ['larger', 'smaller'],
  ['maximises', 'minimises'],
  ['overestimates', 'underestimates'],
  ['overconfident', 'underconfident'],
  ['before', 'after'],
  ['bright', 'dark'],
  ['wide', 'narrow'],
  ['includes', 'excludes'],
  ['identical', 'different'],
  ['better', 'worse'],
  ['improves', 'degrades'],
  ['early', 'late'],
  ['keeps', 'removes'],
];

const claim = (word: string) => `Calibration of the model output is ${word} for every lesion class`;

describe('opposites', () => {
  for (const [a, b] of OPPOSITE_PAIRS) {
    it(`given a point saying "${a}", then an answer saying "${b}" instead contradicts it, and the other way round`, () => {
      assert.ok(covers(claim(a), claim(a)), `${a} says ${a}`);
      assert.ok(!covers(claim(b), claim(a)), `${b} contradicts ${a}`);
      assert.ok(covers(claim(b), claim(b)), `${b} says ${b}`);
      assert.ok(!covers(claim(a), claim(b)), `${a} contradicts ${b}`);
    });
  }
});

const POINT = 'Split the data by patient so that no patient appears in both training and test sets';
const SAID =
  'I would split the data by patient, so no patient appears in both the training and the test sets.';

describe('negation and contrast cues', () => {
  it('given the point said plainly, then it is covered (the baseline for the cues below)', () => {
    assert.ok(covers(SAID, POINT));
  });

  for (const cue of ['not', 'never', 'without', 'cannot', 'no']) {
    it(`given "${cue}" before the claim, then it is not credited`, () => {
      assert.ok(
        !covers(
          `We ${cue} split the data by patient for training and test sets.`,
          'Split the data by patient for training and test sets',
        ),
      );
    });
  }

  it('given "neither … nor", then neither part is credited', () => {
    assert.ok(
      !covers(
        'We split neither the data by patient nor by study for training and test sets.',
        'Split the data by patient for training and test sets',
      ),
    );
    assert.ok(
      !covers(
        'Nor did we split the data by patient for training and test sets.',
        'Split the data by patient for training and test sets',
      ),
    );
  });

  it('given "none", then what it governs is not credited', () => {
    assert.ok(
      !covers(
        'None of the data was split by patient for training and test sets.',
        'Data split by patient for training and test sets',
      ),
    );
  });

  for (const cue of ['rather than', 'instead of', 'as opposed to']) {
    it(`given "${cue}" before the claim, then what follows the cue is rejected and what precedes it is said`, () => {
      const point = 'Split the data by patient level for the test sets';
      assert.ok(
        !covers(`Split the data randomly by image ${cue} by patient level for the test sets.`, point),
      );
      assert.ok(covers(`Split the data by patient level for the test sets ${cue} randomly by image.`, point));
    });
  }

  for (const start of ['but', 'however', 'whereas', 'although', 'though', 'yet', 'so', 'because']) {
    it(`given "${start}" after a negated clause, then the claim after it counts again`, () => {
      const point = 'Split the data by patient for the test sets';
      assert.ok(
        covers(
          `We did not shuffle single images ${start} split the data by patient for the test sets.`,
          point,
        ),
      );
    });
  }
});

describe('stop words', () => {
  const lines = [
    'a an the and or but nor of to in on at by for from with into onto over under about as',
    'is are was were be been being am do does did done has have had having it its this that these',
    'those there here than then such very just also too can could may might must shall should',
    'will would i me my we our you your he she they them their his her him what which who whom',
    'us whose when where why how all any each both either some more most other own same only',
    'yes if while until up down out off again further once ll re ve etc ie eg vs',
    'via per use used using instead rather',
  ];
  for (const [i, words] of lines.entries()) {
    it(`given a point padded with stop words (list ${i + 1}), then an answer with its content words alone covers it`, () => {
      assert.ok(
        covers(
          'Patient level splits prevent leakage between training and test data.',
          `Splits prevent leakage ${words}`,
        ),
      );
    });
  }
});

describe('spelling and word forms', () => {
  const pairs: [string, string][] = [
    ['haemorrhage', 'hemorrhage'],
    ['paediatric', 'pediatric'],
    ['anaemia', 'anemia'],
    ['leukaemia', 'leukemia'],
    ['orthopaedic', 'orthopedic'],
    ['oedema', 'edema'],
    ['oesophagus', 'esophagus'],
    ['tumours', 'tumors'],
    ['colour', 'color'],
    ['centres', 'centers'],
    ['normalised', 'normalized'],
    ['standardisation', 'standardization'],
    ['optimising', 'optimizing'],
  ];
  for (const [british, american] of pairs) {
    it(`given "${british}" in one and "${american}" in the other, then they are the same word`, () => {
      // Two content words: both must be said, so the spelling decides.
      assert.ok(covers(`We reviewed the ${american} scans carefully`, `${british} scans`));
      assert.ok(covers(`We reviewed the ${british} scans carefully`, `${american} scans`));
      assert.ok(!covers('We reviewed the other scans carefully', `${british} scans`), 'the baseline');
    });
  }

  it('given "supervised" and "supervision", "precise" and "precision", then each pair still stems alike (no z fold after v or c)', () => {
    assert.ok(
      covers('Train the network with supervision from expert masks', 'Supervised training uses expert masks'),
    );
    assert.ok(
      covers('Report the precision of the detector on every site', 'Precise detector results on every site'),
    );
  });

  it('given an adverb in the answer and the adjective in the point, then they match ("automatically", "easily", "linearly")', () => {
    assert.ok(
      covers(
        'Segment the liver automatically on every CT scan',
        'Automatic liver segmentation on every CT scan',
      ),
    );
    assert.ok(
      covers('Models overfit easily on tiny medical datasets', 'Easy overfitting on tiny medical datasets'),
    );
    assert.ok(
      covers(
        'The window maps intensities linearly to grey levels',
        'A linear window maps intensities to grey levels',
      ),
    );
  });
});

describe('compounds and abbreviations', () => {
  it('given "cross entropy", "cross-entropy" and "crossentropy", then each spelling matches the others', () => {
    const point = 'Train the segmentation network with a cross-entropy loss';
    for (const spelling of ['cross entropy', 'crossentropy', 'cross-entropy']) {
      assert.ok(covers(`We train the segmentation network with a ${spelling} loss`, point), spelling);
    }
  });

  it('given a DICOM keyword in CamelCase, then the words written apart match it, and the other way round', () => {
    assert.ok(
      covers(
        'Sort the slices by image position patient along the normal',
        'Sort slices by ImagePositionPatient along the normal',
      ),
    );
    assert.ok(
      covers(
        'Sort the slices by ImagePositionPatient along the normal',
        'Sort slices by image position patient along the normal',
      ),
    );
  });

  it('given an abbreviation in capitals in the point, then the answer must write it as a whole token, plural included', () => {
    assert.ok(
      covers('The CTs were converted to Hounsfield units first', 'Convert CT values to Hounsfield units'),
    );
    assert.ok(
      !covers(
        'The scans were converted to Hounsfield units first',
        'Convert CT values to Hounsfield units with the DICOM rescale slope',
      ),
    );
  });
});

describe('where a negation ends: clauses and sentences', () => {
  const point = 'Split the data by patient for the test sets';
  for (const [name, sep] of [
    ['a comma', ', '],
    ['a semicolon', '; '],
    ['a bracket', ' [ '],
    ['a dash', ' - '],
    ['an en dash', ' – '],
    ['an em dash', ' — '],
    ['a slash', ' / '],
  ] as const) {
    it(`given a negation ended by ${name}, then the claim after it counts`, () => {
      assert.ok(
        covers(`We do not shuffle images${sep}we split the data by patient for the test sets.`, point),
      );
    });
  }

  for (const [name, gap] of [
    ['a full stop', '. '],
    ['a question mark', '? '],
    ['an exclamation mark', '! '],
    ['a stop inside bold text', '.** '],
    ['a line break', '\n'],
  ] as const) {
    it(`given a negation ended by ${name} before a capital, then the next sentence’s claim counts`, () => {
      assert.ok(
        covers(`We do not shuffle images${gap}We split the data by patient for the test sets.`, point),
      );
    });
  }

  it('given "e.g." or a decimal point, then the sentence (and the negation) goes on', () => {
    assert.ok(
      !covers('We do not use random splits e.g. split the data by patient for the test sets.', point),
    );
    assert.ok(!covers('We never got 0.5 after we split the data by patient for the test sets.', point));
  });

  for (const contraction of ["don't", 'don’t', "doesn't", "isn't", "can't"]) {
    it(`given "${contraction}" before the claim, then it is negated`, () => {
      assert.ok(!covers(`We ${contraction} split the data by patient for the test sets.`, point));
    });
  }

  it('given a word with an apostrophe that is not a negation, or a "t" after a word in "n", then nothing is negated', () => {
    assert.ok(covers('We split the data by each patient’s id for the test sets.', point));
    assert.ok(
      covers(
        'We then ran t tests comparing the patient means of both sites.',
        'Compare patient means of both sites',
      ),
    );
  });

  it('given accents, then "Fréchet" and "Frechet" are one word', () => {
    assert.ok(covers('The Fréchet distance compares feature statistics here', 'Frechet distance'));
    assert.ok(covers('The Frechet distance compares feature statistics here', 'Fréchet distance'));
  });
});
