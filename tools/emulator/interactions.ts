/** Building INTERACTION_CREATE payloads for users' actions, and the handles tests observe them with. */

import { performance } from 'node:perf_hooks';
import { ApplicationCommandOptionType } from 'discord.js';
import {
  EVERYONE_PERMISSIONS,
  findComponent,
  type GuildState,
  type State,
  type StoredCommand,
} from './state.ts';
import type {
  AutocompleteParams,
  ClickParams,
  EmuComponent,
  EmuMessage,
  EmuResponse,
  EmuUser,
  InteractionHandle,
  OptionValue,
  SlashParams,
  SubmitModalParams,
} from './types.ts';
import { asArray, isRecord, num, str, type Timers } from './util.ts';

export const InteractionType = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
};

/** What interactions report as `attachment_size_limit` (a server without boosts), and what uploads may total. */
export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export type InteractionKind = 'command' | 'autocomplete' | 'component' | 'modal';

/** Server-side record of one interaction. */
export class InteractionRecord implements InteractionHandle {
  readonly type: number;
  readonly kind: InteractionKind;
  readonly label: string;
  readonly guildId: string | undefined;
  readonly channelId: string;
  readonly payload: Record<string, unknown>;
  readonly sourceMessage: EmuMessage | undefined;
  readonly responses: EmuResponse[] = [];
  dispatchedAt = Number.NaN;
  /** Protocol clock (EmulatorOptions.now) at dispatch. */
  createdAt = Number.NaN;
  acked = false;
  ackType: number | undefined;
  /** The first callback came after the deadline: the interaction is gone. */
  expired = false;
  /** '@original': the reply (or deferred placeholder), or for component updates the source message. */
  original: EmuMessage | undefined;
  /** The deferred placeholder has not been turned into a real message yet. */
  loading = false;
  readonly followups = new Map<string, EmuMessage>();
  /** Callback attempts the emulator refused (for firstResponse's error message). */
  readonly rejected: string[] = [];
  inFlight = 0;
  lastActivity = performance.now();
  private listeners: (() => void)[] = [];

  constructor(
    readonly id: string,
    readonly token: string,
    built: Built,
    readonly user: EmuUser,
    private readonly timers: Timers,
  ) {
    this.type = built.type;
    this.kind = built.kind;
    this.label = built.label;
    this.guildId = built.guildId;
    this.channelId = built.channelId;
    this.payload = built.payload;
    this.sourceMessage = built.sourceMessage;
  }

  /**
   * `receivedAt`: when the request carrying the response arrived, so latencies measure the bot and
   * not the emulator's own parsing and validation of the payload afterwards.
   */
  addResponse(r: Omit<EmuResponse, 'at' | 'latencyMs'>, receivedAt = performance.now()): EmuResponse {
    const at = receivedAt;
    // message is a snapshot: later edits do not rewrite the history of responses
    const full: EmuResponse = { ...r, at, latencyMs: at - this.dispatchedAt };
    if (r.message) full.message = structuredClone(r.message);
    this.responses.push(full);
    this.touch();
    return full;
  }

  touch(): void {
    this.lastActivity = performance.now();
    const ls = this.listeners;
    this.listeners = [];
    for (const l of ls) l();
  }

  private listen(fn: () => void): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  waitFor(
    pred: (r: EmuResponse) => boolean,
    timeoutMs = 5000,
    describe?: () => string,
  ): Promise<EmuResponse> {
    const found = this.responses.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise<EmuResponse>((resolve, reject) => {
      let unlisten = (): void => {};
      const unclose = this.timers.onClose((err) => {
        unlisten();
        reject(err);
      });
      const timer = this.timers.set(() => {
        unlisten();
        unclose();
        reject(
          new Error(
            describe?.() ??
              `No matching response to interaction ${this.label} (${this.id}) within ${timeoutMs} ms; ` +
                `responses so far: ${this.summary()}`,
          ),
        );
      }, timeoutMs);
      const check = (): void => {
        const hit = this.responses.find(pred);
        if (hit) {
          this.timers.clear(timer);
          unclose();
          resolve(hit);
        } else {
          unlisten = this.listen(check);
        }
      };
      unlisten = this.listen(check);
    });
  }

  firstResponse(timeoutMs = 5000): Promise<EmuResponse> {
    return this.waitFor(
      (r) => r.kind === 'callback',
      timeoutMs,
      () => {
        const state = Number.isNaN(this.dispatchedAt)
          ? 'INTERACTION_CREATE was never sent (no bot connected?)'
          : 'the bot did not acknowledge it';
        const rejected = this.rejected.length ? `; refused attempts: ${this.rejected.join(' | ')}` : '';
        return `No first response to interaction ${this.label} (${this.id}) within ${timeoutMs} ms: ${state}${rejected}`;
      },
    );
  }

  settled(idleMs = 150): Promise<EmuResponse[]> {
    const start = performance.now();
    return new Promise<EmuResponse[]>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const unclose = this.timers.onClose((err) => {
        this.timers.clear(timer);
        reject(err);
      });
      const check = (): void => {
        const quietSince = Math.max(start, this.lastActivity);
        const idle = performance.now() - quietSince;
        if (this.inFlight === 0 && idle >= idleMs) {
          unclose();
          resolve([...this.responses]);
        } else {
          timer = this.timers.set(check, Math.max(5, idleMs - idle));
        }
      };
      timer = this.timers.set(check, idleMs);
    });
  }

  private summary(): string {
    if (this.responses.length === 0) return 'none';
    return this.responses
      .map((r) => `${r.kind}${r.callbackType !== undefined ? `(${r.callbackType})` : ''}`)
      .join(', ');
  }
}

// ---------------------------------------------------------------------------------------------------
// payload builders

const OPTION_TYPE = ApplicationCommandOptionType;

interface CommandOptionDef {
  type: number;
  name: string;
  required?: boolean;
  options?: CommandOptionDef[];
}

function optionDefs(v: unknown): CommandOptionDef[] {
  return asArray(v)
    .filter(isRecord)
    .map((o) => ({
      type: num(o.type) ?? 3,
      name: str(o.name) ?? '',
      required: o.required === true,
      options: optionDefs(o.options),
    }));
}

function inferType(v: OptionValue): number {
  if (typeof v === 'boolean') return OPTION_TYPE.Boolean;
  if (typeof v === 'number') return Number.isInteger(v) ? OPTION_TYPE.Integer : OPTION_TYPE.Number;
  return OPTION_TYPE.String;
}

interface Resolved {
  users?: Record<string, unknown>;
  members?: Record<string, unknown>;
  roles?: Record<string, unknown>;
  channels?: Record<string, unknown>;
  attachments?: Record<string, unknown>;
}

export class PayloadBuilder {
  constructor(
    private readonly state: State,
    private readonly applicationId: string,
  ) {}

  /**
   * Where an action happens: a server channel, or the user's DM with the bot (asked for, or implied
   * by a channel that is that DM).
   */
  private where(user: EmuUser, guildId?: string, channelId?: string, dm = false): Place {
    this.state.rememberUser(user);
    if (dm || (channelId !== undefined && this.state.dmChannels.has(channelId))) {
      if (guildId) throw new Error('a DM interaction has no guild');
      const own = this.state.dmChannelOf(user.id);
      if (channelId !== undefined && channelId !== own)
        throw new Error(`channel ${channelId} is not ${user.id}'s DM`);
      return { guild: undefined, channelId: own };
    }
    let gid = guildId;
    if (!gid && channelId) gid = this.state.channels.get(channelId)?.guildId;
    gid ??= this.state.defaultGuildId();
    const guild = this.state.guilds.get(gid);
    if (!guild) throw new Error(`unknown guild ${gid}`);
    const cid = channelId ?? this.state.defaultChannelId(gid);
    const ch = this.state.channels.get(cid);
    if (!ch) throw new Error(`unknown channel ${cid}`);
    if (ch.guildId !== gid) throw new Error(`channel ${cid} is not in guild ${gid}`);
    return { guild, channelId: cid };
  }

  base(
    type: number,
    id: string,
    token: string,
    user: EmuUser,
    place: Place,
    data: Record<string, unknown>,
  ): Record<string, unknown> {
    const { guild, channelId } = place;
    if (!guild) {
      // A DM with the bot: the user, never a member; only the user's own install authorises it.
      return {
        id,
        application_id: this.applicationId,
        type,
        data,
        channel: this.state.dmChannelPayload(channelId),
        channel_id: channelId,
        user: this.state.userPayload(user),
        token,
        version: 1,
        app_permissions: EVERYONE_PERMISSIONS.toString(),
        locale: user.locale ?? 'en-US',
        entitlements: [],
        entitlement_sku_ids: [],
        authorizing_integration_owners: { '1': user.id },
        context: 1,
        attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
      };
    }
    const ch = this.state.channels.get(channelId);
    const channel = ch ? this.state.channelPayload(ch) : { id: channelId, type: 0 };
    const appPermissions = (
      guild.withoutBot ? EVERYONE_PERMISSIONS : this.state.appPermissions(channelId)
    ).toString();
    return {
      id,
      application_id: this.applicationId,
      type,
      data,
      guild: { id: guild.id, locale: 'en-US', features: [] },
      guild_id: guild.id,
      channel: { ...channel, permissions: this.state.memberPermissions(user).toString() },
      channel_id: channelId,
      member: this.state.memberPayload(user, guild, true),
      token,
      version: 1,
      app_permissions: appPermissions,
      locale: user.locale ?? 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      entitlement_sku_ids: [],
      // In a server without the bot, only the member's own install of the app can answer.
      authorizing_integration_owners: guild.withoutBot ? { '1': user.id } : { '0': guild.id },
      context: 0,
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };
  }

  /** data for CHAT_INPUT commands and autocomplete. */
  private commandData(
    p: SlashParams,
    guildId: string | undefined,
    focused?: string,
  ): Record<string, unknown> {
    const cmd = this.state.findCommand(p.name, guildId);
    if (cmd) this.checkAvailable(cmd, guildId);
    const defs = cmd ? optionDefs(cmd.options) : undefined;
    const resolved: Resolved = {};
    const values = p.options ?? {};
    const subPath = p.subcommand ? p.subcommand.trim().split(/\s+/) : [];

    // walk the registered definition down to the subcommand
    let level: CommandOptionDef[] | undefined = defs;
    for (const sub of subPath) {
      if (level) {
        const def = level.find((d) => d.name === sub && (d.type === 1 || d.type === 2));
        if (!def) throw new Error(`command /${p.name} has no subcommand (group) "${sub}"`);
        level = def.options;
      }
    }

    const leaf: Record<string, unknown>[] = [];
    const names = new Set(Object.keys(values));
    if (focused !== undefined) names.add(focused);
    for (const name of names) {
      const raw: OptionValue = values[name] ?? '';
      const def = level?.find((d) => d.name === name);
      if (level && !def) {
        throw new Error(
          `command /${p.name}${subPath.length ? ` ${subPath.join(' ')}` : ''} has no option "${name}"`,
        );
      }
      const type = def?.type ?? inferType(raw);
      const isFocused = name === focused;
      const opt: Record<string, unknown> = { name, type, value: this.coerce(type, raw, isFocused) };
      if (isFocused) opt.focused = true;
      else this.resolve(type, String(raw), guildId, resolved);
      leaf.push(opt);
    }
    if (level && focused === undefined) {
      const missing = level.filter((d) => d.required && d.type !== 1 && d.type !== 2 && !(d.name in values));
      if (missing.length) {
        throw new Error(
          `command /${p.name}: missing required option(s) ${missing.map((m) => m.name).join(', ')}`,
        );
      }
    }

    let options: Record<string, unknown>[] = leaf;
    for (let i = subPath.length - 1; i >= 0; i--) {
      options = [{ name: subPath[i], type: i === subPath.length - 1 ? 1 : 2, options }];
    }
    const data: Record<string, unknown> = {
      id: cmd?.id ?? this.syntheticCommandId(p.name),
      name: p.name,
      type: 1,
      options,
    };
    if (cmd?.guild_id) data.guild_id = cmd.guild_id;
    if (Object.keys(resolved).length > 0) data.resolved = resolved;
    return data;
  }

  /**
   * Discord only offers a command where its `contexts` and `integration_types` allow (missing =
   * everywhere / guild install): a test that uses one elsewhere is testing something no user can do.
   */
  private checkAvailable(cmd: StoredCommand, guildId: string | undefined): void {
    const guild = guildId ? this.state.guilds.get(guildId) : undefined;
    const context = guild ? 0 : 1;
    const contexts = Array.isArray(cmd.contexts) ? (cmd.contexts as number[]) : undefined;
    if (contexts && !contexts.includes(context)) {
      throw new Error(
        `/${cmd.name} is not offered ${guild ? 'in servers' : 'in DMs'} (contexts ${contexts})`,
      );
    }
    const types = Array.isArray(cmd.integration_types) ? (cmd.integration_types as number[]) : [0];
    const userInstallOnly = !guild || guild.withoutBot;
    if (userInstallOnly && !types.includes(1)) {
      throw new Error(
        `/${cmd.name} is not a user-install command, so it is not offered ${guild ? 'in a server without the bot' : 'in DMs'}`,
      );
    }
  }

  private readonly syntheticIds = new Map<string, string>();
  private syntheticCommandId(name: string): string {
    let id = this.syntheticIds.get(name);
    if (!id) {
      id = this.state.ids.next();
      this.syntheticIds.set(name, id);
    }
    return id;
  }

  private coerce(type: number, v: OptionValue, focused: boolean): OptionValue {
    if (focused) return String(v);
    switch (type) {
      case OPTION_TYPE.Integer: {
        const n = typeof v === 'number' ? v : Number.parseInt(String(v), 10);
        if (!Number.isInteger(n)) throw new Error(`option value ${JSON.stringify(v)} is not an integer`);
        return n;
      }
      case OPTION_TYPE.Number: {
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isFinite(n)) throw new Error(`option value ${JSON.stringify(v)} is not a number`);
        return n;
      }
      case OPTION_TYPE.Boolean:
        return typeof v === 'boolean' ? v : String(v) === 'true';
      default:
        return String(v);
    }
  }

  private resolve(type: number, value: string, guildId: string | undefined, out: Resolved): void {
    const guild = guildId ? this.state.guilds.get(guildId) : undefined;
    const addUser = (): void => {
      const u = this.state.users.get(value);
      out.users = { ...out.users, [value]: this.state.userPayloadById(value) };
      if (guild) {
        const member = this.state.memberPayload(
          u ?? { id: value, username: `user${value.slice(-4)}` },
          guild,
          false,
        );
        out.members = { ...out.members, [value]: member };
      }
    };
    const addRole = (): boolean => {
      const r = guild?.roles.find((x) => x.id === value);
      if (!r) return false;
      out.roles = { ...out.roles, [value]: this.state.rolePayload(r) };
      return true;
    };
    switch (type) {
      case OPTION_TYPE.User:
        addUser();
        break;
      case OPTION_TYPE.Role:
        if (!addRole()) throw new Error(`unknown role ${value}`);
        break;
      case OPTION_TYPE.Mentionable:
        if (!addRole()) addUser();
        break;
      case OPTION_TYPE.Channel: {
        const ch = this.state.channels.get(value);
        if (!ch) throw new Error(`unknown channel ${value}`);
        const p = this.state.channelPayload(ch);
        out.channels = {
          ...out.channels,
          [value]: {
            id: ch.id,
            name: ch.name,
            type: ch.type,
            guild_id: ch.guildId,
            parent_id: ch.parentId,
            permissions: this.state.appPermissions(ch.id).toString(),
            ...(p.thread_metadata ? { thread_metadata: p.thread_metadata } : {}),
          },
        };
        break;
      }
      case OPTION_TYPE.Attachment: {
        const att = this.state.uploads.get(value);
        if (!att) throw new Error(`unknown attachment ${value}: upload it first with emu.uploadAttachment()`);
        out.attachments = { ...out.attachments, [value]: att };
        break;
      }
      default:
        break;
    }
  }

  slash(id: string, token: string, p: SlashParams): Built {
    const place = this.where(p.user, p.guildId, p.channelId, p.dm);
    const data = this.commandData(p, place.guild?.id);
    return {
      kind: 'command',
      type: InteractionType.ApplicationCommand,
      label: `/${p.name}${p.subcommand ? ` ${p.subcommand}` : ''}`,
      guildId: place.guild?.id,
      channelId: place.channelId,
      payload: this.base(InteractionType.ApplicationCommand, id, token, p.user, place, data),
    };
  }

  autocomplete(id: string, token: string, p: AutocompleteParams): Built {
    const place = this.where(p.user, p.guildId, p.channelId, p.dm);
    const data = this.commandData(p, place.guild?.id, p.focused);
    return {
      kind: 'autocomplete',
      type: InteractionType.Autocomplete,
      label: `autocomplete /${p.name} ${p.focused}`,
      guildId: place.guild?.id,
      channelId: place.channelId,
      payload: this.base(InteractionType.Autocomplete, id, token, p.user, place, data),
    };
  }

  click(id: string, token: string, p: ClickParams): Built {
    const message = p.message;
    // A custom_id that is not (or no longer) on the message is allowed: real clients send clicks from stale
    // views (double clicks racing an update, buttons of an older bot version). It is treated as a button
    // unless `values` are given.
    const component = findComponent(message.components ?? [], p.customId);
    if (component?.disabled)
      throw new Error(`component ${JSON.stringify(p.customId)} is disabled on that message`);
    const place = this.where(p.user, message.guild_id, message.channel_id);
    const componentType = component?.type ?? (p.values ? 3 : 2);
    const data: Record<string, unknown> = { custom_id: p.customId, component_type: componentType };
    if (componentType !== 2) data.values = p.values ?? [];
    const payload = this.base(InteractionType.MessageComponent, id, token, p.user, place, data);
    payload.message = message;
    return {
      kind: 'component',
      type: InteractionType.MessageComponent,
      label: `click ${p.customId}`,
      guildId: place.guild?.id,
      channelId: place.channelId,
      payload,
      sourceMessage: message,
    };
  }

  submitModal(id: string, token: string, p: SubmitModalParams): Built {
    const place = this.where(
      p.user,
      p.guildId ?? p.message?.guild_id,
      p.channelId ?? p.message?.channel_id,
      p.dm,
    );
    const shown = this.state.modals.get(p.customId);
    const components = shown ? this.modalComponentsFromShown(shown, p) : this.modalComponentsPlain(p);
    const data = { custom_id: p.customId, components };
    const payload = this.base(InteractionType.ModalSubmit, id, token, p.user, place, data);
    if (p.message) payload.message = p.message;
    return {
      kind: 'modal',
      type: InteractionType.ModalSubmit,
      label: `modal ${p.customId}`,
      guildId: place.guild?.id,
      channelId: place.channelId,
      payload,
      sourceMessage: p.message,
    };
  }

  private modalComponentsPlain(p: SubmitModalParams): unknown[] {
    return Object.entries(p.fields).map(([customId, value]) => ({
      type: 1,
      components: [{ type: 4, custom_id: customId, value }],
    }));
  }

  /** Mirrors the structure of the modal the bot showed (action rows or labels), like Discord does. */
  private modalComponentsFromShown(shown: Record<string, unknown>, p: SubmitModalParams): unknown[] {
    const known = new Set<string>();
    const collect = (c: EmuComponent | undefined): void => {
      if (!c) return;
      if (c.custom_id !== undefined) known.add(c.custom_id);
      for (const x of c.components ?? []) collect(x);
      collect(c.component);
    };
    for (const top of asArray(shown.components).filter(isRecord) as EmuComponent[]) collect(top);
    for (const name of Object.keys(p.fields)) {
      if (!known.has(name)) throw new Error(`modal ${p.customId} has no field ${JSON.stringify(name)}`);
    }
    const field = (c: EmuComponent): Record<string, unknown> | undefined => {
      const cid = c.custom_id;
      if (cid === undefined) return undefined;
      const value = p.fields[cid];
      const required = c.required !== false;
      if (value === undefined && required && (c.type === 4 || c.type === 3)) {
        throw new Error(`modal ${p.customId}: required field ${JSON.stringify(cid)} has no value`);
      }
      const out: Record<string, unknown> = { type: c.type, custom_id: cid };
      if (typeof c.id === 'number') out.id = c.id;
      if (c.type === 4) out.value = value ?? '';
      else out.values = value ? value.split(',') : [];
      return out;
    };
    const out: unknown[] = [];
    for (const top of asArray(shown.components).filter(isRecord) as EmuComponent[]) {
      if (top.type === 1) {
        const inner = (top.components ?? []).map(field).filter((x) => x !== undefined);
        out.push({ type: 1, ...(typeof top.id === 'number' ? { id: top.id } : {}), components: inner });
      } else if (top.type === 18 && top.component) {
        const inner = field(top.component);
        if (inner)
          out.push({ type: 18, ...(typeof top.id === 'number' ? { id: top.id } : {}), component: inner });
      } else if (top.type === 10) {
        out.push({ type: 10, ...(typeof top.id === 'number' ? { id: top.id } : {}) });
      }
    }
    return out;
  }
}

/** Where an interaction happens: `guild` undefined is the user's DM with the bot. */
interface Place {
  guild: GuildState | undefined;
  channelId: string;
}

export interface Built {
  kind: InteractionKind;
  type: number;
  label: string;
  guildId: string | undefined;
  channelId: string;
  payload: Record<string, unknown>;
  sourceMessage?: EmuMessage | undefined;
}
