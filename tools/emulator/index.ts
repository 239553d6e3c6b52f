/**
 * A local Discord emulator: Discord's REST API under /api/v10 and a gateway on /gateway, on one
 * 127.0.0.1 port, for the real discord.js client:
 *
 *   const emu = await startEmulator();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
 *   await client.login(emu.token);
 *   const h = emu.slash({ user, name: 'question' });
 *   const first = await h.firstResponse();
 */
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { Faults } from './faults.ts';
import { Gateway } from './gateway.ts';
import { type Built, InteractionRecord, PayloadBuilder } from './interactions.ts';
import { type Core, registerRoutes } from './rest.ts';
import { Router } from './router.ts';
import { createHttpServer } from './server.ts';
import { DEFAULT_GUILD, State } from './state.ts';
import type {
  AutocompleteParams,
  ChannelAccess,
  ClickParams,
  EmuGuildSpec,
  Emulator,
  EmulatorOptions,
  EmuMessage,
  EmuResponse,
  EmuUser,
  FaultSpec,
  InteractionHandle,
  RecordedRequest,
  SlashParams,
  SubmitModalParams,
  Violation,
} from './types.ts';
import { interactionToken, SnowflakeGenerator, Timers } from './util.ts';

export { DEFAULT_GUILD } from './state.ts';
export * from './types.ts';
export { Schemas } from './validate.ts';

class DiscordEmulator extends EventEmitter implements Emulator, Core {
  apiUrl = '';
  gatewayUrl = '';
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly firstResponseDeadlineMs: number;
  readonly tokenLifetimeMs: number;
  readonly maxConcurrency: number;
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  readonly state: State;
  readonly gateway: Gateway;
  private readonly faults: Faults;
  private readonly timers = new Timers();
  private readonly ids: SnowflakeGenerator;
  private readonly builder: PayloadBuilder;
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  private readonly wss: WebSocketServer;
  private readonly server: Server;
  private readonly clock: () => number;
  private closed = false;

  constructor(opts: EmulatorOptions) {
    super();
    this.clock = opts.now ?? Date.now;
    this.ids = new SnowflakeGenerator(this.clock);
    this.token = opts.token ?? 'emu-token';
    this.applicationId = opts.applicationId ?? '300000000000000001';
    this.botUserId = opts.botUserId ?? this.applicationId;
    this.firstResponseDeadlineMs = opts.firstResponseDeadlineMs ?? 3000;
    this.tokenLifetimeMs = opts.tokenLifetimeMs ?? 15 * 60_000;
    this.maxConcurrency = opts.maxConcurrency ?? 1;
    this.state = new State(this.ids, this.clock, this.applicationId, this.botUserId);
    for (const g of opts.guilds ?? [DEFAULT_GUILD]) this.state.addGuild(g);
    this.faults = new Faults(this.clock, opts.globalRateLimit ?? null);
    this.builder = new PayloadBuilder(this.state, this.applicationId);
    this.wss = new WebSocketServer({ noServer: true });
    this.gateway = new Gateway(this.wss, this.state, {
      token: this.token,
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41250,
      gatewayUrl: () => this.gatewayUrl,
      applicationId: this.applicationId,
    });
    const router = new Router();
    registerRoutes(router, this);
    this.server = createHttpServer({
      core: this,
      router,
      faults: this.faults,
      timers: this.timers,
      token: this.token,
      requests: this.requests,
      onRequestDone: (rec) => this.emit('request', rec),
    });
    this.server.on('upgrade', (req, socket, head) => {
      const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (this.closed || (pathname !== '/gateway' && pathname !== '/gateway/')) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    });
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const { port: actual } = this.server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${actual}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${actual}/gateway`;
    this.state.baseUrl = `http://127.0.0.1:${actual}`;
  }

  // ------------------------------------------------------------------------------------------------
  // Core

  now(): number {
    return this.clock();
  }

  interactionById(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  interactionByToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  violate(ctx: { method: string; path: string }, rule: string, detail: string): void {
    const v: Violation = { at: performance.now(), method: ctx.method, path: ctx.path, rule, detail };
    this.violations.push(v);
    this.emit('violation', v);
  }

  emitMessage(msg: EmuMessage): void {
    this.emit('message', msg);
  }

  emitResponse(it: InteractionRecord, r: EmuResponse): void {
    this.emit('response', r, it);
  }

  // ------------------------------------------------------------------------------------------------
  // users' actions

  private start(user: EmuUser, build: (id: string, token: string) => Built): InteractionRecord {
    if (this.closed) throw new Error('the emulator is closed');
    const id = this.ids.next();
    const token = interactionToken();
    const rec = new InteractionRecord(id, token, build(id, token), user, this.timers);
    this.byId.set(id, rec);
    this.byToken.set(token, rec);
    this.gateway.dispatchToBot('INTERACTION_CREATE', rec.payload, () => {
      rec.dispatchedAt = performance.now();
      rec.createdAt = this.clock();
      rec.touch();
    });
    return rec;
  }

  slash(p: SlashParams): InteractionHandle {
    return this.start(p.user, (id, token) => this.builder.slash(id, token, p));
  }

  autocomplete(p: AutocompleteParams): InteractionHandle {
    return this.start(p.user, (id, token) => this.builder.autocomplete(id, token, p));
  }

  click(p: ClickParams): InteractionHandle {
    return this.start(p.user, (id, token) => this.builder.click(id, token, p));
  }

  submitModal(p: SubmitModalParams): InteractionHandle {
    return this.start(p.user, (id, token) => this.builder.submitModal(id, token, p));
  }

  // ------------------------------------------------------------------------------------------------
  // observe

  messages(channelId?: string): EmuMessage[] {
    return this.state.messages(channelId);
  }

  /** The id of the bot's DM channel with a user (the messages() of that channel are the DMs). */
  dmChannel(userId: string): string {
    return this.state.dmChannelOf(userId);
  }

  /** A thread's name, type (11 public, 12 private), parent and the members added to it; undefined if none. */
  thread(id: string): { name: string; type: number; parentId: string | null; members: string[] } | undefined {
    const ch = this.state.channels.get(id);
    if (!ch?.thread) return undefined;
    return { name: ch.name, type: ch.type, parentId: ch.parentId, members: [...(ch.thread.members ?? [])] };
  }

  uploadAttachment(filename: string, data: Buffer | string, contentType = 'text/markdown'): string {
    return this.state.upload(filename, Buffer.from(data), contentType).id;
  }

  registeredCommands(guildId?: string): unknown[] {
    return [...(this.state.commands.get(guildId ?? 'global') ?? [])];
  }

  attachmentData(attachmentId: string): Buffer | undefined {
    return this.state.attachmentData(attachmentId);
  }

  guilds(): EmuGuildSpec[] {
    return this.state.guildSpecs();
  }

  // ------------------------------------------------------------------------------------------------
  // faults & world changes

  injectFault(f: FaultSpec): void {
    this.faults.inject(f);
  }

  setLatency(path: RegExp, ms: number): void {
    this.faults.setLatency(path, ms);
  }

  dropGateway(code = 4000): void {
    this.gateway.drop(code);
  }

  connectedShards(): [number, number][] {
    return this.gateway.shards;
  }

  addGuild(spec: EmuGuildSpec): void {
    const g = this.state.addGuild(spec);
    if (!g.withoutBot) this.gateway.broadcast('GUILD_CREATE', this.state.guildCreatePayload(g));
  }

  removeChannel(channelId: string): void {
    const ch = this.state.channels.get(channelId);
    if (!ch) throw new Error(`unknown channel ${channelId}`);
    const payload = this.state.channelPayload(ch);
    this.state.channels.delete(channelId);
    // threads of a removed channel go with it
    for (const t of [...this.state.channels.values()])
      if (t.parentId === channelId) this.state.channels.delete(t.id);
    this.gateway.broadcast(ch.thread ? 'THREAD_DELETE' : 'CHANNEL_DELETE', payload);
  }

  setChannelAccess(channelId: string, access: ChannelAccess): void {
    const ch = this.state.channels.get(channelId);
    if (!ch) throw new Error(`unknown channel ${channelId}`);
    ch.access = access;
    if (!ch.thread) this.gateway.broadcast('CHANNEL_UPDATE', this.state.channelPayload(ch));
  }

  waitForReady(timeoutMs = 10_000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const unclose = this.timers.onClose(reject);
      const timer = this.timers.set(() => {
        unclose();
        reject(new Error(`no bot reached READY on the emulator within ${timeoutMs} ms`));
      }, timeoutMs);
      void this.gateway.waitForReady().then(() => {
        this.timers.clear(timer);
        unclose();
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.timers.closeAll();
    this.gateway.close();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.removeAllListeners();
  }
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const emu = new DiscordEmulator(opts);
  await emu.listen(opts.port ?? 0);
  return emu;
}
