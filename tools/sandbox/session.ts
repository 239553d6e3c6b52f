/**
 * The interactive loop: one line at a time, each interaction followed until the bot's responses
 * settle, so piped scripts behave exactly like someone typing slowly.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { OffsetClock } from '../../src/app/clock.ts';
import type { RunningBot } from '../../src/discord/bot.ts';
import type {
  EmuComponent,
  EmuGuildSpec,
  Emulator,
  EmuMessage,
  EmuResponse,
  EmuUser,
  InteractionHandle,
} from '../emulator/types.ts';
import { complete } from './complete.ts';
import { fieldProblem, fieldPrompt, fieldValue, formHeader, type ModalField, modalFields } from './forms.ts';
import {
  type Action,
  type CommandDef,
  type Directory,
  parseAction,
  parseSlash,
  toCommandDefs,
} from './parse.ts';
import { formatDuration, type Heading, type Names, palette, renderMessage } from './render.ts';
import { Terminal } from './terminal.ts';
import { banner, help } from './texts.ts';
import { isAdmin, sandboxUser } from './users.ts';

export interface SessionOptions {
  emu: Emulator;
  bot: RunningBot;
  clock: OffsetClock;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A person at a terminal: prompts, completion; otherwise input lines are echoed after the prompt. */
  interactive: boolean;
  colour: boolean;
  storeFile: string;
}

interface ButtonRef {
  messageId: string;
  customId: string;
  label: string;
  /** A string select menu's options. */
  options?: { label: string; value: string }[];
  /** Ephemeral messages can only be used by the user who got them. */
  owner?: EmuUser;
}

const MAX_FOLLOW_MS = 15_000;

export class Session {
  private readonly term: Terminal;
  private readonly p: ReturnType<typeof palette>;
  private readonly guild: EmuGuildSpec;
  private readonly channelId: string;
  private where: 'server' | 'dm' | 'elsewhere' = 'server';
  private readonly users = new Map<string, EmuUser>();
  /** Members the emulator knows (they acted), so options like user:@bob resolve to their name. */
  private readonly seen = new Set<string>();
  private user: EmuUser;
  private readonly buttons = new Map<number, ButtonRef>();
  private nextButton = 1;
  private readonly messages = new Map<string, EmuMessage>();
  private channelPosts = 0;
  /** Files attached with :attach (uploaded to the emulator), newest first. */
  private readonly files: { id: string; name: string }[] = [];

  constructor(private readonly o: SessionOptions) {
    this.p = palette(o.colour);
    const guild = o.emu.guilds().find((g) => !g.withoutBot);
    const general = guild?.channels.find((c) => (c.type ?? 0) === 0);
    if (!guild || !general) throw new Error('the emulator has no guild with a text channel');
    this.guild = guild;
    this.channelId = general.id;
    this.user = this.switchUser('you', true);
    this.term = new Terminal(o.output, o.input, o.interactive, (line) => this.completeLine(line));
    o.emu.on('message', this.onChannelMessage);
    o.emu.on('request', this.onRequest);
  }

  /** Ends the loop as if input ended (SIGTERM, or the caller giving up). */
  close(): void {
    this.term.close();
  }

  async run(): Promise<void> {
    this.print(banner(this.guild, this.o.storeFile, this.o.colour));
    try {
      for (;;) {
        const line = await this.term.ask(this.prompt());
        if (line === undefined) break;
        const action = parseAction(line);
        if (action.kind === 'quit') break;
        try {
          await this.perform(action);
        } catch (err) {
          this.error((err as Error).message);
        }
      }
    } finally {
      this.o.emu.off('message', this.onChannelMessage);
      this.o.emu.off('request', this.onRequest);
      this.term.close();
    }
  }

  // ------------------------------------------------------------------------------------------------
  // input and output

  /** Where the member acts: the server's channel, or their DM with the bot (:dm). */
  private place(): { channelId: string } | { dm: true } {
    if (this.where === 'dm') return { dm: true };
    if (this.where === 'elsewhere' && this.otherChannel) return { channelId: this.otherChannel.id };
    return { channelId: this.channelId };
  }

  /** The server without the bot (:elsewhere), and its text channel. */
  private get other() {
    return this.o.emu.guilds().find((g) => g.withoutBot);
  }

  private get otherChannel() {
    return this.other?.channels.find((c) => (c.type ?? 0) === 0);
  }

  private prompt(): string {
    const who = `${this.user.username}${isAdmin(this.user) ? ' (admin)' : ''}`;
    const where =
      this.where === 'dm'
        ? 'DM with the bot'
        : this.where === 'elsewhere'
          ? `#${this.otherChannel?.name} (${this.other?.name}, no bot)`
          : `#${this.channelName(this.channelId)}`;
    return `${this.p.green(who)} ${this.p.dim(where)} › `;
  }

  private print(lines: string[]): void {
    this.term.print(lines);
  }

  private error(message: string): void {
    this.print([this.p.red(`error: ${message}`)]);
  }

  private note(message: string): void {
    this.print([this.p.dim(message)]);
  }

  // ------------------------------------------------------------------------------------------------
  // the world

  private switchUser(name: string, admin: boolean): EmuUser {
    const user = sandboxUser(name, admin);
    this.users.set(user.username, user);
    return user;
  }

  private channelName(id: string): string | undefined {
    const thread = this.o.emu.thread(id);
    if (thread) return `${this.channelName(thread.parentId ?? '') ?? '?'} › ${thread.name}`;
    return this.o.emu
      .guilds()
      .flatMap((g) => g.channels)
      .find((c) => c.id === id)?.name;
  }

  private readonly names: Names = {
    channel: (id) => this.channelName(id),
    role: (id) => this.guild.roles?.find((r) => r.id === id)?.name,
    user: (id) =>
      id === this.o.emu.botUserId ? 'bot' : [...this.users.values()].find((u) => u.id === id)?.username,
  };

  private directory(): Directory {
    return {
      files: this.files,
      channels: this.guild.channels.map((c) => ({ id: c.id, name: c.name })),
      roles: this.guild.roles ?? [],
      users: [...this.users.values()]
        .filter((u) => this.seen.has(u.id))
        .map((u) => ({ id: u.id, name: u.username })),
    };
  }

  /** The commands as the bot registered them with the emulator (guild ones override global ones). */
  private commands(): CommandDef[] {
    const guild = toCommandDefs(this.o.emu.registeredCommands(this.guild.id));
    const global = toCommandDefs(this.o.emu.registeredCommands()).filter(
      (c) => !guild.some((g) => g.name === c.name),
    );
    return [...guild, ...global];
  }

  // ------------------------------------------------------------------------------------------------
  // actions

  private async perform(action: Action): Promise<void> {
    switch (action.kind) {
      case 'empty':
      case 'quit':
        return;
      case 'help':
        this.print(
          help(
            this.commands().map((c) => c.name),
            this.o.colour,
          ),
        );
        return;
      case 'error':
        this.error(action.message);
        return;
      case 'as':
        this.user = this.switchUser(action.name, action.admin);
        this.note(
          `you are now ${action.name}, ${action.admin ? 'an admin (Manage Server)' : 'a member without Manage Server'}`,
        );
        return;
      case 'time':
        await this.time(action.deltaMs);
        return;
      case 'dm':
      case 'elsewhere': {
        this.where = this.where === action.kind ? 'server' : action.kind;
        const notes = {
          dm: 'you are now in a DM with the bot: practice here is personal (its own streak and points, on no leaderboard)',
          elsewhere: `you are now in #${this.otherChannel?.name ?? '?'} of "${this.other?.name ?? '?'}", a server that has not added the bot: your own install answers, privately, in your personal practice`,
          server: `you are back in #${this.channelName(this.channelId)}`,
        };
        this.note(this.where === 'server' ? notes.server : `${notes[this.where]}; :${this.where} goes back`);
        return;
      }
      case 'press':
        await this.press(action.target);
        return;
      case 'attach':
        this.attach(action.path);
        return;
      case 'slash':
        await this.slash(action.line);
        return;
    }
  }

  /** Uploads a local file as a member's attachment; a command's file option then names it. */
  private attach(path: string): void {
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch (err) {
      this.error(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const name = basename(path);
    const id = this.o.emu.uploadAttachment(
      name,
      data,
      /\.(md|markdown|txt)$/i.test(name) ? 'text/markdown' : 'application/octet-stream',
    );
    this.files.unshift({ id, name });
    this.note(
      `   attached ${name} (${data.length} bytes): use it as file:${name}, e.g. /bank import file:${name}`,
    );
  }

  private async slash(line: string): Promise<void> {
    const call = parseSlash(line, this.commands(), this.directory());
    if (!call.ok) {
      this.error(call.error);
      return;
    }
    const label = `/${call.value.name}${call.value.subcommand ? ` ${call.value.subcommand}` : ''}`;
    let h: InteractionHandle;
    try {
      h = this.o.emu.slash({ user: this.user, ...this.place(), ...call.value });
    } catch (err) {
      // Discord would not offer the command here (a server-only command in a DM).
      this.error((err as Error).message);
      return;
    }
    await this.follow(h, `reply to ${label}`, undefined);
    // A schedule whose time already passed today would post within a minute; show it now.
    if (call.value.name === 'daily') await this.sweep(false);
  }

  private findButton(target: number | string): { n: number; ref: ButtonRef } | string {
    if (typeof target === 'number') {
      const ref = this.buttons.get(target);
      return ref ? { n: target, ref } : `there is no button [${target}]; buttons are numbered in brackets`;
    }
    const wanted = target.toLowerCase();
    const candidates = [...this.buttons].reverse();
    const hit = candidates.find(
      ([, ref]) =>
        ref.label.toLowerCase() === wanted &&
        (!ref.owner || ref.owner.id === this.user.id) &&
        this.componentOf(ref) !== undefined,
    );
    return hit ? { n: hit[0], ref: hit[1] } : `no button labelled "${target}" that you can press`;
  }

  private componentOf(ref: ButtonRef): EmuComponent | undefined {
    const msg = this.messages.get(ref.messageId);
    const walk = (list: EmuComponent[]): EmuComponent | undefined => {
      for (const c of list) {
        if (c.custom_id === ref.customId) return c;
        const inner = walk([...(c.components ?? []), ...(c.accessory ? [c.accessory] : [])]);
        if (inner) return inner;
      }
      return undefined;
    };
    return msg ? walk(msg.components) : undefined;
  }

  private async press(target: number | string): Promise<void> {
    const found = this.findButton(target);
    if (typeof found === 'string') {
      this.error(found);
      return;
    }
    const { n, ref } = found;
    const message = this.messages.get(ref.messageId);
    if (!message) return this.error(`button [${n}] was on a message that has been deleted`);
    if (ref.owner && ref.owner.id !== this.user.id) {
      return this.error(
        `button [${n}] is on a message only ${ref.owner.username} can see; /as ${ref.owner.username} to press it`,
      );
    }
    const component = this.componentOf(ref);
    if (!component)
      return this.error(`button [${n}] is no longer on that message (it changed); use the new numbers`);
    if (component.disabled) return this.error(`button [${n}] (${ref.label}) is disabled`);
    let values: string[] | undefined;
    if (ref.options) {
      const raw = await this.term.ask(`   pick (numbers separated by spaces; empty for none): `);
      if (raw === undefined) return this.note('   nothing picked');
      const picked = raw
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      const bad = picked.filter((i) => !Number.isInteger(i) || i < 1 || i > (ref.options?.length ?? 0));
      if (bad.length)
        return this.error(`no option ${bad.join(', ')}; the options are numbered 1-${ref.options.length}`);
      values = [...new Set(picked)].map((i) => ref.options?.[i - 1]?.value ?? '');
      this.note(
        `   you picked ${values.length === 0 ? 'nothing' : picked.join(', ')} in [${n}] ${ref.label}`,
      );
    } else this.note(`   you pressed [${n}] ${ref.label}`);
    const h = this.o.emu.click({
      user: this.user,
      message,
      customId: ref.customId,
      ...(values ? { values } : {}),
    });
    await this.follow(h, `reply to ${ref.label}`, message);
  }

  private async time(deltaMs: number | undefined): Promise<void> {
    if (deltaMs !== undefined) this.o.clock.offsetMs += deltaMs;
    const now = this.o.clock.now();
    const zone = await this.o.bot.ctx.guilds.timeZone(this.guild.id);
    const local = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone: zone,
    }).format(now);
    const ahead =
      this.o.clock.offsetMs > 0 ? `, ${formatDuration(this.o.clock.offsetMs)} ahead of the real clock` : '';
    this.print([this.p.yellow(`sandbox time: ${local} (${zone}, the server's timezone${ahead})`)]);
    if (deltaMs !== undefined) await this.sweep(true);
  }

  /** Runs the daily and reminder sweeps now instead of waiting for the next minute. */
  private async sweep(report: boolean): Promise<void> {
    const before = this.channelPosts;
    // A cron sweep already in flight started with the old time; the second call sees the new one.
    await this.o.bot.scheduler.runSweep();
    await this.o.bot.scheduler.runSweep();
    await this.o.bot.ctx.reminders.runDue();
    if (report && this.channelPosts === before) this.note('no daily post or reminder was due');
  }

  // ------------------------------------------------------------------------------------------------
  // following interactions

  /** Waits for the first callback, for the real content after a defer, then until the bot is quiet. */
  private async collect(h: InteractionHandle): Promise<EmuResponse[]> {
    let first: EmuResponse;
    try {
      first = await h.firstResponse(5000);
    } catch (err) {
      this.error(`the bot did not answer: ${(err as Error).message}`);
      return [...h.responses];
    }
    if (first.callbackType === 5 || first.callbackType === 6) {
      await h
        .waitFor((r) => r.kind !== 'callback', MAX_FOLLOW_MS)
        .catch(() => this.error(`the bot acknowledged but sent nothing within ${MAX_FOLLOW_MS / 1000} s`));
    }
    return h.settled(200);
  }

  /** Prints responses as they arrive (so they interleave correctly with channel posts), then any form. */
  private async follow(h: InteractionHandle, what: string, source: EmuMessage | undefined): Promise<void> {
    this.seen.add(this.user.id);
    const printed = new Set<EmuResponse>();
    const print = (r: EmuResponse) => {
      if (printed.has(r)) return;
      printed.add(r);
      this.showResponse(r, what);
    };
    const onResponse = (r: EmuResponse, from: InteractionHandle) => {
      if (from.id === h.id) print(r);
    };
    this.o.emu.on('response', onResponse);
    try {
      for (const r of await this.collect(h)) print(r);
    } finally {
      this.o.emu.off('response', onResponse);
    }
    const modal = [...printed].find((r) => r.kind === 'callback' && r.callbackType === 9);
    if (modal) await this.fillModal(modal.data, source);
  }

  private showResponse(r: EmuResponse, what: string): void {
    if (r.kind === 'delete' && r.message) {
      this.messages.delete(r.message.id);
      this.print([this.p.cyan('── bot · deleted a message')]);
    } else if (r.message && (r.kind !== 'callback' || r.callbackType === 4 || r.callbackType === 7)) {
      // 5 and 6 only acknowledge; the content arrives as an edit (a deferred reply is new to the user)
      const updated = r.callbackType === 7 || (r.kind === 'edit' && this.messages.has(r.message.id));
      this.show(r.message, { what, ephemeral: r.ephemeral, updated }, r.ephemeral ? this.user : undefined);
    }
  }

  private show(message: EmuMessage, heading: Heading, owner: EmuUser | undefined): void {
    const previous = this.messages.get(message.id);
    const out = renderMessage(message, heading, {
      colour: this.o.colour,
      now: this.o.clock.now(),
      names: this.names,
      firstButton: this.nextButton,
      ...(heading.updated && previous ? { previous } : {}),
    });
    for (const b of out.buttons) {
      this.buttons.set(b.n, {
        messageId: message.id,
        customId: b.customId,
        label: b.label,
        ...(b.options ? { options: b.options } : {}),
        ...(owner ? { owner } : {}),
      });
    }
    this.nextButton += out.buttons.length;
    this.messages.set(message.id, message);
    this.print(out.lines);
  }

  private async fillModal(
    data: { title?: string; custom_id?: string; components?: EmuComponent[] },
    source?: EmuMessage,
  ) {
    const fields = modalFields(data);
    this.print(formHeader(String(data.title ?? 'form'), fields, this.o.colour));
    const values: Record<string, string> = {};
    for (const f of fields) {
      const value = await this.readField(f);
      if (value === undefined) {
        this.note('   form closed without sending');
        return;
      }
      values[f.customId] = value;
    }
    const h = this.o.emu.submitModal({
      user: this.user,
      customId: String(data.custom_id ?? ''),
      fields: values,
      ...(source ? { message: source } : {}),
    });
    await this.follow(h, 'reply to the form', source);
  }

  /** Re-asks a person after a value Discord's client would refuse; a script cannot retype, so it gives up. */
  private async readField(f: ModalField): Promise<string | undefined> {
    for (;;) {
      const raw = await this.term.ask(fieldPrompt(f, this.o.colour));
      if (raw === undefined || raw.trim() === ':cancel') return undefined;
      const value = fieldValue(raw);
      const problem = fieldProblem(f, value);
      if (!problem) return value;
      this.error(problem);
      if (!this.o.interactive) return undefined;
    }
  }

  // Bot messages that are not replies (the daily post) arrive on their own.
  private readonly onChannelMessage = (message: EmuMessage): void => {
    if (message.interaction_metadata || message.author.id !== this.o.emu.botUserId) return;
    this.channelPosts++;
    // A DM (a streak reminder) to the member the sandbox acts as, or to another one.
    const dm = this.channelName(message.channel_id) === undefined;
    const what = dm
      ? message.channel_id === this.o.emu.dmChannel(this.user.id)
        ? 'sent you a DM'
        : 'sent a DM to another member'
      : `posted in #${this.channelName(message.channel_id) ?? message.channel_id}`;
    this.show(structuredClone(message), { what, ephemeral: false }, undefined);
  };

  private readonly onRequest = (rec: {
    method: string;
    path: string;
    status: number;
    body: unknown;
  }): void => {
    if (rec.method !== 'POST' || !/\/threads$/.test(rec.path) || rec.status >= 300) return;
    const name = (rec.body as { name?: unknown } | undefined)?.name;
    this.note(`   bot opened a discussion thread${typeof name === 'string' ? ` "${name}"` : ''}`);
  };

  // ------------------------------------------------------------------------------------------------
  // completion

  private async completeLine(line: string): Promise<[string[], string]> {
    const c = complete(line, this.commands(), this.directory());
    if (c.kind === 'list') return [c.items, c.word];
    const h = this.o.emu.autocomplete({
      user: this.user,
      ...this.place(),
      name: c.name,
      ...(c.subcommand ? { subcommand: c.subcommand } : {}),
      options: { ...c.options, [c.focused]: c.typed },
      focused: c.focused,
    });
    const r = await h.firstResponse(2000);
    const choices = (r.data?.choices ?? []) as { value: string | number }[];
    return [choices.map((ch) => `${c.focused}:${ch.value} `), c.word];
  }
}
