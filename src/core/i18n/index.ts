// The one message catalogue: the domains' tables joined, and the two calls every front end uses,
// `msg` (an id and its arguments, to render later) and `t` (render now). Ids carry their domain as a
// prefix (`validation.`, `session.`, …); a unit test checks that no id is defined twice, that every
// entry has both languages with the same parameters, and that production code builds no user-facing
// sentence outside the catalogue.
import * as path from 'node:path';
import { fill, type ArgList, type Entry, type Locale, type Message } from './catalogue';
import type { accessMessages } from './messages/access';
import type { argsMessages } from './messages/args';
import type { azureMessages } from './messages/azure';
import type { cliMessages } from './messages/cli';
import type { extensionMessages } from './messages/extension';
import type { flowMessages } from './messages/flow';
import type { lifecycleMessages } from './messages/lifecycle';
import type { migrationMessages } from './messages/migration';
import type { retirementMessages } from './messages/retirement';
import type { serverMessages } from './messages/server';
import type { sessionMessages } from './messages/session';
import type { validationMessages } from './messages/validation';

/**
 * The domains: each is the table `<domain>Messages` of `messages/<domain>.ts`. The tables are not
 * imported here: a domain's file is loaded the first time one of its messages is rendered (in the bundles
 * it is a file of its own, `dist/messages/<domain>.js`, built by esbuild.mjs), so a bundle carries none
 * of the texts and a process loads only the languages' tables of the domains it speaks.
 */
export const DOMAINS = [
  'extension',
  'flow',
  'azure',
  'session',
  'cli',
  'validation',
  'server',
  'retirement',
  'migration',
  'lifecycle',
  'args',
  'access',
] as const;
export type Domain = (typeof DOMAINS)[number];

type Catalogue = typeof extensionMessages &
  typeof flowMessages &
  typeof azureMessages &
  typeof sessionMessages &
  typeof cliMessages &
  typeof validationMessages &
  typeof serverMessages &
  typeof retirementMessages &
  typeof migrationMessages &
  typeof lifecycleMessages &
  typeof argsMessages &
  typeof accessMessages;

const loaded = new Map<string, Readonly<Record<string, Entry>> | undefined>();

/** The table of a domain, loaded once; undefined for a name that is no domain. */
function tableOf(domain: string): Readonly<Record<string, Entry>> | undefined {
  if (loaded.has(domain)) return loaded.get(domain);
  const table = (DOMAINS as readonly string[]).includes(domain)
    ? (require(path.join(__dirname, 'messages', domain)) as Record<string, Readonly<Record<string, Entry>>>)[`${domain}Messages`]
    : undefined;
  loaded.set(domain, table);
  return table;
}

/** Every domain's table, loaded now (the catalogue's own tests read them all). */
export function loadCatalogue(): { domains: Record<Domain, Readonly<Record<string, Entry>>>; catalogue: Readonly<Record<string, Entry>> } {
  const domains = Object.fromEntries(DOMAINS.map((d) => [d, tableOf(d) ?? {}])) as Record<Domain, Readonly<Record<string, Entry>>>;
  return { domains, catalogue: Object.assign({}, ...Object.values(domains)) as Record<string, Entry> };
}

export type MessageId = keyof Catalogue;
/** The arguments of one message id. */
export type MessageArgs<K extends MessageId> = ArgList<Catalogue[K]>;

/** A message to render later, in the locale of whoever shows it. */
export function msg<K extends MessageId>(id: K, ...args: MessageArgs<K>): Message {
  return args.length ? { id, args: args[0] as Message['args'] } : { id };
}

/** Renders a message (or passes a plain string through: a name, a path, the service's own words). */
export function render(locale: Locale, m: Message | string): string {
  if (typeof m === 'string') return m;
  const dot = m.id.indexOf('.');
  const entry = dot > 0 ? tableOf(m.id.slice(0, dot))?.[m.id] : undefined;
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
