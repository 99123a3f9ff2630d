// The one message catalogue: the domains' tables joined, and the two calls every front end uses,
// `msg` (an id and its arguments, to render later) and `t` (render now). Ids carry their domain as a
// prefix (`validation.`, `session.`, …); a unit test checks that no id is defined twice, that every
// entry has both languages with the same parameters, and that production code builds no user-facing
// sentence outside the catalogue.
import { fill, type ArgList, type Locale, type Message } from './catalogue';
import { azureMessages } from './messages/azure';
import { cliMessages } from './messages/cli';
import { commonMessages } from './messages/common';
import { extensionMessages } from './messages/extension';
import { flowMessages } from './messages/flow';
import { sessionMessages } from './messages/session';
import { serverMessages } from './messages/server';
import { validationMessages } from './messages/validation';
import { retirementMessages } from './messages/retirement';
import { migrationMessages } from './messages/migration';
import { lifecycleMessages } from './messages/lifecycle';
import { argsMessages } from './messages/args';
import { accessMessages } from './messages/access';

/** Every domain table, by name (the test reads them one by one to find an id defined twice). */
export const domains = {
  common: commonMessages,
  extension: extensionMessages,
  flow: flowMessages,
  azure: azureMessages,
  session: sessionMessages,
  cli: cliMessages,
  validation: validationMessages,
  server: serverMessages,
  retirement: retirementMessages,
  migration: migrationMessages,
  lifecycle: lifecycleMessages,
  args: argsMessages,
  access: accessMessages,
} as const;

export const catalogue = {
  ...commonMessages,
  ...extensionMessages,
  ...flowMessages,
  ...azureMessages,
  ...sessionMessages,
  ...cliMessages,
  ...validationMessages,
  ...serverMessages,
  ...retirementMessages,
  ...migrationMessages,
  ...lifecycleMessages,
  ...argsMessages,
  ...accessMessages,
} as const;

export type MessageId = keyof typeof catalogue;
/** The arguments of one message id. */
export type MessageArgs<K extends MessageId> = ArgList<(typeof catalogue)[K]>;

/** A message to render later, in the locale of whoever shows it. */
export function msg<K extends MessageId>(id: K, ...args: MessageArgs<K>): Message {
  return args.length ? { id, args: args[0] as Message['args'] } : { id };
}

/** Renders a message (or passes a plain string through: a name, a path, the service's own words). */
export function render(locale: Locale, m: Message | string): string {
  if (typeof m === 'string') return m;
  const entry = (catalogue as Record<string, { en: string; ja: string } | undefined>)[m.id];
  if (!entry) return m.id;
  return fill(entry[locale], m.args, (inner) => render(locale, inner));
}

/** Renders a catalogue entry now. */
export function t<K extends MessageId>(locale: Locale, id: K, ...args: MessageArgs<K>): string {
  return render(locale, msg(id, ...args));
}

/** `t` with the locale bound, for a module that renders many entries in one language. */
export type Translate = <K extends MessageId>(id: K, ...args: MessageArgs<K>) => string;
export function translator(locale: Locale): Translate {
  return ((id: string, args?: Message['args']) => render(locale, args ? { id, args } : { id })) as Translate;
}

export { joinList, isMessage, type Locale, type Message, type Arg, type Entry } from './catalogue';
export { toLocale, processLocale } from './locale';
