/**
 * Request body validation: the discord-api-spec zod schemas (Discord's OpenAPI spec) plus the hard limits
 * the spec misses, plus the project rule that nothing may ping.
 *
 * Every problem is an Issue; the REST layer records each as a violation and answers
 * 400 {code: 50035, message: 'Invalid Form Body', errors} like Discord does.
 */

// @ts-expect-error -- discord-api-spec's "types" condition for ./zod points at the .js file (no declarations);
// only `safeParse` is used, typed through SpecSchema below.
import * as specModule from 'discord-api-spec/zod';
import * as z from 'zod/mini';
import { asArray, isRecord, num, str } from './util.ts';

type Path = (string | number)[];

export interface Issue {
  rule: string;
  path: Path;
  code: string;
  message: string;
}

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  expected?: string;
  origin?: string;
  input?: unknown;
  errors?: ZodIssueLike[][];
  values?: unknown[];
}

interface SpecSchema {
  safeParse(input: unknown): { success: boolean; error?: { issues: ZodIssueLike[] } };
}

const spec = specModule as unknown as Record<string, SpecSchema | undefined>;

function schema(name: string): SpecSchema {
  const s = spec[name];
  if (!s) throw new Error(`discord-api-spec/zod has no ${name}`);
  return s;
}

/** Schemas from discord-api-spec/zod used by the emulator. */
export const Schemas = {
  /** POST /channels/{id}/messages */
  messageCreate: schema('MessageCreateRequestSchema'),
  /** PATCH /channels/{id}/messages/{id} */
  messageEdit: schema('MessageEditRequestPartialSchema'),
  /** POST /interactions/{id}/{token}/callback, types 4 and 5 */
  callbackCreateMessage: schema('CreateMessageInteractionCallbackRequestSchema'),
  /** types 6 and 7 */
  callbackUpdateMessage: schema('UpdateMessageInteractionCallbackRequestSchema'),
  /** type 8 */
  callbackAutocomplete: schema('ApplicationCommandAutocompleteCallbackRequestSchema'),
  /** type 9 */
  callbackModal: schema('ModalInteractionCallbackRequestSchema'),
  /** POST /webhooks/{app}/{token} (follow-ups) */
  webhookExecute: schema('IncomingWebhookRequestPartialSchema'),
  /** PATCH /webhooks/{app}/{token}/messages/{id} */
  webhookEdit: schema('IncomingWebhookUpdateRequestPartialSchema'),
  /** POST /channels/{id}/messages/{id}/threads */
  threadFromMessage: schema('CreateTextThreadWithMessageRequestSchema'),
  /** POST /channels/{id}/threads */
  threadWithoutMessage: schema('CreateTextThreadWithoutMessageRequestSchema'),
  /**
   * PUT /applications/{app}/commands, one entry.
   * RELAXED: the spec types default_member_permissions as a number, but Discord (and discord.js, which
   * serialises PermissionsBitField to a string) use a string of digits. Accept both.
   */
  command: z.extend(schema('ApplicationCommandCreateRequestSchema') as unknown as z.ZodMiniObject, {
    default_member_permissions: z.nullish(z.union([z.string().check(z.regex(/^\d+$/)), z.number()])),
  }) as unknown as SpecSchema,
} as const;

// ---------------------------------------------------------------------------------------------------
// zod issues → Issue

function issueMessage(i: ZodIssueLike): { code: string; message: string } {
  switch (i.code) {
    case 'too_big':
      return i.origin === 'number' || i.origin === 'int'
        ? {
            code: 'NUMBER_TYPE_MAX',
            message: `int value should be less than or equal to ${String(i.maximum)}.`,
          }
        : { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${String(i.maximum)} or fewer in length.` };
    case 'too_small':
      return i.origin === 'number' || i.origin === 'int'
        ? {
            code: 'NUMBER_TYPE_MIN',
            message: `int value should be greater than or equal to ${String(i.minimum)}.`,
          }
        : { code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${String(i.minimum)} or more in length.` };
    case 'invalid_type':
      return i.input === undefined
        ? { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }
        : { code: 'BASE_TYPE_BAD_TYPE', message: `Expected ${i.expected ?? 'another type'}.` };
    case 'invalid_value':
      return {
        code: 'BASE_TYPE_CHOICES',
        message: `Value must be one of ${JSON.stringify(i.values ?? [])}.`,
      };
    case 'invalid_format':
      return {
        code: 'BASE_TYPE_BAD_FORMAT',
        message: i.message === 'Invalid input' ? 'Invalid format.' : i.message,
      };
    default:
      return { code: 'BASE_TYPE_INVALID', message: i.message };
  }
}

function flattenZod(issues: ZodIssueLike[], prefix: Path): Issue[] {
  const out: Issue[] = [];
  for (const i of issues) {
    const path: Path = [...prefix, ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    if (i.code === 'invalid_union' && i.errors && i.errors.length > 0) {
      // Pick the branch the payload was meant for: one whose `type` discriminator matched, with the fewest issues.
      const ranked = [...i.errors].sort((a, b) => {
        const wrongType = (branch: ZodIssueLike[]): number =>
          branch.some((x) => x.path.length === 1 && x.path[0] === 'type') ? 1 : 0;
        return wrongType(a) - wrongType(b) || a.length - b.length;
      });
      const best = ranked[0];
      if (best && best.length > 0) {
        out.push(...flattenZod(best, path));
        continue;
      }
    }
    const { code, message } = issueMessage(i);
    out.push({ rule: 'schema', path, code, message });
  }
  return out;
}

export function checkSchema(s: SpecSchema, body: unknown, prefix: Path = []): Issue[] {
  const r = s.safeParse(body);
  if (r.success || !r.error) return [];
  return flattenZod(r.error.issues, prefix);
}

// ---------------------------------------------------------------------------------------------------
// Hard limits

const max = (rule: string, path: Path, limit: number): Issue => ({
  rule,
  path,
  code: 'BASE_TYPE_MAX_LENGTH',
  message: `Must be ${limit} or fewer in length.`,
});
const min = (rule: string, path: Path, limit: number): Issue => ({
  rule,
  path,
  code: 'BASE_TYPE_MIN_LENGTH',
  message: `Must be ${limit} or more in length.`,
});

function lengthCheck(out: Issue[], rule: string, path: Path, v: unknown, lo: number, hi: number): void {
  if (typeof v !== 'string') return;
  if (v.length > hi) out.push(max(rule, path, hi));
  else if (v.length < lo) out.push(min(rule, path, lo));
}

export const IS_COMPONENTS_V2 = 1 << 15;
export const EPHEMERAL = 1 << 6;
export const LOADING = 1 << 7;

function checkEmbeds(embeds: unknown, prefix: Path, out: Issue[]): void {
  if (!Array.isArray(embeds)) return;
  if (embeds.length > 10) out.push(max('embed-count', [...prefix, 'embeds'], 10));
  let total = 0;
  embeds.forEach((e, i) => {
    if (!isRecord(e)) return;
    const p: Path = [...prefix, 'embeds', i];
    const title = str(e.title);
    const description = str(e.description);
    if (title !== undefined) {
      total += title.length;
      lengthCheck(out, 'embed-title', [...p, 'title'], title, 0, 256);
    }
    if (description !== undefined) {
      total += description.length;
      lengthCheck(out, 'embed-description', [...p, 'description'], description, 0, 4096);
    }
    const fields = asArray(e.fields);
    if (fields.length > 25) out.push(max('embed-fields', [...p, 'fields'], 25));
    fields.forEach((f, j) => {
      if (!isRecord(f)) return;
      const name = str(f.name) ?? '';
      const value = str(f.value) ?? '';
      total += name.length + value.length;
      lengthCheck(out, 'embed-field-name', [...p, 'fields', j, 'name'], name, 1, 256);
      lengthCheck(out, 'embed-field-value', [...p, 'fields', j, 'value'], value, 1, 1024);
    });
    if (isRecord(e.footer)) {
      const text = str(e.footer.text) ?? '';
      total += text.length;
      lengthCheck(out, 'embed-footer', [...p, 'footer', 'text'], text, 0, 2048);
    }
    if (isRecord(e.author)) {
      const name = str(e.author.name) ?? '';
      total += name.length;
      lengthCheck(out, 'embed-author', [...p, 'author', 'name'], name, 0, 256);
    }
  });
  if (total > 6000) {
    out.push({
      rule: 'embed-total',
      path: [...prefix, 'embeds'],
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of 6000 (${total}).`,
    });
  }
}

/** Walks a component tree, calling fn for every component with its path. */
function walkComponents(list: unknown, path: Path, fn: (c: Record<string, unknown>, p: Path) => void): void {
  asArray(list).forEach((c, i) => {
    if (!isRecord(c)) return;
    const p: Path = [...path, i];
    fn(c, p);
    if (Array.isArray(c.components)) walkComponents(c.components, [...p, 'components'], fn);
    if (isRecord(c.component)) {
      fn(c.component, [...p, 'component']);
    }
    if (isRecord(c.accessory)) fn(c.accessory, [...p, 'accessory']);
  });
}

function checkCustomIds(components: unknown, prefix: Path, out: Issue[]): void {
  const seen = new Map<string, Path>();
  walkComponents(components, [...prefix, 'components'], (c, p) => {
    if (!('custom_id' in c) || c.custom_id === undefined || c.custom_id === null) return;
    const id = c.custom_id;
    if (typeof id !== 'string') return;
    lengthCheck(out, 'custom-id', [...p, 'custom_id'], id, 1, 100);
    if (seen.has(id)) {
      out.push({
        rule: 'duplicate-custom-id',
        path: [...p, 'custom_id'],
        code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
        message: `Component custom id cannot be duplicated (${JSON.stringify(id)}).`,
      });
    } else {
      seen.set(id, p);
    }
  });
}

function checkMessageComponents(data: Record<string, unknown>, prefix: Path, out: Issue[]): void {
  const components = data.components;
  if (!Array.isArray(components)) return;
  const flags = num(data.flags) ?? 0;
  const v2 = (flags & IS_COMPONENTS_V2) !== 0;
  if (!v2) {
    if (components.length > 5) out.push(max('action-rows', [...prefix, 'components'], 5));
    components.forEach((row, i) => {
      if (!isRecord(row)) return;
      const p: Path = [...prefix, 'components', i];
      if (row.type !== 1) {
        out.push({
          rule: 'components-v2-flag',
          path: [...p, 'type'],
          code: 'COMPONENT_LAYOUT_INVALID',
          message: `Top-level component type ${String(row.type)} needs the IS_COMPONENTS_V2 flag (1<<15).`,
        });
        return;
      }
      const inner = asArray(row.components);
      if (inner.length > 5) out.push(max('row-components', [...p, 'components'], 5));
      if (inner.length === 0) out.push(min('row-components', [...p, 'components'], 1));
    });
  }
  walkComponents(components, [...prefix, 'components'], (c, p) => {
    if (c.type === 2) lengthCheck(out, 'button-label', [...p, 'label'], c.label, 0, 80);
  });
  checkCustomIds(components, prefix, out);
}

/** The project rule: nothing the bot sends may ping anyone. */
function checkMayPing(data: Record<string, unknown>, prefix: Path, out: Issue[]): void {
  const am = data.allowed_mentions;
  const path: Path = [...prefix, 'allowed_mentions'];
  if (!isRecord(am)) {
    out.push({
      rule: 'may-ping',
      path,
      code: 'MAY_PING',
      message: 'allowed_mentions is missing, so the message may ping @everyone, users and roles.',
    });
    return;
  }
  const parse = asArray(am.parse).filter((x) => x === 'everyone' || x === 'users' || x === 'roles');
  if (parse.length > 0) {
    out.push({
      rule: 'may-ping',
      path: [...path, 'parse'],
      code: 'MAY_PING',
      message: `allowed_mentions.parse allows pinging ${parse.join(', ')}.`,
    });
  }
}

/** Message-like payloads: channel messages, interaction replies/updates, follow-ups, edits. */
export function checkMessageLimits(data: unknown, prefix: Path = []): Issue[] {
  const out: Issue[] = [];
  if (!isRecord(data)) return out;
  lengthCheck(out, 'content-length', [...prefix, 'content'], data.content, 0, 2000);
  checkEmbeds(data.embeds, prefix, out);
  checkMessageComponents(data, prefix, out);
  checkMayPing(data, prefix, out);
  return out;
}

export function checkModalLimits(data: unknown, prefix: Path): Issue[] {
  const out: Issue[] = [];
  if (!isRecord(data)) return out;
  lengthCheck(out, 'modal-title', [...prefix, 'title'], data.title, 1, 45);
  lengthCheck(out, 'custom-id', [...prefix, 'custom_id'], data.custom_id, 1, 100);
  const comps = asArray(data.components);
  if (comps.length > 5) out.push(max('modal-components', [...prefix, 'components'], 5));
  if (comps.length < 1) out.push(min('modal-components', [...prefix, 'components'], 1));
  walkComponents(comps, [...prefix, 'components'], (c, p) => {
    if (c.type === 18) lengthCheck(out, 'text-input-label', [...p, 'label'], c.label, 1, 45);
    if (c.type === 4) {
      lengthCheck(out, 'text-input-label', [...p, 'label'], c.label, 1, 45);
      lengthCheck(out, 'text-input-value', [...p, 'value'], c.value, 0, 4000);
      const maxLength = num(c.max_length);
      if (maxLength !== undefined && maxLength > 4000) {
        out.push({
          rule: 'text-input-max-length',
          path: [...p, 'max_length'],
          code: 'NUMBER_TYPE_MAX',
          message: 'int value should be less than or equal to 4000.',
        });
      }
    }
  });
  checkCustomIds(comps, prefix, out);
  return out;
}

export function checkAutocompleteLimits(data: unknown, prefix: Path): Issue[] {
  const out: Issue[] = [];
  if (!isRecord(data)) return out;
  const choices = asArray(data.choices);
  if (choices.length > 25) out.push(max('autocomplete-choices', [...prefix, 'choices'], 25));
  choices.forEach((c, i) => {
    if (!isRecord(c)) return;
    lengthCheck(out, 'choice-name', [...prefix, 'choices', i, 'name'], c.name, 1, 100);
    lengthCheck(out, 'choice-value', [...prefix, 'choices', i, 'value'], c.value, 1, 100);
  });
  return out;
}

const NAME_RE = /^[-_\p{L}\p{N}]{1,32}$/u;

function checkName(out: Issue[], rule: string, path: Path, name: unknown): void {
  if (typeof name !== 'string') return;
  if (!NAME_RE.test(name) || name !== name.toLowerCase()) {
    out.push({
      rule,
      path,
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: `Command name is invalid (${JSON.stringify(name)}): 1-32 lowercase letters, digits, - or _.`,
    });
  }
}

function commandTextSize(c: Record<string, unknown>): number {
  let n = (str(c.name) ?? '').length + (str(c.description) ?? '').length;
  for (const ch of asArray(c.choices)) {
    if (isRecord(ch)) n += (str(ch.name) ?? '').length + String(ch.value ?? '').length;
  }
  for (const o of asArray(c.options)) if (isRecord(o)) n += commandTextSize(o);
  return n;
}

function checkOptions(options: unknown, path: Path, out: Issue[]): void {
  const list = asArray(options);
  if (list.length > 25) out.push(max('command-options', path, 25));
  const names = new Set<string>();
  let sawOptional = false;
  list.forEach((o, i) => {
    if (!isRecord(o)) return;
    const p: Path = [...path, i];
    checkName(out, 'command-option-name', [...p, 'name'], o.name);
    const name = str(o.name);
    if (name !== undefined) {
      if (names.has(name)) {
        out.push({
          rule: 'command-option-name',
          path: [...p, 'name'],
          code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          message: `Option name ${name} is already used.`,
        });
      }
      names.add(name);
    }
    lengthCheck(out, 'command-description', [...p, 'description'], o.description ?? '', 1, 100);
    const choices = asArray(o.choices);
    if (choices.length > 25) out.push(max('command-choices', [...p, 'choices'], 25));
    choices.forEach((c, j) => {
      if (isRecord(c)) lengthCheck(out, 'choice-name', [...p, 'choices', j, 'name'], c.name, 1, 100);
    });
    const isSub = o.type === 1 || o.type === 2;
    if (isSub) {
      checkOptions(o.options, [...p, 'options'], out);
    } else if (o.required === true && sawOptional) {
      out.push({
        rule: 'command-option-order',
        path: [...p, 'required'],
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options.',
      });
    } else if (o.required !== true) {
      sawOptional = true;
    }
  });
}

export function checkCommands(body: unknown): Issue[] {
  const out: Issue[] = [];
  if (!Array.isArray(body)) {
    return [
      { rule: 'schema', path: [], code: 'BASE_TYPE_BAD_TYPE', message: 'Expected an array of commands.' },
    ];
  }
  if (body.length > 100) out.push(max('command-count', [], 100));
  const seen = new Set<string>();
  body.forEach((c, i) => {
    if (!isRecord(c)) return;
    const type = num(c.type) ?? 1;
    const p: Path = [i];
    if (type === 1) {
      checkName(out, 'command-name', [...p, 'name'], c.name);
      lengthCheck(out, 'command-description', [...p, 'description'], c.description ?? '', 1, 100);
    } else {
      lengthCheck(out, 'command-name', [...p, 'name'], c.name, 1, 32);
    }
    const key = `${type}:${String(c.name)}`;
    if (seen.has(key)) {
      out.push({
        rule: 'command-name',
        path: [...p, 'name'],
        code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
        message: `Application command names must be unique (${String(c.name)}).`,
      });
    }
    seen.add(key);
    checkOptions(c.options, [...p, 'options'], out);
    const size = commandTextSize(c);
    if (size > 8000) {
      out.push({
        rule: 'command-size',
        path: p,
        code: 'APPLICATION_COMMAND_TOO_LARGE',
        message: `Command exceeds maximum size (8000): ${size}.`,
      });
    }
    out.push(...checkSchema(Schemas.command, c, p));
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Entry points by route

/** Merges own issues and schema issues, dropping schema issues at a path an own rule already reported. */
function merge(own: Issue[], fromSchema: Issue[]): Issue[] {
  const paths = new Set(own.map((i) => i.path.join('.')));
  return [...own, ...fromSchema.filter((i) => !paths.has(i.path.join('.')))];
}

export type MessageRoute = 'channel-create' | 'channel-edit' | 'webhook-execute' | 'webhook-edit';

export function validateMessageBody(body: unknown, route: MessageRoute): Issue[] {
  const s = {
    'channel-create': Schemas.messageCreate,
    'channel-edit': Schemas.messageEdit,
    'webhook-execute': Schemas.webhookExecute,
    'webhook-edit': Schemas.webhookEdit,
  }[route];
  const own = checkMessageLimits(body);
  if (route === 'channel-create' && isRecord(body)) {
    const hasSomething =
      (typeof body.content === 'string' && body.content.length > 0) ||
      asArray(body.embeds).length > 0 ||
      asArray(body.components).length > 0 ||
      asArray(body.attachments).length > 0 ||
      asArray(body.sticker_ids).length > 0 ||
      isRecord(body.poll);
    if (!hasSomething) {
      own.push({
        rule: 'empty-message',
        path: [],
        code: 'MESSAGE_EMPTY',
        message: 'Cannot send an empty message',
      });
    }
  }
  return merge(own, checkSchema(s, body));
}

export function validateCallback(body: unknown): Issue[] {
  if (!isRecord(body)) {
    return [{ rule: 'schema', path: [], code: 'BASE_TYPE_BAD_TYPE', message: 'Expected an object.' }];
  }
  switch (body.type) {
    case 4:
      return merge(checkMessageLimits(body.data, ['data']), checkSchema(Schemas.callbackCreateMessage, body));
    case 5:
      return checkSchema(Schemas.callbackCreateMessage, body);
    case 6:
      return checkSchema(Schemas.callbackUpdateMessage, body);
    case 7:
      return merge(checkMessageLimits(body.data, ['data']), checkSchema(Schemas.callbackUpdateMessage, body));
    case 8:
      return merge(
        checkAutocompleteLimits(body.data, ['data']),
        checkSchema(Schemas.callbackAutocomplete, body),
      );
    case 9:
      return merge(checkModalLimits(body.data, ['data']), checkSchema(Schemas.callbackModal, body));
    default:
      return [
        {
          rule: 'callback-type',
          path: ['type'],
          code: 'BASE_TYPE_CHOICES',
          message: `Unsupported interaction callback type ${JSON.stringify(body.type)} (the emulator handles 4-9).`,
        },
      ];
  }
}

export function validateThread(body: unknown, fromMessage: boolean): Issue[] {
  return checkSchema(fromMessage ? Schemas.threadFromMessage : Schemas.threadWithoutMessage, body);
}

/** Discord's nested error object: {data: {content: {_errors: [{code, message}]}}}. */
export function toDiscordErrors(issues: Issue[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const i of issues) {
    let node = root;
    for (const seg of i.path) {
      const key = String(seg);
      const next = node[key];
      if (isRecord(next)) {
        node = next;
      } else {
        const created: Record<string, unknown> = {};
        node[key] = created;
        node = created;
      }
    }
    const errs = Array.isArray(node._errors) ? (node._errors as unknown[]) : [];
    errs.push({ code: i.code, message: i.message });
    node._errors = errs;
  }
  return root;
}

export function describeIssue(i: Issue): string {
  return `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message} [${i.code}]`;
}
