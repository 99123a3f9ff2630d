// The `pfsession` command line: one verb per module under ./commands, loaded only when used so
// `validate` in CI never loads the Azure SDK.
import { stderr } from 'node:process';

export interface CliVerb {
  /** One line for the usage text. */
  summary: string;
  /** Runs the verb; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
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

async function usage(): Promise<string> {
  const lines = ['usage: pfsession <verb> [options]', ''];
  for (const name of Object.keys(verbs)) {
    const verb = (await verbs[name]())[name];
    lines.push(`  ${name.padEnd(10)} ${verb?.summary ?? ''}`);
  }
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name ? 0 : 2;
  }
  const load = verbs[name];
  const verb = load && (await load())[name];
  if (!verb) {
    stderr.write(`pfsession: unknown verb "${name}"\n${await usage()}\n`);
    return 2;
  }
  return verb.run(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      stderr.write(`pfsession: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
