import { ANYWHERE, type CommandModule } from '../src/discord/command.ts';
import { helpReply } from '../src/discord/views/help.ts';

export const help: CommandModule = {
  data: { name: 'help', description: 'How the bot works', ...ANYWHERE },
  async execute(interaction) {
    await interaction.reply(helpReply);
  },
};
