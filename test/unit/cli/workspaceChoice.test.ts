import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { chooseWorkspace } from '../../../src/cli/workspaceChoice';

const root = mkdtempSync(join(tmpdir(), 'pfs-wschoice-'));
after(() => rmSync(root, { recursive: true, force: true }));
const flow = join(root, 'project', 'flows', 'chat');
mkdirSync(flow, { recursive: true });
writeFileSync(
  join(root, 'project', 'config.json'),
  JSON.stringify({ subscription_id: 's-cfg', resource_group: 'rg-cfg', workspace_name: 'ws-cfg' }),
);

const noFlags = () => undefined;
const sourceOf = (r: ReturnType<typeof chooseWorkspace>) => ('source' in r ? r.source : r.error);
const flags = (m: Record<string, string>) => (name: string) => m[name];

describe('the workspace a CLI verb uses', () => {
  it('takes flags first, then variables, field by field', () => {
    const env = { AZUREML_SUBSCRIPTION_ID: 's-env', AZUREML_RESOURCE_GROUP: 'rg-env', AZUREML_WORKSPACE: 'ws-env' };
    assert.deepEqual(chooseWorkspace(noFlags, env, [flow]), {
      workspace: { subscriptionId: 's-env', resourceGroup: 'rg-env', workspace: 'ws-env' },
      source: 'environment',
    });
    assert.deepEqual(chooseWorkspace(flags({ workspace: 'ws-flag' }), env, [flow]), {
      workspace: { subscriptionId: 's-env', resourceGroup: 'rg-env', workspace: 'ws-flag' },
      source: 'environment',
    });
    assert.equal(sourceOf(chooseWorkspace(flags({ subscription: 'a', 'resource-group': 'b', workspace: 'c' }), {}, [flow])), 'flags');
  });

  it('does not complete a workspace named in part from a config.json', () => {
    assert.deepEqual(chooseWorkspace(flags({ workspace: 'only-this' }), {}, [flow]), {
      error: 'Choose the workspace: --subscription / AZUREML_SUBSCRIPTION_ID, --resource-group / AZUREML_RESOURCE_GROUP.',
    });
  });

  it('uses the config.json of the flow folder or a parent when nothing names a workspace', () => {
    assert.deepEqual(chooseWorkspace(noFlags, {}, ['not-a-path', flow]), {
      workspace: { subscriptionId: 's-cfg', resourceGroup: 'rg-cfg', workspace: 'ws-cfg' },
      source: join(root, 'project', 'config.json'),
    });
    // Without a path that exists, from the current folder.
    assert.equal(sourceOf(chooseWorkspace(noFlags, {}, ['run-123'], flow)), join(root, 'project', 'config.json'));
  });

  it('says what to do when there is no workspace, or the config names none', () => {
    const lonely = mkdtempSync(join(tmpdir(), 'pfs-wschoice-none-'));
    try {
      const r = chooseWorkspace(noFlags, {}, [lonely]);
      if ('error' in r) assert.match(r.error, /--subscription, --resource-group and --workspace .* or a config\.json with subscription_id/);
      else assert.ok(!r.source.startsWith(lonely), 'only a config above the temporary folder could be found');
    } finally {
      rmSync(lonely, { recursive: true, force: true });
    }
    const broken = join(root, 'broken');
    mkdirSync(join(broken, '.azureml'), { recursive: true });
    writeFileSync(join(broken, '.azureml', 'config.json'), '{"workspace_name": "w"}');
    const r = chooseWorkspace(noFlags, {}, [broken]);
    assert.ok('error' in r);
    assert.match(r.error, /config\.json has no subscription_id, resource_group\. Name the workspace with --subscription/);
  });

  it('tells a config problem in the locale asked for, the file and the keys as they are', () => {
    const broken = join(root, 'broken-ja');
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, 'config.json'), '{"workspace_name": "w"}');
    const r = chooseWorkspace(noFlags, {}, [broken], broken, 'ja');
    assert.ok('error' in r);
    assert.match(
      r.error,
      /config\.json に subscription_id, resource_group がありません。 --subscription、--resource-group、--workspace でワークスペースを指定する/,
    );
    const partial = chooseWorkspace(flags({ workspace: 'w' }), {}, [broken], broken, 'ja');
    assert.ok('error' in partial);
    assert.match(partial.error, /^ワークスペースを指定してください: --subscription \/ AZUREML_SUBSCRIPTION_ID/);
  });
});
