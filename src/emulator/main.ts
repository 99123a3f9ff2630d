// dist/emulator.js: starts the emulator from the command line and prints the ready line (see cli.ts).
import { stderr } from 'node:process';
import { runEmulator } from './cli';

runEmulator(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
