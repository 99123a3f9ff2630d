// The `pfsession` command line: one verb per module under ./commands, loaded only when used so
// `validate` in CI never loads the Azure SDK. The command line is parsed strictly, once, in args.ts.
import { stderr, stdout } from 'node:process';
import { processLocale } from '../core/i18n';
import { redact } from '../core/redact';
import { parseCommandLine, TIMEOUT_EXIT_CODE, type ParsedArgs } from './args';

export interface CliVerb {
  /** Runs the verb on its parsed arguments; resolves to the process exit code. */
  run(args: ParsedArgs): Promise<number>;
}

const verbs: Record<string, () => Promise<Record<string, CliVerb>>> = {
  validate: async () => (await import('./commands/validate')).verbs,
  emulator: async () => (await import('./commands/emulator')).verbs,
  migrate: async () => (await import('./commands/migrate')).verbs,
  start: async () => (await import('./commands/session')).verbs,
  status: async () => (await import('./commands/session')).verbs,
  settings: async () => (await import('./commands/session')).verbs,
  reset: async () => (await import('./commands/session')).verbs,
  install: async () => (await import('./commands/session')).verbs,
  packages: async () => (await import('./commands/session')).verbs,
  stop: async () => (await import('./commands/session')).verbs,
  preflight: async () => (await import('./commands/session')).verbs,
  instances: async () => (await import('./commands/session')).verbs,
  run: async () => (await import('./commands/session')).verbs,
};

export async function main(argv: string[]): Promise<number> {
  const locale = processLocale();
  const line = parseCommandLine(argv);
  if (line.kind === 'help') {
    stdout.write(`${line.text(locale)}\n`);
    return 0;
  }
  if (line.kind === 'usage') {
    stderr.write(`${line.text(locale)}\n`);
    return 2;
  }
  const name = line.args.verb.split(' ')[0];
  const verb = (await verbs[name]())[line.args.verb];
  return verb.run(line.args);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // A verb that gave up at its --timeout may leave a request of the abandoned work open: the
      // process ends anyway, once what it printed is out.
      if (code === TIMEOUT_EXIT_CODE) setTimeout(() => process.exit(code), 200).unref();
    },
    (err: unknown) => {
      stderr.write(`pfsession: ${redact(err instanceof Error ? err.message : String(err))}\n`);
      process.exitCode = 1;
    },
  );
}
