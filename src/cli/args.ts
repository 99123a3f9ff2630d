// The command line of `pfsession`, parsed strictly in one place: every verb's options and positional
// arguments, the generated `--help`, and usage errors that name the closest valid option or verb.
// Node's own `util.parseArgs` splits the arguments (tokens); the checks on top of it are ours, so that an
// unknown option, a missing value or a stray argument is a usage error (exit 2) in the user's language.
import { parseArgs } from 'node:util';
import { DEFAULT_PARITY } from '../core/migration/parity';
import { closestNames } from '../core/validation/closest';
import { msg, render, type Locale, type Message, type MessageId } from '../core/i18n';

/** Exit code of a session verb that reached its `--timeout` (GNU `timeout` uses the same number). */
export const TIMEOUT_EXIT_CODE = 124;
/** The overall limit of a session verb without `--timeout`: longer than a slow start with an image build. */
export const DEFAULT_TIMEOUT = '60m';

interface OptionSpec {
  type: 'string' | 'boolean';
  /** The value's placeholder in the help (`SIZE`). */
  value?: string;
  help: MessageId;
  /** The only values accepted. */
  choices?: readonly string[];
  /** A duration (`90s`, `15m`, `1h`). */
  duration?: boolean;
  /** A number within these bounds. */
  range?: readonly [number, number];
  /** The default the help names (`{default}` in its text). */
  default?: string | number;
}

/** Every option of every verb, by name: one meaning per name. */
const OPTIONS = {
  help: { type: 'boolean', help: 'args.opt.help' },
  json: { type: 'boolean', help: 'args.opt.json' },
  subscription: { type: 'string', value: 'ID', help: 'args.opt.subscription' },
  'resource-group': { type: 'string', value: 'NAME', help: 'args.opt.resourceGroup' },
  workspace: { type: 'string', value: 'NAME', help: 'args.opt.workspace' },
  timeout: { type: 'string', value: 'TIME', help: 'args.opt.timeout', duration: true },
  'compute-type': {
    type: 'string',
    value: 'TYPE',
    help: 'args.opt.computeType',
    choices: ['serverless', 'computeInstance', 'compute-instance'],
  },
  'vm-size': { type: 'string', value: 'SIZE', help: 'args.opt.vmSize' },
  'idle-minutes': { type: 'string', value: 'N', help: 'args.opt.idleMinutes' },
  identity: { type: 'string', value: 'RESOURCE_ID', help: 'args.opt.identity' },
  'user-identity': { type: 'boolean', help: 'args.opt.userIdentity' },
  'compute-instance': { type: 'string', value: 'NAME', help: 'args.opt.computeInstance' },
  serverless: { type: 'boolean', help: 'args.opt.serverless' },
  yes: { type: 'boolean', help: 'args.opt.yes' },
  instance: { type: 'boolean', help: 'args.opt.instance' },
  format: { type: 'string', value: 'FORMAT', help: 'args.opt.format', choices: ['text', 'json'] },
  root: { type: 'string', value: 'DIR', help: 'args.opt.root' },
  'workspace-aware': { type: 'boolean', help: 'args.opt.workspaceAware' },
  locale: { type: 'string', value: 'LANG', help: 'args.opt.locale', choices: ['en', 'ja'] },
  out: { type: 'string', value: 'DIR', help: 'args.opt.out' },
  data: { type: 'string', value: 'FILE', help: 'args.opt.data' },
  run: { type: 'string', value: 'RUN_ID', help: 'args.opt.run' },
  workflow: { type: 'string', value: 'DIR', help: 'args.opt.workflow' },
  python: { type: 'string', value: 'EXE', help: 'args.opt.python' },
  tolerance: { type: 'string', value: 'X', help: 'args.opt.tolerance', range: [0, 1], default: DEFAULT_PARITY.tolerance },
  similarity: { type: 'string', value: 'X', help: 'args.opt.similarity', range: [0, 1], default: DEFAULT_PARITY.similarity },
  'min-match': { type: 'string', value: 'X', help: 'args.opt.minMatch', range: [0, 1], default: DEFAULT_PARITY.minMatch },
  force: { type: 'boolean', help: 'args.opt.force' },
  port: { type: 'string', value: 'N', help: 'args.opt.port' },
  'data-dir': { type: 'string', value: 'DIR', help: 'args.opt.dataDir' },
  seed: { type: 'string', value: 'FILE', help: 'args.opt.seed' },
  'time-scale': { type: 'string', value: 'X', help: 'args.opt.timeScale' },
  'no-azurite': { type: 'boolean', help: 'args.opt.noAzurite' },
  env: { type: 'boolean', help: 'args.opt.env' },
  shell: { type: 'string', value: 'SHELL', help: 'args.opt.shell', choices: ['sh', 'fish', 'powershell'] },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

export interface VerbSpec {
  summary: MessageId;
  /** Positional arguments: their synopsis, what they are (for errors), how many. */
  synopsis?: string;
  what?: MessageId;
  min: number;
  max: number;
  options: readonly OptionName[];
  /** Sub-verbs (`run submit`); `instances` alone is a verb too, so `self` keeps that meaning. */
  subverbs?: Record<string, VerbSpec>;
  self?: boolean;
}

const WORKSPACE: readonly OptionName[] = ['subscription', 'resource-group', 'workspace'];
/** Options of every verb that talks to a session: output, the workspace, and the overall time limit. */
const SESSION: readonly OptionName[] = ['json', 'locale', ...WORKSPACE, 'timeout'];
const SETTINGS: readonly OptionName[] = [
  'compute-type',
  'vm-size',
  'identity',
  'user-identity',
  'compute-instance',
  'serverless',
  'idle-minutes',
];

const flowVerb = (summary: MessageId, extra: readonly OptionName[] = []): VerbSpec => ({
  summary,
  synopsis: '<flow folder>',
  what: 'args.pos.flowFolder',
  min: 1,
  max: 1,
  options: [...extra, ...SESSION],
});
const runIdVerb = (summary: MessageId): VerbSpec => ({
  summary,
  synopsis: '<run id>',
  what: 'args.pos.runId',
  min: 1,
  max: 1,
  options: SESSION,
});

export const VERBS: Record<string, VerbSpec> = {
  validate: {
    summary: 'args.verb.validate',
    synopsis: '<paths…>',
    what: 'args.pos.paths',
    min: 1,
    max: Infinity,
    options: ['format', 'json', 'root', 'locale', 'workspace-aware', ...WORKSPACE],
  },
  emulator: {
    summary: 'args.verb.emulator',
    min: 0,
    max: 0,
    options: ['port', 'data-dir', 'seed', 'time-scale', 'no-azurite', 'env', 'shell'],
  },
  migrate: {
    summary: 'migration.cli.summary',
    min: 0,
    max: 0,
    options: [],
    subverbs: {
      plan: {
        summary: 'args.verb.migratePlan',
        synopsis: '<paths…>',
        what: 'args.pos.paths',
        min: 1,
        max: Infinity,
        options: ['json', 'locale'],
      },
      generate: {
        summary: 'args.verb.migrateGenerate',
        synopsis: '<flow> --out DIR',
        what: 'args.pos.flowFolder',
        min: 1,
        max: 1,
        options: ['out', 'force', 'json', 'locale'],
      },
      verify: {
        summary: 'args.verb.migrateVerify',
        synopsis: '<flow> --data FILE',
        what: 'args.pos.flowFolder',
        min: 1,
        max: 1,
        options: ['data', 'run', 'workflow', 'python', 'tolerance', 'similarity', 'min-match', ...SESSION],
      },
    },
  },
  start: flowVerb('args.verb.start', SETTINGS),
  status: flowVerb('args.verb.status'),
  settings: flowVerb('args.verb.settings', SETTINGS),
  reset: flowVerb('args.verb.reset'),
  install: flowVerb('args.verb.install'),
  packages: flowVerb('args.verb.packages'),
  stop: flowVerb('args.verb.stop'),
  preflight: {
    summary: 'args.verb.preflight',
    synopsis: '[flow folder]',
    what: 'args.pos.optionalFlowFolder',
    min: 0,
    max: 1,
    options: [...SETTINGS, ...SESSION],
  },
  instances: {
    summary: 'args.verb.instances',
    min: 0,
    max: 0,
    options: SESSION,
    self: true,
    subverbs: {
      delete: {
        summary: 'args.verb.instancesDelete',
        synopsis: '<name>',
        what: 'args.pos.instanceName',
        min: 1,
        max: 1,
        options: ['yes', 'instance', ...SESSION],
      },
    },
  },
  run: {
    summary: 'args.verb.run',
    min: 0,
    max: 0,
    options: [],
    subverbs: {
      submit: { summary: 'args.verb.runSubmit', synopsis: '<run.yml>', what: 'args.pos.runFile', min: 1, max: 1, options: SESSION },
      list: { summary: 'args.verb.runList', min: 0, max: 0, options: SESSION },
      status: runIdVerb('args.verb.runStatus'),
      logs: runIdVerb('args.verb.runLogs'),
      outputs: runIdVerb('args.verb.runOutputs'),
      cancel: runIdVerb('args.verb.runCancel'),
    },
  },
};

/** What a verb receives: its positional arguments and options (`true` for a boolean that is set). */
export interface ParsedArgs {
  /** `start`, `run submit`, `instances delete`. */
  verb: string;
  positional: string[];
  flags: Map<string, string | true>;
  /** The arguments after the verb, as given (the emulator parses its own again). */
  raw: string[];
}

export type CommandLine =
  | { kind: 'run'; args: ParsedArgs }
  /** Help was asked for: print it on stdout, exit 0. */
  | { kind: 'help'; text: (locale: Locale) => string }
  /** A usage error: print it on stderr, exit 2. */
  | { kind: 'usage'; text: (locale: Locale) => string };

const lines = (...parts: (string | undefined)[]) => parts.filter((p) => p !== undefined).join('\n');

/** An option as the usage line shows it: `[--format text|json]`, `[--vm-size SIZE]`, `[--json]`. */
function optionSynopsis(name: OptionName): string {
  const o: OptionSpec = OPTIONS[name];
  return `[--${name}${o.type === 'string' ? ` ${o.choices ? o.choices.join('|') : (o.value ?? 'VALUE')}` : ''}]`;
}

/** `pfsession start <flow folder> [options]`, or with `full` every option spelled out (the usage line). */
function synopsis(path: string, spec: VerbSpec, locale: Locale, full = false): string {
  const opts = !spec.options.length
    ? ''
    : full
      ? ` ${spec.options.map(optionSynopsis).join(' ')}`
      : ` [${render(locale, msg('args.optionsWord'))}]`;
  if (spec.subverbs && !spec.self) return `pfsession ${path} <${Object.keys(spec.subverbs).join('|')}> …`;
  return `pfsession ${path}${spec.synopsis ? ` ${spec.synopsis}` : ''}${opts}`;
}

function optionLine(name: OptionName, locale: Locale): [string, string] {
  const o: OptionSpec = OPTIONS[name];
  const left = `--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
  const help =
    o.help === 'args.opt.timeout'
      ? render(locale, msg('args.opt.timeout', { default: DEFAULT_TIMEOUT, code: TIMEOUT_EXIT_CODE }))
      : render(locale, { id: o.help, args: o.default === undefined ? undefined : { default: o.default } });
  return [left, help];
}

const columns = (rows: [string, string][]) => {
  const width = Math.max(0, ...rows.map(([l]) => l.length));
  return rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`);
};

/** The help of a verb (with its sub-verbs), generated from its spec. */
export function verbHelp(path: string, locale: Locale): string {
  const spec = specAt(path);
  if (!spec) return usageText(locale);
  const subs = spec.subverbs
    ? [
        '',
        render(locale, msg('args.verbsHeading')),
        ...columns(Object.entries(spec.subverbs).map(([n, s]) => [synopsis(`${path} ${n}`, s, locale), render(locale, { id: s.summary })])),
      ]
    : [];
  const opts = spec.options.length
    ? ['', render(locale, msg('args.optionsHeading')), ...columns([...spec.options, 'help' as const].map((o) => optionLine(o, locale)))]
    : [];
  const exit = spec.options.includes('timeout') ? ['', render(locale, msg('args.exitCodes', { timeoutCode: TIMEOUT_EXIT_CODE }))] : [];
  return lines(
    render(locale, msg('args.usage', { synopsis: synopsis(path, spec, locale, true) })),
    '',
    render(locale, { id: spec.summary }),
    ...subs,
    ...opts,
    ...exit,
  );
}

const topSynopsis = (locale: Locale) => `pfsession <verb> [${render(locale, msg('args.optionsWord'))}]`;

/** The usage of `pfsession` itself: every verb with its summary. */
export function usageText(locale: Locale): string {
  return lines(
    render(locale, msg('args.usage', { synopsis: topSynopsis(locale) })),
    '',
    render(locale, msg('args.verbsHeading')),
    ...columns(Object.entries(VERBS).map(([n, s]) => [n, render(locale, { id: s.summary })])),
    '',
    render(locale, msg('args.moreHelp', { verb: '<verb>' })),
  );
}

function specAt(path: string): VerbSpec | undefined {
  const [verb, sub] = path.split(' ');
  const spec = VERBS[verb];
  return sub ? spec?.subverbs?.[sub] : spec;
}

/** A usage error: the problem, a closest match when there is one, and how to get help. */
function usage(problem: Message, path: string | undefined, suggestion?: string): CommandLine {
  return {
    kind: 'usage',
    text: (locale) =>
      lines(
        `pfsession${path ? ` ${path}` : ''}: ${render(locale, problem)}${suggestion ? render(locale, msg('args.didYouMean', { suggestion })) : ''}`,
        path
          ? render(locale, msg('args.usage', { synopsis: synopsis(path, specAt(path)!, locale, true) }))
          : render(locale, msg('args.usage', { synopsis: topSynopsis(locale) })),
        render(locale, msg('args.moreHelp', { verb: path ?? '<verb>' })),
      ),
  };
}

const nearest = (word: string, candidates: readonly string[]) => closestNames(word, candidates, 1)[0];

/** `90`, `90s`, `15m`, `1h` → milliseconds; undefined when it is not such a time or not above zero. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return ms > 0 && Number.isFinite(ms) ? ms : undefined;
}

/** Parses `pfsession <verb> [sub-verb] [arguments]`. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [verb, ...afterVerb] = argv;
  if (verb === undefined) return { kind: 'usage', text: usageText };
  if (verb === '--help' || verb === '-h' || verb === 'help') {
    const about = afterVerb.filter((a) => !a.startsWith('-')).join(' ');
    return { kind: 'help', text: (locale) => (about && specAt(about) ? verbHelp(about, locale) : usageText(locale)) };
  }
  const top = VERBS[verb];
  if (!top) {
    const suggestion = verb.startsWith('-') ? nearest(verb.replace(/^-+/, ''), ['help']) : nearest(verb, Object.keys(VERBS));
    return usage(msg('args.unknownVerb', { verb }), undefined, suggestion && (verb.startsWith('-') ? `--${suggestion}` : suggestion));
  }
  let path = verb;
  let spec = top;
  let rest = afterVerb;
  if (top.subverbs) {
    const sub = afterVerb[0];
    if (sub !== undefined && top.subverbs[sub]) {
      path = `${verb} ${sub}`;
      spec = top.subverbs[sub];
      rest = afterVerb.slice(1);
    } else if (rest.includes('--help') || rest.includes('-h')) {
      return { kind: 'help', text: (locale) => verbHelp(verb, locale) };
    } else if (!top.self || (sub !== undefined && !sub.startsWith('-'))) {
      const choices = Object.keys(top.subverbs);
      if (sub === undefined || sub.startsWith('-')) return usage(msg('args.missingSubverb', { verb, choices: choices.join(', ') }), verb);
      return usage(msg('args.unknownSubverb', { verb, sub }), verb, nearest(sub, choices));
    }
  }
  const at = path;
  // `--help` wins over anything else on the line, even a mistake.
  const beforeDashes = rest.indexOf('--') < 0 ? rest : rest.slice(0, rest.indexOf('--'));
  if (beforeDashes.includes('--help') || beforeDashes.includes('-h')) return { kind: 'help', text: (locale) => verbHelp(at, locale) };

  const allowed = new Set<string>(spec.options);
  const { tokens } = parseArgs({
    args: [...rest],
    options: Object.fromEntries(spec.options.map((n) => [n, { type: OPTIONS[n].type }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (const tok of tokens) {
    if (tok.kind === 'positional') {
      positional.push(tok.value);
      continue;
    }
    if (tok.kind !== 'option') continue;
    const shown = tok.rawName;
    if (!allowed.has(tok.name)) {
      const suggestion = nearest(tok.name, spec.options);
      return usage(msg('args.unknownOption', { option: shown }), at, suggestion && `--${suggestion}`);
    }
    const o: OptionSpec = OPTIONS[tok.name as OptionName];
    if (flags.has(tok.name)) return usage(msg('args.repeated', { option: shown }), at);
    if (o.type === 'boolean') {
      if (tok.inlineValue) return usage(msg('args.noValueTaken', { option: shown }), at);
      flags.set(tok.name, true);
      continue;
    }
    // A value that looks like an option means the value was left out (`--vm-size --json`).
    const value = tok.value;
    if (value === undefined || (!tok.inlineValue && value.startsWith('-')) || value === '')
      return usage(msg('args.missingValue', { option: shown, placeholder: o.value ?? 'VALUE' }), at);
    if (o.choices && !o.choices.includes(value))
      return usage(msg('args.badChoice', { option: shown, choices: o.choices.join(', '), value }), at, nearest(value, o.choices));
    if (o.duration && parseDuration(value) === undefined) return usage(msg('args.badDuration', { option: shown, value }), at);
    if (o.range && !(value.trim() !== '' && Number(value) >= o.range[0] && Number(value) <= o.range[1]))
      return usage(msg('args.badNumber', { option: shown, value, min: o.range[0], max: o.range[1] }), at);
    flags.set(tok.name, value);
  }
  const what: Message = spec.what ? { id: spec.what } : msg('args.noPositional');
  if (positional.length < spec.min) return usage(msg('args.missingPositional', { what }), at);
  if (positional.length > spec.max) return usage(msg('args.extraPositional', { value: positional[spec.max], verb: at, what }), at);
  return { kind: 'run', args: { verb: at, positional, flags, raw: [...rest] } };
}
