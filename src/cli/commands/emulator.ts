// `pfsession emulator [--port N] [--data-dir D] [--seed FILE] [--time-scale X] [--no-azurite]`: runs the
// local Azure ML stand-in in the foreground and prints its ready line (one JSON object) on stdout. The
// options were checked by args.ts; the emulator reads its own values from them.
// `pfsession emulator --env [--shell sh|fish|powershell] [--data-dir D]` prints, for `eval`, the variables
// that point the session verbs at the emulator running on that data folder (read from its ready.json).
import { resolve } from 'node:path';
import { stderr, stdout } from 'node:process';
import type { CliVerb } from '../main';
import type { ParsedArgs } from '../args';
import { processLocale, t } from '../../core/i18n';
import { EMULATOR_VARIABLES } from '../sessionService';
import { WORKSPACE_VARIABLES } from '../workspaceChoice';

export type Shell = 'sh' | 'fish' | 'powershell';

/** One variable set in the shell's own syntax, the value quoted so that the shell takes it literally. */
function assignment(shell: Shell, name: string, value: string): string {
  switch (shell) {
    case 'fish':
      // Inside fish's single quotes only \ and ' are special.
      return `set -gx ${name} '${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
    case 'powershell':
      return `$env:${name} = '${value.replace(/'/g, "''")}'`;
    default:
      return `export ${name}='${value.replace(/'/g, `'\\''`)}'`;
  }
}

/** The lines that set `vars` in `shell`. */
export function shellExports(shell: Shell, vars: [string, string][]): string {
  return vars.map(([name, value]) => assignment(shell, name, value)).join('\n');
}

async function printEnv(p: ParsedArgs): Promise<number> {
  const locale = processLocale();
  const other = [...p.flags.keys()].filter((f) => !['env', 'shell', 'data-dir'].includes(f));
  if (other.length) {
    stderr.write(`${t(locale, 'cli.emulator.envOptions')}\n`);
    return 2;
  }
  const { defaultDataDir, readRunningEmulator } = await import('../../emulator/cli');
  const given = p.flags.get('data-dir');
  const dir = resolve(typeof given === 'string' ? given : defaultDataDir());
  const found = readRunningEmulator(dir);
  if ('none' in found) {
    stderr.write(`${t(locale, 'cli.emulator.notRunning', { dir })}\n`);
    return 1;
  }
  if ('ended' in found) {
    stderr.write(`${t(locale, 'cli.emulator.ended', { dir, pid: found.ended })}\n`);
    return 1;
  }
  const { ready } = found;
  const vars: [string, string][] = [
    [EMULATOR_VARIABLES.endpoint, ready.endpoint],
    [EMULATOR_VARIABLES.ca, ready.ca],
    ...WORKSPACE_VARIABLES.map(([field, name]): [string, string] => [name, ready[field]]),
  ];
  const shell = p.flags.get('shell');
  stdout.write(`${shellExports(typeof shell === 'string' ? (shell as Shell) : 'sh', vars)}\n`);
  return 0;
}

export const verbs: Record<string, CliVerb> = {
  emulator: {
    run: async (args) => {
      if (args.flags.has('env')) return printEnv(args);
      if (args.flags.has('shell')) {
        stderr.write(`${t(processLocale(), 'cli.emulator.shellWithoutEnv')}\n`);
        return 2;
      }
      return (await import('../../emulator/cli')).runEmulator(args.raw);
    },
  },
};
