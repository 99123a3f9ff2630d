// package.json against the facts it repeats in its own language (when clauses, activation events,
// command lists): the command ids of src/shared/commands.ts, the session actions table of
// core/session/actions.ts (through the tree items' context values) and the file names of core/flow/files.ts.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FLOW_FILE_NAMES, RUN_FILE_NAMES, isFlowFileName, isRequirementsFileName, isRunFileName } from '../../../src/core/flow/files';
import { SESSION_ACTIONS, allows, type SessionAction } from '../../../src/core/session/actions';
import type { SessionState } from '../../../src/core/session/types';
import { sessionContextValue } from '../../../src/extension/tree/contextValue';
import { Commands } from '../../../src/shared/commands';

interface MenuEntry {
  command: string;
  when?: string;
}
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { commands: { command: string }[]; menus: Record<string, MenuEntry[]> };
};
const STATES: SessionState[] = [
  'notStarted',
  'starting',
  'running',
  'installing',
  'resetting',
  'updating',
  'stopping',
  'failed',
  'unknown',
];

/** The regex a `when` clause applies to `name` (`viewItem =~ /…/`), as VS Code reads it. */
function whenRegex(when: string, name: string): RegExp {
  const m = new RegExp(`${name} =~ /(.*?)/([a-z]*)(?:\\s|$)`).exec(when);
  assert.ok(m, `no ${name} regex in: ${when}`);
  return new RegExp(m[1], m[2]);
}

describe('package.json', () => {
  it('contributes exactly the commands of src/shared/commands.ts', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
  });

  it("the tree's session menus follow the session actions table for every state", () => {
    const byCommand = new Map<string, SessionAction>(SESSION_ACTIONS.map((a) => [Commands[a], a]));
    const entries = manifest.contributes.menus['view/item/context'].filter((e) => byCommand.has(e.command));
    assert.ok(entries.length >= SESSION_ACTIONS.length - 1, 'the session actions have tree menu entries');
    for (const e of entries) {
      const action = byCommand.get(e.command)!;
      const re = whenRegex(e.when ?? '', 'viewItem');
      for (const state of STATES) {
        for (const computeType of ['serverless', 'computeInstance'] as const) {
          const local = sessionContextValue({ state, settings: { computeType }, flowFolder: '/flows/x' });
          assert.equal(re.test(local), allows(state, action), `${e.command} on a ${state} session (${local})`);
          const remote = sessionContextValue({ state, settings: { computeType } });
          assert.equal(re.test(remote), false, `${e.command} on a session known only from runs (${remote})`);
        }
      }
    }
  });

  it('activates on every flow and run file name', () => {
    for (const n of [...FLOW_FILE_NAMES, ...RUN_FILE_NAMES]) assert.ok(manifest.activationEvents.includes(`workspaceContains:**/${n}`), n);
  });

  it('file-name menus match the same names as core/flow/files.ts', () => {
    const names = [
      ...FLOW_FILE_NAMES,
      ...RUN_FILE_NAMES,
      'eval.run.yml',
      'requirements.txt',
      'requirements-dev.txt',
      'dev-requirements.txt',
      'flow.yaml',
      'runs.yml',
      'notes.txt',
      'flow.dag.yaml.bak',
    ];
    const predicates: [RegExp, (n: string) => boolean][] = [];
    for (const menu of Object.values(manifest.contributes.menus)) {
      for (const e of menu) {
        if (!e.when?.includes('resourceFilename =~')) continue;
        const re = whenRegex(e.when, 'resourceFilename');
        const id = e.command;
        const is =
          id === Commands.saveAndInstall || id === Commands.saveOnly
            ? isRequirementsFileName
            : id === Commands.submitRun
              ? isRunFileName
              : isFlowFileName;
        predicates.push([re, is]);
      }
    }
    assert.ok(predicates.length >= 6);
    for (const [re, is] of predicates) for (const n of names) assert.equal(re.test(n), is(n), `${re} on ${n}`);
  });
});

describe('package.nls.json and package.nls.ja.json', () => {
  // What VS Code itself renders (titles, settings, views, the walkthrough) is named `%key%` in package.json.
  const used = new Set([...readFileSync(join(__dirname, '../../../package.json'), 'utf8').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
  const nls = (file: string) => JSON.parse(readFileSync(join(__dirname, '../../..', file), 'utf8')) as Record<string, unknown>;

  for (const file of ['package.nls.json', 'package.nls.ja.json']) {
    it(`${file} has a text for every %key% of package.json, and no key package.json does not use`, () => {
      const texts = nls(file);
      const empty = [...used].filter((k) => typeof texts[k] !== 'string' || !(texts[k] as string).trim());
      const unused = Object.keys(texts).filter((k) => !used.has(k));
      assert.ok(used.size > 0, 'package.json names its contributions through %key%');
      assert.deepEqual(empty, [], `${file} lacks these keys, or their text is empty`);
      assert.deepEqual(unused, [], `${file} has keys package.json does not use`);
    });
  }
  // VS Code shows `<name>.nls.<locale>.md` beside a walkthrough step's Markdown when the display language has one.
  it('every walkthrough Markdown has a Japanese version beside it', () => {
    const walkthroughs = (manifest.contributes as { walkthroughs?: { steps: { media: { markdown?: string } }[] }[] }).walkthroughs ?? [];
    const pages = walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown).filter((m): m is string => !!m));
    assert.ok(pages.length > 0, 'the walkthrough has Markdown pages');
    const lacking = pages.filter((page) => {
      const ja = join(__dirname, '../../..', page.replace(/\.md$/, '.nls.ja.md'));
      return !existsSync(ja) || !readFileSync(ja, 'utf8').trim();
    });
    assert.deepEqual(lacking, [], 'these walkthrough pages have no <name>.nls.ja.md');
  });
});
