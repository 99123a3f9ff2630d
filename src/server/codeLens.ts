// Codelenses of flow files (session actions) and requirements files (save / install). Ranges come from
// the outline; titles follow the session state the client reports, cached per flow folder until the
// client says the state changed. A client that does not answer gets the default (no session) lenses.
import type { CodeLens, Connection } from 'vscode-languageserver/node';
import type { SessionState } from '../core/session/types';
import { allows, type SessionAction } from '../core/session/actions';
import { Commands } from '../shared/commands';
import { flowFolderIdOfFile, type FlowFolderId } from '../shared/flowFolderId';
import { SessionStateRequest, type FlowSessionStateView, type SessionStateParams } from '../shared/protocol';
import { isFlowFileName } from '../core/flow/files';
import type { DocModel } from './docModel';
import { render, t, type Locale, type MessageId } from '../core/i18n';

type LensTitle = Extract<MessageId, `server.lens.${string}`>;

const STATE_TIMEOUT_MS = 1500;

const STATE_TITLE: Record<SessionState, LensTitle> = {
  notStarted: 'server.lens.startSession',
  unknown: 'server.lens.startSession',
  failed: 'server.lens.startFailed',
  starting: 'server.lens.starting',
  running: 'server.lens.running',
  installing: 'server.lens.installing',
  resetting: 'server.lens.resetting',
  updating: 'server.lens.updating',
  stopping: 'server.lens.stopping',
};

export class SessionStates {
  /** null: asked, and the client knows of no session (or did not answer); drawn with default lenses. */
  private readonly cache = new Map<FlowFolderId, FlowSessionStateView | null>();
  /** Whether the client may answer the custom request at all; off after it says "no such method". */
  enabled = true;

  constructor(private readonly connection: Connection) {}

  /** Counts invalidations: an answer asked for before one may be stale and is not kept. */
  private generation = 0;

  invalidate(folders?: FlowFolderId[]): void {
    this.generation++;
    if (!folders?.length) this.cache.clear();
    else for (const f of folders) this.cache.delete(f);
  }

  async get(folder: FlowFolderId): Promise<FlowSessionStateView | undefined> {
    const hit = this.cache.get(folder);
    if (hit !== undefined || !this.enabled) return hit ?? undefined;
    const params: SessionStateParams = { flowFolders: [folder] };
    const asked = this.generation;
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        this.connection.sendRequest(SessionStateRequest, params),
        new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), STATE_TIMEOUT_MS))),
      ]);
      const view = answer?.sessions?.find((s) => s.flowFolder === folder);
      // A state change arrived while the client answered: the lenses are drawn again (a refresh follows
      // every change), and that drawing asks anew rather than reading this answer.
      if (asked === this.generation) this.cache.set(folder, view ?? null);
      return view;
    } catch (e) {
      // MethodNotFound: a client without the extension's handler (another editor); stop asking.
      if ((e as { code?: number }).code === -32601) this.enabled = false;
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

const lineRange = (line: number, col = 0) => ({ start: { line, character: col }, end: { line, character: col } });

/**
 * The lenses' command argument: the flow folder's URI, cut from the document URI the client sent so it is
 * spelled (encoded) exactly as the client spells it. A VS Code command argument, not a protocol message.
 */
export function folderUri(model: DocModel): string {
  return model.uri.slice(0, model.uri.lastIndexOf('/'));
}

/** Lenses of the top line, after the state lens: the session actions worth a click from the file. */
const TOP_LENSES: { action: SessionAction; key: LensTitle }[] = [
  { action: 'installRequirements', key: 'server.lens.install' },
  { action: 'reset', key: 'server.lens.reset' },
  { action: 'stop', key: 'server.lens.stop' },
  { action: 'showPackages', key: 'server.lens.packages' },
];

export async function flowLenses(model: DocModel, states: SessionStates, locale: Locale): Promise<CodeLens[]> {
  if (!isFlowFileName(model.path)) return [];
  // The protocol's form, from the document's path, which the server made from its URI once.
  const folder = flowFolderIdOfFile(model.path);
  const argument = folderUri(model);
  const view = await states.get(folder);
  const state: SessionState = view?.state ?? 'notStarted';
  const title = (key: LensTitle, extra: string) => {
    const text = render(locale, { id: key }) + extra;
    return view?.actionsDisabled ? t(locale, 'server.lens.unavailable', { title: text }) : text;
  };
  const lens = (line: number, key: LensTitle, command: string, extra = ''): CodeLens => ({
    range: lineRange(line),
    command: { title: title(key, extra), command, arguments: [argument] },
  });
  const top = 0;
  // The state lens starts the session where a start is allowed, else opens the actions of the state.
  const stateCommand = allows(state, 'start') ? Commands.start : Commands.sessionActions;
  const out: CodeLens[] = [lens(top, STATE_TITLE[state], stateCommand, state === 'running' && view?.detail ? ` · ${view.detail}` : '')];
  for (const l of TOP_LENSES) if (allows(state, l.action)) out.push(lens(top, l.key, Commands[l.action]));
  const { image, requirements } = model.outline;
  if (image) {
    if (allows(state, 'reset')) out.push(lens(image.line, 'server.lens.resetToApplyImage', Commands.reset));
    else if (allows(state, 'changeBaseImage')) out.push(lens(image.line, 'server.lens.changeBaseImage', Commands.changeBaseImage));
  }
  if (requirements && allows(state, 'installRequirements'))
    out.push(lens(requirements.line, 'server.lens.install', Commands.installRequirements));
  return out;
}

/** Argument: the requirements file URI (the extension finds the flow folder that uses it). */
export function requirementsLenses(model: DocModel, locale: Locale): CodeLens[] {
  const args = [model.uri];
  return [
    { range: lineRange(0), command: { title: t(locale, 'server.lens.saveAndInstall'), command: Commands.saveAndInstall, arguments: args } },
    { range: lineRange(0), command: { title: t(locale, 'server.lens.saveOnly'), command: Commands.saveOnly, arguments: args } },
  ];
}
