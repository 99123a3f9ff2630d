// Runs the host suites in a real VS Code extension host through @vscode/test-electron's runTests().
// Here (no way to download VS Code) the "executable" is code-server-runner.mjs, which drives code-server;
// with `--electron` it is the desktop VS Code that runTests() downloads. Each scenario opens a fresh copy
// of its workspace, so tests never dirty the repository.
//
//   node test/integration/host/runTest.mjs [--electron] [--suite <name>]... [--locale <lang>] [--grep <pattern>]
//
// Build first (`node esbuild.mjs`; `npm test` does): the suites run from out/test/integration/host.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addFeedPassword, addToken, filesUnder, findSecrets } from '../../helpers/secrets.mjs';
import { startEmulator } from './emulator-process.mjs';
import { ROOT, setupHost } from './setup.mjs';

const require = createRequire(import.meta.url);
export const RUNNER = join(ROOT, 'test', 'integration', 'host', 'code-server-runner.mjs');
export const SUITE_INDEX = join(ROOT, 'out', 'test', 'integration', 'host', 'suite', 'index.js');
const SUMMARY = /^(?:\w+: )?(\d+) passed, (\d+) failed/m;

/**
 * One entry per host run. `suite` is a folder under test/integration/host holding `*.test.ts` files (run by the
 * shared mocha entry suite/index.ts); `workspace` is copied to a temp folder and opened.
 * Add a scenario (an untrusted workspace, another locale, other settings) by adding an entry.
 */
export const SCENARIOS = [
  // sweepExpects: the output must show the neighbourhood of a secret (here the feed URL, redacted).
  { name: 'main', suite: 'suite', workspace: 'test/fixtures/workspace', sweepExpects: /pkgs\.dev\.azure\.com/ },
  // Suites pick their scenario through HOST_TEST_SCENARIO (and vscode.env.language / workspace.isTrusted).
  { name: 'untrusted', suite: 'suite', workspace: 'test/fixtures/workspace', untrusted: true },
  { name: 'ja', suite: 'suite', workspace: 'test/fixtures/workspace', locale: 'ja' },
];

/**
 * Runs one host session and resolves with its exit code and the suite's counts (undefined when the
 * suite never printed its summary line, e.g. when the host did not start).
 * @param {object} s
 * @param {string} s.name
 * @param {string} [s.extensionDir] extension under test (default: this repository)
 * @param {string} [s.testsPath] extensionTestsPath (default: the shared mocha entry)
 * @param {string} [s.suite] folder under test/integration/host whose compiled tests the mocha entry loads
 * @param {string} [s.workspace] folder copied and opened (default: none)
 * @param {string} [s.locale]
 * @param {boolean} [s.untrusted] open the workspace in restricted mode (code-server host only)
 * @param {Record<string, unknown>} [s.settings] user settings
 * @param {Record<string, string>} [s.env] extra environment for the extension host
 * @param {boolean} [s.electron] desktop VS Code instead of code-server
 * @param {boolean} [s.quiet] do not echo the host's output
 */
/**
 * Searches everything a scenario wrote (the host's output, the workspace copy, code-server's user data,
 * logs and output channels, the host's temp folder) for secrets. Hits name what leaked and where, never
 * the secret itself.
 */
export function sweepSecrets(dir, output, exact, inputs = new Map()) {
  const leaks = findSecrets(output, exact).map((h) => `${h} in the host's output`);
  // The fixtures themselves hold a feed password (that is the point); what the product wrote is swept.
  const files = filesUnder(dir).filter((f) => !(inputs.has(f) && inputs.get(f) === readFileSync(f, 'latin1')));
  let bytes = 0;
  for (const f of files) {
    let text;
    try {
      text = readFileSync(f, 'latin1');
    } catch {
      continue; // removed meanwhile (a socket, a lock file)
    }
    bytes += text.length;
    for (const h of findSecrets(text, exact)) leaks.push(`${h} in ${f.slice(dir.length)}`);
  }
  // A sweep that saw no log line would find nothing for the wrong reason.
  const logged = /\[promptflow (trace|debug|info)\]/.test(output);
  return { leaks, files: files.length, bytes, logged };
}

export async function runScenario(s) {
  const { runTests } = require('@vscode/test-electron');
  const temp = mkdtempSync(join(tmpdir(), 'pfs-run-'));
  try {
    let folder;
    if (s.workspace) {
      folder = join(temp, 'workspace');
      cpSync(resolve(ROOT, s.workspace), folder, { recursive: true });
    }
    const inputs = new Map(folder && s.secrets ? filesUnder(folder).map((f) => [f, readFileSync(f, 'latin1')]) : []);
    // Settings go where the desktop host reads them; the code-server runner picks them up from there too.
    const userData = join(temp, 'user-data');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(s.settings ?? {}, null, 2));

    const env = {
      HOST_TEST_SCENARIO: s.name,
      ...(process.env.HOST_TEST_UPDATE_SCREENSHOTS ? { HOST_TEST_UPDATE_SCREENSHOTS: process.env.HOST_TEST_UPDATE_SCREENSHOTS } : {}),
      ...(process.env.HOST_TEST_ALLOW_NO_BROWSER ? { HOST_TEST_ALLOW_NO_BROWSER: process.env.HOST_TEST_ALLOW_NO_BROWSER } : {}),
      ...s.env,
    };
    if (s.suite) env.HOST_TEST_SUITE_DIR = join(ROOT, 'out', 'test', 'integration', 'host', s.suite);
    if (!s.electron) {
      // code-server's own folder (its user data, logs, output channels, the host's TMPDIR) goes inside
      // ours, so that the secrets sweep reads it before it is removed.
      env.HOST_TEST_RUNNER_DIR = join(temp, 'runner');
      mkdirSync(env.HOST_TEST_RUNNER_DIR, { recursive: true });
      env.HOST_TEST_SCREENSHOTS = join(ROOT, '.vscode-test', 'screenshots', s.name);
      rmSync(env.HOST_TEST_SCREENSHOTS, { recursive: true, force: true });
      if (s.untrusted) env.HOST_TEST_WORKSPACE_TRUST = '1';
    }

    let output = '';
    const tee = (stream) => ({
      write(chunk) {
        output += chunk;
        if (!s.quiet) stream.write(chunk);
        return true;
      },
    });
    const launchArgs = [`--user-data-dir=${userData}`, '--disable-extensions'];
    if (s.locale) launchArgs.push(`--locale=${s.locale}`);
    if (folder) launchArgs.unshift(folder);

    let code = 0;
    try {
      await runTests({
        vscodeExecutablePath: s.electron ? undefined : RUNNER,
        extensionDevelopmentPath: s.extensionDir ?? ROOT,
        extensionTestsPath: s.testsPath ?? SUITE_INDEX,
        launchArgs,
        extensionTestsEnv: env,
        stdout: tee(process.stdout),
        stderr: tee(process.stderr),
      });
    } catch (err) {
      code = typeof err?.code === 'number' ? err.code : 1;
      if (typeof err?.code !== 'number') console.error(`${s.name}: ${err?.message ?? err}`);
    }
    const m = SUMMARY.exec(output);
    const sweep = s.secrets ? sweepSecrets(temp, output, s.secrets, inputs) : undefined;
    return { code, passed: m ? Number(m[1]) : undefined, failed: m ? Number(m[2]) : undefined, output, sweep };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function parseCli(argv) {
  const o = { electron: false, suites: [], locale: undefined, grep: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--electron') o.electron = true;
    else if (a === '--suite') o.suites.push(argv[++i]);
    else if (a === '--locale') o.locale = argv[++i];
    else if (a === '--grep') o.grep = argv[++i];
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

async function main() {
  const cli = parseCli(process.argv.slice(2));
  const unknown = cli.suites.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown suite ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const chosen = cli.suites.length ? SCENARIOS.filter((s) => cli.suites.includes(s.name)) : SCENARIOS;
  if (!cli.electron) setupHost();

  const started = Date.now();
  const emulatorData = mkdtempSync(join(tmpdir(), 'pfs-emulator-'));
  const emulator = await startEmulator({
    dataDir: emulatorData,
    extraArgs: ['--time-scale', process.env.HOST_TEST_TIME_SCALE ?? '0'],
    verbose: process.env.HOST_TEST_VERBOSE === '1',
  });
  // Every scenario logs at trace, mirrored to the host's output, and is swept for secrets afterwards.
  // The session records go to a folder of the run, not to the user's ~/.pfsession.
  const env = { PFS_LOG_CONSOLE: '1', PFSESSION_STATE_DIR: mkdtempSync(join(tmpdir(), 'pfs-host-state-')) };
  // Commands run reset and stop without the confirmation dialog; the test of the dialog turns it on.
  const settings = { 'promptflow.logLevel': 'trace', 'promptflow.session.confirmDestructiveActions': false };
  const secrets = new Map();
  addFeedPassword(secrets);
  if ('error' in emulator) {
    console.warn(`[host] warning: running without the emulator: ${emulator.error}`);
  } else {
    console.log(`[host] emulator ready at ${emulator.ready.endpoint}`);
    env.PFS_TEST_EMULATOR = JSON.stringify(emulator.ready);
    addToken(secrets, emulator.ready.token, 'the ARM token of the emulator');
    addToken(secrets, emulator.ready.mlToken, 'the ML token of the emulator');
    addToken(secrets, emulator.ready.controlKey, 'the control key of the emulator');
    settings['promptflow.emulator.endpoint'] = emulator.ready.endpoint;
    settings['promptflow.emulator.caFile'] = emulator.ready.ca;
  }

  const results = [];
  try {
    for (const scenario of chosen) {
      if (cli.electron && scenario.untrusted) {
        console.warn(`[host] ${scenario.name}: needs workspace trust on, which the desktop test launcher always turns off; not run`);
        continue;
      }
      console.log(`\n[host] ${scenario.name}${cli.electron ? ' (desktop VS Code)' : ''}`);
      const t0 = Date.now();
      const r = await runScenario({
        ...scenario,
        locale: cli.locale ?? scenario.locale,
        settings: { ...settings, ...scenario.settings },
        env: { ...env, ...(cli.grep ? { HOST_TEST_GREP: cli.grep } : {}), ...scenario.env },
        electron: cli.electron,
        secrets,
      });
      console.log(`[host] ${scenario.name}: exit ${r.code} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      if (r.sweep) {
        const { leaks, files, bytes } = r.sweep;
        console.log(
          `[host] ${scenario.name}: secrets sweep over the output (${(r.output.length / 1024).toFixed(0)} KB) and ${files} files written (${(bytes / 1e6).toFixed(1)} MB): ${leaks.length ? `${leaks.length} LEAK(S)` : 'nothing found'}`,
        );
        for (const l of leaks) console.log(`  leak: ${l}`);
        if (leaks.length) r.code ||= 1;
        if (!r.sweep.logged && !cli.electron) {
          console.log(`[host] ${scenario.name}: no log line of the extension reached the output, so the sweep could not see them`);
          r.code ||= 1;
        }
        // With --grep the test that brings the secret along may not have run.
        if (scenario.sweepExpects && !cli.grep && !scenario.sweepExpects.test(r.output)) {
          console.log(
            `[host] ${scenario.name}: the output never mentions ${scenario.sweepExpects}, so the secret never had a chance to leak there`,
          );
          r.code ||= 1;
        }
      }
      results.push({ name: scenario.name, ...r });
    }
  } finally {
    if (!('error' in emulator)) await emulator.stop();
    rmSync(emulatorData, { recursive: true, force: true });
  }

  const passed = results.reduce((n, r) => n + (r.passed ?? 0), 0);
  // A failed run that never printed its summary (the host did not start) counts as one failure.
  const failed = results.reduce((n, r) => n + Math.max(r.failed ?? 0, r.code === 0 ? 0 : 1), 0);
  const bad = results.filter((r) => r.code !== 0).map((r) => r.name);
  console.log(
    `\n[host] ${results.length} run(s) in ${((Date.now() - started) / 1000).toFixed(1)} s${bad.length ? `; failed: ${bad.join(', ')}` : ''}`,
  );
  console.log(`host: ${passed} passed, ${failed} failed`);
  return bad.length ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`[host] ${err?.message ?? err}`);
      process.exit(1);
    },
  );
}
