// Prompt flow is read-only from 2027-04-20 (00:00 UTC): by the emulator's clock, requests that create or
// change something are refused from then on, while reading, stopping and deleting still work. The shape
// of the refusal is an assumption, Azure's own answer being unpublished (docs/azure-contract.md §34). The
// date is the emulator's own copy: it shares nothing with the clients.
import { HttpError } from './http';
import type { World } from './world';

const READ_ONLY_FROM = '2027-04-20';
const READ_ONLY_MS = Date.parse(`${READ_ONLY_FROM}T00:00:00Z`);

/** Throws the refusal when the emulated clock has reached the read-only date. */
export function refuseWhenRetired(w: World, what: string): void {
  if (w.clock.now() < READ_ONLY_MS) return;
  throw new HttpError(
    403,
    'UserError',
    `Prompt flow is retired and read-only since ${READ_ONLY_FROM}: ${what} cannot be created. Existing sessions, runs and flows can still be read, stopped and deleted. Move your flows to Microsoft Agent Framework.`,
    { innerCode: 'PromptFlowRetired' },
  );
}
