// Peer mock interviews (/mock pair, /mock find): an invitation only the invitee can answer, a private
// thread for the two, the rubric only for the interviewer, the checklist and note, the candidate's
// feedback, points for interviewing, swapping roles, pairing from the queue, /forget-me.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmuResponse, EmuUser } from '../../tools/emulator/index.ts';
import { build, type Harness, TestClock } from '../helpers/build.ts';
import { buttonId, finalResponses } from '../helpers/flows.ts';

const data = (rs: EmuResponse[]) => JSON.stringify(rs.map((r) => r.data));

async function press(
  h: Harness,
  user: EmuUser,
  on: EmuResponse | { message: unknown; data: unknown },
  label: string,
) {
  const r = on as EmuResponse;
  return finalResponses(h.emu.click({ user, message: r.message!, customId: buttonId(r, label) }));
}

/** carol invites dave (1 question a round); dave accepts; returns the thread and its first message. */
async function startPair(
  h: Harness,
  carol: EmuUser,
  dave: EmuUser,
  options: Record<string, string | number> = {},
) {
  // Both have used the bot before (Discord knows them).
  await h.emu.slash({ user: dave, name: 'help' }).settled();
  const invite = (
    await finalResponses(
      h.emu.slash({
        user: carol,
        name: 'mock',
        subcommand: 'pair',
        options: { partner: dave.id, length: 1, ...options },
      }),
    )
  ).at(-1)!;
  const accepted = await press(h, dave, invite, 'Accept');
  const threadId = /<#(\d+)>/.exec(data(accepted))?.[1];
  return { invite, accepted, threadId };
}

function firstThreadMessage(h: Harness, threadId: string) {
  const msg = h.emu.messages(threadId)[0];
  assert.ok(msg, 'a message in the thread');
  return { message: msg, data: msg } as unknown as EmuResponse;
}

test('given carol invites dave, when dave accepts, dave interviews with a private rubric and scores, then carol reads her feedback, dave earns interview points, and they can swap', async (t) => {
  const h = await build(t);
  const carol = h.user('carol');
  const dave = h.user('dave');
  const erin = h.user('erin');
  await h.emu.slash({ user: erin, name: 'help' }).settled();
  await h.emu.slash({ user: dave, name: 'help' }).settled();

  const invite = (
    await finalResponses(
      h.emu.slash({
        user: carol,
        name: 'mock',
        subcommand: 'pair',
        options: { partner: dave.id, length: 1 },
      }),
    )
  ).at(-1)!;
  assert.match(
    invite.data.content,
    new RegExp(`^<@${dave.id}>: <@${carol.id}> invites you to a mock interview`),
  );
  assert.deepEqual(
    invite.data.allowed_mentions,
    { parse: [], users: [dave.id] },
    'the invitation pings dave only',
  );

  const stranger = await h.emu
    .click({ user: erin, message: invite.message!, customId: buttonId(invite, 'Accept') })
    .settled();
  assert.match(data(stranger), /This invitation is for another member/);
  assert.ok(
    stranger.every((r) => r.ephemeral),
    'erin is told privately',
  );

  const accepted = await press(h, dave, invite, 'Accept');
  const threadId = /<#(\d+)>/.exec(data(accepted))?.[1];
  assert.ok(threadId, 'the invitation points at the thread');
  const thread = h.emu.thread(threadId);
  assert.equal(thread?.type, 12, 'a private thread');
  assert.deepEqual(thread?.members.sort(), [carol.id, dave.id].sort());
  const first = firstThreadMessage(h, threadId);
  const firstData = first.data as unknown as { content: string; embeds: { title: string }[] };
  assert.match(firstData.content, /your mock interview starts/);
  const questionTitle = firstData.embeds[0]!.title;

  const candidatePeek = await h.emu
    .click({ user: carol, message: first as never, customId: buttonId(first, 'Rubric (interviewer)') })
    .settled();
  assert.match(data(candidatePeek), /Only the interviewer sees the rubric/);
  assert.doesNotMatch(data(candidatePeek), /A strong answer covers/);

  const rubric = (await press(h, dave, first, 'Rubric (interviewer)')).at(-1)!;
  assert.equal(rubric.ephemeral, true);
  assert.match(data([rubric]), /A strong answer covers/);
  const selectId = (rubric.data.components[0].components[0] as { custom_id: string }).custom_id;
  const ticked = (
    await finalResponses(
      h.emu.click({ user: dave, message: rubric.message!, customId: selectId, values: ['0', '2'] }),
    )
  ).at(-1)!;
  assert.match(data([ticked]), /2 of \d+ key points ticked/);

  const modal = await h.emu
    .click({ user: dave, message: ticked.message!, customId: buttonId(ticked, 'Score this answer') })
    .firstResponse();
  assert.equal(modal.callbackType, 9);
  const scored = (
    await finalResponses(
      h.emu.submitModal({
        user: dave,
        customId: modal.data.custom_id,
        fields: {
          note: 'Clear structure. Say why a patient-level split matters. @everyone [prize](https://example.com)',
        },
        message: ticked.message!,
      }),
    )
  ).at(-1)!;
  assert.equal(scored.ephemeral, false, 'the score is posted in the thread');
  assert.match(scored.data.content, /Question 1 scored: 2 of \d+ key points/);
  assert.match(scored.data.content, new RegExp(`<@${dave.id}> earned \\+5 points for interviewing`));
  assert.equal((await h.bot.store.users.get(h.guildId, dave.id))?.points, 5);

  const notHers = await h.emu
    .click({ user: dave, message: scored.message!, customId: buttonId(scored, 'My feedback (candidate)') })
    .settled();
  assert.match(data(notHers), /for the candidate who answered/);
  const feedback = await press(h, carol, scored, 'My feedback (candidate)');
  assert.ok(feedback.every((r) => r.ephemeral));
  const seen = data(feedback);
  assert.match(seen, /Your answer: 2 of \d+ key points/);
  assert.match(seen, /Clear structure/);
  assert.doesNotMatch(seen, /@everyone/, 'the note cannot ping');
  assert.doesNotMatch(seen, /\]\(https:\/\//, 'nor hide a link');
  assert.match(seen, /Model answer/);
  assert.ok(seen.includes(JSON.stringify(questionTitle).slice(1, 30)));

  const swapped = (await press(h, carol, scored, 'Swap roles')).at(-1)!;
  assert.match(data([swapped]), /round 2/);
  const davePeek = await h.emu
    .click({ user: dave, message: swapped.message!, customId: buttonId(swapped, 'Rubric (interviewer)') })
    .settled();
  assert.match(data(davePeek), /you are the candidate this round/);
  const carolsRubric = (await press(h, carol, swapped, 'Rubric (interviewer)')).at(-1)!;
  assert.match(data([carolsRubric]), /A strong answer covers/);
  for (const label of ['Rubric (interviewer)', 'End the interview']) {
    const refused = await h.emu
      .click({ user: erin, message: swapped.message!, customId: buttonId(swapped, label) })
      .settled();
    assert.ok(
      refused.every((r) => r.ephemeral),
      `erin's ${label} is answered privately`,
    );
    assert.match(data(refused), /between two other members/);
  }
  const session = (await h.bot.store.peerSessions.listGuild(h.guildId))[0];
  assert.equal(session?.state, 'active', "erin's presses changed nothing");
  assert.deepEqual(h.emu.violations, []);
});

test('given a member who already earned interview points for interviewing another today, when she interviews them again, then no more points; the other way round and the next day count', async (t) => {
  const clock = new TestClock(new Date('2026-11-20T10:00:00Z'));
  const h = await build(t, { clock });
  const carol = h.user('carol');
  const dave = h.user('dave');
  const { threadId } = await startPair(h, carol, dave);
  const scoreOnce = async (interviewer: EmuUser, on: EmuResponse) => {
    const rubric = (await press(h, interviewer, on, 'Rubric (interviewer)')).at(-1)!;
    const modal = await h.emu
      .click({ user: interviewer, message: rubric.message!, customId: buttonId(rubric, 'Score this answer') })
      .firstResponse();
    return (
      await finalResponses(
        h.emu.submitModal({
          user: interviewer,
          customId: modal.data.custom_id,
          fields: { note: '' },
          message: rubric.message!,
        }),
      )
    ).at(-1)!;
  };
  const round1 = await scoreOnce(dave, firstThreadMessage(h, threadId!));
  assert.match(round1.data.content, /earned \+5 points/);
  const round2q = (await press(h, carol, round1, 'Swap roles')).at(-1)!;
  const round2 = await scoreOnce(carol, round2q);
  assert.match(round2.data.content, /earned \+5 points/, 'carol interviewing dave is a first that day');
  const round3q = (await press(h, dave, round2, 'Swap roles')).at(-1)!;
  const round3 = await scoreOnce(dave, round3q);
  assert.match(
    round3.data.content,
    new RegExp(
      `No interview points this time: <@${dave.id}> already earned them for interviewing <@${carol.id}> today`,
    ),
  );
  assert.equal((await h.bot.store.users.get(h.guildId, dave.id))?.points, 5);
  assert.equal((await h.bot.store.users.get(h.guildId, carol.id))?.points, 5);

  clock.advance(24 * 60 * 60_000);
  const round4q = (await press(h, carol, round3, 'Swap roles')).at(-1)!;
  await scoreOnce(carol, round4q);
  assert.equal((await h.bot.store.users.get(h.guildId, carol.id))?.points, 10, 'the next day counts again');
});

test('given three members joining /mock find at once, then exactly two are paired, pinged alone, and the third waits', async (t) => {
  const h = await build(t);
  const [amy, ben, cat] = [h.user('amy'), h.user('ben'), h.user('cat')];
  const queued = (await finalResponses(h.emu.slash({ user: amy, name: 'mock', subcommand: 'find' }))).at(-1)!;
  assert.equal(queued.ephemeral, true);
  assert.match(queued.data.content, /You are waiting for a partner/);
  const [forBen, forCat] = await Promise.all([
    finalResponses(h.emu.slash({ user: ben, name: 'mock', subcommand: 'find' })),
    finalResponses(h.emu.slash({ user: cat, name: 'mock', subcommand: 'find' })),
  ]);
  const paired = [forBen, forCat].flat().filter((r) => /you are paired/.test(r.data?.content ?? ''));
  assert.equal(paired.length, 1, 'one pairing message');
  const pairedWith = paired[0]!.data.allowed_mentions.users as string[];
  assert.equal(pairedWith.length, 2);
  assert.ok(pairedWith.includes(amy.id), 'amy, who waited, is paired');
  assert.deepEqual(paired[0]!.data.allowed_mentions.parse, []);
  const sessions = await h.bot.store.peerSessions.listGuild(h.guildId);
  assert.equal(sessions.length, 1);
  const waiting = await h.bot.store.peerQueues.get(h.guildId);
  assert.equal(waiting?.waiting.length, 1, 'the third member waits');
  assert.ok(!pairedWith.includes(waiting!.waiting[0]!.userId));
  assert.deepEqual(h.emu.violations, []);
});

test('given a channel where the bot cannot open threads, when an invitation is accepted, then the interview runs in the channel', async (t) => {
  const h = await build(t);
  const carol = h.user('carol');
  const dave = h.user('dave');
  h.emu.setChannelAccess(h.channelId, 'no-permission');
  const { accepted, threadId } = await startPair(h, carol, dave);
  assert.equal(threadId, undefined);
  const question = accepted.find((r) => /your mock interview starts/.test(r.data?.content ?? ''));
  assert.ok(question, 'the first question follows in the channel');
  assert.deepEqual(question.data.allowed_mentions.users.sort(), [carol.id, dave.id].sort());
});

test('given a finished peer interview, when the interviewer runs /forget-me, then the candidate keeps the note anonymised; when the candidate does, the session is gone', async (t) => {
  const h = await build(t);
  const carol = h.user('carol');
  const dave = h.user('dave');
  const { threadId } = await startPair(h, carol, dave);
  const rubric = (await press(h, dave, firstThreadMessage(h, threadId!), 'Rubric (interviewer)')).at(-1)!;
  const modal = await h.emu
    .click({ user: dave, message: rubric.message!, customId: buttonId(rubric, 'Score this answer') })
    .firstResponse();
  const scored = (
    await finalResponses(
      h.emu.submitModal({
        user: dave,
        customId: modal.data.custom_id,
        fields: { note: 'Work on structure.' },
        message: rubric.message!,
      }),
    )
  ).at(-1)!;

  const forget = async (user: EmuUser) => {
    const prompt = await h.emu.slash({ user, name: 'forget-me' }).firstResponse();
    await finalResponses(
      h.emu.click({ user, message: prompt.message!, customId: buttonId(prompt, 'Delete my data') }),
    );
  };
  await forget(dave);
  const feedback = data(await press(h, carol, scored, 'My feedback (candidate)'));
  assert.match(feedback, /Work on structure/);
  assert.match(feedback, /a member who left/);
  assert.doesNotMatch(feedback, new RegExp(dave.id));

  await forget(carol);
  assert.deepEqual(await h.bot.store.peerSessions.listGuild(h.guildId), []);
});

test('given a DM with the bot, when a member runs /mock pair, then she is told peer interviews run in a server', async (t) => {
  const h = await build(t);
  const carol = h.user('carol');
  const dave = h.user('dave');
  await h.emu.slash({ user: dave, name: 'help' }).settled();
  const replies = await h.emu
    .slash({ user: carol, name: 'mock', subcommand: 'pair', options: { partner: dave.id }, dm: true })
    .settled();
  assert.match(data(replies), /Peer mock interviews run in a server that has added the bot/);
});
