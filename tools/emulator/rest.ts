/** REST route handlers (everything below /api/v10). */
import type { Gateway } from './gateway.ts';
import type { InteractionRecord } from './interactions.ts';
import type { Ctx, Reply, Router } from './router.ts';
import type { ChannelState, NewMessage, State } from './state.ts';
import { type EmuMessage, type EmuResponse, Perm } from './types.ts';
import { isRecord, num, str } from './util.ts';
import {
  checkCommands,
  describeIssue,
  EPHEMERAL,
  type Issue,
  LOADING,
  toDiscordErrors,
  validateCallback,
  validateMessageBody,
  validateThread,
} from './validate.ts';

/** What the handlers need from the emulator. */
export interface Core {
  readonly state: State;
  readonly gateway: Gateway;
  readonly applicationId: string;
  readonly firstResponseDeadlineMs: number;
  readonly tokenLifetimeMs: number;
  now(): number;
  readonly gatewayUrl: string;
  /** `session_start_limit.max_concurrency` in GET /gateway/bot. */
  readonly maxConcurrency: number;
  interactionById(id: string): InteractionRecord | undefined;
  interactionByToken(token: string): InteractionRecord | undefined;
  violate(ctx: Pick<Ctx, 'method' | 'path'>, rule: string, detail: string): void;
  emitMessage(msg: EmuMessage): void;
  emitResponse(it: InteractionRecord, r: EmuResponse): void;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export function apiError(status: number, code: number, message: string): Reply {
  return { status, body: { message, code } };
}

const noContent: Reply = { status: 204 };
const REPLY_KEYS = new Set(['status', 'body', 'headers']);

const Errors = {
  unknownChannel: () => apiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => apiError(404, 10004, 'Unknown Guild'),
  unknownMessage: () => apiError(404, 10008, 'Unknown Message'),
  unknownWebhook: () => apiError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => apiError(404, 10062, 'Unknown interaction'),
  unknownCommand: () => apiError(404, 10063, 'Unknown application command'),
  unknownApplication: () => apiError(404, 10002, 'Unknown Application'),
  missingAccess: () => apiError(403, 50001, 'Missing Access'),
  missingPermissions: () => apiError(403, 50013, 'Missing Permissions'),
  cannotDm: () => apiError(403, 50007, 'Cannot send messages to this user'),
};

function bodyRecord(ctx: Ctx): Record<string, unknown> {
  return isRecord(ctx.body) ? ctx.body : {};
}

export function registerRoutes(router: Router, core: Core): void {
  const { state } = core;

  const invalid = (ctx: Ctx, issues: Issue[], it?: InteractionRecord): Reply => {
    for (const i of issues) core.violate(ctx, i.rule, describeIssue(i));
    it?.rejected.push(`400 Invalid Form Body (${issues.map(describeIssue).join('; ')})`);
    return json(400, { message: 'Invalid Form Body', code: 50035, errors: toDiscordErrors(issues) });
  };

  const refuse = (ctx: Ctx, reply: Reply, rule: string, detail: string, it?: InteractionRecord): Reply => {
    core.violate(ctx, rule, detail);
    const b = reply.body as { code: number; message: string };
    it?.rejected.push(`${reply.status} ${b.code} ${b.message} (${rule})`);
    return reply;
  };

  /** Read (GET) needs View Channel; write (send, thread) also Send Messages. */
  const channelFor = (id: string, write: boolean): ChannelState | Reply => {
    const ch = state.channels.get(id);
    if (!ch) return Errors.unknownChannel();
    if (state.guilds.get(ch.guildId)?.withoutBot) return Errors.missingAccess();
    const access = state.effectiveAccess(ch);
    if (access === 'no-access') return Errors.missingAccess();
    if (write && access === 'no-permission') return Errors.missingPermissions();
    return ch;
  };
  const isReply = (v: unknown): v is Reply =>
    isRecord(v) && typeof v.status === 'number' && Object.keys(v).every((k) => REPLY_KEYS.has(k));

  // ------------------------------------------------------------------------------------------------
  // gateway, users, application

  router.add('GET', '/gateway', () => json(200, { url: core.gatewayUrl }), { auth: false });
  router.add('GET', '/gateway/bot', () =>
    json(200, {
      url: core.gatewayUrl,
      // Discord recommends about one shard per 1,000 servers.
      shards: Math.max(1, Math.ceil(core.state.guilds.size / 1000)),
      session_start_limit: {
        total: 1000,
        remaining: 1000,
        reset_after: 0,
        max_concurrency: core.maxConcurrency,
      },
    }),
  );
  router.add('GET', '/users/@me', () =>
    json(200, { ...state.botUserPayload(), verified: true, mfa_enabled: false }),
  );
  router.add('GET', '/users/:uid', (ctx) => {
    const id = ctx.params.uid ?? '';
    if (id !== state.botUserId && !state.users.has(id)) return apiError(404, 10013, 'Unknown User');
    return json(200, state.userPayloadById(id));
  });
  router.add('GET', '/applications/@me', () =>
    json(200, {
      id: core.applicationId,
      name: state.botUsername,
      description: '',
      icon: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      owner: {
        id: '100000000000000099',
        username: 'owner',
        discriminator: '0',
        global_name: null,
        avatar: null,
      },
      team: null,
      bot: state.botUserPayload(),
      approximate_guild_count: state.guilds.size,
    }),
  );

  // ------------------------------------------------------------------------------------------------
  // application commands

  const scopeOf = (ctx: Ctx): string | Reply => {
    if (ctx.params.app !== core.applicationId) return Errors.unknownApplication();
    const gid = ctx.params.gid;
    if (gid === undefined) return 'global';
    if (!state.guilds.has(gid)) return Errors.unknownGuild();
    return gid;
  };
  for (const base of ['/applications/:app/commands', '/applications/:app/guilds/:gid/commands']) {
    router.add('GET', base, (ctx) => {
      const scope = scopeOf(ctx);
      if (typeof scope !== 'string') return scope;
      return json(200, state.commands.get(scope) ?? []);
    });
    router.add('PUT', base, (ctx) => {
      const scope = scopeOf(ctx);
      if (typeof scope !== 'string') return scope;
      const issues = checkCommands(ctx.body);
      if (issues.length) return invalid(ctx, issues);
      return json(200, state.putCommands(scope, ctx.body as unknown[]));
    });
    router.add('POST', base, (ctx) => {
      const scope = scopeOf(ctx);
      if (typeof scope !== 'string') return scope;
      const issues = checkCommands([ctx.body]).map((i) => ({ ...i, path: i.path.slice(1) }));
      if (issues.length) return invalid(ctx, issues);
      const existed = (state.commands.get(scope) ?? []).some((c) => c.name === bodyRecord(ctx).name);
      return json(existed ? 200 : 201, state.upsertCommand(scope, bodyRecord(ctx)));
    });
    router.add('GET', `${base}/:cid`, (ctx) => {
      const scope = scopeOf(ctx);
      if (typeof scope !== 'string') return scope;
      const cmd = state.commands.get(scope)?.find((c) => c.id === ctx.params.cid);
      return cmd ? json(200, cmd) : Errors.unknownCommand();
    });
    router.add('PATCH', `${base}/:cid`, (ctx) => {
      const scope = scopeOf(ctx);
      if (typeof scope !== 'string') return scope;
      const cmd = state.commands.get(scope)?.find((c) => c.id === ctx.params.cid);
      if (!cmd) return Errors.unknownCommand();
      const merged = { ...cmd, ...bodyRecord(ctx) };
      const issues = checkCommands([merged]).map((i) => ({ ...i, path: i.path.slice(1) }));
      if (issues.length) return invalid(ctx, issues);
      return json(200, state.upsertCommand(scope, merged));
    });
    router.add('DELETE', `${base}/:cid`, (ctx) => {
      const scope = scopeOf(ctx);
      if (typeof scope !== 'string') return scope;
      const list = state.commands.get(scope) ?? [];
      if (!list.some((c) => c.id === ctx.params.cid)) return Errors.unknownCommand();
      state.commands.set(
        scope,
        list.filter((c) => c.id !== ctx.params.cid),
      );
      return noContent;
    });
  }

  // ------------------------------------------------------------------------------------------------
  // interaction callback

  const allowedTypes: Record<InteractionRecord['kind'], number[]> = {
    command: [4, 5, 9],
    autocomplete: [8],
    component: [4, 5, 6, 7, 9],
    modal: [4, 5, 6, 7],
  };

  const interactionMessage = (
    it: InteractionRecord,
    body: Record<string, unknown>,
    files: Ctx['files'],
    opts: { flags?: number; placeholder?: boolean } = {},
  ): EmuMessage => {
    const m: NewMessage = {
      channelId: it.channelId,
      body,
      files,
      type: it.kind === 'command' ? 20 : 0,
      ...(opts.flags !== undefined ? { flags: opts.flags } : {}),
      interaction: {
        id: it.id,
        type: it.type,
        user: state.userPayload(it.user),
        ...(it.guildId ? { guildId: it.guildId } : {}),
        ...(it.kind === 'command' ? { name: it.label.replace(/^\//, '') } : {}),
        ...(it.sourceMessage ? { sourceMessageId: it.sourceMessage.id } : {}),
      },
    };
    return opts.placeholder ? state.createPlaceholder(m) : state.createMessage(m);
  };

  /** The stored version of the message a component sits on (or a private copy when it is not ours). */
  const sourceOf = (it: InteractionRecord): EmuMessage | undefined => {
    if (!it.sourceMessage) return undefined;
    return state.message(it.sourceMessage.id) ?? structuredClone(it.sourceMessage);
  };

  router.add(
    'POST',
    '/interactions/:iid/:token/callback',
    (ctx) => {
      const it = core.interactionById(ctx.params.iid ?? '');
      if (!it || it.token !== ctx.params.token || Number.isNaN(it.createdAt)) {
        return refuse(
          ctx,
          Errors.unknownInteraction(),
          'unknown-interaction',
          `no interaction ${ctx.params.iid}`,
        );
      }
      if (it.expired) {
        return refuse(
          ctx,
          Errors.unknownInteraction(),
          'unknown-interaction',
          'callback after the deadline',
          it,
        );
      }
      if (it.acked) {
        return refuse(
          ctx,
          apiError(400, 40060, 'Interaction has already been acknowledged.'),
          'already-acknowledged',
          `second callback (type ${String(bodyRecord(ctx).type)}) for ${it.label}; the first was type ${it.ackType}`,
          it,
        );
      }
      const elapsed = core.now() - it.createdAt;
      if (elapsed > core.firstResponseDeadlineMs) {
        it.expired = true;
        return refuse(
          ctx,
          Errors.unknownInteraction(),
          'late-first-response',
          `first response to ${it.label} after ${Math.round(elapsed)} ms (deadline ${core.firstResponseDeadlineMs} ms)`,
          it,
        );
      }
      const issues = validateCallback(ctx.body);
      if (issues.length) return invalid(ctx, issues, it);
      const body = bodyRecord(ctx);
      const type = num(body.type) ?? 0;
      const data = isRecord(body.data) ? body.data : {};
      const okTypes = allowedTypes[it.kind];
      if (!okTypes.includes(type) || ((type === 6 || type === 7) && !it.sourceMessage)) {
        return invalid(
          ctx,
          [
            {
              rule: 'callback-type',
              path: ['type'],
              code: 'INTERACTION_CALLBACK_TYPE_INVALID',
              message: `Callback type ${type} is not valid for a ${it.kind} interaction.`,
            },
          ],
          it,
        );
      }

      it.acked = true;
      it.ackType = type;
      let message: EmuMessage | undefined;
      let ephemeral = false;
      switch (type) {
        case 4: {
          message = interactionMessage(it, data, ctx.files);
          ephemeral = (message.flags & EPHEMERAL) !== 0;
          it.original = message;
          core.emitMessage(message);
          break;
        }
        case 5: {
          const flags = (num(data.flags) ?? 0) & EPHEMERAL;
          ephemeral = flags !== 0;
          message = interactionMessage(it, {}, [], { flags: flags | LOADING, placeholder: true });
          it.original = message;
          it.loading = true;
          break;
        }
        case 6:
          it.original = sourceOf(it);
          break;
        case 7: {
          const target = sourceOf(it);
          if (target) {
            state.editMessage(target, data, ctx.files);
            ephemeral = (target.flags & EPHEMERAL) !== 0;
            message = target;
            it.original = target;
          }
          break;
        }
        case 9:
          if (typeof data.custom_id === 'string') state.modals.set(data.custom_id, data);
          break;
        default:
          break;
      }
      const response = it.addResponse(
        {
          kind: 'callback',
          callbackType: type,
          data,
          ephemeral,
          ...(message ? { message } : {}),
        },
        ctx.arrivedAt,
      );
      core.emitResponse(it, response);
      if (ctx.query.get('with_response') !== 'true') return noContent;
      return json(200, {
        interaction: {
          id: it.id,
          type: it.type,
          activity_instance_id: null,
          ...(message && (type === 4 || type === 5 || type === 7)
            ? {
                response_message_id: message.id,
                response_message_loading: type === 5,
                response_message_ephemeral: ephemeral,
              }
            : {}),
        },
        resource: { type, ...(message && type !== 6 ? { message } : {}) },
      });
    },
    { auth: false },
  );

  // ------------------------------------------------------------------------------------------------
  // interaction webhooks

  const webhookInteraction = (ctx: Ctx): InteractionRecord | Reply => {
    const it = core.interactionByToken(ctx.params.token ?? '');
    if (ctx.params.app !== core.applicationId || !it) {
      return refuse(ctx, Errors.unknownWebhook(), 'unknown-webhook', 'no interaction with that token');
    }
    const age = core.now() - it.createdAt;
    if (age > core.tokenLifetimeMs) {
      return refuse(
        ctx,
        apiError(401, 10015, 'Unknown Webhook'),
        'expired-token',
        `interaction token of ${it.label} used after ${Math.round(age / 1000)} s (lifetime ${core.tokenLifetimeMs / 1000} s)`,
      );
    }
    if (!it.acked) {
      return refuse(
        ctx,
        Errors.unknownWebhook(),
        'webhook-before-ack',
        `${ctx.method} on the interaction webhook of ${it.label} before the interaction was acknowledged`,
        it,
      );
    }
    return it;
  };

  const webhookTarget = (it: InteractionRecord, mid: string): EmuMessage | undefined => {
    if (mid === '@original') return it.original;
    if (it.original && it.original.id === mid) return it.original;
    const f = it.followups.get(mid);
    return f && state.message(f.id) ? f : undefined;
  };

  /** Turns the deferred placeholder into the real reply. */
  const fill = (it: InteractionRecord, msg: EmuMessage, ctx: Ctx): void => {
    state.editMessage(msg, bodyRecord(ctx), ctx.files, false);
    msg.flags &= ~LOADING;
    it.loading = false;
    state.publish(msg);
    core.emitMessage(msg);
  };

  router.add(
    'POST',
    '/webhooks/:app/:token',
    (ctx) => {
      const it = webhookInteraction(ctx);
      if (isReply(it)) return it;
      const issues = validateMessageBody(ctx.body, 'webhook-execute');
      if (issues.length) return invalid(ctx, issues);
      const body = bodyRecord(ctx);
      let message: EmuMessage;
      if (it.loading && it.original) {
        // the first follow-up after a deferred reply resolves the "thinking..." message
        message = it.original;
        fill(it, message, ctx);
      } else {
        message = interactionMessage(it, body, ctx.files);
        it.followups.set(message.id, message);
        core.emitMessage(message);
      }
      const response = it.addResponse(
        {
          kind: 'followup',
          data: body,
          ephemeral: (message.flags & EPHEMERAL) !== 0,
          message,
        },
        ctx.arrivedAt,
      );
      core.emitResponse(it, response);
      return ctx.query.get('wait') === 'true' ? json(200, message) : noContent;
    },
    { auth: false },
  );

  router.add(
    'GET',
    '/webhooks/:app/:token/messages/:mid',
    (ctx) => {
      const it = webhookInteraction(ctx);
      if (isReply(it)) return it;
      const msg = webhookTarget(it, ctx.params.mid ?? '');
      return msg ? json(200, msg) : Errors.unknownMessage();
    },
    { auth: false },
  );

  router.add(
    'PATCH',
    '/webhooks/:app/:token/messages/:mid',
    (ctx) => {
      const it = webhookInteraction(ctx);
      if (isReply(it)) return it;
      const msg = webhookTarget(it, ctx.params.mid ?? '');
      if (!msg) return Errors.unknownMessage();
      const issues = validateMessageBody(ctx.body, 'webhook-edit');
      if (issues.length) return invalid(ctx, issues);
      if (msg === it.original && it.loading) fill(it, msg, ctx);
      else state.editMessage(msg, bodyRecord(ctx), ctx.files);
      const response = it.addResponse(
        {
          kind: 'edit',
          data: bodyRecord(ctx),
          ephemeral: (msg.flags & EPHEMERAL) !== 0,
          message: msg,
        },
        ctx.arrivedAt,
      );
      core.emitResponse(it, response);
      return json(200, msg);
    },
    { auth: false },
  );

  router.add(
    'DELETE',
    '/webhooks/:app/:token/messages/:mid',
    (ctx) => {
      const it = webhookInteraction(ctx);
      if (isReply(it)) return it;
      const msg = webhookTarget(it, ctx.params.mid ?? '');
      if (!msg) return Errors.unknownMessage();
      state.deleteMessage(msg.id);
      if (msg === it.original) {
        it.original = undefined;
        it.loading = false;
      }
      it.followups.delete(msg.id);
      const response = it.addResponse(
        {
          kind: 'delete',
          data: {},
          ephemeral: (msg.flags & EPHEMERAL) !== 0,
          message: msg,
        },
        ctx.arrivedAt,
      );
      core.emitResponse(it, response);
      return noContent;
    },
    { auth: false },
  );

  // ------------------------------------------------------------------------------------------------
  // channels & messages

  router.add('POST', '/users/@me/channels', (ctx) => {
    const recipient = str(bodyRecord(ctx).recipient_id);
    if (!recipient || !/^\d{17,20}$/.test(recipient)) {
      return invalid(ctx, [
        {
          rule: 'dm-recipient',
          path: ['recipient_id'],
          code: 'BASE_TYPE_REQUIRED',
          message: 'a user id is required',
        },
      ]);
    }
    return json(200, state.dmChannelPayload(state.dmChannelOf(recipient)));
  });

  router.add('GET', '/channels/:cid', (ctx) => {
    if (state.dmChannels.has(ctx.params.cid ?? '')) {
      return json(200, state.dmChannelPayload(ctx.params.cid ?? ''));
    }
    const ch = channelFor(ctx.params.cid ?? '', false);
    return isReply(ch) ? ch : json(200, state.channelPayload(ch));
  });

  router.add('GET', '/channels/:cid/messages', (ctx) => {
    const ch = channelFor(ctx.params.cid ?? '', false);
    if (isReply(ch)) return ch;
    const limit = Math.min(100, Math.max(1, Number(ctx.query.get('limit') ?? 50) || 50));
    const list = state
      .messages(ch.id)
      .filter((m) => (m.flags & EPHEMERAL) === 0 && (m.flags & LOADING) === 0)
      .reverse()
      .slice(0, limit);
    return json(200, list);
  });

  router.add('POST', '/channels/:cid/messages', (ctx) => {
    const dmUser = state.dmChannels.get(ctx.params.cid ?? '');
    if (dmUser !== undefined && state.users.get(dmUser)?.dmsClosed) return Errors.cannotDm();
    const ch = dmUser !== undefined ? { id: ctx.params.cid ?? '' } : channelFor(ctx.params.cid ?? '', true);
    if (isReply(ch)) return ch;
    const issues = validateMessageBody(ctx.body, 'channel-create');
    if (issues.length) return invalid(ctx, issues);
    const body = bodyRecord(ctx);
    const existing = state.nonceHit(ch.id, body);
    if (existing) return json(200, existing);
    // only flags SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS and IS_COMPONENTS_V2 can be set on a send
    const flags = (num(body.flags) ?? 0) & ((1 << 2) | (1 << 12) | (1 << 15));
    const msg = state.createMessage({ channelId: ch.id, body, files: ctx.files, flags });
    state.rememberNonce(ch.id, body, msg.id);
    core.emitMessage(msg);
    return json(200, msg);
  });

  const channelMessage = (ctx: Ctx): EmuMessage | Reply => {
    const ch = channelFor(ctx.params.cid ?? '', false);
    if (isReply(ch)) return ch;
    const msg = state.message(ctx.params.mid ?? '');
    if (!msg || msg.channel_id !== ch.id || (msg.flags & EPHEMERAL) !== 0) return Errors.unknownMessage();
    return msg;
  };

  router.add('GET', '/channels/:cid/messages/:mid', (ctx) => {
    const msg = channelMessage(ctx);
    return isReply(msg) ? msg : json(200, msg);
  });

  router.add('PATCH', '/channels/:cid/messages/:mid', (ctx) => {
    const msg = channelMessage(ctx);
    if (isReply(msg)) return msg;
    const issues = validateMessageBody(ctx.body, 'channel-edit');
    if (issues.length) return invalid(ctx, issues);
    state.editMessage(msg, bodyRecord(ctx), ctx.files);
    return json(200, msg);
  });

  router.add('DELETE', '/channels/:cid/messages/:mid', (ctx) => {
    const msg = channelMessage(ctx);
    if (isReply(msg)) return msg;
    state.deleteMessage(msg.id);
    return noContent;
  });

  const createThread = (ctx: Ctx, parent: ChannelState, id?: string): Reply => {
    const body = bodyRecord(ctx);
    const needed = num(body.type) === 12 ? Perm.CreatePrivateThreads : Perm.CreatePublicThreads;
    if ((state.appPermissions(parent.id) & needed) === 0n) return Errors.missingPermissions();
    const thread = state.createThread(
      parent,
      str(body.name) ?? 'thread',
      num(body.auto_archive_duration) ?? 4320,
      id,
    );
    if (num(body.type) === 12) thread.type = 12;
    const payload = state.channelPayload(thread);
    core.gateway.broadcast('THREAD_CREATE', { ...payload, newly_created: true });
    return json(201, payload);
  };

  router.add('POST', '/channels/:cid/messages/:mid/threads', (ctx) => {
    const parent = channelFor(ctx.params.cid ?? '', true);
    if (isReply(parent)) return parent;
    const msg = state.message(ctx.params.mid ?? '');
    if (!msg || msg.channel_id !== parent.id) return Errors.unknownMessage();
    if (state.channels.has(msg.id))
      return apiError(400, 160004, 'A thread has already been created for this message');
    const issues = validateThread(ctx.body, true);
    if (issues.length) return invalid(ctx, issues);
    const reply = createThread(ctx, parent, msg.id);
    msg.thread = reply.body;
    msg.flags |= 1 << 5; // HAS_THREAD
    return reply;
  });

  router.add('POST', '/channels/:cid/threads', (ctx) => {
    const parent = channelFor(ctx.params.cid ?? '', true);
    if (isReply(parent)) return parent;
    const issues = validateThread(ctx.body, false);
    if (issues.length) return invalid(ctx, issues);
    return createThread(ctx, parent);
  });

  // Adds a member to a thread (the only way into a private one).
  router.add('PUT', '/channels/:cid/thread-members/:uid', (ctx) => {
    const thread = channelFor(ctx.params.cid ?? '', true);
    if (isReply(thread)) return thread;
    if (!thread.thread) return apiError(400, 50024, 'Cannot execute action on this channel type');
    const uid = ctx.params.uid ?? '';
    if (!state.users.has(uid)) return apiError(404, 10013, 'Unknown User');
    const members = thread.thread.members ?? [];
    if (!members.includes(uid)) thread.thread.members = [...members, uid];
    return noContent;
  });

  router.add('POST', '/channels/:cid/typing', (ctx) => {
    const ch = channelFor(ctx.params.cid ?? '', true);
    return isReply(ch) ? ch : noContent;
  });

  for (const method of ['PUT', 'DELETE']) {
    router.add(method, '/channels/:cid/messages/:mid/reactions/:emoji/@me', (ctx) => {
      const msg = channelMessage(ctx);
      return isReply(msg) ? msg : noContent;
    });
  }

  // ------------------------------------------------------------------------------------------------
  // guilds

  router.add('GET', '/guilds/:gid', (ctx) => {
    const g = state.guilds.get(ctx.params.gid ?? '');
    return g ? json(200, state.guildPayload(g)) : Errors.unknownGuild();
  });
  router.add('GET', '/guilds/:gid/channels', (ctx) => {
    const g = state.guilds.get(ctx.params.gid ?? '');
    if (!g) return Errors.unknownGuild();
    return json(
      200,
      state
        .guildChannels(g.id)
        .filter((c) => !c.thread)
        .map((c) => state.channelPayload(c)),
    );
  });
  router.add('GET', '/guilds/:gid/roles', (ctx) => {
    const g = state.guilds.get(ctx.params.gid ?? '');
    return g
      ? json(
          200,
          g.roles.map((r) => state.rolePayload(r)),
        )
      : Errors.unknownGuild();
  });
  router.add('GET', '/guilds/:gid/members/:uid', (ctx) => {
    const g = state.guilds.get(ctx.params.gid ?? '');
    if (!g) return Errors.unknownGuild();
    const uid = ctx.params.uid ?? '';
    if (uid === state.botUserId) return json(200, state.botMemberPayload(g));
    const u = state.users.get(uid);
    if (!u) return apiError(404, 10007, 'Unknown Member');
    const m = state.memberPayload(u, g, true);
    delete m.permissions;
    return json(200, m);
  });
}
