// The session service a CLI verb talks to: the workspace from flags, variables or a config.json
// (workspaceChoice.ts), and the credential of the Azure CLI (device code as a fallback), or the local
// emulator's when AZUREML_EMULATOR_ENDPOINT (+ AZUREML_EMULATOR_CA) is set. Shared by the session verbs
// and `validate --workspace-aware`, so both reach the same workspace the same way.
import { stderr } from 'node:process';
import { processLocale, render, t, type Locale } from '../core/i18n';
import { emulatorKeyBeside } from '../core/session/emulatorKey';
import { defaultStateDir } from '../core/session/stateDir';
import type { CredentialLike, ISessionService } from '../core/session/types';
import { chooseWorkspace } from './workspaceChoice';
import { readTextBounded } from '../core/flow/access';
import { accessProblemText } from '../core/flow/accessText';

/** The variables that send the session verbs to the local emulator: its endpoint and its CA file. */
export const EMULATOR_VARIABLES = { endpoint: 'AZUREML_EMULATOR_ENDPOINT', ca: 'AZUREML_EMULATOR_CA' } as const;

/** Wrong or missing flags or variables: the verb prints the message and exits with 2. */
export class UsageError extends Error {}

async function credential(locale: Locale): Promise<{ credential: CredentialLike; armEndpoint?: string; caPem?: string }> {
  const endpoint = process.env[EMULATOR_VARIABLES.endpoint];
  if (endpoint) {
    const caPath = process.env[EMULATOR_VARIABLES.ca];
    if (!caPath) throw new UsageError(t(locale, 'cli.usage.emulatorCa'));
    // Bounded, regular files only: a CA path that names a FIFO or a device must not hang the CLI.
    const ca = readTextBounded(caPath, 1_000_000);
    if ('problem' in ca)
      throw new UsageError(`${EMULATOR_VARIABLES.ca}: ${render(locale, accessProblemText(ca.problem, caPath, 'ca.pem'))}`);
    const caPem = ca.text;
    const { emulatorCredential } = await import('../core/azure/credential');
    const key = emulatorKeyBeside(caPath);
    return { credential: emulatorCredential(endpoint, caPem, process.env.AZUREML_EMULATOR_USER, key), armEndpoint: endpoint, caPem };
  }
  const { AzureCliCredential, ChainedTokenCredential, DeviceCodeCredential } = await import('@azure/identity');
  return {
    credential: new ChainedTokenCredential(
      new AzureCliCredential(),
      new DeviceCodeCredential({ userPromptCallback: (info) => void stderr.write(`${info.message}\n`) }),
    ),
    armEndpoint: process.env.AZUREML_ARM_ENDPOINT,
  };
}

/**
 * `flag(name)` reads `--name`; `near` are the paths the verb was given (a config.json is looked for from
 * them); `locale` is the language of the service's texts (default: the environment's).
 */
export async function openSessionService(
  flag: (name: string) => string | undefined,
  near: string[],
  locale: Locale = processLocale(),
): Promise<ISessionService> {
  const choice = chooseWorkspace(flag, process.env, near, process.cwd(), locale);
  if ('error' in choice) throw new UsageError(choice.error);
  const workspace = choice.workspace;
  const verbose = !!process.env.PFSESSION_VERBOSE;
  if (verbose) stderr.write(`[info] workspace ${workspace.workspace} from ${choice.source}\n`);
  const conn = await credential(locale);
  const { createSessionService } = await import('../core/session/bundle');
  return createSessionService({
    ...conn,
    workspace,
    locale,
    stateDir: defaultStateDir(),
    log: (level, message) => {
      if (verbose || level === 'warn' || level === 'error') stderr.write(`[${level}] ${message}\n`);
    },
  });
}
