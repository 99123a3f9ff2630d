// Extension-host side of the tree bench (`extensionTestsPath`, no mocha). Starts one session per flow
// folder in PFS_BENCH_FLOWS through the extension's own session service (against the emulator), spread
// over the compute instances the bench created, then times full refreshes of the Sessions tree: every
// level's getChildren and a getTreeItem for every node, as VS Code asks for them when the view is open.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension/main';
import type { TreeNode } from '../../../../src/extension/tree/items';

interface Input {
  flowsDir: string;
  instances: string[];
  refreshes: number;
}

async function startAll(api: ExtensionApi, folders: string[], instances: string[]): Promise<number> {
  const service = await api.getSessionService(false);
  if (!service) throw new Error('no session service: is the emulator configured?');
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < folders.length) {
      const i = next++;
      const { session: s } = await service.startWithSettings(folders[i], {
        computeType: 'computeInstance',
        computeInstanceName: instances[i % instances.length],
      });
      if (s.state !== 'running') throw new Error(`session ${i} is ${s.state}: ${s.error?.message ?? ''}`);
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  return performance.now() - t0;
}

/** One full refresh, the way the view walks it: root, instances, sessions, and what is under each session. */
async function walk(api: ExtensionApi): Promise<{ ms: number; nodes: number; instances: number; sessions: number; instancesMs: number }> {
  const t0 = performance.now();
  let nodes = 0;
  const items = (list: TreeNode[]) => {
    for (const n of list) api.tree.getTreeItem(n);
    nodes += list.length;
    return list;
  };
  const [ws] = items(await api.tree.getChildren());
  const instances = items(await api.tree.getChildren(ws));
  const instancesMs = performance.now() - t0;
  let sessions = 0;
  for (const inst of instances) {
    const children = items(await api.tree.getChildren(inst));
    for (const s of children) {
      if (s.kind !== 'session') continue;
      sessions++;
      items(await api.tree.getChildren(s));
    }
  }
  return { ms: performance.now() - t0, nodes, instances: instances.length, sessions, instancesMs };
}

export async function run(): Promise<void> {
  const out = process.env.PFS_BENCH_OUT;
  const input = JSON.parse(process.env.PFS_BENCH_INPUT ?? 'null') as Input | null;
  if (!out || !input) throw new Error('PFS_BENCH_OUT and PFS_BENCH_INPUT must be set');
  const ext = vscode.extensions.getExtension<ExtensionApi>('pfsessions.promptflow-sessions');
  const api = await ext?.activate();
  if (!api) throw new Error('the extension did not activate');
  const folders = fs
    .readdirSync(input.flowsDir)
    .sort()
    .map((d) => path.join(input.flowsDir, d));
  const startMs = await startAll(api, folders, input.instances);
  console.log(`started ${folders.length} sessions in ${(startMs / 1000).toFixed(1)} s`);
  const samples = [];
  for (let i = 0; i < input.refreshes; i++) {
    api.tree.refresh();
    const r = await walk(api);
    if (r.sessions !== folders.length) throw new Error(`the tree shows ${r.sessions} sessions, expected ${folders.length}`);
    samples.push(r);
    console.log(`refresh ${i + 1}: ${r.ms.toFixed(0)} ms (${r.nodes} nodes; instances level ${r.instancesMs.toFixed(0)} ms)`);
  }
  fs.writeFileSync(out, JSON.stringify({ startMs, sessions: folders.length, samples }));
  console.log('1 passed, 0 failed');
}
