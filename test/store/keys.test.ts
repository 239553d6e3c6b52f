// The key layout is a stored format: a store written by one release must be found by the next, and
// every server's records must share the server's prefix (one shard's process lists, moves or
// deletes them by prefix). These are the keys as stored (docs/architecture.md), spelled out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keys } from '../../src/store/keys.ts';

test('given the key functions, then each yields the documented layout', () => {
  assert.deepEqual(
    {
      user: keys.user('G', 'U'),
      answer: keys.answer('G', 'U', 'A'),
      answerPrefix: keys.answerPrefix('G', 'U'),
      guild: keys.guild('G'),
      post: keys.post('G', 'C'),
      boardBucket: keys.boardBucket('G', 7),
      boardPrefix: keys.boardPrefix('G'),
      boardMeta: keys.boardMeta('G'),
      userPrefix: keys.userPrefix('G'),
      mock: keys.mock('G', 'U', 'M'),
      mockPrefix: keys.mockPrefix('G', 'U'),
      peer: keys.peer('G', 'S'),
      peerPrefix: keys.peerPrefix('G'),
      peerQueue: keys.peerQueue('G'),
      peerPair: keys.peerPair('G', 'A', 'B'),
      serverQuestion: keys.serverQuestion('G', 'slug'),
      serverQuestionPrefix: keys.serverQuestionPrefix('G'),
      suggestion: keys.suggestion('G', 'I'),
      suggestionPrefix: keys.suggestionPrefix('G'),
      reminder: keys.reminder('U'),
      reminderPrefix: keys.reminderPrefix,
      report: keys.report('U', 'R'),
      reportsOf: keys.reportsOf('U'),
      reportPrefix: keys.reportPrefix,
      setting: keys.setting('commands-hash'),
    },
    {
      user: 'g:G:user:U',
      answer: 'g:G:answer:U:A',
      answerPrefix: 'g:G:answer:U:',
      guild: 'g:G:guild',
      post: 'g:G:post:C',
      boardBucket: 'g:G:board:7',
      boardPrefix: 'g:G:board:',
      boardMeta: 'g:G:board:meta',
      userPrefix: 'g:G:user:',
      mock: 'g:G:mock:U:M',
      mockPrefix: 'g:G:mock:U:',
      peer: 'g:G:peer:S',
      peerPrefix: 'g:G:peer:',
      peerQueue: 'g:G:peerqueue',
      peerPair: 'g:G:peerpair:A:B',
      serverQuestion: 'g:G:sq:slug',
      serverQuestionPrefix: 'g:G:sq:',
      suggestion: 'g:G:sugg:I',
      suggestionPrefix: 'g:G:sugg:',
      reminder: 'rem:U',
      reminderPrefix: 'rem:',
      report: 'rep:U:R',
      reportsOf: 'rep:U:',
      reportPrefix: 'rep:',
      setting: 'app:commands-hash',
    },
  );
});
