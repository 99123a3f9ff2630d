// `pfsession emulator [--port N] [--data-dir D] [--seed FILE] [--time-scale X] [--no-azurite]`: runs the
// local Azure ML stand-in in the foreground and prints its ready line (one JSON object) on stdout. The
// options were checked by args.ts; the emulator reads its own values from them.
import type { CliVerb } from '../main';

export const verbs: Record<string, CliVerb> = {
  emulator: {
    run: async (args) => (await import('../../emulator/cli')).runEmulator(args.raw),
  },
};
