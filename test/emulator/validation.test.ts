import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, type TextChannel } from 'discord.js';
import { alice, DAILY, STUDY_ROLE, startBot } from './helpers.ts';

const button = (id: string, label = id) =>
  new ButtonBuilder().setCustomId(id).setLabel(label).setStyle(ButtonStyle.Secondary);
const row = (...ids: string[]) =>
  new ActionRowBuilder<ButtonBuilder>().addComponents(ids.map((id) => button(id)));

interface ApiError {
  status?: number;
  code?: number;
  rawError?: { errors?: unknown };
}

/** Runs `send` as the bot's reply to a slash command; returns the error discord.js got. */
async function replyWith(t: Parameters<typeof startBot>[0], send: Record<string, unknown>) {
  const { emu, client } = await startBot(t);
  const errors: ApiError[] = [];
  client.on('interactionCreate', async (i) => {
    if (i.isChatInputCommand()) await i.reply(send).catch((e: ApiError) => errors.push(e));
  });
  const h = emu.slash({ user: alice, name: 'x' });
  await h.settled();
  return { emu, errors, h };
}

test('given content of 2001 chars when the bot replies then it is rejected with 50035 and a content-length violation', async (t) => {
  const { emu, errors, h } = await replyWith(t, { content: 'x'.repeat(2001) });
  assert.equal(errors[0]?.status, 400);
  assert.equal(errors[0]?.code, 50035);
  assert.deepEqual(errors[0]?.rawError?.errors, {
    data: {
      content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] },
    },
  });
  assert.deepEqual(
    emu.violations.map((v) => v.rule),
    ['content-length'],
  );
  assert.equal(h.responses.length, 0);
  await assert.rejects(h.firstResponse(50), /refused attempts: 400 Invalid Form Body/);
  assert.equal(emu.messages().length, 0);
});

test('given 6 action rows when the bot replies then it is rejected with an action-rows violation', async (t) => {
  const { emu, errors } = await replyWith(t, {
    content: 'rows',
    components: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => row(id)),
  });
  assert.equal(errors[0]?.code, 50035);
  assert.deepEqual(
    emu.violations.map((v) => v.rule),
    ['action-rows'],
  );
});

test('given duplicate custom_ids when the bot replies then it is rejected with a duplicate-custom-id violation', async (t) => {
  const { emu, errors } = await replyWith(t, { content: 'dup', components: [row('same', 'same')] });
  assert.equal(errors[0]?.code, 50035);
  assert.deepEqual(
    emu.violations.map((v) => v.rule),
    ['duplicate-custom-id'],
  );
});

test('given oversized embeds when the bot replies then each broken limit is a violation', async (t) => {
  const big = new EmbedBuilder().setTitle('t'.repeat(256)).setDescription('d'.repeat(4096));
  const { emu, errors } = await replyWith(t, {
    content: 'embeds',
    embeds: [big, big],
    // raw JSON: the builders would refuse the long label before sending
    components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'b', label: 'l'.repeat(81) }] }],
  });
  assert.equal(errors[0]?.code, 50035);
  assert.deepEqual(emu.violations.map((v) => v.rule).sort(), ['button-label', 'embed-total']);
});

test('given a client without default allowedMentions when the bot sends then may-ping is recorded and the send rejected', async (t) => {
  const { emu, client } = await startBot(t, {}, { allowedMentions: false });
  const channel = (await client.channels.fetch(DAILY)) as TextChannel;
  await assert.rejects(channel.send({ content: 'hello @everyone' }), (e: ApiError) => e.code === 50035);
  await assert.rejects(
    channel.send({ content: 'hi', allowedMentions: { parse: ['users'] } }),
    (e: ApiError) => e.code === 50035,
  );
  assert.deepEqual(
    emu.violations.map((v) => v.rule),
    ['may-ping', 'may-ping'],
  );
  // an explicit role list is allowed
  await channel.send({ content: `<@&${STUDY_ROLE}> new question`, allowedMentions: { roles: [STUDY_ROLE] } });
  assert.deepEqual(emu.messages(DAILY)[0]?.mention_roles, [STUDY_ROLE]);
  assert.equal(emu.violations.length, 2);
});

test('given a modal and autocomplete over the limits when the bot answers then violations are recorded', async (t) => {
  const { emu, client } = await startBot(t);
  const errors: ApiError[] = [];
  client.on('interactionCreate', async (i) => {
    if (i.isAutocomplete()) {
      await i
        .respond(Array.from({ length: 26 }, (_, n) => ({ name: `c${n}`, value: `v${n}` })))
        .catch((e: ApiError) => errors.push(e));
    } else if (i.isChatInputCommand()) {
      await i
        .showModal({
          title: 'A title that is definitely longer than forty-five characters',
          custom_id: 'm',
          components: [
            { type: 1, components: [{ type: 4, custom_id: 'a', label: 'A', style: 1, max_length: 5000 }] },
          ],
        } as never)
        .catch((e: ApiError) => errors.push(e));
    }
  });
  await emu.slash({ user: alice, name: 'modal' }).settled();
  await emu.autocomplete({ user: alice, name: 'modal', options: { q: 'x' }, focused: 'q' }).settled();
  assert.deepEqual(
    errors.map((e) => e.code),
    [50035, 50035],
  );
  const rules = emu.violations.map((v) => v.rule);
  assert.ok(rules.includes('modal-title'), rules.join());
  assert.ok(rules.includes('text-input-max-length'), rules.join());
  assert.ok(rules.includes('autocomplete-choices'), rules.join());
});
