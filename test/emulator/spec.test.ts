import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelSelectMenuBuilder,
  ContainerBuilder,
  EmbedBuilder,
  MediaGalleryBuilder,
  MediaGalleryItemBuilder,
  MessageFlags,
  ModalBuilder,
  SectionBuilder,
  SeparatorBuilder,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextDisplayBuilder,
  TextInputBuilder,
  TextInputStyle,
  ThumbnailBuilder,
} from 'discord.js';
import { checkCommands, validateCallback, validateMessageBody } from '../../tools/emulator/validate.ts';

const none = { allowed_mentions: { parse: [] } };

const embed = new EmbedBuilder()
  .setTitle('Title')
  .setURL('https://example.com')
  .setDescription('Description')
  .setColor(0x5865f2)
  .setTimestamp(new Date())
  .setAuthor({ name: 'Author', iconURL: 'https://example.com/a.png' })
  .setFooter({ text: 'Footer', iconURL: 'https://example.com/f.png' })
  .setThumbnail('attachment://card.png')
  .setImage('https://example.com/i.png')
  .addFields({ name: 'F', value: 'V', inline: true })
  .toJSON();

const rows = [
  new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      new ButtonBuilder().setCustomId('a').setLabel('A').setStyle(ButtonStyle.Primary).setEmoji('✅'),
      new ButtonBuilder().setURL('https://example.com').setLabel('Link').setStyle(ButtonStyle.Link),
    )
    .toJSON(),
  new ActionRowBuilder<StringSelectMenuBuilder>()
    .addComponents(
      new StringSelectMenuBuilder()
        .setCustomId('pick')
        .setPlaceholder('Pick')
        .addOptions({ label: 'One', value: '1', description: 'first' }, { label: 'Two', value: '2' }),
    )
    .toJSON(),
  new ActionRowBuilder<ChannelSelectMenuBuilder>()
    .addComponents(new ChannelSelectMenuBuilder().setCustomId('chan'))
    .toJSON(),
];

const v2 = [
  new ContainerBuilder()
    .setAccentColor(0x00ff00)
    .addTextDisplayComponents(new TextDisplayBuilder().setContent('# Heading'))
    .addSeparatorComponents(new SeparatorBuilder())
    .addSectionComponents(
      new SectionBuilder()
        .addTextDisplayComponents(new TextDisplayBuilder().setContent('text'))
        .setThumbnailAccessory(new ThumbnailBuilder().setURL('attachment://card.png')),
    )
    .addMediaGalleryComponents(
      new MediaGalleryBuilder().addItems(new MediaGalleryItemBuilder().setURL('attachment://card.png')),
    )
    .addActionRowComponents(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('v2').setLabel('Go').setStyle(ButtonStyle.Success),
      ),
    )
    .toJSON(),
];

test('given payloads discord.js builders produce when validated then the spec schemas raise no false positives', () => {
  const message = {
    content: 'hi',
    tts: false,
    embeds: [embed],
    components: rows,
    ...none,
    attachments: [{ id: '0' }],
  };
  for (const route of ['channel-create', 'channel-edit', 'webhook-execute', 'webhook-edit'] as const) {
    assert.deepEqual(validateMessageBody(message, route), [], route);
  }
  assert.deepEqual(validateCallback({ type: 4, data: message }), []);
  assert.deepEqual(validateCallback({ type: 7, data: message }), []);
  assert.deepEqual(validateCallback({ type: 5, data: { flags: MessageFlags.Ephemeral } }), []);
  assert.deepEqual(validateCallback({ type: 6 }), []);
  const v2msg = { components: v2, flags: MessageFlags.IsComponentsV2, ...none };
  assert.deepEqual(validateMessageBody(v2msg, 'channel-create'), []);
  assert.deepEqual(validateCallback({ type: 4, data: v2msg }), []);
  assert.deepEqual(
    validateCallback({
      type: 8,
      data: {
        choices: [
          { name: 'a', value: 'a' },
          { name: 'b', value: 'b', name_localizations: undefined },
        ],
      },
    }),
    [],
  );
  const modal = new ModalBuilder()
    .setCustomId('m')
    .setTitle('Modal')
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder()
          .setCustomId('t')
          .setLabel('T')
          .setStyle(TextInputStyle.Short)
          .setMaxLength(4000),
      ),
    )
    .toJSON();
  assert.deepEqual(validateCallback({ type: 9, data: modal }), []);
  const cmd = new SlashCommandBuilder()
    .setName('quiz')
    .setDescription('d')
    .setDefaultMemberPermissions(32n)
    .setContexts(0)
    .addSubcommandGroup((g) =>
      g
        .setName('admin')
        .setDescription('d')
        .addSubcommand((s) =>
          s
            .setName('reset')
            .setDescription('d')
            .addStringOption((o) =>
              o.setName('topic').setDescription('d').addChoices({ name: 'A', value: 'a' }),
            )
            .addIntegerOption((o) => o.setName('n').setDescription('d').setMinValue(1).setMaxValue(10))
            .addNumberOption((o) => o.setName('x').setDescription('d'))
            .addAttachmentOption((o) => o.setName('file').setDescription('d'))
            .addMentionableOption((o) => o.setName('who').setDescription('d')),
        ),
    )
    .toJSON();
  assert.deepEqual(checkCommands([cmd]), []);
});

test('given v2 components without the flag when validated then components-v2-flag is reported', () => {
  const issues = validateMessageBody({ components: v2, ...none }, 'channel-create');
  assert.deepEqual(
    issues.map((i) => i.rule),
    ['components-v2-flag'],
  );
});
