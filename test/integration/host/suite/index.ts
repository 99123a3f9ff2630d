// Entry point VS Code calls inside the extension host (`extensionTestsPath`): runs the mocha suites and
// ends with the plain line `N passed, N failed` that CI and the runner read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Compiled `*.test.js` files below `dir`, in a stable order. */
function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(full));
    else if (entry.name.endsWith('.test.js')) out.push(full);
  }
  return out.sort();
}

export function run(): Promise<void> {
  // HOST_TEST_SUITE_DIR lets one scenario run another folder of suites with this same entry point.
  const dir = process.env.HOST_TEST_SUITE_DIR ? path.resolve(process.env.HOST_TEST_SUITE_DIR) : __dirname;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    // Generous: the first test of a run pays for the extension's activation in a cold host.
    timeout: Number(process.env.HOST_TEST_MOCHA_TIMEOUT || 20_000),
    grep: process.env.HOST_TEST_GREP || undefined,
  });
  const files = findTests(dir);
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      console.log('0 passed, 1 failed');
      reject(new Error(`no *.test.js files under ${dir}`));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        console.log(`${passed} passed, ${failures} failed`);
        // A grep that matches nothing must not pass as a green run.
        if (failures > 0) reject(new Error(`${failures} host test(s) failed`));
        else if (passed === 0) reject(new Error('no host test ran'));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      console.log('0 passed, 1 failed');
      reject(err);
    }
  });
}
