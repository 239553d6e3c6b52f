import {
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { BotContext } from '../src/app/context.ts';
import { FormError, ImportError } from '../src/app/server-bank.ts';
import { slugOf } from '../src/core/bank.ts';
import { UserError } from '../src/core/errors.ts';
import { FORM_FIELDS, type QuestionForm } from '../src/core/question-form.ts';
import { isBotOwner } from '../src/discord/bot-owner.ts';
import { ANYWHERE, type CommandModule } from '../src/discord/command.ts';
import { customId } from '../src/discord/custom-id.ts';
import { assertEditor, isEditor, serverOf } from '../src/discord/editors.ts';
import { DEFAULT_ATTACHMENT_LIMIT } from '../src/discord/options.ts';
import { questionChoices } from '../src/discord/question-search.ts';
import { NOT_AN_OWNER, reloadReply, reportsReply } from '../src/discord/views/bank.ts';
import {
  addModal,
  editModal,
  exportReply,
  formProblemsReply,
  importedReply,
  importProblemsReply,
  queueView,
  SERVER_BANK,
  savedReply,
  serverReportsText,
  suggestModal,
} from '../src/discord/views/server-bank.ts';

/** A bank file to import: 1,000 questions are about 2 MB. */
const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

const idOption = {
  type: ApplicationCommandOptionType.String,
  name: 'id',
  description: "One of this server's questions (start typing to search)",
  required: true,
  autocomplete: true,
} as const;

function formFrom(interaction: ModalSubmitInteraction): QuestionForm {
  const value = (field: string) => interaction.fields.getTextInputValue(field);
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, value(f)])) as unknown as QuestionForm;
}

const draftKey = (interaction: { user: { id: string } }, what: string) => `${interaction.user.id}:${what}`;

/** Saves a form; a refused one is remembered and answered with its problems and a retry button. */
async function saveForm(
  interaction: ModalSubmitInteraction,
  ctx: BotContext,
  what: string,
  save: (form: QuestionForm) => Promise<void>,
): Promise<void> {
  const form = formFrom(interaction);
  try {
    await save(form);
  } catch (error) {
    if (!(error instanceof FormError)) throw error;
    ctx.serverBank.rememberDraft(draftKey(interaction, what), form);
    await interaction.reply(
      formProblemsReply(error.problems, ctx.bank().topics, customId(SERVER_BANK.retry, what)),
    );
  }
}

async function fetchAttachment(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new UserError(`Could not download the file (HTTP ${response.status}). Try again.`);
  return response.text();
}

async function runImport(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guildId = await assertEditor(interaction, ctx);
  const file = interaction.options.getAttachment('file', true);
  if (!/\.(md|markdown|txt)$/i.test(file.name)) {
    throw new UserError('Attach a markdown file (`.md`) in the bank format of `questions/README.md`.');
  }
  if (file.size > MAX_IMPORT_BYTES) {
    throw new UserError(
      `That file is ${Math.round(file.size / 1024)} kB; import at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB at a time.`,
    );
  }
  // Downloading and validating a large file can take a moment: acknowledge first.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const text = await fetchAttachment(file.url);
  try {
    await interaction.editReply(
      importedReply(await ctx.serverBank.importFile(guildId, interaction.user.id, text)),
    );
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    await interaction.editReply(importProblemsReply(error.problems));
  }
}

async function runReports(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const owner = isBotOwner(interaction, ctx.ownerIds);
  const editor = await isEditor(interaction, ctx);
  if (!owner && !editor)
    throw new UserError(`${NOT_AN_OWNER} In a server, its editors see reports on its own questions.`);
  if (editor) {
    const own = await ctx.reports.forServer(serverOf(interaction));
    await interaction.reply({ content: serverReportsText(own), flags: MessageFlags.Ephemeral });
  }
  if (owner) {
    const reports = await ctx.reports.all();
    const reply = reportsReply(reports.slice(0, 10), reports.length);
    await (interaction.replied ? interaction.followUp(reply) : interaction.reply(reply));
  }
}

export const bank: CommandModule = {
  data: {
    name: 'bank',
    description: 'The question bank: the shared one, and this server’s own questions',
    ...ANYWHERE,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'add',
        description: 'Add a question to this server (editors)',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'import',
        description:
          'Add or update this server’s questions from a markdown file in the bank format (editors)',
        options: [
          {
            type: ApplicationCommandOptionType.Attachment,
            name: 'file',
            description: 'A .md file laid out like questions/README.md',
            required: true,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'edit',
        description: 'Edit one of this server’s questions (editors)',
        options: [idOption],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'remove',
        description: 'Stop asking one of this server’s questions; answers to it stay (editors)',
        options: [idOption],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'export',
        description: 'This server’s questions as a markdown file in the bank format',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'suggest',
        description: 'Propose a question for this server; its editors review it',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'queue',
        description: 'Review suggested questions: approve or reject (editors)',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'editors',
        description: 'Let a role edit this server’s questions, besides Manage Server (Manage Server)',
        options: [
          {
            type: ApplicationCommandOptionType.Role,
            name: 'role',
            description: 'The editor role (leave out to have none)',
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'reports',
        description: 'Problem reports: this server’s questions (editors), the shared bank (the bot’s owners)',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'reload',
        description: "Load the shared bank's files again without a restart (the bot's owners)",
      },
    ],
  },

  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand();
    switch (sub) {
      case 'add':
        await assertEditor(interaction, ctx);
        await interaction.showModal(addModal());
        return;
      case 'suggest':
        serverOf(interaction);
        await interaction.showModal(suggestModal());
        return;
      case 'edit': {
        const guildId = await assertEditor(interaction, ctx);
        const id = interaction.options.getString('id', true);
        const form = await ctx.serverBank.formFor(guildId, id);
        if (form.answer.length > 4000 || form.keyPoints.length > 2000) {
          throw new UserError(
            'That question is too long for the form: export it, edit the file and import it.',
          );
        }
        await interaction.showModal(editModal(slugOf(id), form));
        return;
      }
      case 'remove': {
        const guildId = await assertEditor(interaction, ctx);
        const removed = await ctx.serverBank.remove(guildId, interaction.options.getString('id', true));
        await interaction.reply({
          content: `Removed \`${removed.id}\`: it is no longer asked. Members keep their answers to it.`,
          flags: MessageFlags.Ephemeral,
        });
        return;
      }
      case 'import':
        await runImport(interaction, ctx);
        return;
      case 'export': {
        const guildId = serverOf(interaction);
        const { markdown, count } = await ctx.serverBank.exportFile(
          guildId,
          interaction.guild?.name ?? 'this server',
        );
        await interaction.reply({
          ...exportReply(markdown, count, interaction.attachmentSizeLimit || DEFAULT_ATTACHMENT_LIMIT),
          flags: MessageFlags.Ephemeral,
        });
        return;
      }
      case 'queue': {
        const guildId = await assertEditor(interaction, ctx);
        await interaction.reply({
          ...queueView(await ctx.serverBank.queue(guildId)),
          flags: MessageFlags.Ephemeral,
        });
        return;
      }
      case 'editors': {
        const guildId = serverOf(interaction);
        if (!interaction.memberPermissions?.has('ManageGuild')) {
          throw new UserError('Only members with Manage Server choose the editor role.');
        }
        const role = interaction.options.getRole('role');
        await ctx.guilds.update(guildId, (g) => {
          const { editorRoleId: _, ...rest } = g;
          return { next: role ? { ...rest, editorRoleId: role.id } : rest, result: undefined };
        });
        await interaction.reply({
          content: role
            ? `Members with <@&${role.id}> can now add, edit, remove and approve this server's questions.`
            : "Only members with Manage Server can change this server's questions now.",
          allowedMentions: { parse: [] },
          flags: MessageFlags.Ephemeral,
        });
        return;
      }
      case 'reports':
        await runReports(interaction, ctx);
        return;
    }
    // reload
    if (!isBotOwner(interaction, ctx.ownerIds)) throw new UserError(NOT_AN_OWNER);
    // Validating a large bank can take a moment: acknowledge first.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const outcome = await ctx.questionBank.reload();
    const reply = reloadReply(outcome);
    await interaction.editReply({ content: reply.content ?? '' });
    ctx.logger.info(
      outcome.ok
        ? {
            userId: interaction.user.id,
            questions: outcome.questions,
            added: outcome.added.length,
            removed: outcome.removed.length,
          }
        : { userId: interaction.user.id, problems: outcome.problems.length },
      outcome.ok ? 'question bank reloaded' : 'question bank reload refused: the new bank is invalid',
    );
  },

  async autocomplete(interaction, ctx) {
    const scope = serverOf(interaction);
    const own = await ctx.serverBank.list(scope);
    await interaction.respond(
      questionChoices({ questions: own, byId: new Map(), topics: [] }, interaction.options.getFocused()),
    );
  },

  buttons: {
    async [SERVER_BANK.retry](interaction, ctx, [what = '']) {
      const draft = ctx.serverBank.draft(draftKey(interaction, what));
      if (what === 'add') {
        await assertEditor(interaction, ctx);
        await interaction.showModal(addModal(draft));
      } else if (what === 'suggest') {
        await interaction.showModal(suggestModal(draft));
      } else if (what.startsWith('edit.')) {
        await assertEditor(interaction, ctx);
        await interaction.showModal(editModal(what.slice('edit.'.length), draft ?? {}));
      } else throw new UserError('That form is no longer available. Run the command again.');
    },

    async [SERVER_BANK.approve](interaction, ctx, [suggestionId = '']) {
      const guildId = await assertEditor(interaction, ctx);
      const { question } = await ctx.serverBank.approve(guildId, interaction.user.id, suggestionId);
      const next = queueView(await ctx.serverBank.queue(guildId));
      await interaction.update({
        ...next,
        content:
          `Approved \`${question.id}\`${question.suggestedBy ? ` (credited to <@${question.suggestedBy}>)` : ''}. ${next.content}`.trim(),
        allowedMentions: { parse: [] },
      });
    },

    async [SERVER_BANK.reject](interaction, ctx, [suggestionId = '']) {
      const guildId = await assertEditor(interaction, ctx);
      await ctx.serverBank.reject(guildId, interaction.user.id, suggestionId);
      const next = queueView(await ctx.serverBank.queue(guildId));
      await interaction.update({ ...next, content: `Rejected. ${next.content}`.trim() });
    },
  },

  modals: {
    async [SERVER_BANK.add](interaction, ctx) {
      const guildId = await assertEditor(interaction, ctx);
      await saveForm(interaction, ctx, 'add', async (form) => {
        await interaction.reply(
          savedReply('Added', await ctx.serverBank.add(guildId, interaction.user.id, form)),
        );
      });
    },

    async [SERVER_BANK.edit](interaction, ctx, [slug = '']) {
      const guildId = await assertEditor(interaction, ctx);
      await saveForm(interaction, ctx, `edit.${slug}`, async (form) => {
        await interaction.reply(savedReply('Saved', await ctx.serverBank.edit(guildId, slug, form)));
      });
    },

    async [SERVER_BANK.suggest](interaction, ctx) {
      const guildId = serverOf(interaction);
      await saveForm(interaction, ctx, 'suggest', async (form) => {
        await ctx.serverBank.suggest(guildId, interaction.user.id, form);
        await interaction.reply({
          content:
            "Thank you: your question is waiting for this server's editors (`/bank queue`). If they approve it, it is credited to you.",
          flags: MessageFlags.Ephemeral,
        });
      });
    },
  },
};
