// Done-when check over the shared corpus: `valid` files give no error, `invalid` ones at least
// one error of the kind their note names. Disagreements are listed below with the reason and
// asserted, never skipped.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, it } from 'node:test';
import { nodeFileHost } from '../../../../src/core/flow';
import { createValidator, detectKind, type FlowDiagnostic } from '../../../../src/core/validation';
import { corpusEntries, corpusRoot, type CorpusEntry } from '../../../helpers/corpus';

/**
 * Files whose MANIFEST verdict we do not reproduce, with the error codes we do give (none = no error).
 * Each reason says why the verdict needs knowledge a static check cannot have, or why we disagree.
 */
const DISAGREEMENTS: Record<string, { codes: string[]; reason: string }> = {
  // Marked valid, but its output references node "hello_world", which does not exist: the executor
  // rejects it (OutputReferenceNotFound). Upstream only uses it to generate tool metadata.
  'src/promptflow/tests/test_configs/flows/flow-with_tool_settings/flow.dag.yaml': {
    codes: ['PF1003'],
    reason: 'output references a missing node',
  },
  // Invalid only at run time or with knowledge of installed tools / Python code:
  'src/promptflow/tests/test_configs/eager_flows/invalid_illegal_input_type/flow.flex.yaml': {
    codes: [],
    reason: 'input types come from the Python signature',
  },
  'src/promptflow/tests/test_configs/flows/flow_with_invalid_import/flow.dag.yaml': {
    codes: [],
    reason: 'fails when the Python module is imported',
  },
  'src/promptflow/tests/test_configs/flows/llm_tool_with_duplicated_inputs/flow.dag.yaml': {
    codes: [],
    reason: 'needs the LLM tool signature',
  },
  'src/promptflow/tests/test_configs/flows/prompt_tool_with_duplicated_inputs/flow.dag.yaml': {
    codes: [],
    reason: 'needs the prompt tool signature',
  },
  'src/promptflow/tests/test_configs/wrong_flows/flow_output_unserializable/flow.dag.yaml': {
    codes: [],
    reason: 'the output value is only known at run time',
  },
  'src/promptflow/tests/test_configs/wrong_flows/wrong_package_in_package_tools/flow.dag.yaml': {
    codes: [],
    reason: 'needs the list of installed package tools',
  },
};

/** Note keywords → the codes that count as "the right kind" of error. */
const EXPECTED_BY_NOTE: [RegExp, string[]][] = [
  [/circular/i, ['PF1004']],
  [/NodeReferenceNotFound/, ['PF1003']],
  [/OutputReferenceNotFound/, ['PF1002', 'PF1003']],
  [/EmptyOutputReference/, ['PF1019']],
  [/multiple chat inputs/, ['PF1008']],
  [/multiple chat outputs/, ['PF1009']],
  [/additional_includes entry does not exist/, ['PF1016']],
  [/Unknown field/, ['PF0010']],
  [/folder-level/, ['PF1018']],
  [/InvalidFlexFlowEntry/, ['PF1030', 'PF1031']],
  [/data path does not exist/, ['PF3002']],
  [/flow path|flow string/, ['PF3001']],
  [/activate\.when references non-aggregation/, ['PF1006']],
  [/node type missing/, ['PF0002']],
  [/api not valid/, ['PF0002']],
  [/module cannot be found/, ['PF1022']],
  [/python_requirements_txt requirements\.txt/, ['PF1015']],
  // Upstream fails on the connection type; the same node also lacks `api`, which we report.
  [/CustomConnection not supported for LLM/, ['PF1021']],
];

const FILE_CODES = new Set(['PF1014', 'PF1015', 'PF1016', 'PF1023', 'PF1031', 'PF3001', 'PF3002', 'PF3008']);

/** Files the MANIFEST says are missing upstream (or live in the other corpus split). */
function knownMissing(note: string): string[] {
  const out: string[] = [];
  const refs = /refs missing upstream: ([^|]*)$/.exec(note)?.[1];
  if (refs) for (const r of refs.split(';')) out.push(basename(r.trim().replace(/^python_requirements_txt\s+/, '')));
  const split = /referenced flow (\S+) is in the other corpus split/.exec(note)?.[1];
  if (split) out.push(basename(split));
  return out.filter(Boolean);
}

/** Errors, minus "file not found" errors about files the MANIFEST itself says are absent. */
function realErrors(e: CorpusEntry, list: FlowDiagnostic[]): FlowDiagnostic[] {
  const missing = knownMissing(e.note);
  return list.filter(
    (d) =>
      d.severity === 'error' &&
      !(
        FILE_CODES.has(d.code) &&
        missing.some((m) => d.message.includes(`"${m}"`) || d.message.includes(`/${m} `) || d.message.includes(`/${m})`))
      ),
  );
}

function expectedCodes(e: CorpusEntry): string[] | undefined {
  return EXPECTED_BY_NOTE.find(([re]) => re.test(e.note))?.[1];
}

describe('corpus (../shared/corpus/MANIFEST.tsv)', () => {
  const entries = corpusEntries().filter((e) => ['flow', 'run', 'requirements'].includes(e.kind));
  const validator = createValidator(nodeFileHost, { incremental: false });
  const results = new Map(
    entries.map((e) => [e, validator.validate({ path: e.abs, text: readFileSync(e.abs, 'utf8'), workspaceRoot: corpusRoot })]),
  );

  it('has the expected number of files', () => {
    assert.ok(entries.length >= 280, `${entries.length}`);
  });

  it('detects each file as the kind the MANIFEST gives', () => {
    for (const e of entries) {
      const kind = detectKind(e.abs, readFileSync(e.abs, 'utf8'));
      const family = kind === 'dagFlow' || kind === 'flexFlow' ? 'flow' : kind;
      assert.equal(family, e.kind, e.path);
    }
  });

  it('every disagreement names a real entry and gives exactly the listed errors', () => {
    for (const [rel, { codes }] of Object.entries(DISAGREEMENTS)) {
      const e = entries.find((x) => x.path === `promptflow/${rel}`);
      assert.ok(e, `not in MANIFEST: ${rel}`);
      assert.deepEqual([...new Set(realErrors(e, results.get(e)!).map((d) => d.code))], codes, rel);
    }
  });

  it('valid files give no error', () => {
    for (const e of entries.filter((x) => x.expected === 'valid' && !DISAGREEMENTS[x.path.replace(/^promptflow\//, '')])) {
      const errs = realErrors(e, results.get(e)!);
      assert.deepEqual(
        errs.map((d) => `${d.code} ${d.message}`),
        [],
        e.path,
      );
    }
  });

  it('invalid files give at least one error of the right kind', () => {
    let checked = 0;
    for (const e of entries.filter((x) => x.expected === 'invalid' && !DISAGREEMENTS[x.path.replace(/^promptflow\//, '')])) {
      const errs = results
        .get(e)!
        .filter((d) => d.severity === 'error')
        .map((d) => d.code);
      const want = expectedCodes(e) ?? (e.kind === 'run' ? ['PF0', 'PF3'] : ['PF0', 'PF1']);
      assert.ok(
        errs.some((c) => want.some((w) => c.startsWith(w))),
        `${e.path}: got [${errs.join(', ')}], want one of ${want.join(', ')} (${e.note})`,
      );
      checked++;
    }
    assert.ok(checked >= 20, `${checked}`);
  });

  it('files of unknown verdict are validated without failure', () => {
    for (const e of entries.filter((x) => x.expected === 'unknown')) assert.ok(Array.isArray(results.get(e)));
  });
});
