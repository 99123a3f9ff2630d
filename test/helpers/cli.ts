// The built `pfsession` (dist/cli.js) against a fixture's emulator, as CI runs it.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Fixture } from './sessionFixture';

export const CLI = resolve(__dirname, '../../dist/cli.js');

const WORKSPACE_VARIABLES = ['AZUREML_SUBSCRIPTION_ID', 'AZUREML_RESOURCE_GROUP', 'AZUREML_WORKSPACE'];

export interface CliOptions {
  cwd?: string;
  /** Set (a string) or remove (undefined) variables after the emulator's. */
  env?: Record<string, string | undefined>;
  /** Name the emulator's workspace in AZUREML_* (default); false leaves the workspace to flags or config.json. */
  workspaceEnv?: boolean;
}

export function runCli(fx: Fixture, args: string[], o: CliOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AZUREML_EMULATOR_ENDPOINT: fx.emu.endpoint,
    AZUREML_EMULATOR_CA: fx.emu.ca,
    PFSESSION_STATE_DIR: join(fx.dir, 'cli-state'),
  };
  for (const v of WORKSPACE_VARIABLES) delete env[v];
  if (o.workspaceEnv !== false)
    Object.assign(env, {
      AZUREML_SUBSCRIPTION_ID: fx.emu.subscriptionId,
      AZUREML_RESOURCE_GROUP: fx.emu.resourceGroup,
      AZUREML_WORKSPACE: fx.emu.workspace,
    });
  for (const [k, v] of Object.entries(o.env ?? {}))
    if (v === undefined) delete env[k];
    else env[k] = v;
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: o.cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** The flags that name the fixture emulator's workspace, as the session verbs take them. */
export const workspaceFlags = (fx: Fixture): string[] => [
  '--subscription',
  fx.emu.subscriptionId,
  '--resource-group',
  fx.emu.resourceGroup,
  '--workspace',
  fx.emu.workspace,
];
