#!/usr/bin/env node
// Stands in for the VS Code executable that `@vscode/test-electron`'s runTests() spawns: it takes the same
// argv, runs the extension's test suite in code-server's real Node extension host, and exits with the
// suite's exit code. The suite is started by the workbench (a test `payload` in its URL), so a headless
// chromium opens it; the workbench reports back through window.codeAutomationLog / codeAutomationExit.
//
// Environment:
//   HOST_TEST_VERBOSE=1          show the server log and every workbench log line
//   HOST_TEST_KEEP=1             keep the temp folder (server.log, user data) and print where it is
//   HOST_TEST_RUNNER_DIR=<dir>   put the temp folder in <dir> and leave it there (the caller removes it)
//   HOST_TEST_TIMEOUT=<seconds>  give up after this long (default 600) with exit code 124
//   HOST_TEST_SCREENSHOTS=<dir>  screenshots: `final.png` before exit, and one per `request-<name>` file
//                                that a test writes there (answered by `<name>.png` + `<name>.done`)
//   HOST_TEST_WORKSPACE_TRUST=1  keep workspace trust on, so the folder opens in restricted mode
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { URLSearchParams } from 'node:url';
import { format } from 'node:util';
import { startCodeServer } from './code-server.mjs';
import { CHROMIUM, PLAYWRIGHT_DIR } from './setup.mjs';

const verbose = process.env.HOST_TEST_VERBOSE === '1';
// HOST_TEST_RUNNER_DIR: the caller owns the folder (and sweeps it for secrets before removing it).
const runnerDir = process.env.HOST_TEST_RUNNER_DIR;
const keep = process.env.HOST_TEST_KEEP === '1' || !!runnerDir;
const timeoutSec = Number(process.env.HOST_TEST_TIMEOUT || 600);
const screenshotDir = process.env.HOST_TEST_SCREENSHOTS ? resolve(process.env.HOST_TEST_SCREENSHOTS) : undefined;
const SUMMARY = /^(\w+: )?\d+ passed, \d+ failed(, \d+ skipped)?$/;
// Workbench chatter that says nothing about the tests (an offline web workbench is noisy); VERBOSE shows it.
const NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(/,
  /^\[(reconnection-grace-time|Service Worker|AccountPolicyGate|AgentHost[^\]]*)\]/,
  /^Updating additional builtin extensions cache/,
  /^Timed out waiting for authentication provider/,
  /ENOTFOUND (open-vsx\.org|[\w.-]*github[\w.-]*)/,
];
const started = Date.now();
const phase = (what) => verbose && console.error(`code-server-runner: ${((Date.now() - started) / 1000).toFixed(2)} s ${what}`);

/** The argv runTests() builds: `--name=value` flags, a few `--name value` flags, and the folder to open. */
export function parseArgs(argv) {
  const out = { devPaths: [], testsPath: undefined, folder: undefined, userDataDir: undefined, locale: undefined };
  const takesValue = new Set(['--locale', '--user-data-dir', '--extensions-dir', '--extensionDevelopmentPath', '--extensionTestsPath']);
  for (let i = 0; i < argv.length; i++) {
    let [name, value] = argv[i].split(/=(.*)/s);
    if (value === undefined && takesValue.has(name)) value = argv[++i];
    if (name === '--extensionDevelopmentPath') out.devPaths.push(resolve(value));
    else if (name === '--extensionTestsPath') out.testsPath = resolve(value);
    else if (name === '--user-data-dir') out.userDataDir = value;
    else if (name === '--locale') out.locale = value;
    else if (!name.startsWith('-')) out.folder = resolve(name);
    // Anything else is an Electron/desktop flag (--no-sandbox, --disable-extensions, …): not meaningful here.
  }
  return out;
}

/** Settings runTest.mjs left in the user data folder it named (the desktop host reads them from there too). */
function readUserSettings(userDataDir) {
  const file = userDataDir && join(userDataDir, 'User', 'settings.json');
  if (!file || !existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8'));
}

function testUrl(base, port, args) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [...args.devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]), ['extensionTestsPath', remote(args.testsPath)]];
  const query = new URLSearchParams();
  if (args.folder) query.set('folder', args.folder);
  query.set('payload', JSON.stringify(payload));
  return `${base}/?${query}`;
}

/**
 * Answers the requests that tests inside the host drop into the screenshot folder. A request file may
 * hold a JSON action to do first, for what the extension API cannot do (show a hover, press a button on
 * a notification):
 *   { "hover": { "selector": ".statusbar-item", "hasText": "hello" } }   then waits for the hover widget
 *   { "click": { "button": "Save and reset" } }                          a button by its accessible name
 *   { "input": { "text": "a/b:1" } }                                     types into the open input box, then Enter
 *   { "input": {} }                                                      Enter, keeping what the box holds
 *   { "waitFor": { "selector": ".notification-toast", "hasText": "…" } }  waits until it is visible
 *   { "waitFor": { "selector": "body", "hasText": "…", "inFrames": true } }  in any frame (a webview); its text
 *                                                                      is written to <name>.txt
 *   { "screenshot": false }                                              the action only
 */
async function doAction(page, action, name) {
  if (action.waitFor?.inFrames) {
    // Webviews (a Markdown preview) draw in nested frames: the first of them that shows the text, whose
    // text is kept beside the screenshot as <name>.txt for the test to read.
    const { selector, hasText } = action.waitFor;
    const deadline = Date.now() + 20_000;
    for (;;) {
      let found;
      for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
        const target = frame.locator(selector, hasText ? { hasText } : {}).first();
        if (await target.isVisible().catch(() => false)) found = target;
        if (found) break;
      }
      if (found) {
        writeFileSync(join(screenshotDir, `${name}.txt`), await found.innerText());
        break;
      }
      if (Date.now() > deadline) throw new Error(`no frame shows ${selector} with "${hasText ?? ''}"\n${await whatIsShown(page)}`);
      await page.waitForTimeout(200);
    }
  } else if (action.waitFor) {
    const target = page.locator(action.waitFor.selector, action.waitFor.hasText ? { hasText: action.waitFor.hasText } : {}).first();
    try {
      await target.waitFor({ state: 'visible', timeout: 20_000 });
    } catch (err) {
      throw new Error(`${err?.message ?? err}\n${await whatIsShown(page)}`);
    }
  }
  if (action.hover) {
    const target = page.locator(action.hover.selector, action.hover.hasText ? { hasText: action.hover.hasText } : {}).first();
    await target.hover({ timeout: 10_000 });
    await page.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'visible', timeout: 10_000 });
  }
  if (action.input) {
    const box = page.locator('.quick-input-widget input').first();
    await box.waitFor({ state: 'visible', timeout: 10_000 });
    if (typeof action.input.text === 'string') await box.fill(action.input.text);
    await box.press('Enter');
  }
  if (action.click) {
    await page.getByRole('button', { name: action.click.button, exact: true }).first().click({ timeout: 10_000 });
  }
}

/** The notifications and the input box on screen, for a wait that failed to say what it found instead. */
async function whatIsShown(page) {
  const texts = await page
    .locator('.notification-toast:visible, .notifications-center .monaco-list-row:visible, .quick-input-widget:visible')
    .allTextContents()
    .catch(() => []);
  const shown = texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return shown.length ? `On screen: ${shown.map((t) => `"${t.slice(0, 200)}"`).join('; ')}` : 'No notification or input box is on screen.';
}

function watchScreenshotRequests(page) {
  if (!screenshotDir) return () => {};
  mkdirSync(screenshotDir, { recursive: true });
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      let entries = [];
      try {
        entries = readdirSync(screenshotDir);
      } catch {
        // The folder was removed under us; a later request recreates it.
      }
      for (const entry of entries) {
        if (!entry.startsWith('request-')) continue;
        const name = entry.slice('request-'.length);
        const file = join(screenshotDir, entry);
        try {
          const text = readFileSync(file, 'utf8');
          rmSync(file, { force: true });
          const action = text.trim() ? JSON.parse(text) : {};
          await doAction(page, action, name);
          if (action.screenshot !== false) {
            // Let the workbench's fade-in animations (quick input, hovers, notifications) finish first.
            await page.waitForTimeout(300);
            await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
          }
          writeFileSync(join(screenshotDir, `${name}.done`), '');
        } catch (err) {
          writeFileSync(join(screenshotDir, `${name}.error`), String(err?.message ?? err));
        }
      }
    } finally {
      busy = false;
    }
  }, 150);
  return () => clearInterval(timer);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.testsPath || args.devPaths.length === 0) {
    console.error('code-server-runner: --extensionTestsPath and --extensionDevelopmentPath are required');
    return 2;
  }
  const require = createRequire(join(PLAYWRIGHT_DIR, 'package.json'));
  const { chromium } = require(PLAYWRIGHT_DIR);

  // The first of: the suite's exit code, a crash, a signal or the time-out decides the exit code.
  let exitCode;
  let finish;
  const finished = new Promise((r) => (finish = r));
  const done = (code) => {
    if (exitCode === undefined) exitCode = code;
    finish();
  };
  const state = { server: undefined, browser: undefined, page: undefined, stopWatching: () => {} };
  const onSignal = (sig) => {
    console.error(`code-server-runner: ${sig}, stopping`);
    done(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const timer = setTimeout(() => {
    console.error(`code-server-runner: no result after ${timeoutSec} s, giving up`);
    if (state.server) console.error(state.server.logTail(20));
    done(124);
  }, timeoutSec * 1000);

  // Each step records what it started in `state`, so cleanup finds it even when a step is cut short.
  const drive = async () => {
    state.server = await startCodeServer({
      folder: args.folder,
      settings: readUserSettings(args.userDataDir),
      locale: args.locale,
      smokeTestDriver: true,
      workspaceTrust: process.env.HOST_TEST_WORKSPACE_TRUST === '1',
      verbose,
      parentDir: runnerDir,
    });
    const server = state.server;
    phase('code-server healthy');
    if (keep && !runnerDir) console.error(`code-server-runner: keeping ${server.dir}`);
    if (exitCode !== undefined) return;
    server.child.once('exit', (code, sig) => {
      console.error(`code-server-runner: code-server exited (${code ?? sig}) before the tests finished`);
      done(1);
    });
    state.browser = await chromium.launchPersistentContext(join(server.dir, 'browser'), {
      executablePath: CHROMIUM,
      headless: true,
      // Chromium writes crash-report and dconf folders under ~ unless its XDG folders point elsewhere too.
      env: { ...process.env, ...server.isolatedEnv },
      viewport: { width: 1400, height: 900 },
      // Playwright would otherwise exit the process on a signal itself, skipping the cleanup below.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    phase('browser up');
    if (exitCode !== undefined) return;
    const page = state.browser.pages()[0] ?? (await state.browser.newPage());
    state.page = page;
    let summarySeen = false;
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      const text = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      // After the suite's summary line only teardown noise follows.
      if (!verbose && (summarySeen || NOISE.some((re) => re.test(text)))) return;
      if (SUMMARY.test(text.trim())) summarySeen = true;
      (type === 'error' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : text + '\n');
    });
    // Anything but an integer (a workbench that exits without a code) must not read as a pass.
    await page.exposeFunction('codeAutomationExit', (code) => done(Number.isInteger(Number(code)) ? Number(code) : 1));
    page.on('crash', () => {
      console.error('code-server-runner: the workbench page crashed');
      done(1);
    });
    state.stopWatching = watchScreenshotRequests(page);
    // Only the navigation itself is awaited: the result arrives through codeAutomationExit, and on a busy
    // machine the page's load event can take longer than any fixed navigation time-out.
    await page.goto(testUrl(server.url, server.port, args), { waitUntil: 'commit', timeout: 0 });
    phase('workbench page opened');
  };

  const driving = drive().catch((err) => {
    // An error after the result is in (the browser closing under a step) is only teardown.
    if (exitCode === undefined) console.error(`code-server-runner: ${err?.stack ?? err}`);
    done(1);
  });
  await finished;
  // Cut short while still starting code-server or the browser: let that step end (each is bounded and
  // checks for a result after it), so what it started is known and stopped below.
  if (!state.page) await driving;
  phase(`result in (exit ${exitCode})`);
  clearTimeout(timer);
  state.stopWatching();
  if (screenshotDir && state.page) {
    await state.page
      .screenshot({ path: join(screenshotDir, 'final.png'), timeout: 15_000 })
      .catch((err) => console.error(`code-server-runner: final screenshot failed: ${err.message}`));
  }
  state.server?.child.removeAllListeners('exit');
  await state.browser?.close().catch(() => {});
  await state.server?.stop({ keep }).catch((err) => console.error(`code-server-runner: stopping code-server: ${err.message}`));
  phase('cleaned up');
  return exitCode ?? 1;
}

// Exit explicitly: nothing that is left (a browser pipe, a timer) may keep the runner alive.
process.exit(await main());
