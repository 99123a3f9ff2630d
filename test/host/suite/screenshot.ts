// Lets a host test ask for a picture of the workbench. The extension host cannot reach the browser, so it
// drops a request file into HOST_TEST_SCREENSHOTS; the runner that drives the browser answers with
// `<name>.png` and `<name>.done` (or `<name>.error`).
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function takeScreenshot(name: string, timeoutMs = 15_000): Promise<void> {
  const dir = process.env.HOST_TEST_SCREENSHOTS;
  if (!dir) {
    // The desktop host (npm run test:electron) has no runner that watches the folder.
    console.log(`screenshot "${name}" not taken: this host does not take screenshots`);
    return;
  }
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name must be a plain file name: ${name}`);
  const done = path.join(dir, `${name}.done`);
  const failed = path.join(dir, `${name}.error`);
  fs.rmSync(done, { force: true });
  fs.rmSync(failed, { force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `request-${name}`), '');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(done)) return;
    if (fs.existsSync(failed)) throw new Error(`screenshot "${name}" failed: ${fs.readFileSync(failed, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`screenshot "${name}" was not taken within ${timeoutMs} ms`);
}
