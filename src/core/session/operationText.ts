// The session service's texts, rendered from the catalogue (core/i18n/messages/session.ts) in the
// service's locale: the operations' names (the framing of their errors: "<name> failed: …" /
// "<name>に失敗しました: …"), the failures the service itself raises, and the phases it reports.
import { joinList, msg, render, t as tr, translator, type Locale, type Message } from '../i18n';
import type { OperationProgress } from './types';
import type { SettingDifference } from './sessionState';

export type OperationKind = OperationProgress['kind'];

const names: Record<OperationKind, Message> = {
  start: msg('azure.op.startSession'),
  install: msg('session.op.install'),
  reset: msg('azure.op.resetSession'),
  update: msg('session.op.update'),
  stop: msg('azure.op.stopSession'),
  computeStart: msg('session.op.computeStart'),
};

export function operationName(kind: OperationKind, loc: Locale): string {
  return render(loc, names[kind]);
}

export function cancelledText(kind: OperationKind, loc: Locale): { message: string; fix: string } {
  const t = translator(loc);
  return { message: t('session.cancelled', { operation: operationName(kind, loc) }), fix: t('session.cancelledFix') };
}

export function conflictText(running: OperationKind, loc: Locale): { message: string; fix: string } {
  const t = translator(loc);
  // Inside a sentence the name is not capitalised ("Another operation (starting the session) …"); Japanese has no case.
  return { message: t('session.conflict', { operation: operationName(running, loc).toLowerCase() }), fix: t('session.conflictFix') };
}

export function closedText(loc: Locale): string {
  return tr(loc, 'session.closed');
}

export function noSessionText(loc: Locale): { message: string; fix: string } {
  return { message: tr(loc, 'session.noSession'), fix: tr(loc, 'session.noSessionFix') };
}

export function incompleteSessionFix(loc: Locale): string {
  return tr(loc, 'session.incompleteFix');
}

/** The session list could not be written to the state folder: what that means, and what to do. */
export function stateSaveText(file: string, reason: string, loc: Locale): { message: string; fix: string } {
  return { message: tr(loc, 'session.stateSave', { file, reason }), fix: tr(loc, 'session.stateSaveFix') };
}

/** Texts of deleting an instance or a session and of what became of them (S7, S11). */
export function instanceText(loc: Locale) {
  const t = translator(loc);
  return {
    deletingCompute: (name: string) => t('azure.op.deleteCompute', { name }),
    deletingSession: (id: string) => t('session.instance.deletingSession', { id }),
    unknownInstance: (name: string) => t('session.instance.unknownInstance', { name }),
    computeStillThere: (name: string) => t('session.instance.computeStillThere', { name }),
    computeStillThereFix: t('session.instance.computeStillThereFix'),
    sessionStillThere: (id: string) => t('session.instance.sessionStillThere', { id }),
    sessionStillThereFix: t('session.instance.sessionStillThereFix'),
  };
}

/** Texts of the session verbs themselves: reading, compute instances, requirements files. */
export function sessionText(loc: Locale) {
  const t = translator(loc);
  return {
    reading: t('azure.op.readSession'),
    chooseComputeInstance: t('session.text.chooseComputeInstance'),
    notComputeInstance: (name: string, type: string) => t('session.text.notComputeInstance', { name, type }),
    computeStartDeclined: (name: string) => t('session.text.computeStartDeclined', { name }),
    computeStartDeclinedFix: t('session.text.computeStartDeclinedFix'),
    computeUnusable: (name: string, state: string) => t('session.text.computeUnusable', { name, state }),
    computeUnusableFix: t('session.text.computeUnusableFix'),
    noRequirementsFile: (flow: string) => t('session.text.noRequirementsFile', { flow }),
    unusedRequirementsFile: (file: string) => t('session.text.unusedRequirementsFile', { file }),
    noRequirementsFileFix: t('session.text.noRequirementsFileFix'),
    settingsChanged: (flow: string) => t('session.text.settingsChanged', { flow }),
    settingsNotApplied: (differences: string) => t('session.text.settingsNotApplied', { differences }),
    settingsNotAppliedFix: t('session.text.settingsNotAppliedFix'),
  };
}

const FIELDS = {
  computeType: 'session.text.settingField.computeType',
  computeInstance: 'session.computeInstance',
  vmSize: 'session.vmSize',
  identity: 'session.identity',
  idleMinutes: 'session.text.settingField.idleMinutes',
} as const satisfies Record<SettingDifference['field'], string>;

/** The settings a session runs with other than asked, for a message: "VM size Standard_D4s_v3 (asked for Standard_D8s_v3)". */
export function settingDifferencesText(differences: readonly SettingDifference[], loc: Locale): string {
  const t = translator(loc);
  const value = (d: SettingDifference, v: string | number) =>
    d.field === 'idleMinutes'
      ? t('session.text.minutes', { n: Number(v) })
      : d.field === 'identity' && v === ''
        ? t('session.userIdentity')
        : String(v);
  return joinList(
    loc,
    differences.map((d) => t('session.text.settingRuns', { field: t(FIELDS[d.field]), runs: value(d, d.runs), asked: value(d, d.asked) })),
  );
}

/** The phases an operation reports while it runs (progress, status bar, the CLI's progress lines). */
export function phaseText(loc: Locale) {
  const t = translator(loc);
  return {
    checkingPrerequisites: t('session.phase.checkingPrerequisites'),
    checkingExisting: t('session.phase.checkingExisting'),
    requesting: t('session.phase.requesting'),
    recreatingNew: t('session.phase.recreatingNew'),
    recreatingOwn: t('session.phase.recreatingOwn'),
    updating: t('session.phase.updating'),
    resetting: t('session.phase.resetting'),
    installing: t('session.phase.installing'),
    deleting: t('session.phase.deleting'),
    checkingSession: t('session.phase.checkingSession'),
    checkingCompute: t('session.phase.checkingCompute'),
    computeStopping: (name: string) => t('session.phase.computeStopping', { name }),
    computeStarting: (name: string) => t('session.phase.computeStarting', { name }),
    computeWaiting: (name: string, state: string) => t('session.phase.computeWaiting', { name, state }),
    uploadingFlow: t('session.phase.uploadingFlow'),
    uploadingData: t('session.phase.uploadingData'),
    submittingRun: t('session.phase.submittingRun'),
  };
}
