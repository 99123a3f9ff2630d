// The one state folder of the flow → session records, shared by the extension and the CLI, so both
// front ends read and write one store: PFSESSION_STATE_DIR when set (tests, a sandbox), else
// ~/.pfsession. Plain Node only: the extension imports it at activation without the SDK bundle.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PFSESSION_STATE_DIR || join(homedir(), '.pfsession');
}
