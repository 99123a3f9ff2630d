// The mechanism of the one message catalogue: every text a user reads is an entry with an English and
// a Japanese form, and named parameters (`{name}`) filled when a front end renders it in its locale.
// Code passes `Message` values (an id and its arguments) around and renders them as late as it can, so
// the extension, the language server and the CLI say the same words. The entries live in messages/.

/** The languages the product speaks. */
export type Locale = 'en' | 'ja';

/** One catalogue entry. Both forms name the same `{parameters}` (a unit test checks every entry). */
export interface Entry {
  readonly en: string;
  readonly ja: string;
}

/** A message to render later: a catalogue id and its arguments, which may be messages themselves. */
export interface Message {
  readonly id: string;
  readonly args?: Readonly<Record<string, Arg>>;
}

/** An argument: shown as it is (names, paths, numbers), or a message rendered in the same locale. */
export type Arg = string | number | Message;

/** The parameter names of a template, read from its `{name}` placeholders at the type level. */
export type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNames<Rest> : never;

/** The argument list `msg`/`t` take for an entry: nothing when it has no parameters. */
export type ArgList<E extends Entry> = [ParamNames<E['en']>] extends [never] ? [] : [Readonly<Record<ParamNames<E['en']>, Arg>>];

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The `{parameters}` a template names, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** True for a value shaped like a `Message` (an argument that must be rendered, not shown). */
export function isMessage(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && typeof (v as Message).id === 'string';
}

/**
 * Fills a template. A missing argument stays visible as `{name}` rather than failing: a message is
 * shown to a person, and the catalogue test is what keeps entries and callers in step.
 */
export function fill(template: string, args: Readonly<Record<string, Arg>> | undefined, renderArg: (m: Message) => string): string {
  if (!args) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = args[name];
    if (v === undefined) return whole;
    return isMessage(v) ? renderArg(v) : String(v);
  });
}

/** How a language joins the items of a list ("a, b" / "a、b"). */
export function joinList(locale: Locale, items: readonly string[]): string {
  return items.join(locale === 'ja' ? '、' : ', ');
}
