// Shared by the session host suites: the extension's test API, the emulator's ready line, and
// waiting for conditions (re-checked on every session event, bounded by a timeout; never a fixed sleep).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EmulatorReady } from '../../../src/emulator/api';
import type { ExtensionApi } from '../../../src/extension/main';
import type { TreeNode } from '../../../src/extension/tree/items';
import { extensionDir, extensionId } from './extensionUnderTest';
import { browserAction, takeScreenshot, type BrowserAction } from './screenshot';

export { Commands } from '../../../src/shared/commands';

export async function activateApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(extensionId());
  if (!ext) throw new Error(`extension ${extensionId()} is not installed in this host`);
  const api = await ext.activate();
  if (!api) throw new Error('activate() returned no API: activation failed (see the notification)');
  return api;
}

export function emulator(): EmulatorReady {
  const raw = process.env.PFS_TEST_EMULATOR;
  if (!raw) throw new Error('PFS_TEST_EMULATOR is not set: these suites need the emulator the host runner starts');
  return JSON.parse(raw) as EmulatorReady;
}

/** A JSON request to the emulator, trusting its self-signed certificate for that call only. */
async function emulatorRequest(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const https = await import('node:https');
  const ca = fs.readFileSync(emulator().ca, 'utf8');
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, ca, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 500, text }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

/** Calls the emulator's control API (tests only: seeding quota and the like). */
export async function control(method: string, route: string, body?: unknown): Promise<unknown> {
  const e = emulator();
  const { status, text } = await emulatorRequest(
    method,
    new URL(`${e.control.replace(/\/$/, '')}${route}`),
    { 'x-emulator-key': e.controlKey },
    body,
  );
  if (status >= 400) throw new Error(`control ${method} ${route}: ${status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * An ARM call to the emulator as a user of its demo (tests only: adding a connection, reading an account's
 * keys), with a fresh token: other suites expire every token issued so far, the ready line's included.
 */
export async function arm(method: string, route: string, body?: unknown, user?: string): Promise<{ status: number; body: unknown }> {
  const { access_token: token } = (await control('POST', '/tokens', user ? { user } : {})) as { access_token: string };
  const { status, text } = await emulatorRequest(method, new URL(route, emulator().endpoint), { authorization: `Bearer ${token}` }, body);
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status, body: parsed };
}

/**
 * Resolves when `check` returns a truthy value. It is re-checked whenever one of `events` fires and,
 * for state that has no event (editor, codelens), on a short poll; rejects with `what` after `timeoutMs`.
 */
export function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  events: vscode.Event<unknown>[] = [],
  timeoutMs = 60_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    let done = false;
    let last: unknown;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      subs.forEach((d) => d.dispose());
      f();
    };
    const test = async () => {
      try {
        const v = await check();
        if (v) finish(() => resolve(v));
      } catch (e) {
        last = e;
      }
    };
    const poll = setInterval(() => void test(), 250);
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`))),
      timeoutMs,
    );
    for (const ev of events) subs.push(ev(() => void test()));
    void test();
  });
}

/** The workspace copy the runner opened. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri.fsPath;
}

/**
 * Takes a screenshot (kept in .vscode-test/screenshots/<scenario>/). With HOST_TEST_UPDATE_SCREENSHOTS=1
 * it also refreshes the copy in media/screenshots that the README shows; a plain test run never
 * changes tracked files.
 */
export async function screenshot(name: string, action?: BrowserAction): Promise<void> {
  await takeScreenshot(name, action ? 30_000 : 15_000, action);
  const dir = process.env.HOST_TEST_SCREENSHOTS;
  const png = dir && path.join(dir, `${name}.png`);
  if (png && fs.existsSync(png) && process.env.HOST_TEST_UPDATE_SCREENSHOTS === '1') {
    const target = path.join(extensionDir, 'media', 'screenshots');
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(png, path.join(target, `${name}.png`));
  }
}

/**
 * Waits until a webview (a Markdown preview) shows `hasText`, takes the screenshot `name`, and resolves
 * with the text the browser renders in that webview.
 */
export async function webviewText(name: string, hasText: string): Promise<string> {
  await screenshot(name, { waitFor: { selector: 'body', hasText, inFrames: true } });
  return fs.readFileSync(path.join(process.env.HOST_TEST_SCREENSHOTS!, `${name}.txt`), 'utf8');
}

/** The host scenario these suites run in (`PFS_SCENARIO_AS` lets a private run stand in for a named one). */
export function scenario(): string {
  return process.env.PFS_SCENARIO_AS ?? process.env.HOST_TEST_SCENARIO ?? 'main';
}

/**
 * The runner's smoke-test driver (which loads the extension under test) turns notification toasts off, so
 * notifications are looked for, and their buttons pressed, in the notifications center.
 */
export async function showNotification(name: string, text: string, press = false): Promise<void> {
  await vscode.commands.executeCommand('notifications.showList');
  await browserAction(name, {
    waitFor: { selector: '.notifications-center .monaco-list-row', hasText: text },
    ...(press ? { click: { button: text } } : {}),
  });
  await vscode.commands.executeCommand('notifications.hideList');
}

/**
 * Dismisses every notification until `pending` settles, and returns what it gave: for a command that waits
 * on a notification the test only dismisses. Fails after `timeoutMs`.
 */
export async function dismissNotificationsUntil<T>(pending: Thenable<T>, timeoutMs = 60_000): Promise<T> {
  let settled = false;
  const result = Promise.resolve(pending).finally(() => (settled = true));
  const deadline = Date.now() + timeoutMs;
  while (!settled) {
    if (Date.now() > deadline) throw new Error(`the command did not end within ${timeoutMs} ms of dismissing its notifications`);
    await vscode.commands.executeCommand('notifications.clearAll');
    await new Promise((r) => setTimeout(r, 250));
  }
  return result;
}

/** Every run item of the Sessions tree, found as a user would: opening each node that has children. */
export async function runNodes(api: ExtensionApi, nodes?: TreeNode[]): Promise<TreeNode[]> {
  const out: TreeNode[] = [];
  for (const n of nodes ?? (await api.tree.getChildren())) {
    if (n.kind === 'run') out.push(n);
    else if (n.collapsible) out.push(...(await runNodes(api, await api.tree.getChildren(n))));
  }
  return out;
}
