// custom_ids carry everything a button or modal needs, so they keep working after a restart.
// Layout: "<handler>:<arg>:<arg>..." within Discord's 100 characters. A custom_id that reaches the
// bot is untrusted input (a modified client can send any string): it is parsed only if it has the
// shape this bot makes, and the owner of a flow is never read from it (see owner.ts).

const SEP = ':';
const MAX = 100;
/** Every handler name and argument the bot writes: ids, slugs, numbers, short codes. */
const SHAPE = /^[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]*)*$/;

export function customId(handler: string, ...args: (string | number)[]): string {
  const id = [handler, ...args.map(String)].join(SEP);
  if (id.length > MAX) throw new Error(`custom_id over ${MAX} characters: ${id}`);
  if (!SHAPE.test(id)) throw new Error(`custom_id with characters the bot does not accept: ${id}`);
  return id;
}

/** The handler and its arguments, or undefined for an id this bot cannot have made. */
export function parseCustomId(id: string): { handler: string; args: string[] } | undefined {
  if (id.length === 0 || id.length > MAX || !SHAPE.test(id)) return undefined;
  const [handler = '', ...args] = id.split(SEP);
  return { handler, args };
}
