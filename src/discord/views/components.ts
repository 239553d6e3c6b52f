import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type ButtonStyle,
  ComponentType,
} from 'discord.js';

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
