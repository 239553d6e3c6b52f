/**
 * The WebSocket gateway: HELLO, IDENTIFY/READY/GUILD_CREATE, heartbeats, RESUME with replay, and
 * sharding: a session identified with `shard: [id, count]` gets only the servers with
 * `(guild_id >> 22) % count === id` (Discord's rule); 4010 for an invalid shard, 4011 when one
 * connection would hold more than 2,500 servers.
 */
import type { IncomingMessage } from 'node:http';
import { WebSocket, type WebSocketServer } from 'ws';
import type { State } from './state.ts';
import { isRecord, sessionId } from './util.ts';

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  gatewayUrl: () => string;
  applicationId: string;
}

interface Session {
  id: string;
  seq: number;
  ws: WebSocket | null;
  /** Every dispatch sent on this session, for RESUME replay (bounded). */
  buffer: { s: number; frame: string }[];
  intents: number;
  invalid: boolean;
  shard: [id: number, count: number];
}

const REPLAY_LIMIT = 10_000;
/** Discord closes a connection that would hold more servers than this (4011, sharding required). */
export const MAX_GUILDS_PER_SHARD = 2500;

/** The shard of a server under `count` shards (Discord's formula). */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

const covers = (s: Session, guildId: string | undefined): boolean =>
  // Interactions outside a server (DMs) go to shard 0.
  guildId === undefined ? s.shard[0] === 0 : shardOf(guildId, s.shard[1]) === s.shard[0];

/** The server an event belongs to: a GUILD_* event's own id, else its guild_id (none for DMs). */
const guildOf = (t: string, d: unknown): string | undefined => {
  const id = isRecord(d) ? (t.startsWith('GUILD_') && !('guild_id' in d) ? d.id : d.guild_id) : undefined;
  return typeof id === 'string' && /^\d+$/.test(id) ? id : undefined;
};

export class Gateway {
  private readonly sessions = new Map<string, Session>();
  /** Per shard id, the session interactions go to: the most recently identified one. */
  private readonly primaries = new Map<number, Session>();
  private readonly sockets = new Set<WebSocket>();
  private readyWaiters: (() => void)[] = [];
  /** Dispatches created while no session existed; sent after the next READY. */
  private pending: { t: string; d: unknown; onSent?: () => void }[] = [];

  constructor(
    wss: WebSocketServer,
    private readonly state: State,
    private readonly opts: GatewayOptions,
  ) {
    wss.on('connection', (ws, req) => this.onConnection(ws, req));
  }

  /** The session that serves a server (or DMs), if one has identified. */
  private primaryFor(guildId: string | undefined): Session | undefined {
    for (const s of this.primaries.values()) if (!s.invalid && covers(s, guildId)) return s;
    return undefined;
  }

  /** True when every identified shard's session is connected and has been sent READY (or RESUMED). */
  get live(): boolean {
    const sessions = [...this.primaries.values()];
    return sessions.length > 0 && sessions.every((s) => s.ws?.readyState === WebSocket.OPEN && !s.invalid);
  }

  /** The shards sessions have identified as, by shard id. */
  get shards(): [id: number, count: number][] {
    return [...this.primaries.values()]
      .filter((s) => !s.invalid && s.ws?.readyState === WebSocket.OPEN)
      .map((s) => s.shard);
  }

  waitForReady(): Promise<void> {
    if (this.live) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private notifyReady(): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w();
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    this.sockets.add(ws);
    const url = new URL(req.url ?? '/', 'http://localhost');
    let session: Session | undefined;
    ws.on('close', (code) => {
      this.sockets.delete(ws);
      if (session && session.ws === ws) {
        session.ws = null;
        // a normal close (client logout) ends the session; anything else leaves it resumable
        if (code === 1000 || code === 1001) session.invalid = true;
      }
    });
    ws.on('error', () => {
      /* closed below */
    });
    const v = url.searchParams.get('v');
    if (v !== null && v !== '10') {
      ws.close(4012, 'Invalid API version');
      return;
    }
    if ((url.searchParams.get('encoding') ?? 'json') !== 'json') {
      ws.close(4002, 'Error while decoding payload.');
      return;
    }
    this.sendRaw(ws, { op: 10, d: { heartbeat_interval: this.opts.heartbeatIntervalMs }, s: null, t: null });

    ws.on('message', (raw, isBinary) => {
      if (isBinary) {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      if (!isRecord(payload)) {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      const d = payload.d;
      switch (payload.op) {
        case 1: // heartbeat
          this.sendRaw(ws, { op: 11, d: null, s: null, t: null });
          break;
        case 2: {
          // identify
          if (session) {
            ws.close(4005, 'Already authenticated.');
            return;
          }
          if (!isRecord(d) || d.token !== this.opts.token) {
            ws.close(4004, 'Authentication failed.');
            return;
          }
          const shard = d.shard ?? [0, 1];
          if (
            !Array.isArray(shard) ||
            shard.length !== 2 ||
            !shard.every((n) => Number.isInteger(n)) ||
            shard[1] < 1 ||
            shard[0] < 0 ||
            shard[0] >= shard[1]
          ) {
            ws.close(4010, 'Invalid shard.');
            return;
          }
          const [id, count] = shard as [number, number];
          const held = this.state.botGuilds().filter((g) => shardOf(g.id, count) === id).length;
          if (held > MAX_GUILDS_PER_SHARD) {
            ws.close(4011, 'Sharding required.');
            return;
          }
          session = this.identify(ws, typeof d.intents === 'number' ? d.intents : 0, [id, count]);
          break;
        }
        case 6: {
          // resume
          if (session) {
            ws.close(4005, 'Already authenticated.');
            return;
          }
          if (!isRecord(d) || d.token !== this.opts.token) {
            ws.close(4004, 'Authentication failed.');
            return;
          }
          const s = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
          if (!s || s.invalid || (s.ws && s.ws !== ws && s.ws.readyState === WebSocket.OPEN)) {
            this.sendRaw(ws, { op: 9, d: false, s: null, t: null });
            return;
          }
          session = s;
          this.resume(ws, s, typeof d.seq === 'number' ? d.seq : 0);
          break;
        }
        case 8: // request guild members: one chunk with the members the emulator knows
          if (!session) ws.close(4003, 'Not authenticated.');
          else if (isRecord(d)) this.membersChunk(session, d);
          break;
        case 3: // presence update
        case 4: // voice state update
          if (!session) ws.close(4003, 'Not authenticated.');
          break;
        default:
          ws.close(4001, 'Unknown opcode.');
      }
    });
  }

  private identify(ws: WebSocket, intents: number, shard: [number, number]): Session {
    const s: Session = { id: sessionId(), seq: 0, ws, buffer: [], intents, invalid: false, shard };
    this.sessions.set(s.id, s);
    // a new IDENTIFY replaces the previous session of that shard for interactions
    this.primaries.set(shard[0], s);
    const guilds = this.state.botGuilds().filter((g) => covers(s, g.id));
    this.dispatchTo(s, 'READY', {
      v: 10,
      user_settings: {},
      user: { ...this.state.botUserPayload(), verified: true, mfa_enabled: false, email: null },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      guild_join_requests: [],
      relationships: [],
      private_channels: [],
      presences: [],
      session_id: s.id,
      session_type: 'normal',
      resume_gateway_url: this.opts.gatewayUrl(),
      shard,
      application: { id: this.opts.applicationId, flags: 0 },
      auth: {},
      geo_ordered_rtc_regions: [],
      _trace: ['["discord-emulator",{"micros":0}]'],
    });
    for (const g of guilds) this.dispatchTo(s, 'GUILD_CREATE', this.state.guildCreatePayload(g));
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) {
      if (!covers(s, guildOf(p.t, p.d))) {
        this.pending.push(p);
        continue;
      }
      this.dispatchTo(s, p.t, p.d);
      p.onSent?.();
    }
    this.notifyReady();
    return s;
  }

  private membersChunk(s: Session, d: Record<string, unknown>): void {
    const guildIds = Array.isArray(d.guild_id) ? d.guild_id : [d.guild_id];
    const wanted = Array.isArray(d.user_ids)
      ? d.user_ids.map(String)
      : typeof d.user_ids === 'string'
        ? [d.user_ids]
        : undefined;
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : '';
    for (const gid of guildIds) {
      const g = typeof gid === 'string' ? this.state.guilds.get(gid) : undefined;
      if (!g) continue;
      const members = [
        this.state.botMemberPayload(g),
        ...[...this.state.users.values()].map((u) => this.state.memberPayload(u, g, true)),
      ].filter((m) => {
        const user = m.user as { id: string; username: string };
        return wanted ? wanted.includes(user.id) : user.username.toLowerCase().startsWith(query);
      });
      for (const m of members) delete m.permissions;
      const found = new Set(members.map((m) => (m.user as { id: string }).id));
      this.dispatchTo(s, 'GUILD_MEMBERS_CHUNK', {
        guild_id: g.id,
        members,
        chunk_index: 0,
        chunk_count: 1,
        not_found: wanted ? wanted.filter((id) => !found.has(id)) : [],
        ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
      });
    }
  }

  private resume(ws: WebSocket, s: Session, seq: number): void {
    s.ws = ws;
    for (const entry of s.buffer) if (entry.s > seq) ws.send(entry.frame);
    this.dispatchTo(s, 'RESUMED', null);
    this.notifyReady();
  }

  private sendRaw(ws: WebSocket, payload: unknown): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  }

  private dispatchTo(s: Session, t: string, d: unknown): void {
    s.seq++;
    const frame = JSON.stringify({ op: 0, t, s: s.seq, d });
    s.buffer.push({ s: s.seq, frame });
    if (s.buffer.length > REPLAY_LIMIT) s.buffer.splice(0, s.buffer.length - REPLAY_LIMIT);
    if (s.ws && s.ws.readyState === WebSocket.OPEN) s.ws.send(frame);
  }

  /** Sends an event to every valid session of the server's shard (connected now, or replayed on RESUME). */
  broadcast(t: string, d: unknown): void {
    const guildId = guildOf(t, d);
    for (const s of this.sessions.values()) {
      if (!s.invalid && (guildId === undefined || covers(s, guildId))) this.dispatchTo(s, t, d);
    }
  }

  /**
   * Sends an event to the bot session (queued for replay when it is disconnected, or until a bot
   * identifies when none has). onSent runs when the frame is written to a socket.
   */
  dispatchToBot(t: string, d: unknown, onSent: () => void): void {
    const s = this.primaryFor(guildOf(t, d));
    if (!s) {
      this.pending.push({ t, d, onSent });
      return;
    }
    const connected = s.ws?.readyState === WebSocket.OPEN;
    this.dispatchTo(s, t, d);
    if (connected) onSent();
    else this.onNextSend(s, onSent);
  }

  /** Runs fn once the session is connected again (its buffered frames are replayed on RESUME). */
  private onNextSend(s: Session, fn: () => void): void {
    const check = (): void => {
      if (s.ws?.readyState === WebSocket.OPEN) fn();
      else if (!s.invalid) this.readyWaiters.push(check);
    };
    this.readyWaiters.push(check);
  }

  /** Closes every bot socket; the session stays resumable. 1006 terminates without a close frame. */
  drop(code = 4000): void {
    for (const ws of [...this.sockets]) {
      if (code === 1006) ws.terminate();
      else ws.close(code, 'Emulator dropped the connection');
    }
  }

  close(): void {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.readyWaiters = [];
    this.pending = [];
  }
}
