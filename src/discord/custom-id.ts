// custom_ids carry everything a button or modal needs, so they keep working after a restart.
// Layout: "<handler>:<arg>:<arg>..." within Discord's 100 characters.

const SEP = ':';
const MAX = 100;

export function customId(handler: string, ...args: (string | number)[]): string {
  const id = [handler, ...args.map(String)].join(SEP);
  if (id.length > MAX) throw new Error(`custom_id over ${MAX} characters: ${id}`);
  return id;
}

export function parseCustomId(id: string): { handler: string; args: string[] } {
  const [handler = '', ...args] = id.split(SEP);
  return { handler, args };
}
