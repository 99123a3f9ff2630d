import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { applyTextEdit, imageTextEdit } from '../../../../src/core/flow/imageEdit';

const setImage = (text: string, image: string) => applyTextEdit(text, imageTextEdit(text, image));
const imageOf = (text: string) => (parseDocument(text).toJS() as { environment?: { image?: string } }).environment?.image;

describe('imageTextEdit', () => {
  it('replaces an existing image in place and keeps comments and other keys', () => {
    const text = '# my flow\nenvironment:\n  image: old/img:1 # pinned\n  python_requirements_txt: requirements.txt\nnodes: []\n';
    const out = setImage(text, 'mcr.microsoft.com/azureml/promptflow/promptflow-runtime:20240101.v1');
    assert.equal(out, text.replace('old/img:1', 'mcr.microsoft.com/azureml/promptflow/promptflow-runtime:20240101.v1'));
  });

  it('adds an image line above the first key of a block environment, at its indent', () => {
    const text = 'environment:\n    python_requirements_txt: req.txt\ninputs: {}\n';
    assert.equal(setImage(text, 'a/b:1'), 'environment:\n    image: a/b:1\n    python_requirements_txt: req.txt\ninputs: {}\n');
  });

  it('rewrites an empty or flow-style environment as a block', () => {
    assert.equal(setImage('environment:\ninputs: {}\n', 'a/b:1'), 'environment:\n  image: a/b:1\ninputs: {}\n');
    const flow = 'environment: {python_requirements_txt: req.txt}\ninputs: {}\n';
    const out = setImage(flow, 'a/b:1');
    assert.equal(out, 'environment:\n  image: a/b:1\n  python_requirements_txt: "req.txt"\ninputs: {}\n');
    assert.deepEqual(parseDocument(out).toJS().environment, { image: 'a/b:1', python_requirements_txt: 'req.txt' });
  });

  it('appends an environment to a file without one, with or without a final newline', () => {
    assert.equal(setImage('inputs: {}\n', 'a/b:1'), 'inputs: {}\nenvironment:\n  image: a/b:1\n');
    assert.equal(setImage('inputs: {}', 'a/b:1'), 'inputs: {}\nenvironment:\n  image: a/b:1\n');
  });

  it('keeps CRLF line endings', () => {
    const out = setImage('environment:\r\n  python_requirements_txt: r.txt\r\n', 'a/b:1');
    assert.equal(out, 'environment:\r\n  image: a/b:1\r\n  python_requirements_txt: r.txt\r\n');
  });

  it('quotes an image YAML would otherwise misread', () => {
    for (const image of ['img # not a comment', 'yes', '[x]', 'a: b']) {
      const out = setImage('environment:\n  image: old\n', image);
      assert.equal(imageOf(out), image, out);
    }
  });
});
