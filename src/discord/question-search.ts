import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { Bank } from '../core/types.ts';

/** Autocomplete choices for a question option: ids or titles containing what was typed. */
export function questionChoices(bank: Bank, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const text = typed.toLowerCase().trim();
  return bank.questions
    .filter((q) => q.id.includes(text) || q.title.toLowerCase().includes(text))
    .slice(0, 25)
    .map((q) => ({ name: `${q.id}: ${q.title}`.slice(0, 100), value: q.id }));
}
