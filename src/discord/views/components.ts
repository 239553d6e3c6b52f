import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';

// Plain API objects rather than discord.js builders: builders validate every field on every call,
// and these are built on each reply; the emulator validates the payloads in tests instead.

type InteractiveStyle =
  | ButtonStyle.Primary
  | ButtonStyle.Secondary
  | ButtonStyle.Success
  | ButtonStyle.Danger;

export function button(
  custom_id: string,
  label: string,
  style: InteractiveStyle,
  disabled = false,
): APIButtonComponent {
  return { type: ComponentType.Button, custom_id, label, style, ...(disabled ? { disabled } : {}) };
}

export function row(...buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components: buttons };
}

/** Newer / Older buttons of a paged list (newest first); `idFor` makes the custom_id of a page. */
export function pagingRow(
  idFor: (page: number) => string,
  page: number,
  pages: number,
): APIActionRowComponent<APIButtonComponent> {
  return row(
    button(idFor(page - 1), '◀ Newer', ButtonStyle.Secondary, page === 0),
    button(idFor(page + 1), 'Older ▶', ButtonStyle.Secondary, page >= pages - 1),
  );
}
