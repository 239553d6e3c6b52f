import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  Routes,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import type { EmuMessage } from '../../tools/emulator/index.ts';
import { admin, alice, DAILY, GENERAL, GUILD, STUDY_ROLE, sleep, startBot } from './helpers.ts';

// a 1x1 PNG
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

test('given a slash command when the bot replies then firstResponse has the content and the message is recorded', async (t) => {
  const { emu, client } = await startBot(t);
  client.on('interactionCreate', async (i) => {
    if (!i.isChatInputCommand()) return;
    assert.equal(i.guildId, GUILD);
    assert.equal(i.channelId, GENERAL);
    assert.equal(i.member?.user.id, alice.id);
    await i.reply({ content: `Hello ${i.user.globalName}`, flags: MessageFlags.Ephemeral });
  });
  const h = emu.slash({ user: alice, name: 'hello' });
  const r = await h.firstResponse();
  assert.equal(r.kind, 'callback');
  assert.equal(r.callbackType, 4);
  assert.equal(r.data.content, 'Hello Alice');
  assert.equal(r.ephemeral, true);
  assert.ok(r.latencyMs >= 0 && r.latencyMs < 3000);
  assert.ok(Number.isFinite(h.dispatchedAt));
  const [msg] = emu.messages(GENERAL);
  assert.equal(msg?.content, 'Hello Alice');
  assert.equal(msg?.interaction_metadata?.user.id, alice.id);
  assert.deepEqual(emu.violations, []);
});

test('given withResponse when the bot replies then discord.js parses the callback response message', async (t) => {
  const { emu, client } = await startBot(t);
  const seen: string[] = [];
  client.on('interactionCreate', async (i) => {
    if (!i.isChatInputCommand()) return;
    const res = await i.reply({ content: 'with response', withResponse: true });
    seen.push(res.resource?.message?.content ?? '?', res.interaction.id);
  });
  const h = emu.slash({ user: alice, name: 'hello' });
  await h.settled();
  assert.deepEqual(seen, ['with response', h.id]);
});

test('given deferReply when the bot edits the reply then the deferred message becomes the real reply', async (t) => {
  const { emu, client } = await startBot(t);
  client.on('interactionCreate', async (i) => {
    if (!i.isChatInputCommand()) return;
    await i.deferReply();
    await sleep(20);
    await i.editReply({ content: 'done thinking' });
  });
  const h = emu.slash({ user: alice, name: 'slow' });
  const first = await h.firstResponse();
  assert.equal(first.callbackType, 5);
  assert.equal(emu.messages().length, 0, 'the thinking placeholder is not a message yet');
  const edit = await h.waitFor((r) => r.kind === 'edit');
  assert.equal(edit.data.content, 'done thinking');
  assert.equal(edit.message?.id, first.message?.id);
  assert.equal(emu.messages().length, 1);
  assert.equal(emu.messages()[0]?.content, 'done thinking');
  assert.equal((emu.messages()[0]?.flags ?? 0) & 128, 0, 'no longer loading');
});

test('given a reply when the bot sends follow-ups then they are recorded in order and settled resolves after the last', async (t) => {
  const { emu, client } = await startBot(t);
  client.on('interactionCreate', async (i) => {
    if (!i.isChatInputCommand()) return;
    await i.reply({ content: 'one' });
    await sleep(30);
    await i.followUp({ content: 'two' });
    await i.followUp({ content: 'three', flags: MessageFlags.Ephemeral });
  });
  const h = emu.slash({ user: alice, name: 'count' });
  const all = await h.settled(200);
  assert.deepEqual(
    all.map((r) => [r.kind, r.data.content, r.ephemeral]),
    [
      ['callback', 'one', false],
      ['followup', 'two', false],
      ['followup', 'three', true],
    ],
  );
  assert.deepEqual(
    emu.messages(GENERAL).map((m) => m.content),
    ['one', 'two', 'three'],
  );
});

test('given showModal when the user submits the modal then the bot reads the fields (action rows and labels)', async (t) => {
  const { emu, client } = await startBot(t);
  const answers: string[] = [];
  client.on('interactionCreate', async (i) => {
    if (i.isChatInputCommand() && i.commandName === 'old') {
      await i.showModal(
        new ModalBuilder()
          .setCustomId('answer-old')
          .setTitle('Your answer')
          .addComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder()
                .setCustomId('answer')
                .setLabel('Answer')
                .setStyle(TextInputStyle.Paragraph),
            ),
          ),
      );
    } else if (i.isChatInputCommand()) {
      await i.showModal(
        new ModalBuilder()
          .setCustomId('answer-new')
          .setTitle('Your answer')
          .addLabelComponents(
            new LabelBuilder()
              .setLabel('Answer')
              .setTextInputComponent(
                new TextInputBuilder().setCustomId('answer').setStyle(TextInputStyle.Paragraph),
              ),
          ),
      );
    } else if (i.isModalSubmit()) {
      answers.push(i.fields.getTextInputValue('answer'));
      await i.reply({ content: `got ${i.customId}`, flags: MessageFlags.Ephemeral });
    }
  });
  for (const name of ['old', 'new']) {
    const h = emu.slash({ user: alice, name });
    const modal = await h.firstResponse();
    assert.equal(modal.callbackType, 9);
    assert.equal(modal.data.title, 'Your answer');
    const s = emu.submitModal({
      user: alice,
      customId: modal.data.custom_id,
      fields: { answer: `text ${name}` },
    });
    assert.equal((await s.firstResponse()).data.content, `got answer-${name}`);
  }
  assert.deepEqual(answers, ['text old', 'text new']);
  assert.throws(
    () => emu.submitModal({ user: alice, customId: 'answer-new', fields: { nope: 'x' } }),
    /no field/,
  );
  assert.deepEqual(emu.violations, []);
});

test('given a message with a button when the user clicks it then the bot updates the message', async (t) => {
  const { emu, client } = await startBot(t);
  const seenContent: string[] = [];
  client.on('interactionCreate', async (i) => {
    if (i.isChatInputCommand()) {
      await i.reply({
        content: 'Question 1',
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder().setCustomId('reveal').setLabel('Reveal').setStyle(ButtonStyle.Primary),
          ),
        ],
      });
    } else if (i.isButton()) {
      seenContent.push(i.message.content);
      await i.update({ content: `Answer (clicked by ${i.user.username})`, components: [] });
    }
  });
  const h = emu.slash({ user: alice, name: 'question' });
  const reply = await h.firstResponse();
  const message = reply.message as EmuMessage;
  assert.equal(message.components[0]?.components?.[0]?.custom_id, 'reveal');
  const click = emu.click({ user: admin, message, customId: 'reveal' });
  const update = await click.firstResponse();
  assert.equal(update.callbackType, 7);
  assert.equal(update.message?.id, message.id);
  assert.equal(emu.messages()[0]?.content, 'Answer (clicked by root)');
  assert.deepEqual(emu.messages()[0]?.components, []);
  // a stale click (the button is gone after the update) still reaches the bot, like on Discord
  const stale = emu.click({ user: alice, message, customId: 'reveal' });
  assert.equal((await stale.firstResponse()).callbackType, 7);
  // responses hold snapshots: the stale click carried the message as it was when first replied
  assert.deepEqual(seenContent, ['Question 1', 'Question 1']);
  assert.equal(reply.message?.content, 'Question 1');
});

test('given registered commands when a slash has typed options then the bot gets typed values and resolved data', async (t) => {
  const { emu, client } = await startBot(t);
  await client.application?.commands.set([
    new SlashCommandBuilder()
      .setName('quiz')
      .setDescription('Quiz commands')
      .addSubcommand((s) =>
        s
          .setName('start')
          .setDescription('Start a quiz')
          .addIntegerOption((o) => o.setName('count').setDescription('How many').setRequired(true))
          .addStringOption((o) => o.setName('topic').setDescription('Topic').setAutocomplete(true))
          .addChannelOption((o) => o.setName('where').setDescription('Channel'))
          .addRoleOption((o) => o.setName('group').setDescription('Role'))
          .addUserOption((o) => o.setName('who').setDescription('User'))
          .addBooleanOption((o) => o.setName('hard').setDescription('Hard mode')),
      )
      .toJSON(),
  ]);
  const [cmd] = emu.registeredCommands() as { id: string; name: string; application_id: string }[];
  assert.equal(cmd?.name, 'quiz');
  assert.equal(cmd?.application_id, emu.applicationId);

  let got: unknown[] = [];
  client.on('interactionCreate', async (i) => {
    if (i.isAutocomplete()) {
      const focused = i.options.getFocused(true);
      await i.respond(
        ['segmentation', 'formats', 'modalities']
          .filter((x) => x.startsWith(String(focused.value)))
          .map((x) => ({ name: x, value: x })),
      );
      return;
    }
    if (!i.isChatInputCommand()) return;
    got = [
      i.commandId,
      i.options.getSubcommand(),
      i.options.getInteger('count'),
      i.options.getChannel('where')?.id,
      i.options.getRole('group')?.name,
      i.options.getUser('who')?.username,
      i.options.getBoolean('hard'),
    ];
    await i.reply({ content: 'ok' });
  });
  const h = emu.slash({
    user: alice,
    name: 'quiz',
    subcommand: 'start',
    options: { count: '3', where: DAILY, group: STUDY_ROLE, who: alice.id, hard: true },
  });
  await h.firstResponse();
  assert.deepEqual(got, [cmd?.id, 'start', 3, DAILY, 'Study group', 'alice', true]);

  const ac = emu.autocomplete({
    user: alice,
    name: 'quiz',
    subcommand: 'start',
    options: { topic: 'seg' },
    focused: 'topic',
  });
  const choices = await ac.firstResponse();
  assert.equal(choices.callbackType, 8);
  assert.deepEqual(
    choices.data.choices.map((c: { name: string }) => c.name),
    ['segmentation'],
  );
  assert.throws(
    () => emu.slash({ user: alice, name: 'quiz', subcommand: 'start', options: {} }),
    /missing required/,
  );
  assert.throws(
    () => emu.slash({ user: alice, name: 'quiz', subcommand: 'start', options: { count: 1, x: 1 } }),
    /no option "x"/,
  );
  assert.deepEqual(emu.violations, []);
});

test('given a reply with a PNG file when it is sent as multipart then the attachment is recorded on the message', async (t) => {
  const { emu, client } = await startBot(t);
  client.on('interactionCreate', async (i) => {
    if (!i.isChatInputCommand()) return;
    await i.reply({ content: 'card', files: [new AttachmentBuilder(PNG, { name: 'card.png' })] });
    await i.followUp({ content: 'again', files: [new AttachmentBuilder(PNG, { name: 'again.png' })] });
  });
  const h = emu.slash({ user: alice, name: 'card' });
  const [reply, follow] = await h.settled();
  const att = reply?.message?.attachments[0];
  assert.equal(att?.filename, 'card.png');
  assert.equal(att?.size, PNG.length);
  assert.equal(att?.content_type, 'image/png');
  assert.equal(att?.width, 1);
  assert.equal(follow?.message?.attachments[0]?.filename, 'again.png');
  assert.deepEqual(emu.attachmentData(att?.id ?? ''), PNG);
  const req = emu.requests.find((r) => r.path.endsWith('/callback'));
  assert.deepEqual(
    req?.files?.map((f) => [f.field, f.filename, f.size]),
    [['files[0]', 'card.png', PNG.length]],
  );
  const fetched = await fetch(att?.url ?? '');
  assert.deepEqual(Buffer.from(await fetched.arrayBuffer()), PNG);
  assert.deepEqual(emu.violations, []);
});

test('given a slow bot when it replies after the deadline then the emulator answers 10062 and records late-first-response', async (t) => {
  // The deadline runs on the emulator's clock: the handler moves it past 3 s, no real waiting.
  let offset = 0;
  const { emu, client } = await startBot(t, { now: () => Date.now() + offset });
  const errors: unknown[] = [];
  client.on('interactionCreate', async (i) => {
    if (!i.isChatInputCommand()) return;
    offset += 3001;
    await i.reply({ content: 'too late' }).catch((e: unknown) => errors.push(e));
  });
  const h = emu.slash({ user: alice, name: 'slow' });
  await assert.rejects(h.firstResponse(5000), /No first response.*late-first-response/);
  assert.equal((errors[0] as { code?: number }).code, 10062);
  assert.deepEqual(
    emu.violations.map((v) => v.rule),
    ['late-first-response'],
  );
  assert.equal(emu.messages().length, 0);
});

test('given an acknowledged interaction when a second callback arrives then it is refused with 40060', async (t) => {
  const { emu, client } = await startBot(t);
  const errors: unknown[] = [];
  client.on('interactionCreate', async (i) => {
    if (!i.isChatInputCommand()) return;
    await i.reply({ content: 'first' });
    await client.rest
      .post(Routes.interactionCallback(i.id, i.token), {
        body: { type: 4, data: { content: 'second', allowed_mentions: { parse: [] } } },
        auth: false,
      })
      .catch((e: unknown) => errors.push(e));
  });
  const h = emu.slash({ user: alice, name: 'twice' });
  await h.settled();
  assert.equal((errors[0] as { code?: number }).code, 40060);
  assert.equal(emu.violations[0]?.rule, 'already-acknowledged');
  assert.equal(h.responses.length, 1);
});

test('given an old interaction token when the bot sends a follow-up then it gets 401 10015', async (t) => {
  let clock = Date.now();
  const { emu, client } = await startBot(t, { now: () => clock });
  const errors: unknown[] = [];
  client.on('interactionCreate', async (i) => {
    if (!i.isChatInputCommand()) return;
    await i.deferReply();
    clock += 16 * 60_000;
    await i.followUp({ content: 'too late' }).catch((e: unknown) => errors.push(e));
  });
  const h = emu.slash({ user: alice, name: 'long' });
  await h.settled();
  assert.equal((errors[0] as { status?: number; code?: number }).status, 401);
  assert.equal((errors[0] as { code?: number }).code, 10015);
  assert.equal(emu.violations[0]?.rule, 'expired-token');
});
