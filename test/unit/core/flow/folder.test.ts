import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { mergedRequirementsPath, readFlowFile, locateFlow, resolveInFlow, nodeFileHost } from '../../../../src/core/flow';

const fx = resolve(__dirname, '../../../fixtures/validation');

describe('flow folders', () => {
  it('locateFlow accepts a folder, the flow file or a file inside the folder', () => {
    const want = { folder: resolve(fx, 'dag-valid'), flowFile: resolve(fx, 'dag-valid/flow.dag.yaml') };
    assert.deepEqual(locateFlow(resolve(fx, 'dag-valid')), want);
    assert.deepEqual(locateFlow(resolve(fx, 'dag-valid/flow.dag.yaml')), want);
    assert.deepEqual(locateFlow(resolve(fx, 'dag-valid/hello.py')), want);
    assert.equal(locateFlow(resolve(fx, 'req')), undefined);
    // A flow file of another name counts when named directly; a run file beside a flow does not.
    assert.deepEqual(locateFlow(resolve(fx, 'modeline/custom.yaml')), {
      folder: resolve(fx, 'modeline'),
      flowFile: resolve(fx, 'modeline/custom.yaml'),
    });
    assert.equal(locateFlow(resolve(fx, 'run-valid/run.yml')), undefined);
  });

  it('readFlowFile returns the environment, includes, nodes and variants', () => {
    const info = readFlowFile(resolve(fx, 'dag-files/flow/flow.dag.yaml'))!;
    assert.equal(info.kind, 'dagFlow');
    assert.deepEqual(info.environment, { pythonRequirementsTxt: 'reqs/missing.txt' });
    assert.deepEqual(info.additionalIncludes, ['../shared/helper.py', '../shared/templates', '../shared/gone.txt']);
    const valid = readFlowFile(resolve(fx, 'dag-valid/flow.dag.yaml'))!;
    assert.deepEqual(valid.nodeNames, ['prepare', 'chat', 'aggregate']);
    assert.deepEqual(valid.variants.get('chat'), ['variant_0', 'variant_1']);
    assert.equal(readFlowFile(resolve(fx, 'flex-valid/flow.flex.yaml'))!.kind, 'flexFlow');
    assert.equal(readFlowFile(resolve(fx, 'nope/flow.dag.yaml')), undefined);
  });

  it('resolveInFlow finds files copied in by additional_includes (S6: basename in the flow root)', () => {
    const folder = resolve(fx, 'dag-files/flow');
    const includes = ['../shared/helper.py', '../shared/templates'];
    assert.equal(resolveInFlow(nodeFileHost, folder, includes, 'helper.py'), resolve(fx, 'dag-files/shared/helper.py'));
    assert.equal(resolveInFlow(nodeFileHost, folder, includes, 'templates/t.jinja2'), resolve(fx, 'dag-files/shared/templates/t.jinja2'));
    assert.equal(resolveInFlow(nodeFileHost, folder, includes, 'shared/helper.py'), undefined);
    assert.equal(resolveInFlow(nodeFileHost, folder, [], 'helper.py'), undefined);
  });

  it('mergedRequirementsPath: the named file, through includes, or requirements.txt beside the flow', () => {
    assert.equal(mergedRequirementsPath(resolve(fx, 'dag-valid')), resolve(fx, 'dag-valid/requirements.txt'));
    assert.equal(mergedRequirementsPath(resolve(fx, 'req-flow')), resolve(fx, 'req-flow/deps/reqs.txt'));
    assert.equal(mergedRequirementsPath(resolve(fx, 'req-include/flow')), resolve(fx, 'req-include/common/requirements.txt'));
    assert.equal(mergedRequirementsPath(resolve(fx, 'dag-files/flow')), undefined);
    assert.equal(mergedRequirementsPath(resolve(fx, 'flex-valid')), resolve(fx, 'flex-valid/requirements.txt'));
  });
});
