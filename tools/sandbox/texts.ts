import type { EmuGuildSpec } from '../emulator/types.ts';
import { palette } from './render.ts';

export function banner(guild: EmuGuildSpec, storeFile: string, colour: boolean): string[] {
  const p = palette(colour);
  const channels = guild.channels.map((c) => `#${c.name}`).join(' ');
  const roles = (guild.roles ?? []).map((r) => `@${r.name}`).join(' ');
  return [
    p.bold('Interview-practice bot sandbox'),
    p.dim('The real bot, talking to a local Discord emulator: no Discord account, no network.'),
    p.dim(`Server "${guild.name}": ${channels}${roles ? `, role ${roles}` : ''}. Store: ${storeFile}`),
    p.dim('Type /question to start, :help for everything else. You are "you", an admin.'),
    '',
  ];
}

export function help(commandNames: string[], colour: boolean): string[] {
  const p = palette(colour);
  const row = (cmd: string, text: string) => `  ${p.bold(cmd.padEnd(30))} ${text}`;
  return [
    row('/question topic:dicom', 'a slash command, written as in Discord; Tab completes names and options'),
    p.dim(`  ${' '.repeat(30)} commands: ${commandNames.map((n) => `/${n}`).join(' ')}`),
    p.dim(
      `  ${' '.repeat(30)} e.g. /daily set channel:#daily time:09:00 timezone:Europe/Berlin role:@Study group`,
    ),
    row('2   or   :press 2', 'press button [2]; :press Nailed it presses the newest button with that label'),
    row('/as alice   /as bob admin', 'act as another member; admin = has the Manage Server permission'),
    row(
      ':time   :time +1d   :time +2h',
      'show the sandbox clock, or move it forward (due daily posts then appear)',
    ),
    row(':dm', "switch between the server's channel and your DM with the bot (personal practice)"),
    row(':elsewhere', 'switch to a server that has not added the bot (your own install: private replies)'),
    row(':attach questions.md', 'attach a local file; then e.g. /bank import file:questions.md'),
    row(':help   :quit', 'this help; leave (Ctrl+D and Ctrl+C work too)'),
    p.dim(
      '  A form (the Answer button) asks for each field on one line; \\n is a line break, :cancel closes it.',
    ),
  ];
}
