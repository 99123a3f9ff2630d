import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  findWorkspaceConfig as find,
  readWorkspaceConfig as read,
  type WorkspaceConfigResult,
} from '../../../../src/core/flow/workspaceConfig';
import { render } from '../../../../src/core/i18n';

/** A result with its problem told in English, as the CLI and the log show it. */
function shown(r: WorkspaceConfigResult | undefined): { file: string; workspace?: unknown; problem?: string } | undefined {
  return r && ('problem' in r ? { file: r.file, problem: render('en', r.problem) } : r);
}
const findWorkspaceConfig = (start: string) => shown(find(start));
const readWorkspaceConfig = (file: string, text: string) => shown(read(file, text));

const root = mkdtempSync(join(tmpdir(), 'pfs-wsconfig-'));
after(() => rmSync(root, { recursive: true, force: true }));

const config = (ws: string) => JSON.stringify({ subscription_id: 'sub-1', resource_group: 'rg-1', workspace_name: ws });
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 't-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

describe('Azure ML config.json', () => {
  it('is found in the folder, its .azureml subfolder or a parent, nearest first', () => {
    const d = tree({
      'config.json': config('top'),
      'a/.azureml/config.json': config('a-sub'),
      'a/b/flow/flow.dag.yaml': 'nodes: []\n',
      'c/config.json': config('c'),
      'c/.azureml/config.json': config('c-sub'),
    });
    assert.deepEqual(findWorkspaceConfig(join(d, 'a/b/flow')), {
      file: join(d, 'a/.azureml/config.json'),
      workspace: { subscriptionId: 'sub-1', resourceGroup: 'rg-1', workspace: 'a-sub' },
    });
    // A file stands for its folder.
    assert.equal((findWorkspaceConfig(join(d, 'a/b/flow/flow.dag.yaml')) as { file: string }).file, join(d, 'a/.azureml/config.json'));
    // In one folder, config.json comes before .azureml/config.json.
    assert.equal((findWorkspaceConfig(join(d, 'c')) as { file: string }).file, join(d, 'c/config.json'));
    assert.equal((findWorkspaceConfig(d) as { workspace: { workspace: string } }).workspace.workspace, 'top');
    // A path that does not exist yet is searched from there upwards.
    assert.equal((findWorkspaceConfig(join(d, 'new/folder')) as { file: string }).file, join(d, 'config.json'));
  });

  it('the first file found decides: one that names no workspace is reported, not skipped', () => {
    const d = tree({ 'config.json': config('outer'), 'flow/config.json': '{"name": "something else"}' });
    assert.deepEqual(findWorkspaceConfig(join(d, 'flow')), {
      file: join(d, 'flow/config.json'),
      problem: `${join(d, 'flow/config.json')} has no subscription_id, resource_group, workspace_name.`,
    });
  });

  it('reports broken, empty-valued and oversized files clearly', () => {
    assert.match((readWorkspaceConfig('c.json', '{"subscription_id": ') as { problem: string }).problem, /^c\.json is not valid JSON/);
    assert.deepEqual(readWorkspaceConfig('c.json', '[1]'), {
      file: 'c.json',
      problem: 'c.json has no subscription_id, resource_group, workspace_name.',
    });
    assert.deepEqual(readWorkspaceConfig('c.json', JSON.stringify({ subscription_id: 's', resource_group: ' ', workspace_name: 7 })), {
      file: 'c.json',
      problem: 'c.json has no resource_group, workspace_name.',
    });
    // A byte-order mark and surrounding spaces (editors on Windows) are accepted.
    assert.deepEqual(
      readWorkspaceConfig('c.json', `\uFEFF${JSON.stringify({ subscription_id: ' s ', resource_group: 'r', workspace_name: 'w' })}`),
      {
        file: 'c.json',
        workspace: { subscriptionId: 's', resourceGroup: 'r', workspace: 'w' },
      },
    );
    const big = tree({ 'config.json': `{"pad": "${'x'.repeat(100_000)}"}` });
    assert.match((findWorkspaceConfig(big) as { problem: string }).problem, /too large/);
  });

  it('is absent when no folder up to the root has one', () => {
    const d = tree({ 'flow/flow.dag.yaml': 'nodes: []\n' });
    const found = findWorkspaceConfig(join(d, 'flow'));
    // Only a config file above the test's temporary folder could be found (none is expected on a test machine).
    assert.ok(found === undefined || !found.file.startsWith(d), `found ${found?.file}`);
  });
});
