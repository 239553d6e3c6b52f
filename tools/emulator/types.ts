/**
 * Public types of the local Discord emulator.
 *
 * Clocks: `dispatchedAt`, `EmuResponse.at`, `latencyMs`, `RecordedRequest.at` and `Violation.at` use
 * `performance.now()`. Protocol time (snowflakes, message timestamps, the first-response deadline, token
 * lifetime, nonce window, global rate limit) uses `EmulatorOptions.now` (default `Date.now`).
 */

/** A Discord user driven by the emulator (the person who runs a command, clicks a button, ...). */
export interface EmuUser {
  id: string;
  username: string;
  globalName?: string;
  /** Member permissions in the guild. Default: SendMessages | ViewChannel | UseApplicationCommands. */
  permissions?: bigint;
  /** Adds ManageGuild | Administrator to `permissions`. */
  admin?: boolean;
  /** Extra: role ids of the member (default none). */
  roles?: string[];
  /** Extra: the user's client locale (default 'en-US'). */
  locale?: string;
  /** The user does not accept DMs from the bot: a message to their DM channel fails with 50007. */
  dmsClosed?: boolean;
}

export interface EmuChannelSpec {
  id: string;
  name: string;
  /** Channel type, default 0 (GUILD_TEXT). */
  type?: number;
}

export interface EmuGuildSpec {
  id: string;
  name: string;
  channels: EmuChannelSpec[];
  roles?: { id: string; name: string }[];
  /**
   * A server that has not added the bot: the bot gets no gateway events for it and cannot post
   * there (50001); members who installed the app to their account still use its commands.
   */
  withoutBot?: boolean;
}

export interface EmulatorOptions {
  /** Port of the HTTP + WebSocket server on 127.0.0.1 (0 = pick a free one, the default). */
  port?: number;
  /** Bot token accepted on REST (`Authorization: Bot <token>`) and in IDENTIFY. Default 'emu-token'. */
  token?: string;
  applicationId?: string;
  botUserId?: string;
  /** Default: one guild '100000000000000001' 'Demo server' (channels general/daily, role 'Study group'). */
  guilds?: EmuGuildSpec[];
  /** Time allowed between INTERACTION_CREATE and the first callback. Default 3000. */
  firstResponseDeadlineMs?: number;
  /** Lifetime of interaction tokens for webhook routes. Default 15 minutes. */
  tokenLifetimeMs?: number;
  /** HELLO heartbeat_interval. Default 41250. */
  heartbeatIntervalMs?: number;
  /** Requests per second per bot (bot-authenticated routes); null = off (default). */
  globalRateLimit?: number | null;
  /** Protocol clock, default Date.now. */
  now?: () => number;
  /** Shards that may IDENTIFY at once (`session_start_limit.max_concurrency`). Default 1. */
  maxConcurrency?: number;
}

export interface EmuApiUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
  public_flags?: number;
  [key: string]: unknown;
}

export interface EmuAttachment {
  id: string;
  filename: string;
  size: number;
  content_type?: string;
  url: string;
  proxy_url: string;
  width?: number;
  height?: number;
  description?: string;
  ephemeral?: boolean;
  [key: string]: unknown;
}

export interface EmuEmbed {
  type?: string;
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  timestamp?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string; icon_url?: string };
  author?: { name: string; url?: string; icon_url?: string };
  image?: { url: string };
  thumbnail?: { url: string };
  [key: string]: unknown;
}

export interface EmuComponent {
  type: number;
  custom_id?: string;
  label?: string;
  style?: number;
  disabled?: boolean;
  url?: string;
  components?: EmuComponent[];
  component?: EmuComponent;
  accessory?: EmuComponent;
  [key: string]: unknown;
}

export interface EmuInteractionMetadata {
  id: string;
  type: number;
  user: EmuApiUser;
  authorizing_integration_owners: Record<string, string>;
  name?: string;
  command_type?: number;
  original_response_message_id?: string;
  interacted_message_id?: string;
  [key: string]: unknown;
}

/** A message as Discord returns it (the shape discord.js accepts). */
export interface EmuMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: EmuApiUser;
  content: string;
  embeds: EmuEmbed[];
  components: EmuComponent[];
  flags: number;
  attachments: EmuAttachment[];
  interaction_metadata?: EmuInteractionMetadata;
  type: number;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: EmuApiUser[];
  mention_roles: string[];
  pinned: boolean;
  webhook_id?: string;
  application_id?: string;
  nonce?: string | number;
  [key: string]: unknown;
}

export interface EmuResponse {
  kind: 'callback' | 'followup' | 'edit' | 'delete';
  /** Interaction callback type for kind 'callback': 4, 5, 6, 7, 8 or 9. */
  callbackType?: number;
  /** Body data: content, embeds, components, flags; title/custom_id/components for modals; choices for autocomplete. */
  // biome-ignore lint/suspicious/noExplicitAny: free-form Discord payload, read by tests
  data: any;
  ephemeral: boolean;
  /** performance.now() when the request carrying it arrived (before the emulator parsed and checked it). */
  at: number;
  /** `at - dispatchedAt`. */
  latencyMs: number;
  /**
   * A snapshot of the message created or changed, as it was right after this response (absent for 6, 8
   * and 9 callbacks). `messages()` returns the live objects.
   */
  message?: EmuMessage;
}

export interface InteractionHandle {
  id: string;
  token: string;
  /** performance.now() when INTERACTION_CREATE was sent (NaN while it waits for a bot to connect). */
  readonly dispatchedAt: number;
  /** The first accepted callback; rejects with a descriptive error after timeoutMs (default 5000). */
  firstResponse(timeoutMs?: number): Promise<EmuResponse>;
  /** Accepted callback, follow-ups, edits and deletes, in order. */
  readonly responses: EmuResponse[];
  waitFor(pred: (r: EmuResponse) => boolean, timeoutMs?: number): Promise<EmuResponse>;
  /** Resolves once no response arrived and no request for this interaction was in flight for idleMs (default 150). */
  settled(idleMs?: number): Promise<EmuResponse[]>;
}

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface RecordedRequest {
  method: string;
  /** Decoded path below /api/v10, e.g. '/webhooks/1/tok/messages/@original'. */
  path: string;
  query: string;
  /** Parsed JSON body (payload_json for multipart), undefined when empty. */
  body: unknown;
  files?: RecordedFile[];
  /** HTTP status answered (0 while still in flight). */
  status: number;
  /** performance.now() when the request arrived. */
  at: number;
  /** Time until the answer, including injected latency. */
  durationMs?: number;
}

export interface Violation {
  at: number;
  method: string;
  path: string;
  rule: string;
  detail: string;
}

export interface FaultSpec {
  method?: string;
  /** Matched against the decoded path below /api/v10 and against the full URL path. */
  path: RegExp;
  status: number;
  code?: number;
  message?: string;
  retryAfterSec?: number;
  /** How many matching requests fail, default 1. */
  times?: number;
  delayMs?: number;
}

export type ChannelAccess = 'ok' | 'no-access' | 'no-permission';

export type OptionValue = string | number | boolean;

export interface SlashParams {
  user: EmuUser;
  /** In the user's DM with the bot (context 1): no guild, no member. */
  dm?: boolean;
  guildId?: string;
  channelId?: string;
  name: string;
  /** 'sub' or 'group sub'. */
  subcommand?: string;
  options?: Record<string, OptionValue>;
}

export interface AutocompleteParams extends SlashParams {
  /** Name of the focused option. */
  focused: string;
}

export interface ClickParams {
  user: EmuUser;
  message: EmuMessage;
  customId: string;
  /** Extra: values for a select menu component. */
  values?: string[];
}

export interface SubmitModalParams {
  user: EmuUser;
  guildId?: string;
  channelId?: string;
  customId: string;
  fields: Record<string, string>;
  message?: EmuMessage;
  /** In the user's DM with the bot (also implied by a `message` or `channelId` in that DM). */
  dm?: boolean;
}

export interface EmulatorEvents {
  message: [EmuMessage];
  response: [EmuResponse, InteractionHandle];
  violation: [Violation];
  request: [RecordedRequest];
}

export interface Emulator {
  apiUrl: string;
  token: string;
  applicationId: string;
  botUserId: string;
  /** Extra: 'ws://127.0.0.1:PORT/gateway'. */
  gatewayUrl: string;
  slash(p: SlashParams): InteractionHandle;
  autocomplete(p: AutocompleteParams): InteractionHandle;
  click(p: ClickParams): InteractionHandle;
  submitModal(p: SubmitModalParams): InteractionHandle;
  messages(channelId?: string): EmuMessage[];
  /** Extra: the bot's DM channel with a user (its messages() are the DMs). */
  dmChannel(userId: string): string;
  registeredCommands(guildId?: string): unknown[];
  /** Extra: a file a member attaches to a command's attachment option; pass the id as the option's value. */
  uploadAttachment(filename: string, data: Buffer | string, contentType?: string): string;
  /** A thread's name, type (11 public, 12 private), parent and the members added to it; undefined if none. */
  thread(id: string): { name: string; type: number; parentId: string | null; members: string[] } | undefined;
  requests: RecordedRequest[];
  violations: Violation[];
  /** Extra: bytes of an uploaded attachment. */
  attachmentData(attachmentId: string): Buffer | undefined;
  /** Extra: the guilds as currently configured. */
  guilds(): EmuGuildSpec[];
  injectFault(f: FaultSpec): void;
  setLatency(path: RegExp, ms: number): void;
  dropGateway(code?: number): void;
  /** The shards whose sessions are identified now, as [id, count]. */
  connectedShards(): [id: number, count: number][];
  addGuild(spec: EmuGuildSpec): void;
  removeChannel(channelId: string): void;
  setChannelAccess(channelId: string, access: ChannelAccess): void;
  waitForReady(timeoutMs?: number): Promise<void>;
  on<E extends keyof EmulatorEvents>(event: E, fn: (...args: EmulatorEvents[E]) => void): this;
  off<E extends keyof EmulatorEvents>(event: E, fn: (...args: EmulatorEvents[E]) => void): this;
  close(): Promise<void>;
}

/** Permission bits used by the emulator. */
export const Perm = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const;

export const DEFAULT_USER_PERMISSIONS = Perm.SendMessages | Perm.ViewChannel | Perm.UseApplicationCommands;
