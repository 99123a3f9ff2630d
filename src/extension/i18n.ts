// The extension's side of the one message catalogue: texts rendered in VS Code's display language.
// VS Code sets the display language for the life of the window (changing it reloads the window), so
// it is read once, on first use.
import * as vscode from 'vscode';
import { render as renderIn, t as tIn, toLocale, type Locale, type Message, type MessageArgs, type MessageId } from '../core/i18n';

let current: Locale | undefined;

/** The catalogue's language for this window. */
export function locale(): Locale {
  return (current ??= toLocale(vscode.env.language));
}

/** A catalogue entry rendered in the window's language. */
export function t<K extends MessageId>(id: K, ...args: MessageArgs<K>): string {
  return tIn(locale(), id, ...args);
}

/** A message (or a plain string: a name, the service's own words) rendered in the window's language. */
export function render(m: Message | string): string {
  return renderIn(locale(), m);
}
