import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchKeyPoints } from '../../src/core/keypoints.js';
import type { KeyPoint } from '../../src/core/types.js';

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

describe('matchKeyPoints', () => {
  it('given a paraphrase using a synonym abbreviation when matched then the point is covered', () => {
    assert.ok(covers('CT numbers are expressed in HU where water is 0', hu));
  });

  it('given the "(also: ...)" suffix left in the text when matched then the inline synonyms work', () => {
    const raw: KeyPoint = {
      text: 'Hounsfield units map attenuation relative to water (also: HU, CT number)',
      synonyms: [],
    };
    assert.ok(covers('CT numbers are expressed in HU where water is 0', raw));
    assert.ok(covers('the CT number of a voxel', raw));
  });

  it('given abbreviations in any case or plural when matched then they count as whole tokens', () => {
    assert.ok(covers('values in hu', hu));
    assert.ok(covers('Values in Hu.', hu));
    assert.ok(covers('several CTs; their ct numbers differ', hu));
    assert.ok(!covers('hue and saturation of the overlay', hu), 'HU must not match inside "hue"');
    assert.ok(!covers('a human reader', hu));
  });

  it('given other word forms, case and punctuation when matched then the text matches by stems', () => {
    assert.ok(covers('HOUNSFIELD UNIT values: attenuation, relative to WATER!', hu));
    assert.ok(covers('Each unit on the Hounsfield scale maps how strongly tissue attenuates', hu));
  });

  it('given hyphenated or spaced compounds when matched then both spellings are equivalent', () => {
    assert.ok(covers('self supervised pretraining on unlabelled images', ssl));
    assert.ok(covers('We pretrain self-supervised on unlabelled scans', ssl));
    const joined: KeyPoint = { text: 'Multiclass segmentation uses softmax', synonyms: [] };
    assert.ok(covers('multi-class segmentation with a softmax output', joined));
  });

  it('given a multi-word synonym when only some of its words appear then it does not match alone', () => {
    assert.ok(covers('use a patient wise split', leakage));
    assert.ok(!covers('I would split the cake wisely', leakage));
  });

  it('given British spellings when matched then they equal the American ones', () => {
    const p: KeyPoint = { text: 'Normalize tumor intensities', synonyms: [] };
    assert.ok(covers('we normalise each tumour first', p));
    assert.ok(covers('haemorrhage and oedema', { text: 'hemorrhage, edema', synonyms: [] }));
    const q: KeyPoint = { text: 'Supervised learning needs labels', synonyms: [] };
    assert.ok(covers('under supervision the labels drive learning', q));
  });

  it('given enough content words when matched then the threshold of 60% (at least 2) applies', () => {
    // 6 content stems: hounsfield, unit, map, attenu, rel, water -> 4 needed.
    const noSynonyms: KeyPoint = { text: hu.text, synonyms: [] };
    assert.ok(covers('Hounsfield units measure attenuation relative to something', noSynonyms));
    assert.ok(!covers('Hounsfield units are used', noSynonyms));
    assert.ok(!covers('water attenuation', noSynonyms));
  });

  it('given a two-word point when one word is missing then it is not covered', () => {
    const p: KeyPoint = { text: 'Dice coefficient', synonyms: [] };
    assert.ok(covers('the Dice coefficient', p));
    assert.ok(!covers('roll a dice', p));
  });

  it('given an unrelated answer about MRI sequences when matched then nothing is covered', () => {
    const r = matchKeyPoints(
      'T1-weighted images show fat bright, T2-weighted show fluid bright; FLAIR suppresses CSF signal.',
      [hu, ssl, leakage],
    );
    assert.deepEqual(r, { covered: [], missed: [0, 1, 2] });
  });

  it('given an empty or stopword-only answer when matched then every point is missed', () => {
    assert.deepEqual(matchKeyPoints('', [hu, ssl]), { covered: [], missed: [0, 1] });
    assert.deepEqual(matchKeyPoints('   ', [hu]), { covered: [], missed: [0] });
    assert.deepEqual(matchKeyPoints('it is what it is and the of to', [hu, ssl, leakage]), {
      covered: [],
      missed: [0, 1, 2],
    });
  });

  it('given the key point text pasted as a substring of a word when matched then it is not covered', () => {
    // A substring test would accept these; token matching does not.
    const p: KeyPoint = { text: 'FDA clearance', synonyms: ['FDA'] };
    assert.ok(!covers('the fdaclearancehub website', p));
    assert.ok(covers('needs fda 510(k) clearance', p));
  });

  it('given an abbreviation that is also a common word when matched then only capitals count', () => {
    const p: KeyPoint = { text: 'Ultrasound is operator dependent', synonyms: ['US'] };
    assert.ok(!covers('let us talk about it', p));
    assert.ok(covers('US images vary by operator', p));
  });

  it('given several points when matched then indexes are reported in order', () => {
    const r = matchKeyPoints('Use a patient-wise split; HU values are relative to water.', [
      ssl,
      hu,
      leakage,
    ]);
    assert.deepEqual(r, { covered: [1, 2], missed: [0] });
  });

  it('given no key points when matched then both lists are empty', () => {
    assert.deepEqual(matchKeyPoints('anything', []), { covered: [], missed: [] });
  });
});

describe('matchKeyPoints across British and American spelling', () => {
  const cases: [string, string][] = [
    ['tumour margin', 'the tumor margin was clear'],
    ['haemorrhage detection', 'detecting hemorrhage on CT'],
    ['oedema mapping', 'edema maps from T2'],
    ['centre cropping', 'center crop of the slice'],
    ['intensity normalisation', 'intensity normalization per scan'],
    ['paediatric cohorts', 'pediatric cohort selection'],
    ['colour augmentation', 'color augmentation'],
  ];
  for (const [point, answer] of cases) {
    it(`given the point "${point}", when the answer says "${answer}", then it is covered (and the other way round)`, () => {
      assert.deepEqual(matchKeyPoints(answer, [{ text: point, synonyms: [] }]).covered, [0]);
      assert.deepEqual(matchKeyPoints(point, [{ text: answer, synonyms: [] }]).covered.length, 1);
    });
  }
  it('given -vise and -cise words, then they are not folded to -ize, so supervised still matches supervision', () => {
    assert.deepEqual(
      matchKeyPoints('weakly supervised', [{ text: 'supervision', synonyms: [] }]).covered,
      [0],
    );
    assert.deepEqual(
      matchKeyPoints('a precise boundary', [{ text: 'precision', synonyms: [] }]).covered,
      [0],
    );
  });
});
