/** In-memory Discord state: guilds, channels, roles, users, messages, commands, and payload builders. */
import type { MultipartPart } from './multipart.ts';
import {
  type ChannelAccess,
  DEFAULT_USER_PERMISSIONS,
  type EmuApiUser,
  type EmuAttachment,
  type EmuComponent,
  type EmuEmbed,
  type EmuGuildSpec,
  type EmuMessage,
  type EmuUser,
  Perm,
} from './types.ts';
import { asArray, isRecord, num, pngSize, type SnowflakeGenerator, str } from './util.ts';
import { EPHEMERAL } from './validate.ts';

export interface RoleState {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
  botId?: string;
}

export interface ChannelState {
  id: string;
  name: string;
  type: number;
  guildId: string;
  parentId: string | null;
  position: number;
  access: ChannelAccess;
  thread?: { ownerId: string; autoArchiveDuration: number; createdAt: string; members?: string[] };
}

export interface GuildState {
  id: string;
  name: string;
  roles: RoleState[];
  botRoleId: string;
  joinedAt: string;
  /** The bot is not in this server (EmuGuildSpec.withoutBot). */
  withoutBot: boolean;
}

export interface StoredCommand {
  id: string;
  application_id: string;
  version: string;
  type: number;
  name: string;
  description: string;
  guild_id?: string;
  options?: unknown[];
  [key: string]: unknown;
}

export const DEFAULT_GUILD: EmuGuildSpec = {
  id: '100000000000000001',
  name: 'Demo server',
  channels: [
    { id: '100000000000000010', name: 'general' },
    { id: '100000000000000011', name: 'daily' },
  ],
  roles: [{ id: '100000000000000020', name: 'Study group' }],
};

const OWNER_ID = '100000000000000099';
export const EVERYONE_PERMISSIONS =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.ReadMessageHistory |
  Perm.UseApplicationCommands |
  Perm.AddReactions;
export const BOT_PERMISSIONS =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.SendMessagesInThreads |
  Perm.CreatePublicThreads |
  Perm.CreatePrivateThreads |
  Perm.ManageThreads |
  Perm.EmbedLinks |
  Perm.AttachFiles |
  Perm.ReadMessageHistory |
  Perm.AddReactions |
  Perm.UseExternalEmojis |
  Perm.UseApplicationCommands;

const THREAD_TYPES = new Set([10, 11, 12]);
const NONCE_WINDOW_MS = 5 * 60_000;

export interface NewMessage {
  channelId: string;
  body: Record<string, unknown>;
  files: MultipartPart[];
  type?: number;
  flags?: number;
  interaction?: {
    id: string;
    type: number;
    user: EmuApiUser;
    guildId?: string;
    name?: string;
    sourceMessageId?: string;
  };
}

export class State {
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, ChannelState>();
  readonly users = new Map<string, EmuUser>();
  readonly commands = new Map<string, StoredCommand[]>();
  /** DM channels between the bot and a user: channel id -> the user's id. */
  readonly dmChannels = new Map<string, string>();
  private readonly dmChannelByUser = new Map<string, string>();
  /** Latest modal shown per custom_id (used to shape modal submissions). */
  readonly modals = new Map<string, Record<string, unknown>>();
  private readonly messageList: EmuMessage[] = [];
  private readonly messageById = new Map<string, EmuMessage>();
  private readonly deleted = new Set<string>();
  private readonly nonces = new Map<string, { messageId: string; at: number }>();
  private readonly attachmentBytes = new Map<string, { data: Buffer; contentType: string }>();
  baseUrl = 'http://127.0.0.1';

  constructor(
    readonly ids: SnowflakeGenerator,
    readonly now: () => number,
    readonly applicationId: string,
    readonly botUserId: string,
    readonly botUsername = 'Emulator Bot',
  ) {}

  // -------------------------------------------------------------------------------------------------
  // guilds & channels

  addGuild(spec: EmuGuildSpec): GuildState {
    if (this.guilds.has(spec.id)) throw new Error(`guild ${spec.id} already exists`);
    const botRoleId = this.ids.next();
    const roles: RoleState[] = [
      { id: spec.id, name: '@everyone', permissions: EVERYONE_PERMISSIONS, position: 0, managed: false },
      ...(spec.roles ?? []).map((r, i) => ({
        id: r.id,
        name: r.name,
        permissions: 0n,
        position: i + 1,
        managed: false,
      })),
    ];
    roles.push({
      id: botRoleId,
      name: this.botUsername,
      permissions: BOT_PERMISSIONS,
      position: roles.length,
      managed: true,
      botId: this.botUserId,
    });
    const guild: GuildState = {
      id: spec.id,
      name: spec.name,
      roles,
      botRoleId,
      joinedAt: new Date(this.now()).toISOString(),
      withoutBot: spec.withoutBot === true,
    };
    this.guilds.set(spec.id, guild);
    spec.channels.forEach((c, i) => {
      if (this.channels.has(c.id)) throw new Error(`channel ${c.id} already exists`);
      this.channels.set(c.id, {
        id: c.id,
        name: c.name,
        type: c.type ?? 0,
        guildId: spec.id,
        parentId: null,
        position: i,
        access: 'ok',
      });
    });
    return guild;
  }

  /** The bot's DM channel with a user (made on first use, like POST /users/@me/channels). */
  dmChannelOf(userId: string): string {
    let id = this.dmChannelByUser.get(userId);
    if (!id) {
      id = this.ids.next();
      this.dmChannelByUser.set(userId, id);
      this.dmChannels.set(id, userId);
    }
    return id;
  }

  dmChannelPayload(channelId: string): Record<string, unknown> {
    const userId = this.dmChannels.get(channelId) ?? '';
    return {
      id: channelId,
      type: 1,
      flags: 0,
      last_message_id: null,
      recipients: [this.userPayloadById(userId)],
    };
  }

  /** Servers the bot is in (the gateway's READY and GUILD_CREATE never mention the others). */
  botGuilds(): GuildState[] {
    return [...this.guilds.values()].filter((g) => !g.withoutBot);
  }

  guildSpecs(): EmuGuildSpec[] {
    return [...this.guilds.values()].map((g) => ({
      id: g.id,
      name: g.name,
      channels: this.guildChannels(g.id)
        .filter((c) => !THREAD_TYPES.has(c.type))
        .map((c) => ({ id: c.id, name: c.name, type: c.type })),
      roles: g.roles.filter((r) => r.id !== g.id && !r.managed).map((r) => ({ id: r.id, name: r.name })),
      ...(g.withoutBot ? { withoutBot: true } : {}),
    }));
  }

  guildChannels(guildId: string): ChannelState[] {
    return [...this.channels.values()].filter((c) => c.guildId === guildId);
  }

  defaultGuildId(): string {
    const first = this.guilds.keys().next();
    if (first.done) throw new Error('the emulator has no guild');
    return first.value;
  }

  defaultChannelId(guildId: string): string {
    const c = this.guildChannels(guildId).find((x) => x.type === 0 || x.type === 5);
    if (!c) throw new Error(`guild ${guildId} has no text channel`);
    return c.id;
  }

  createThread(parent: ChannelState, name: string, autoArchiveDuration: number, id?: string): ChannelState {
    const thread: ChannelState = {
      id: id ?? this.ids.next(),
      name,
      type: 11,
      guildId: parent.guildId,
      parentId: parent.id,
      position: 0,
      access: 'ok',
      thread: { ownerId: this.botUserId, autoArchiveDuration, createdAt: new Date(this.now()).toISOString() },
    };
    this.channels.set(thread.id, thread);
    return thread;
  }

  // -------------------------------------------------------------------------------------------------
  // permissions

  appPermissions(channelId: string): bigint {
    const ch = this.channels.get(channelId);
    const guild = ch ? this.guilds.get(ch.guildId) : undefined;
    if (!ch || !guild) return BOT_PERMISSIONS;
    let p = BOT_PERMISSIONS | (guild.roles.find((r) => r.id === guild.id)?.permissions ?? 0n);
    const access = this.effectiveAccess(ch);
    if (access === 'no-access') p &= ~(Perm.ViewChannel | Perm.SendMessages | Perm.SendMessagesInThreads);
    if (access === 'no-permission') p &= ~(Perm.SendMessages | Perm.SendMessagesInThreads);
    return p;
  }

  /** Threads inherit the access of their parent. */
  effectiveAccess(ch: ChannelState): ChannelAccess {
    if (ch.access !== 'ok') return ch.access;
    const parent = ch.parentId ? this.channels.get(ch.parentId) : undefined;
    return parent ? parent.access : 'ok';
  }

  memberPermissions(user: EmuUser): bigint {
    let p = user.permissions ?? DEFAULT_USER_PERMISSIONS;
    if (user.admin) p |= Perm.ManageGuild | Perm.Administrator;
    return p;
  }

  // -------------------------------------------------------------------------------------------------
  // payloads

  rememberUser(u: EmuUser): void {
    this.users.set(u.id, u);
  }

  userPayload(u: EmuUser): EmuApiUser {
    return {
      id: u.id,
      username: u.username,
      discriminator: '0',
      global_name: u.globalName ?? null,
      avatar: null,
      bot: false,
      public_flags: 0,
    };
  }

  userPayloadById(id: string): EmuApiUser {
    if (id === this.botUserId) return this.botUserPayload();
    const u = this.users.get(id);
    return u ? this.userPayload(u) : this.userPayload({ id, username: `user${id.slice(-4)}` });
  }

  botUserPayload(): EmuApiUser {
    return {
      id: this.botUserId,
      username: this.botUsername,
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
      public_flags: 0,
      flags: 0,
    };
  }

  rolePayload(r: RoleState): Record<string, unknown> {
    return {
      id: r.id,
      name: r.name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: r.position,
      permissions: r.permissions.toString(),
      managed: r.managed,
      mentionable: false,
      flags: 0,
      ...(r.botId ? { tags: { bot_id: r.botId } } : {}),
    };
  }

  channelPayload(c: ChannelState): Record<string, unknown> {
    const guild = this.guilds.get(c.guildId);
    const overwrites: Record<string, unknown>[] = [];
    if (guild && c.access !== 'ok') {
      const deny =
        c.access === 'no-access'
          ? Perm.ViewChannel | Perm.SendMessages
          : Perm.SendMessages | Perm.SendMessagesInThreads;
      overwrites.push({ id: guild.botRoleId, type: 0, allow: '0', deny: deny.toString() });
    }
    const base: Record<string, unknown> = {
      id: c.id,
      type: c.type,
      guild_id: c.guildId,
      name: c.name,
      position: c.position,
      flags: 0,
      parent_id: c.parentId,
      last_message_id: null,
      rate_limit_per_user: 0,
      nsfw: false,
      topic: null,
    };
    if (c.thread) {
      base.owner_id = c.thread.ownerId;
      base.message_count = 0;
      base.member_count = 1;
      base.total_message_sent = 0;
      base.thread_metadata = {
        archived: false,
        auto_archive_duration: c.thread.autoArchiveDuration,
        archive_timestamp: c.thread.createdAt,
        locked: false,
        create_timestamp: c.thread.createdAt,
      };
      delete base.position;
      delete base.topic;
    } else {
      base.permission_overwrites = overwrites;
    }
    return base;
  }

  botMemberPayload(g: GuildState): Record<string, unknown> {
    return {
      user: this.botUserPayload(),
      roles: [g.botRoleId],
      joined_at: g.joinedAt,
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      banner: null,
      premium_since: null,
      pending: false,
      communication_disabled_until: null,
    };
  }

  memberPayload(u: EmuUser, g: GuildState, withUser: boolean): Record<string, unknown> {
    return {
      ...(withUser ? { user: this.userPayload(u) } : {}),
      roles: u.roles ?? [],
      joined_at: g.joinedAt,
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      banner: null,
      premium_since: null,
      pending: false,
      communication_disabled_until: null,
      unusual_dm_activity_until: null,
      permissions: this.memberPermissions(u).toString(),
    };
  }

  guildPayload(g: GuildState): Record<string, unknown> {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: OWNER_ID,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      features: [],
      roles: g.roles.map((r) => this.rolePayload(r)),
      emojis: [],
      stickers: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      max_members: 500000,
      max_video_channel_users: 25,
      nsfw_level: 0,
      nsfw: false,
      premium_progress_bar_enabled: false,
    };
  }

  guildCreatePayload(g: GuildState): Record<string, unknown> {
    const channels = this.guildChannels(g.id);
    return {
      ...this.guildPayload(g),
      unavailable: false,
      joined_at: g.joinedAt,
      large: false,
      member_count: 1 + this.users.size,
      members: [this.botMemberPayload(g)],
      channels: channels.filter((c) => !THREAD_TYPES.has(c.type)).map((c) => this.channelPayload(c)),
      threads: channels.filter((c) => THREAD_TYPES.has(c.type)).map((c) => this.channelPayload(c)),
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // -------------------------------------------------------------------------------------------------
  // messages

  messages(channelId?: string): EmuMessage[] {
    return this.messageList.filter(
      (m) => !this.deleted.has(m.id) && (channelId === undefined || m.channel_id === channelId),
    );
  }

  message(id: string): EmuMessage | undefined {
    return this.deleted.has(id) ? undefined : this.messageById.get(id);
  }

  /** Files a member attached to a command option (emu.uploadAttachment), by id. */
  readonly uploads = new Map<string, EmuAttachment>();

  /** Stores a file as a member's upload for a command's attachment option; returns its metadata. */
  upload(filename: string, data: Buffer, contentType: string): EmuAttachment {
    const id = this.ids.next();
    const url = `${this.baseUrl}/attachments/uploads/${id}/${encodeURIComponent(filename)}`;
    const att: EmuAttachment = {
      id,
      filename,
      size: data.length,
      content_type: contentType,
      url,
      proxy_url: url,
    };
    this.attachmentBytes.set(id, { data, contentType });
    this.uploads.set(id, att);
    return att;
  }

  attachmentData(id: string): Buffer | undefined {
    return this.attachmentBytes.get(id)?.data;
  }

  attachmentContentType(id: string): string | undefined {
    return this.attachmentBytes.get(id)?.contentType;
  }

  /** Returns the message an enforce_nonce send already created, if any (and remembers new nonces). */
  nonceHit(channelId: string, body: Record<string, unknown>): EmuMessage | undefined {
    const nonce = body.nonce;
    if (body.enforce_nonce !== true || (typeof nonce !== 'string' && typeof nonce !== 'number'))
      return undefined;
    const key = `${channelId}:${String(nonce)}`;
    const hit = this.nonces.get(key);
    const t = this.now();
    for (const [k, v] of this.nonces) if (t - v.at > NONCE_WINDOW_MS) this.nonces.delete(k);
    if (hit && t - hit.at <= NONCE_WINDOW_MS) return this.message(hit.messageId);
    return undefined;
  }

  rememberNonce(channelId: string, body: Record<string, unknown>, messageId: string): void {
    const nonce = body.nonce;
    if (body.enforce_nonce !== true || (typeof nonce !== 'string' && typeof nonce !== 'number')) return;
    this.nonces.set(`${channelId}:${String(nonce)}`, { messageId, at: this.now() });
  }

  private buildAttachments(
    channelId: string,
    body: Record<string, unknown>,
    files: MultipartPart[],
    existing: EmuAttachment[],
    ephemeral: boolean,
  ): EmuAttachment[] {
    const byField = new Map(files.filter((f) => f.filename !== undefined).map((f) => [f.name, f]));
    const out: EmuAttachment[] = [];
    const used = new Set<string>();
    const fromUpload = (file: MultipartPart, meta: Record<string, unknown>): EmuAttachment => {
      const id = this.ids.next();
      const filename = str(meta.filename) ?? file.filename ?? 'file';
      const contentType = file.contentType ?? 'application/octet-stream';
      const url = `${this.baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
      const att: EmuAttachment = {
        id,
        filename,
        size: file.data.length,
        content_type: contentType,
        url,
        proxy_url: url,
      };
      const dims = pngSize(file.data);
      if (dims) {
        att.width = dims.width;
        att.height = dims.height;
      }
      const description = str(meta.description);
      if (description !== undefined) att.description = description;
      if (ephemeral) att.ephemeral = true;
      this.attachmentBytes.set(id, { data: file.data, contentType });
      used.add(file.name);
      return att;
    };
    const list = body.attachments;
    if (Array.isArray(list)) {
      for (const meta of list) {
        if (!isRecord(meta)) continue;
        const id = String(meta.id ?? '');
        const upload = byField.get(`files[${id}]`) ?? byField.get(id);
        const kept = existing.find((a) => a.id === id);
        if (upload && !kept) out.push(fromUpload(upload, meta));
        else if (kept) out.push(kept);
      }
    } else {
      out.push(...existing);
    }
    for (const f of byField.values()) if (!used.has(f.name)) out.push(fromUpload(f, {}));
    return out;
  }

  createMessage(m: NewMessage): EmuMessage {
    const ch = this.channels.get(m.channelId);
    const body = m.body;
    const flags = m.flags ?? num(body.flags) ?? 0;
    const ephemeral = (flags & EPHEMERAL) !== 0;
    const msg: EmuMessage = {
      id: this.ids.next(),
      channel_id: m.channelId,
      ...(ch ? { guild_id: ch.guildId } : {}),
      author: this.botUserPayload(),
      content: str(body.content) ?? '',
      embeds: normalizeEmbeds(body.embeds),
      components: normalizeComponents(body.components),
      flags,
      attachments: this.buildAttachments(m.channelId, body, m.files, [], ephemeral),
      type: m.type ?? 0,
      timestamp: new Date(this.now()).toISOString(),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: mentionRoles(body),
      mention_channels: [],
      pinned: false,
      reactions: [],
    };
    if (typeof body.nonce === 'string' || typeof body.nonce === 'number') msg.nonce = body.nonce;
    if (isRecord(body.message_reference)) {
      const ref = body.message_reference;
      msg.message_reference = {
        type: num(ref.type) ?? 0,
        message_id: ref.message_id,
        channel_id: str(ref.channel_id) ?? m.channelId,
        ...(ch ? { guild_id: ch.guildId } : {}),
      };
      if (msg.type === 0) msg.type = 19;
    }
    if (m.interaction) {
      const it = m.interaction;
      msg.webhook_id = this.applicationId;
      msg.application_id = this.applicationId;
      msg.interaction_metadata = {
        id: it.id,
        type: it.type,
        user: it.user,
        authorizing_integration_owners: it.guildId ? { '0': it.guildId } : { '1': it.user.id },
        ...(it.name !== undefined ? { name: it.name, command_type: 1 } : {}),
        ...(it.sourceMessageId !== undefined ? { interacted_message_id: it.sourceMessageId } : {}),
      };
      if (it.type === 2 && it.name !== undefined) {
        msg.interaction = { id: it.id, type: it.type, name: it.name, user: it.user };
      }
    }
    this.messageList.push(msg);
    this.messageById.set(msg.id, msg);
    return msg;
  }

  /** Registers a message object created elsewhere (e.g. a deferred placeholder that became real). */
  publish(msg: EmuMessage): void {
    if (!this.messageById.has(msg.id)) this.messageById.set(msg.id, msg);
    if (!this.messageList.includes(msg)) this.messageList.push(msg);
  }

  /** A placeholder not listed in messages() until published. */
  createPlaceholder(m: NewMessage): EmuMessage {
    const msg = this.createMessage(m);
    this.messageList.pop();
    return msg;
  }

  editMessage(
    msg: EmuMessage,
    body: Record<string, unknown>,
    files: MultipartPart[],
    markEdited = true,
  ): EmuMessage {
    if ('content' in body) msg.content = str(body.content) ?? '';
    if ('embeds' in body) msg.embeds = normalizeEmbeds(body.embeds);
    if ('components' in body) msg.components = normalizeComponents(body.components);
    if ('flags' in body && typeof body.flags === 'number') {
      // ephemeral and loading cannot be changed by an edit; other flags (suppress embeds, v2) can
      const keep = msg.flags & (EPHEMERAL | (1 << 7));
      msg.flags = (body.flags & ~(EPHEMERAL | (1 << 7))) | keep;
    }
    if ('attachments' in body || files.length > 0) {
      msg.attachments = this.buildAttachments(
        msg.channel_id,
        body,
        files,
        msg.attachments,
        (msg.flags & EPHEMERAL) !== 0,
      );
    }
    if ('allowed_mentions' in body) msg.mention_roles = mentionRoles(body);
    if (markEdited) msg.edited_timestamp = new Date(this.now()).toISOString();
    return msg;
  }

  deleteMessage(id: string): void {
    this.deleted.add(id);
  }

  // -------------------------------------------------------------------------------------------------
  // commands

  putCommands(scope: string, body: unknown[]): StoredCommand[] {
    const previous = this.commands.get(scope) ?? [];
    const stored = body.filter(isRecord).map((c): StoredCommand => {
      const type = num(c.type) ?? 1;
      const name = str(c.name) ?? '';
      const old = previous.find((p) => p.name === name && p.type === type);
      const cmd: StoredCommand = {
        ...c,
        id: old?.id ?? this.ids.next(),
        application_id: this.applicationId,
        version: this.ids.next(),
        type,
        name,
        description: str(c.description) ?? '',
        default_member_permissions:
          c.default_member_permissions === undefined || c.default_member_permissions === null
            ? null
            : String(c.default_member_permissions),
        nsfw: c.nsfw === true,
        ...(scope === 'global' ? {} : { guild_id: scope }),
      };
      if (Array.isArray(c.options)) cmd.options = c.options;
      return cmd;
    });
    this.commands.set(scope, stored);
    return stored;
  }

  upsertCommand(scope: string, body: Record<string, unknown>): StoredCommand {
    const list = [...(this.commands.get(scope) ?? [])];
    const type = num(body.type) ?? 1;
    const idx = list.findIndex((c) => c.name === body.name && c.type === type);
    const merged = this.putCommands('__tmp', [body])[0];
    this.commands.delete('__tmp');
    if (!merged) throw new Error('invalid command');
    if (scope !== 'global') merged.guild_id = scope;
    const existing = list[idx];
    if (existing) {
      merged.id = existing.id;
      list[idx] = merged;
    } else {
      list.push(merged);
    }
    this.commands.set(scope, list);
    return merged;
  }

  findCommand(name: string, guildId: string | undefined): StoredCommand | undefined {
    const inGuild = guildId
      ? this.commands.get(guildId)?.find((c) => c.name === name && c.type === 1)
      : undefined;
    return inGuild ?? this.commands.get('global')?.find((c) => c.name === name && c.type === 1);
  }
}

function mentionRoles(body: Record<string, unknown>): string[] {
  const am = body.allowed_mentions;
  const content = str(body.content) ?? '';
  if (!isRecord(am)) return [];
  const allowed = asArray(am.roles).filter((r): r is string => typeof r === 'string');
  return allowed.filter((r) => content.includes(`<@&${r}>`));
}

export function normalizeEmbeds(v: unknown): EmuEmbed[] {
  return asArray(v)
    .filter(isRecord)
    .map((e) => {
      const out: EmuEmbed = { type: 'rich' };
      for (const [k, val] of Object.entries(e))
        if (val !== undefined && val !== null) out[k] = structuredClone(val);
      return out;
    });
}

export function normalizeComponents(v: unknown): EmuComponent[] {
  return asArray(v)
    .filter(isRecord)
    .map((c) => JSON.parse(JSON.stringify(c)) as EmuComponent);
}

/** Finds a component by custom_id in a component tree. */
export function findComponent(list: EmuComponent[], customId: string): EmuComponent | undefined {
  for (const c of list) {
    if (c.custom_id === customId) return c;
    const nested = [
      ...(c.components ?? []),
      ...(c.component ? [c.component] : []),
      ...(c.accessory ? [c.accessory] : []),
    ];
    const hit = findComponent(nested, customId);
    if (hit) return hit;
  }
  return undefined;
}
