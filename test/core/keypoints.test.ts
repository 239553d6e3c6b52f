import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchKeyPoints, QUOTE_MAX_LENGTH } from '../../src/core/keypoints.ts';
import type { KeyPoint } from '../../src/core/types.ts';

const hu: KeyPoint = {
  text: 'Hounsfield units map attenuation relative to water',
  synonyms: ['HU', 'CT number'],
};
const ssl: KeyPoint = {
  text: 'Self-supervised pretraining learns from unlabelled images',
  synonyms: ['contrastive learning'],
};
const leakage: KeyPoint = {
  text: 'Split data at patient level to avoid leakage',
  synonyms: ['patient-wise split'],
};
const covers = (answer: string, point: KeyPoint): boolean =>
  matchKeyPoints(answer, [point]).covered.length === 1;

describe('matchKeyPoints: what counts as saying a point', () => {
  it('given a synonym with a word of the point in the same clause, then the point is covered', () => {
    assert.ok(covers('CT numbers are expressed in HU where water is 0', hu));
    assert.ok(covers('we use a patient-wise split of the data', leakage));
  });

  it('given a synonym alone, then it only names the concept and earns nothing', () => {
    assert.ok(!covers('HU', hu));
    assert.ok(!covers('I would mention the CT number here', hu));
    assert.ok(!covers('Contrastive learning.', ssl));
  });

  it('given an "(also: …)" suffix spaced or cased loosely, with ";" or "," and an empty entry, then each synonym works and none of it counts as the point’s words', () => {
    const point = (suffix: string): KeyPoint => ({
      text: `Attenuation relative to water ${suffix}`,
      synonyms: [],
    });
    // Many synonyms: left in the text, their words would outnumber the point's own.
    const more = 'CT number, Hounsfield scale, density value';
    for (const suffix of [
      `( ALSO :HU;  radiodensity , ${more} , )  `,
      `(also: HU, radiodensity, ${more})`,
      `(Also:HU,radiodensity;${more})`,
    ]) {
      assert.ok(
        covers('Attenuation is measured relative to water.', point(suffix)),
        `${suffix}: the text alone`,
      );
      assert.ok(covers('Radiodensity is relative to water here.', point(suffix)), `${suffix}: a synonym`);
      assert.ok(covers('HU values are relative to water.', point(suffix)), `${suffix}: an abbreviation`);
    }
  });

  it('given the "(also: ...)" suffix left in the text, then the inline synonyms work like the parsed ones', () => {
    const raw: KeyPoint = {
      text: 'Hounsfield units map attenuation relative to water (also: HU, CT number)',
      synonyms: [],
    };
    assert.ok(covers('CT numbers are expressed in HU where water is 0', raw));
    assert.ok(!covers('the CT number of a voxel', raw));
  });

  it('given abbreviations in any case or plural, then they count as whole tokens', () => {
    assert.ok(covers('values in hu are relative to water', hu));
    assert.ok(covers('several CTs; their ct numbers are relative to water', hu));
    assert.ok(!covers('the hue is relative to water', hu), 'HU must not match inside "hue"');
  });

  it('given other word forms, case and punctuation, then the text matches by stems', () => {
    assert.ok(covers('HOUNSFIELD UNIT values express attenuation relative to WATER!', hu));
    assert.ok(covers('Each unit on the Hounsfield scale maps how strongly tissue attenuates', hu));
    assert.ok(
      covers('the signal is interpolated linearly', { text: 'Use linear interpolation', synonyms: [] }),
    );
  });

  it('given hyphenated or spaced compounds, then both spellings are equivalent', () => {
    assert.ok(covers('self supervised pretraining on unlabelled images', ssl));
    assert.ok(covers('We pretrain self-supervised on unlabelled scans', ssl));
    const joined: KeyPoint = { text: 'Multiclass segmentation uses softmax', synonyms: [] };
    assert.ok(covers('multi-class segmentation with a softmax output', joined));
    const tag: KeyPoint = { text: 'Check the InstanceNumber attribute', synonyms: [] };
    assert.ok(covers('check the instance number attribute', tag));
    assert.ok(covers('we check that InstanceNumber attribute', tag));
  });

  it('given enough content words in one sentence, then the 60% share (at least 2) applies', () => {
    // 6 content stems: hounsfield, unit, map, attenu, rel, water -> 4 needed.
    const noSynonyms: KeyPoint = { text: hu.text, synonyms: [] };
    assert.ok(covers('Hounsfield units measure attenuation relative to something', noSynonyms));
    assert.ok(!covers('Hounsfield units are used', noSynonyms));
    assert.ok(!covers('water attenuation is high', noSynonyms));
  });

  it('given the words scattered across distant sentences, then they do not add up to a point', () => {
    const noSynonyms: KeyPoint = { text: hu.text, synonyms: [] };
    const far =
      'Hounsfield was an engineer. I like maps. The sky is blue. Cats are nice. Water is wet. Units matter.';
    assert.ok(!covers(far, noSynonyms));
  });

  it('given a list of terms without a statement, then nothing is covered', () => {
    const dice: KeyPoint = {
      text: 'Dice is twice the overlap over the total size',
      synonyms: ['Sorensen-Dice'],
    };
    assert.deepEqual(
      matchKeyPoints('Dice, overlap, size, Sorensen-Dice, segmentation.', [dice, hu]).covered,
      [],
    );
    assert.ok(covers('Dice is twice the overlap over the total size of both masks', dice));
  });

  it('given a two-word point, then both words are needed', () => {
    const p: KeyPoint = { text: 'Dice coefficient', synonyms: [] };
    assert.ok(covers('we report the Dice coefficient per case', p));
    assert.ok(!covers('we roll a dice twice', p));
  });

  it('given a word that is also a common word in capitals only, then only capitals count', () => {
    const p: KeyPoint = { text: 'Ultrasound is operator dependent', synonyms: ['US'] };
    assert.ok(!covers('let us talk about the operator', p));
    assert.ok(covers('US images vary by operator', p));
  });

  it('given the key point text glued inside another word, then it is not covered', () => {
    const p: KeyPoint = { text: 'FDA clearance', synonyms: ['FDA'] };
    assert.ok(!covers('see the fdaclearancehub website', p));
    assert.ok(covers('it needs fda 510(k) clearance first', p));
  });
});

describe('matchKeyPoints: claims that say the opposite', () => {
  const imageLevel: KeyPoint = { text: 'Labels are study-level, not image-level', synonyms: [] };
  const studyLevel: KeyPoint = { text: 'Use study-level labels from the report', synonyms: [] };

  it('given "not", "never", "without" before the words, then the negated words do not count', () => {
    assert.ok(covers('I would use study-level labels from the report', studyLevel));
    assert.ok(!covers('I would not use study-level labels from the report', studyLevel));
    assert.ok(!covers('never use study-level labels from a report', studyLevel));
    assert.ok(!covers("Don't use study-level labels from the report", studyLevel));
  });

  it('given "rather than" or "instead of", then what follows is rejected, what precedes is said', () => {
    assert.ok(
      !covers('I would label each image rather than use study-level labels from the report', studyLevel),
    );
    assert.ok(covers('use study-level labels from the report rather than pixel masks', studyLevel));
  });

  it('given a negated sentence closed by markdown emphasis, then the negation ends with it', () => {
    const amend: KeyPoint = { text: 'Protocol amendments are allowed when justified', synonyms: [] };
    assert.ok(covers('**It is not a straitjacket.** Protocol amendments are allowed when justified.', amend));
  });

  it('given a negated quotation or a colon, then what follows is asserted again', () => {
    const preserve: KeyPoint = { text: 'Augmentations must preserve the label', synonyms: [] };
    assert.ok(
      covers('Each encodes "the label does not change": augmentations must preserve the label.', preserve),
    );
    assert.ok(!covers('Augmentations need not preserve the label.', preserve));
  });

  it('given a negation in a later clause, then the earlier clause still counts ("not X but Y")', () => {
    assert.ok(covers('not pixel masks, but study-level labels from the report', studyLevel));
  });

  it('given a point that itself negates, then the answer must negate the same words', () => {
    assert.ok(covers('These labels are study-level and not image-level', imageLevel));
    assert.ok(!covers('These labels are image-level', imageLevel));
  });

  it('given a word and its opposite, then the opposite contradicts and a negated opposite agrees', () => {
    const otsu: KeyPoint = { text: 'Otsu maximises between-class variance', synonyms: [] };
    assert.ok(covers("Otsu's threshold maximises the between-class variance", otsu));
    assert.ok(!covers("Otsu's threshold maximises the variance within each class", otsu));
    const dice: KeyPoint = { text: 'Dice is never lower than IoU', synonyms: [] };
    assert.ok(covers('Dice is always higher than or equal to IoU', dice));
    assert.ok(!covers('Dice is always lower than IoU', dice));
  });

  it('given a minus sign before a number, then -1000 and 1000 differ', () => {
    const air: KeyPoint = { text: 'Air is -1000 HU', synonyms: [], needs: [['-1000', 'minus 1000']] };
    assert.ok(covers('air sits at -1000 HU', air));
    assert.ok(!covers('air sits at 1000 HU', air));
    assert.ok(covers('air sits at minus 1000 HU', air));
    assert.ok(covers('the window spans 0-80 HU', { text: 'spans 80 HU', synonyms: [] }));
  });
});

describe('matchKeyPoints: "(needs: …)" groups from the bank', () => {
  const opening: KeyPoint = {
    text: 'Opening is erosion then dilation and removes small objects',
    synonyms: [],
    needs: [['erosion then dilation', 'erosion followed by dilation']],
  };

  it('given the needed phrase in order in the sentence, then the point is covered', () => {
    assert.ok(covers('Opening is an erosion followed by a dilation; it removes small objects', opening));
  });

  it('given the needed words in the wrong order, then it is not', () => {
    assert.ok(!covers('Opening is dilation followed by erosion and removes small objects', opening));
  });

  it('given every group, then each must be met', () => {
    const p: KeyPoint = {
      text: 'Fleiss kappa extends agreement to more raters',
      synonyms: [],
      needs: [['more than two', 'multiple'], ['Fleiss']],
    };
    assert.ok(covers("Fleiss' kappa extends agreement to more than two raters", p));
    assert.ok(!covers("Fleiss' kappa extends agreement to exactly two raters", p));
    assert.ok(!covers('Cohen kappa extends agreement to multiple raters', p));
  });

  it('given the needed phrase in another sentence than the evidence, or under a negation, then it does not count', () => {
    assert.ok(!covers('Opening removes small objects after an erosion. Then comes a dilation.', opening));
    assert.ok(!covers('Opening removes small objects, and it is not erosion then dilation.', opening));
  });
});

describe('matchKeyPoints: how much of a point must be said, and where', () => {
  const point = (words: string) => ({ text: words, synonyms: [] });
  it('given a point of 3, 4 or 5 content words, then 2, 2 and 3 of them must be said together', () => {
    assert.ok(covers('Calibration is checked on held-out data.', point('calibration check reliability')));
    assert.ok(!covers('Calibration is what we did here.', point('calibration check reliability')));
    assert.ok(
      covers('Calibration is checked on held-out data.', point('calibration check reliability diagram')),
    );
    assert.ok(
      covers(
        'Calibration is checked with a reliability curve.',
        point('calibration check reliability diagram bins'),
      ),
    );
    assert.ok(
      !covers(
        'Calibration is checked on held-out data.',
        point('calibration check reliability diagram bins'),
      ),
    );
  });
});

describe('matchKeyPoints: evidence', () => {
  it('given covered points, then each comes with the clause of the answer that earned it, as written', () => {
    const r = matchKeyPoints(
      'First, I use a patient-wise split to avoid leakage; then HU values are relative to water.',
      [ssl, hu, leakage],
    );
    assert.deepEqual(r.covered, [1, 2]);
    assert.deepEqual(r.missed, [0]);
    assert.deepEqual(r.evidence, [
      { point: 1, quote: 'then HU values are relative to water' },
      { point: 2, quote: 'I use a patient-wise split to avoid leakage' },
    ]);
  });

  it('given a very long clause, then the quote is cut around the evidence and bounded', () => {
    const filler = 'and so on '.repeat(40);
    const r = matchKeyPoints(`${filler} HU values are relative to water ${filler}`, [hu]);
    const quote = r.evidence[0]?.quote ?? '';
    assert.ok(quote.length <= QUOTE_MAX_LENGTH, quote);
    assert.match(quote, /HU values are relative to water/);
  });

  it('given one long clause of content words, then the quote grows from the evidence word by word, both ways, to the longest that fits, marking each cut with "…"', () => {
    const left = 'scanner vendors protocols '.repeat(8);
    const right = ' reconstruction kernels slices'.repeat(8);
    const quote = (answer: string) => matchKeyPoints(answer, [hu]).evidence[0]?.quote;
    assert.equal(
      quote(`${left}HU values are relative to water${right}`),
      '…protocols scanner vendors protocols scanner vendors protocols HU values are relative to water reconstruction kernels…',
    );
    assert.equal(
      quote(`HU values are relative to water${right}`),
      'HU values are relative to water reconstruction kernels slices reconstruction kernels slices reconstruction kernels…',
    );
    assert.equal(
      quote(`${left}HU values are relative to water`),
      '…scanner vendors protocols scanner vendors protocols scanner vendors protocols HU values are relative to water',
    );
    const exact = `HU values are relative to water ${'x'.repeat(QUOTE_MAX_LENGTH - 'HU values are relative to water '.length)}`;
    assert.equal(quote(exact), exact, `a clause of exactly ${QUOTE_MAX_LENGTH} characters is quoted whole`);
    assert.equal(
      quote(`HU  values   are\trelative to water`),
      'HU values are relative to water',
      'white space folded',
    );
  });

  it('given an empty or stopword-only answer, then every point is missed', () => {
    assert.deepEqual(matchKeyPoints('', [hu, ssl]), { covered: [], missed: [0, 1], evidence: [] });
    assert.deepEqual(matchKeyPoints('it is what it is and the of to', [hu, ssl, leakage]).covered, []);
  });

  it('given no key points, then all lists are empty', () => {
    assert.deepEqual(matchKeyPoints('anything', []), { covered: [], missed: [], evidence: [] });
  });
});

describe('matchKeyPoints across British and American spelling', () => {
  const cases: [string, string][] = [
    ['tumour margin', 'the tumor margin was clear'],
    ['haemorrhage detection', 'we are detecting hemorrhage on CT'],
    ['oedema mapping', 'edema maps come from T2'],
    ['centre cropping', 'take a center crop of the slice'],
    ['intensity normalisation', 'apply intensity normalization per scan'],
    ['paediatric cohorts', 'pediatric cohort selection matters'],
    ['colour augmentation', 'use color augmentation here'],
  ];
  for (const [point, answer] of cases) {
    it(`given the point "${point}", when the answer says "${answer}", then it is covered (and the other way round)`, () => {
      assert.deepEqual(matchKeyPoints(answer, [{ text: point, synonyms: [] }]).covered, [0]);
      assert.deepEqual(
        matchKeyPoints(`we note ${point} here`, [{ text: answer, synonyms: [] }]).covered.length,
        1,
      );
    });
  }
  it('given -vise and -cise words, then they are not folded to -ize, so supervised still matches supervision', () => {
    assert.deepEqual(
      matchKeyPoints('it is weakly supervised', [{ text: 'supervision', synonyms: [] }]).covered,
      [0],
    );
    assert.deepEqual(
      matchKeyPoints('a precise boundary here', [{ text: 'precision', synonyms: [] }]).covered,
      [0],
    );
  });
});

describe('matchKeyPoints: clauses, windows and qualifiers at their edges', () => {
  const findings: KeyPoint = { text: 'Calcifications and architectural distortion', synonyms: [] };

  it('given short list items after a statement in the same sentence, then they belong to its clause', () => {
    assert.ok(covers('Readers look for several findings, masses, calcifications, distortion.', findings));
  });

  it('given the same items starting the next sentence, then nothing states them', () => {
    assert.ok(!covers('Readers look for several findings. Calcifications, distortion.', findings));
  });

  it('given a lead of exactly three words, then it states the items after it', () => {
    assert.ok(covers('Readers see calcifications, distortion.', findings));
  });

  it('given a second clause of three words, then it is a statement of its own and is not joined to the first', () => {
    const dropout: KeyPoint = { text: 'Dropout reduces overfitting', synonyms: [] };
    // Joined, "dropout" and "overfitting" would credit an answer that says overfitting got worse.
    assert.ok(!covers('We added dropout, overfitting got worse.', dropout));
  });

  it('given items after a first clause too short to state anything, then they stay apart', () => {
    assert.ok(!covers('Masses, calcifications, distortion.', findings));
    assert.ok(!covers('Some findings, calcifications, distortion.', findings));
  });

  it('given a hyphenated compound, then it counts as one word of its clause', () => {
    // "Self-supervised pretraining" is two words: not a statement, so the items after it stay apart.
    assert.ok(!covers('Self-supervised pretraining, unlabelled images.', ssl));
    assert.ok(covers('Self-supervised pretraining helps, unlabelled images.', ssl));
  });

  it('given abbreviations in the plural, then "TPs" and "FPs" name TP and FP', () => {
    const counts: KeyPoint = { text: 'TP and FP counts', synonyms: [] };
    assert.ok(covers('We report TPs and FPs per scan.', counts));
  });

  it('given two words split by a comma, then they are not read as one compound', () => {
    const shift: KeyPoint = { text: 'Dataset shift', synonyms: [] };
    assert.ok(covers('Watch for shift in the dataset over time.', shift));
    assert.ok(covers('Watch for shift in the data set over time.', shift));
    assert.ok(!covers('Watch for shift in the data, set up monitoring.', shift));
  });

  it('given the third word two sentences from the anchor, then it counts; three sentences away, it does not', () => {
    const noSynonyms: KeyPoint = { text: hu.text, synonyms: [] };
    assert.ok(
      covers('Hounsfield units are standard in CT. They are fixed. Air is far below water.', noSynonyms),
    );
    assert.ok(
      !covers(
        'Hounsfield units are standard in CT. They are fixed. Bone is dense. Air is far below water.',
        noSynonyms,
      ),
    );
    // The window reaches back as well as forward.
    assert.ok(
      covers('Air is far below water. They are fixed. Hounsfield units are standard in CT.', noSynonyms),
    );
    assert.ok(
      !covers(
        'Air is far below water. Bone is dense. They are fixed. Hounsfield units are standard in CT.',
        noSynonyms,
      ),
    );
  });

  it('given a synonym and a word of the point in a clause too short to state anything, then it earns nothing', () => {
    assert.ok(!covers('HU water.', hu));
    assert.ok(covers('HU is relative to water.', hu));
  });

  it('given a synonym and a word of the point in a clause that says the opposite, then it earns nothing', () => {
    const dropout: KeyPoint = { text: 'Dropout reduces overfitting', synonyms: ['regularisation'] };
    assert.ok(covers('Regularisation reduces overfitting here.', dropout));
    assert.ok(!covers('Regularisation increases overfitting here.', dropout));
    // The opposite in another clause says something else.
    assert.ok(covers('Regularisation reduces overfitting, whereas bigger models increase it.', dropout));
  });

  it('given a word of the point hyphenated onto the synonym, then it is part of the name, not a qualifier', () => {
    const kappa: KeyPoint = {
      text: 'Weighted kappa penalises large disagreements more',
      synonyms: ['quadratic'],
    };
    assert.ok(!covers('We report quadratic-weighted scores.', kappa));
    assert.ok(covers('We report quadratic weights for agreement.', kappa));
    // Hyphenated onto another word, it is still a word of its own beside the synonym.
    assert.ok(covers('We report quadratic class-weighted agreement.', kappa));
  });

  it('given an opposite under a negation, then it says the point; unnegated, it contradicts it', () => {
    const dropout: KeyPoint = { text: 'Dropout reduces overfitting', synonyms: [] };
    assert.ok(covers('Dropout never increases overfitting.', dropout));
    assert.ok(!covers('Dropout increases overfitting.', dropout));
    assert.ok(!covers('It increases overfitting.', dropout));
    assert.ok(!covers('Dropout does not reduce overfitting.', dropout));
    const erosion: KeyPoint = { text: 'Erosion shrinks bright objects', synonyms: [] };
    assert.ok(covers('Erosion never makes bright objects larger.', erosion));
    assert.ok(!covers('Erosion makes bright objects larger.', erosion));
  });

  it('given a point that names both sides of an opposite, then neither side contradicts it', () => {
    const both: KeyPoint = { text: 'Report metrics before and after deployment', synonyms: [] };
    assert.ok(covers('We report metrics before and after deployment.', both));
    assert.ok(covers('Metrics are reported after deployment as well.', both));
  });
});
