import * as vscode from 'vscode';
import { resourceName } from '../../core/model';
import type { ComputeType, ISessionService, SessionSettings, VmSizeOption } from '../../core/session/types';
import { vmSizeAvailability, vmSizeRank } from '../../core/session/vmSizeRules';
import { settings } from '../connection';
import { GoTo, runWizard, type PickItem, type WizardStep } from './wizardUi';

interface WizardState {
  settings: SessionSettings;
  /** Steps whose value came from a setting or the caller: skipped unless the user asks to change them. */
  decided: Set<string>;
  confirmed?: boolean;
}

const idlePresets = [30, 60, 120, 240, 480];

/** D series and larger first, then by size; sizes without quota last (they would fail to start). */
export function orderVmSizes(sizes: VmSizeOption[]): VmSizeOption[] {
  const dFirst = (s: VmSizeOption) => (/^Standard_D/i.test(s.name) ? 0 : 1);
  return [...sizes].sort(
    (a, b) => vmSizeRank(a) - vmSizeRank(b) || dFirst(a) - dFirst(b) || a.vCPUs - b.vCPUs || a.name.localeCompare(b.name),
  );
}

/** The line under a VM size: why it cannot take a session now, or the quota it has. */
export function vmSizeDetail(v: VmSizeOption): string {
  switch (vmSizeAvailability(v)) {
    case 'notEligible':
      return vscode.l10n.t('Not eligible: serverless sessions need D series or larger');
    case 'noQuota':
      return vscode.l10n.t('No quota: {0} vCPUs free in {1}', v.quotaAvailable, v.family);
    default:
      return vscode.l10n.t('{0} vCPUs free in {1}', v.quotaAvailable, v.family);
  }
}

/**
 * Compute type → VM size or compute instance → idle time → identity → confirm.
 * Returns undefined when the user cancelled.
 */
export async function askSessionSettings(
  service: ISessionService,
  title: string,
  current?: SessionSettings,
): Promise<SessionSettings | undefined> {
  const cfg = settings();
  const defaultVm = cfg.get<string>('session.defaultVmSize') || undefined;
  const defaultIdle = cfg.get<number>('session.defaultIdleMinutes') || undefined;
  const state: WizardState = {
    settings: {
      computeType: current?.computeType ?? 'serverless',
      vmSize: current?.vmSize ?? defaultVm,
      idleMinutes: current?.idleMinutes ?? defaultIdle,
      identityResourceId: current?.identityResourceId,
      computeInstanceName: current?.computeInstanceName,
    },
    decided: new Set(),
  };
  if (state.settings.vmSize) state.decided.add('vmSize');
  if (state.settings.idleMinutes) state.decided.add('idle');
  // Loaded once, on the step that needs it.
  let identities: ReturnType<ISessionService['identities']> | undefined;
  const loadIdentities = () => (identities ??= service.identities().catch(() => []));

  const steps: WizardStep<WizardState>[] = [
    {
      id: 'computeType',
      shouldPrompt: (s) => !s.decided.has('computeType'),
      prompt: async (s, ui) => {
        const picked = await ui.pick<ComputeType>(
          vscode.l10n.t('Where should the session run?'),
          [
            {
              label: `$(cloud) ${vscode.l10n.t('Serverless compute')}`,
              detail: vscode.l10n.t('Choose a VM size, an idle time and an identity.'),
              value: 'serverless',
            },
            {
              label: `$(vm) ${vscode.l10n.t('Compute instance')}`,
              detail: vscode.l10n.t('VM size and identity come from the instance; only the idle shutdown time can be set.'),
              value: 'computeInstance',
            },
          ],
          s.settings.computeType,
        );
        s.settings.computeType = picked;
      },
    },
    {
      id: 'vmSize',
      shouldPrompt: (s) => s.settings.computeType === 'serverless' && !s.decided.has('vmSize'),
      prompt: async (s, ui) => {
        const items = service.vmSizes().then((sizes) =>
          orderVmSizes(sizes).map<PickItem<string>>((v) => ({
            label: v.name,
            description: vscode.l10n.t('{0} vCPUs · {1} GB', v.vCPUs, v.memoryGB),
            detail: vmSizeDetail(v),
            value: v.name,
          })),
        );
        s.settings.vmSize = await ui.pick(vscode.l10n.t('VM size (sizes with quota first)'), items, s.settings.vmSize);
      },
    },
    {
      id: 'computeInstance',
      shouldPrompt: (s) => s.settings.computeType === 'computeInstance' && !s.decided.has('computeInstance'),
      prompt: async (s, ui) => {
        const items = service.computeInstances().then((list) => {
          const mine = list.filter((c) => c.assignedToMe);
          if (!mine.length)
            return [
              { label: vscode.l10n.t('No compute instance is assigned to you in this workspace.'), value: undefined } as PickItem<string>,
            ];
          return mine.map<PickItem<string>>((c) => ({
            label: c.name,
            description: [c.vmSize, c.state].filter(Boolean).join(' · '),
            value: c.name,
          }));
        });
        s.settings.computeInstanceName = await ui.pick(vscode.l10n.t('Compute instance'), items, s.settings.computeInstanceName);
      },
    },
    {
      id: 'idle',
      shouldPrompt: (s) => !s.decided.has('idle'),
      prompt: async (s, ui) => {
        const label =
          s.settings.computeType === 'serverless'
            ? vscode.l10n.t('Delete the session after it has been idle for')
            : vscode.l10n.t('Shut the instance down after it has been idle for');
        const choice = await ui.pick<number>(
          label,
          [
            ...idlePresets.map((m) => ({ label: vscode.l10n.t('{0} minutes', m), value: m })),
            { label: vscode.l10n.t('Other…'), value: -1 },
          ],
          s.settings.idleMinutes,
        );
        if (choice >= 0) {
          s.settings.idleMinutes = choice;
          return;
        }
        const text = await ui.input(vscode.l10n.t('Idle time in minutes (15 to 10080)'), String(s.settings.idleMinutes ?? 60), (v) =>
          /^\d+$/.test(v) && +v >= 15 && +v <= 10080 ? undefined : vscode.l10n.t('Enter a whole number from 15 to 10080.'),
        );
        s.settings.idleMinutes = Number(text);
      },
    },
    {
      id: 'identity',
      // The user's identity is the default; the step only appears when the workspace has another to offer.
      shouldPrompt: (s) => s.settings.computeType === 'serverless' && !s.decided.has('identity'),
      prompt: async (s, ui) => {
        const list = await loadIdentities();
        if (!list.length && !s.decided.has('identityAsked')) {
          s.decided.add('identity');
          return 'skipped';
        }
        const picked = await ui.pick<string>(
          vscode.l10n.t('Identity used to pull the image, reach connections and install packages'),
          [
            { label: `$(account) ${vscode.l10n.t("User's identity (default)")}`, value: '' },
            ...list.map((i) => ({ label: `$(key) ${i.name}`, description: i.clientId, detail: i.resourceId, value: i.resourceId })),
          ],
          s.settings.identityResourceId ?? '',
        );
        s.settings.identityResourceId = picked || undefined;
      },
    },
    {
      id: 'confirm',
      shouldPrompt: () => true,
      prompt: async (s, ui) => {
        const st = s.settings;
        const serverless = st.computeType === 'serverless';
        const rows: PickItem<string>[] = [
          { label: `$(check) ${vscode.l10n.t('Confirm')}`, detail: summary(st), value: 'ok' },
          { label: '', kind: vscode.QuickPickItemKind.Separator },
          { label: `$(edit) ${vscode.l10n.t('Change compute type')}`, value: 'computeType' },
          serverless
            ? { label: `$(edit) ${vscode.l10n.t('Change VM size')}`, description: st.vmSize, value: 'vmSize' }
            : {
                label: `$(edit) ${vscode.l10n.t('Change compute instance')}`,
                description: st.computeInstanceName,
                value: 'computeInstance',
              },
          {
            label: `$(edit) ${vscode.l10n.t('Change idle time')}`,
            description: st.idleMinutes ? vscode.l10n.t('{0} minutes', st.idleMinutes) : undefined,
            value: 'idle',
          },
        ];
        if (serverless)
          rows.push({ label: `$(edit) ${vscode.l10n.t('Change identity')}`, description: identityName(st), value: 'identity' });
        const picked = await ui.pick(vscode.l10n.t('Review the session settings'), rows, 'ok');
        if (picked === 'ok') {
          s.confirmed = true;
          return;
        }
        if (picked === 'identity') s.decided.add('identityAsked');
        throw new GoTo(picked);
      },
    },
  ];
  const done = await runWizard(title, steps, state);
  if (!done.confirmed) return undefined;
  const st = done.settings;
  return st.computeType === 'serverless'
    ? { computeType: 'serverless', vmSize: st.vmSize, idleMinutes: st.idleMinutes, identityResourceId: st.identityResourceId }
    : { computeType: 'computeInstance', computeInstanceName: st.computeInstanceName, idleMinutes: st.idleMinutes };
}

function identityName(st: SessionSettings): string {
  return st.identityResourceId ? resourceName(st.identityResourceId) : vscode.l10n.t("user's identity");
}

export function summary(st: SessionSettings): string {
  const idle = st.idleMinutes ? vscode.l10n.t('idle {0} min', st.idleMinutes) : vscode.l10n.t('default idle time');
  return st.computeType === 'serverless'
    ? [vscode.l10n.t('Serverless'), st.vmSize ?? vscode.l10n.t('default VM size'), idle, identityName(st)].join(' · ')
    : [vscode.l10n.t('Compute instance'), st.computeInstanceName ?? '?', idle].join(' · ');
}
