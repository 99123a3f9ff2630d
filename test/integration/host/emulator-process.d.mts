// Types of emulator-process.mjs for the TypeScript tests that start the built emulator as a process.
export const EMULATOR: string;
export function startEmulator(o: {
  dataDir: string;
  port?: number;
  timeoutMs?: number;
  verbose?: boolean;
  extraArgs?: string[];
  env?: Record<string, string>;
}): Promise<{ ready: Record<string, unknown>; pid: number; stop: () => Promise<void> } | { error: string }>;
