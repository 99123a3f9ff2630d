// Lets a host test ask for a picture of the workbench, or for a browser action the extension API has no
// way to do (hovering over the status bar, pressing a notification's button). The extension host cannot
// reach the browser, so it drops a request file into HOST_TEST_SCREENSHOTS; the runner that drives the
// browser (code-server-runner.mjs) answers with `<name>.png` and `<name>.done` (or `<name>.error`).
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface BrowserAction {
  hover?: { selector: string; hasText?: string };
  click?: { button: string };
  /** Types `text` into the open input box and presses Enter; without `text`, Enter keeps what it holds. */
  input?: { text?: string };
  /** `inFrames`: looked for in every frame (webviews), and the match's text kept as `<name>.txt`. */
  waitFor?: { selector: string; hasText?: string; inFrames?: boolean };
  screenshot?: boolean;
}

/** True where a runner answers requests (code-server); the desktop host has none. */
export function browserAvailable(): boolean {
  return !!process.env.HOST_TEST_SCREENSHOTS;
}

/** Set to 1 to pass over the suites that drive the browser on a host without one (a local desktop run). */
export const ALLOW_NO_BROWSER = 'HOST_TEST_ALLOW_NO_BROWSER';

/**
 * A mocha suite whose tests drive the browser. Where no runner answers (the desktop host) it cannot run,
 * and it says so with one failing test rather than registering nothing, so that a run never goes green
 * on suites that did not run; with HOST_TEST_ALLOW_NO_BROWSER=1 it only says so on the console.
 */
export function describeWithBrowser(title: string, body: (this: Mocha.Suite) => void): void {
  if (browserAvailable()) {
    describe(title, body);
    return;
  }
  const why = `"${title}" drives the browser, and this host has no browser runner (the desktop host)`;
  if (process.env[ALLOW_NO_BROWSER] === '1') {
    console.log(`not run: ${why}; ${ALLOW_NO_BROWSER}=1 passes over it`);
    return;
  }
  describe(title, () => {
    it('needs the browser runner', () => {
      throw new Error(`${why}. Run it on code-server (npm run test:host), or set ${ALLOW_NO_BROWSER}=1 to pass over it locally.`);
    });
  });
}

export async function takeScreenshot(name: string, timeoutMs = 15_000, action?: BrowserAction): Promise<void> {
  const dir = process.env.HOST_TEST_SCREENSHOTS;
  if (!dir) {
    // The desktop host (npm run test:electron) has no runner that watches the folder.
    if (action) throw new Error(`browser action "${name}" needs the code-server runner`);
    console.log(`screenshot "${name}" not taken: this host does not take screenshots`);
    return;
  }
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name must be a plain file name: ${name}`);
  const done = path.join(dir, `${name}.done`);
  const failed = path.join(dir, `${name}.error`);
  fs.rmSync(done, { force: true });
  fs.rmSync(failed, { force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Written aside and renamed, so that the runner never reads half a request.
  const pending = path.join(dir, `.pending-${name}`);
  fs.writeFileSync(pending, action ? JSON.stringify(action) : '');
  fs.renameSync(pending, path.join(dir, `request-${name}`));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(done)) return;
    if (fs.existsSync(failed)) throw new Error(`screenshot "${name}" failed: ${fs.readFileSync(failed, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`screenshot "${name}" was not taken within ${timeoutMs} ms`);
}

/** Does a browser action (and by default takes a screenshot named `name` after it). */
export function browserAction(name: string, action: BrowserAction, timeoutMs = 30_000): Promise<void> {
  return takeScreenshot(name, timeoutMs, action);
}
