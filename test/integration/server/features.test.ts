// Editor features of the real server over stdio: codelenses (with and without session state from the
// client), hover, completion, document links, code actions, and revalidation of dependent documents.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CodeLens, CompletionItem, CompletionList, DocumentLink, Hover } from 'vscode-languageserver-protocol';
import { Commands } from '../../../src/shared/commands';
import type { SessionState } from '../../../src/core/session/types';
import { flowFolderId, type FlowFolderId } from '../../../src/shared/flowFolderId';
import { SessionStateChangedNotification } from '../../../src/shared/protocol';
import { LspTestClient, uriOf } from '../../helpers/lspClient';

const FLOW = `$schema: https://azuremlschemas.azureedge.net/promptflow/latest/Flow.schema.json
environment:
  image: mcr.microsoft.com/azureml/promptflow/promptflow-runtime:latest
  python_requirements_txt: requirements.txt
inputs:
  question:
    type: string
    is_chat_input: true
outputs:
  answer:
    type: string
    reference: \${summarize.output}
    is_chat_output: true
nodes:
- name: fetch
  type: python
  source:
    type: code
    path: step.py
  inputs:
    url: \${inputs.question}
- name: summarize
  type: llm
  source:
    type: code
    path: prompt.jinja2
  inputs:
    text: \${fetch.output}
  conection: open_ai
  api: chat
`;

const RUN = `flow: .
data: data.jsonl
run: base_run
column_mapping:
  question: \${data.question}
identity:
  type: managed
`;

function lines(text: string) {
  return text.split('\n');
}
function positionOf(text: string, needle: string, offset = 0) {
  const idx = text.indexOf(needle);
  assert.ok(idx >= 0, `${needle} not in text`);
  const before = text.slice(0, idx + offset);
  const ls = lines(before);
  return { line: ls.length - 1, character: ls[ls.length - 1].length };
}
const labels = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);

describe('language server editor features', () => {
  let dir: string;
  let flowUri: string;
  let runUri: string;
  let reqUri: string;
  let folderUri: string;
  let client: LspTestClient;
  let folder: FlowFolderId;
  let state: { state: SessionState; detail: string } = { state: 'running', detail: 'Standard_D4s_v3' };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pf-features-'));
    writeFileSync(join(dir, 'step.py'), 'def run(url):\n    return url\n');
    writeFileSync(join(dir, 'prompt.jinja2'), '{{text}}\n');
    writeFileSync(join(dir, 'requirements.txt'), 'requests\n');
    writeFileSync(join(dir, 'data.jsonl'), '{"question": "q1", "ground_truth": "a1"}\n{"question": "q2", "ground_truth": "a2"}\n');
    writeFileSync(join(dir, 'flow.dag.yaml'), FLOW);
    flowUri = uriOf(join(dir, 'flow.dag.yaml'));
    runUri = uriOf(join(dir, 'run.yml'));
    reqUri = uriOf(join(dir, 'requirements.txt'));
    folderUri = uriOf(dir);
    folder = flowFolderId(dir);
    client = await LspTestClient.start({
      rootPath: dir,
      onSessionState: (p) => ({ sessions: p.flowFolders.map((f) => ({ flowFolder: f, ...state })) }),
    });
    await client.open(flowUri, FLOW);
    await client.open(runUri, RUN);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('diagnostics carry source "promptflow" and a code', async () => {
    const all = [...(client.lastDiagnostics(flowUri) ?? []), ...(client.lastDiagnostics(runUri) ?? [])];
    for (const d of all) {
      assert.equal(d.source, 'promptflow');
      assert.ok(typeof d.code === 'string' && d.code.length > 0);
    }
  });

  it('codelenses follow the session state the client reports, and refresh when it changes', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: flowUri } });
    const top = lenses.filter((l) => l.range.start.line === 0);
    assert.deepEqual(
      top.map((l) => l.command?.command),
      // The state lens opens the session's actions (a running session cannot be started), then the
      // actions the table allows a running session.
      [Commands.sessionActions, Commands.installRequirements, Commands.reset, Commands.stop, Commands.showPackages],
    );
    assert.match(top[0].command!.title, /Session running · Standard_D4s_v3/);
    // The lenses' argument is a command argument, the flow folder's URI (the protocol carries its path).
    for (const l of lenses) assert.deepEqual(l.command?.arguments, [folderUri]);
    const imageLens = lenses.find((l) => l.range.start.line === 2);
    assert.equal(imageLens?.command?.title, 'Reset to apply image');
    assert.equal(lenses.find((l) => l.range.start.line === 3)?.command?.command, Commands.installRequirements);

    state = { state: 'notStarted', detail: '' };
    const refreshed = client.codeLensRefresh();
    await client.connection.sendNotification(SessionStateChangedNotification, { flowFolders: [folder] });
    await refreshed;
    const after = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: flowUri } });
    // No session: Start, and changing the image edits the file; nothing that needs a session is offered.
    assert.deepEqual(
      after.map((l) => [l.range.start.line, l.command?.command]),
      [
        [0, Commands.start],
        [2, Commands.changeBaseImage],
      ],
    );
    assert.match(after[0].command!.title, /Start session/);

    // Starting: the only action is to give up and stop.
    state = { state: 'starting', detail: '' };
    const again = client.codeLensRefresh();
    await client.connection.sendNotification(SessionStateChangedNotification, { flowFolders: [folder] });
    await again;
    const starting = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: flowUri } });
    assert.deepEqual(
      starting.map((l) => l.command?.command),
      [Commands.sessionActions, Commands.stop],
    );
  });

  it('requirements.txt gets "Save and install" and "Save only"', async () => {
    await client.open(reqUri, 'requests\n', 'pip-requirements');
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: reqUri } });
    assert.deepEqual(
      lenses.map((l) => [l.command?.title, l.command?.command]),
      [
        ['Save and install', Commands.saveAndInstall],
        ['Save only', Commands.saveOnly],
      ],
    );
    for (const l of lenses) assert.deepEqual(l.command?.arguments, [reqUri]);
  });

  it('hover documents keys by YAML path', async () => {
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: flowUri },
      position: positionOf(FLOW, 'python_requirements_txt', 3),
    });
    const text = JSON.stringify(hover.contents);
    assert.match(text, /python_requirements_txt/);
    assert.match(text, /requirements/i);
    const none = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: flowUri },
      position: positionOf(FLOW, 'mcr.microsoft', 2),
    });
    assert.equal(none, null, 'values have no key hover');
    const run = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: runUri },
      position: positionOf(RUN, 'type: managed', 1),
    });
    assert.match(JSON.stringify(run.contents), /user_identity/);
  });

  it('completes keys, values, node and input names and ${ references', async () => {
    const edited = FLOW.replace('  api: chat\n', '  api: chat\n  \n') + '';
    await client.change(flowUri, 2, edited);
    const blank = lines(edited).findIndex((l, i) => l === '  ' && i > 20);
    const keys = labels(
      await client.request('textDocument/completion', { textDocument: { uri: flowUri }, position: { line: blank, character: 2 } }),
    );
    assert.ok(keys.includes('activate') && keys.includes('aggregation'), `node keys: ${keys.join(',')}`);
    assert.ok(!keys.includes('api'), 'keys already present are not offered again');

    const typeValues = labels(
      await client.request('textDocument/completion', { textDocument: { uri: flowUri }, position: positionOf(edited, 'type: llm', 6) }),
    );
    assert.ok(typeValues.includes('python') && typeValues.includes('llm'), `tool types: ${typeValues.join(',')}`);

    const withRef = edited.replace('text: ${fetch.output}', 'text: ${');
    await client.change(flowUri, 3, withRef);
    const at = positionOf(withRef, 'text: ${', 'text: ${'.length);
    const refs = labels(await client.request('textDocument/completion', { textDocument: { uri: flowUri }, position: at }));
    assert.deepEqual(refs.sort(), ['fetch', 'inputs', 'summarize']);

    const withInputs = edited.replace('text: ${fetch.output}', 'text: ${inputs.');
    await client.change(flowUri, 4, withInputs);
    const inputs = labels(
      await client.request('textDocument/completion', {
        textDocument: { uri: flowUri },
        position: positionOf(withInputs, 'text: ${inputs.', 'text: ${inputs.'.length),
      }),
    );
    assert.deepEqual(inputs, ['question']);

    const withNode = edited.replace('text: ${fetch.output}', 'text: ${fetch.');
    await client.change(flowUri, 5, withNode);
    const outputs = labels(
      await client.request('textDocument/completion', {
        textDocument: { uri: flowUri },
        position: positionOf(withNode, 'text: ${fetch.', 'text: ${fetch.'.length),
      }),
    );
    assert.deepEqual(outputs, ['output']);
    await client.change(flowUri, 6, FLOW);
  });

  it('completes identity types, data columns and base run references in run files', async () => {
    const identity = labels(
      await client.request('textDocument/completion', { textDocument: { uri: runUri }, position: positionOf(RUN, 'type: managed', 6) }),
    );
    assert.deepEqual(identity.sort(), ['managed', 'user_identity']);
    const text = RUN.replace('${data.question}', '${data.');
    await client.change(runUri, 2, text);
    const columns = labels(
      await client.request('textDocument/completion', { textDocument: { uri: runUri }, position: positionOf(text, '${data.', 7) }),
    );
    assert.deepEqual(columns.sort(), ['ground_truth', 'question']);
    const text2 = RUN.replace('${data.question}', '${run.outputs.');
    await client.change(runUri, 3, text2);
    const outputs = labels(
      await client.request('textDocument/completion', { textDocument: { uri: runUri }, position: positionOf(text2, '${run.outputs.', 14) }),
    );
    assert.deepEqual(outputs, ['answer']);
    await client.change(runUri, 4, RUN);
  });

  it('links paths to the files they name', async () => {
    const flowLinks = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: flowUri } });
    const targets = flowLinks.map((l) => l.target!.slice(folderUri.length + 1)).sort();
    assert.deepEqual(targets, ['prompt.jinja2', 'requirements.txt', 'step.py']);
    const stepLink = flowLinks.find((l) => l.target!.endsWith('step.py'))!;
    assert.equal(lines(FLOW)[stepLink.range.start.line].slice(stepLink.range.start.character, stepLink.range.end.character), 'step.py');
    const runLinks = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: runUri } });
    assert.deepEqual(runLinks.map((l) => l.target!.slice(folderUri.length + 1)).sort(), ['data.jsonl', 'flow.dag.yaml']);
  });

  it('offers the validator fix and "did you mean" for an unknown key', async () => {
    const keyPos = positionOf(FLOW, 'conection');
    const unknownKey = {
      range: { start: keyPos, end: { line: keyPos.line, character: keyPos.character + 9 } },
      severity: 2,
      source: 'promptflow',
      code: 'unknown-key',
      message: 'Unknown key',
    };
    const edit = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } }, newText: 'fixed' };
    const withFix = { ...unknownKey, range: edit.range, code: 'x', data: { fix: { title: 'Apply the fix', edits: [edit] } } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: flowUri },
      range: unknownKey.range,
      context: { diagnostics: [unknownKey, withFix] },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Change to "connection"', 'Apply the fix'],
    );
    assert.equal(actions[0].edit?.changes?.[flowUri]?.[0].newText, 'connection');
    assert.deepEqual(actions[1].edit?.changes?.[flowUri], [edit]);
    const known = { ...unknownKey, range: { start: positionOf(FLOW, 'api: chat'), end: positionOf(FLOW, 'api: chat', 3) } };
    const none = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: flowUri },
      range: known.range,
      context: { diagnostics: [known] },
    });
    assert.deepEqual(none, [], 'a known key gets no rename');
  });

  it("turns the validator's unknown-key diagnostic into a rename", async () => {
    await client.change(flowUri, 100, FLOW);
    const line = positionOf(FLOW, 'conection').line;
    const real = (client.lastDiagnostics(flowUri) ?? []).filter((d) => d.range.start.line === line);
    assert.ok(real.length > 0, 'the misspelt key is reported');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: flowUri },
      range: real[0].range,
      context: { diagnostics: real },
    });
    const edits = actions.flatMap((a) => a.edit?.changes?.[flowUri] ?? []);
    assert.ok(
      edits.some((e) => e.newText === 'connection'),
      JSON.stringify(actions),
    );
  });

  it('publishes only the newest version when edits arrive in a burst', async () => {
    const seen: number[] = [];
    const last = client.diagnostics(flowUri, 10_000, (p) => {
      seen.push(p.version ?? -1);
      return p.version === 116;
    });
    const burst = [];
    for (let v = 107; v <= 116; v++)
      burst.push({
        method: 'textDocument/didChange',
        params: { textDocument: { uri: flowUri, version: v }, contentChanges: [{ text: FLOW.replace('question', `question${v}`) }] },
      });
    client.sendBurst(burst);
    await last;
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      seen,
      'versions never go backwards',
    );
    assert.ok(seen.length < 10, `coalesced: ${seen.join(',')}`);
  });
});
