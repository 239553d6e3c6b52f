/** Modals ("forms") as prompts: one text input per line. Pure. */
import type { EmuComponent } from '../emulator/types.ts';
import { palette } from './render.ts';

export interface ModalField {
  customId: string;
  label: string;
  paragraph: boolean;
  required: boolean;
  minLength?: number;
  maxLength?: number;
  placeholder?: string;
}

/** Text inputs of a modal callback's data, in both layouts Discord allows (action rows or labels). */
export function modalFields(data: { components?: EmuComponent[] }): ModalField[] {
  const out: ModalField[] = [];
  const add = (c: EmuComponent, label?: string) => {
    if (c.type !== 4 || c.custom_id === undefined) return;
    out.push({
      customId: c.custom_id,
      label: String(label ?? c.label ?? c.custom_id),
      paragraph: c.style === 2,
      required: c.required !== false,
      ...(typeof c.min_length === 'number' ? { minLength: c.min_length } : {}),
      ...(typeof c.max_length === 'number' ? { maxLength: c.max_length } : {}),
      ...(typeof c.placeholder === 'string' ? { placeholder: c.placeholder } : {}),
    });
  };
  for (const top of data.components ?? []) {
    if (top.type === 18 && top.component)
      add(top.component, typeof top.label === 'string' ? top.label : undefined);
    for (const c of top.components ?? []) add(c);
  }
  return out;
}

/** A typed line → the field's value: `\n` is the only way to put a line break on one line. */
export function fieldValue(line: string): string {
  return line.replace(/\\n/g, '\n');
}

/** Discord's client checks these before it sends a modal, so the bot never sees such values. */
export function fieldProblem(f: ModalField, value: string): string | undefined {
  if (value.trim() === '') return f.required ? 'this field is required' : undefined;
  if (f.minLength !== undefined && value.length < f.minLength)
    return `needs at least ${f.minLength} characters`;
  if (f.maxLength !== undefined && value.length > f.maxLength) return `at most ${f.maxLength} characters`;
  return undefined;
}

export function formHeader(title: string, fields: ModalField[], colour: boolean): string[] {
  const p = palette(colour);
  const count = `${fields.length} field${fields.length === 1 ? '' : 's'}`;
  return [
    p.cyan(`── bot · opened a form: ${title}`),
    `   ${p.dim(`${count}, one line each (\\n for a line break); :cancel closes the form`)}`,
  ];
}

export function fieldPrompt(f: ModalField, colour: boolean): string {
  const p = palette(colour);
  const limits = [f.required ? 'required' : 'optional', f.maxLength ? `max ${f.maxLength}` : ''].filter(
    Boolean,
  );
  return `   ${p.bold(f.label)} ${p.dim(`(${limits.join(', ')})`)}: `;
}
