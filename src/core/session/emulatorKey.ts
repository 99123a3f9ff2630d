// Where the front ends find the local emulator's control key, which its token endpoint (the stand-in
// for Entra ID) requires: `control.key` in the folder of the emulator's CA file (the emulator writes
// both into `<data folder>/tls/`, the key readable by its owner only). The emulator credential
// (core/azure/credential.ts) sends it to the token endpoint only; the product never calls the
// emulator's test control. Plain Node, so the extension can read it at sign-in without the SDK bundle.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The control key beside the emulator's CA file, or undefined when there is none to read. */
export function emulatorKeyBeside(caFile: string): string | undefined {
  try {
    return readFileSync(join(dirname(caFile), 'control.key'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
