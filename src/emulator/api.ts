// How tests, benchmarks, the CLI and `npm start` drive the emulator in-process or read its ready line.
// The product itself only ever sees `endpoint` (as the ARM endpoint) and a TokenCredential.

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Folder for state, certificate, venvs, Azurite data; created when missing. */
  dataDir: string;
  /** JSON file describing workspaces, users, roles, computes, quota (see seed.ts); default: the demo seed. */
  seedFile?: string;
  /** Speed-up for tests: scale every simulated delay (1 = realistic-but-short demo timing, 0 = as fast as possible). */
  timeScale?: number;
  /** Set false to skip starting Azurite (tests that never touch blobs). Default true. */
  azurite?: boolean;
}

/** The JSON object printed as one line on stdout when the emulator is ready. */
export interface EmulatorReady {
  ready: true;
  /** ARM endpoint, e.g. https://127.0.0.1:PORT (also serves the prompt flow data plane via discoveryUrl). */
  endpoint: string;
  /** The demo user's ARM bearer token (audience https://management.azure.com/). */
  token: string;
  /** The demo user's token for `aml-user-token` (audience https://ml.azure.com/). */
  mlToken: string;
  subscriptionId: string;
  resourceGroup: string;
  workspace: string;
  /** PEM file of the emulator's self-signed certificate; trust it for `endpoint` only. */
  ca: string;
  /** Base URL of the token endpoint standing in for Microsoft Entra ID (POST, see auth.ts). */
  tokenEndpoint: string;
  /** Base URL of the test-control API (never called by the product). */
  control: string;
  /**
   * What the control API and the token endpoint require in the `x-emulator-key` header; also in
   * `<dataDir>/tls/control.key` (mode 0600), where the product's emulator credential reads it.
   */
  controlKey: string;
}

export interface RunningEmulator extends EmulatorReady {
  /** Stops the server, Azurite and any pip work; state stays in dataDir. */
  stop(): Promise<void>;
}
