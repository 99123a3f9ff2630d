// The one list of the files validated by name: its globs match exactly what the predicates match, and
// package.json (activation, schema associations, the requirements language) says the same.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { describe, it } from 'node:test';
import {
  FILE_GLOBS,
  FLOW_FILES_GLOB,
  VALIDATED_FILES_GLOB,
  isFlowFileName,
  isRequirementsFileName,
  isRunFileName,
  isValidatedFileName,
} from '../../../../src/core/flow/files';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: {
    yamlValidation: { fileMatch: string[]; url: string }[];
    languages: { id: string; filenamePatterns?: string[] }[];
  };
};

const NAMES = [
  'flow.dag.yaml',
  'flow.dag.yml',
  'flow.flex.yaml',
  'flow.flex.yml',
  'run.yml',
  'run.yaml',
  'eval.run.yml',
  'batch.run.yaml',
  'requirements.txt',
  'requirements-dev.txt',
  'dev-requirements.txt',
  'flow.yaml',
  'runs.yml',
  'run.yml.bak',
  'notes.txt',
  'flow.dag.yaml.bak',
  'app.py',
];

describe('files validated by name', () => {
  it('the globs match the names the predicates match', () => {
    for (const name of NAMES) {
      const path = `/w/sub/${name}`;
      assert.equal(matchesGlob(path, VALIDATED_FILES_GLOB), isValidatedFileName(name), name);
      assert.equal(matchesGlob(path, FLOW_FILES_GLOB), isFlowFileName(name), name);
      assert.equal(
        FILE_GLOBS.run.some((g) => matchesGlob(name, g)),
        isRunFileName(name),
        name,
      );
      assert.equal(
        FILE_GLOBS.requirements.some((g) => matchesGlob(name, g)),
        isRequirementsFileName(name),
        name,
      );
    }
  });

  it('package.json activates on every flow and run file the editor validates', () => {
    const wanted = [...FILE_GLOBS.dagFlow, ...FILE_GLOBS.flexFlow, ...FILE_GLOBS.run].map((g) => `workspaceContains:**/${g}`);
    assert.deepEqual(
      manifest.activationEvents.filter((e) => e.startsWith('workspaceContains:')),
      wanted,
    );
  });

  it("package.json's schema associations and requirements language name the same files", () => {
    const byUrl = (part: string) => manifest.contributes.yamlValidation.find((v) => v.url.includes(part))?.fileMatch;
    assert.deepEqual(byUrl('flow.dag.schema'), FILE_GLOBS.dagFlow);
    assert.deepEqual(byUrl('flow.flex.schema'), FILE_GLOBS.flexFlow);
    assert.deepEqual(byUrl('run.schema'), FILE_GLOBS.run);
    const pip = manifest.contributes.languages.find((l) => l.id === 'pip-requirements');
    for (const g of FILE_GLOBS.requirements) assert.ok(pip?.filenamePatterns?.includes(g), g);
  });
});
