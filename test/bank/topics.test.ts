import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveTopic, searchTopics, TOPICS } from '../../src/bank/topics.ts';

test('given a slug, a name or an alias in any case, then resolveTopic finds the topic', () => {
  assert.equal(resolveTopic('formats'), 'formats');
  assert.equal(resolveTopic('Deep learning'), 'deep-learning');
  assert.equal(resolveTopic('DICOM'), 'formats');
  assert.equal(resolveTopic(' mri '), 'modalities');
  assert.equal(resolveTopic('astrology'), undefined);
});

test('given a partial word, then searchTopics offers the topics it belongs to', () => {
  assert.deepEqual(
    searchTopics('dico').map((t) => t.slug),
    ['formats'],
  );
  assert.equal(searchTopics('').length, TOPICS.length);
});

test('given the topic vocabulary, then no alias belongs to two topics', () => {
  const seen = new Map<string, string>();
  for (const topic of TOPICS) {
    for (const alias of [topic.slug, ...topic.aliases]) {
      assert.equal(seen.get(alias), undefined, `${alias} is used by ${seen.get(alias)} and ${topic.slug}`);
      seen.set(alias, topic.slug);
    }
  }
});
