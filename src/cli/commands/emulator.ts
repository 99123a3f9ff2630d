// `pfsession emulator [--port N] [--data-dir D] [--seed FILE]`: runs the local Azure ML stand-in in the
// foreground and prints its ready line (one JSON object) on stdout.
import type { CliVerb } from '../main';

export const verbs: Record<string, CliVerb> = {
  emulator: {
    summary: 'run the local Azure ML emulator (--port N --data-dir D --seed FILE --time-scale X --no-azurite)',
    run: async (args) => (await import('../../emulator/cli')).runEmulator(args),
  },
};
