// The session settings wizard: compute type, VM size or compute instance, idle time, identity, confirm.
import * as vscode from 'vscode';
import { resourceName } from '../../core/model';
import type { ComputeType, ISessionService, SessionSettings, VmSizeOption } from '../../core/session/types';
import { groupVmSizes, vmSizeAvailability } from '../../core/session/vmSizeRules';
import { settings } from '../connection';
import { GoTo, runWizard, type PickItem, type WizardStep } from './wizardUi';
import { t } from '../i18n';

interface WizardState {
  settings: SessionSettings;
  /** Steps whose value came from a setting or the caller: skipped unless the user asks to change them. */
  decided: Set<string>;
  confirmed?: boolean;
}

const idlePresets = [30, 60, 120, 240, 480];

/**
 * The VM size step's items: one separator per quota family with its free vCPUs, the family's sizes
 * under it in the order their names read (core/session/vmSizeRules.ts `groupVmSizes`).
 */
export function vmSizeItems(sizes: VmSizeOption[]): PickItem<string>[] {
  return groupVmSizes(sizes).flatMap((g) => [
    { label: t('extension.wizard.vmQuota', { free: g.quotaAvailable, family: g.family }), kind: vscode.QuickPickItemKind.Separator },
    ...g.sizes.map<PickItem<string>>((v) => ({
      label: v.name,
      description: t('extension.wizard.vmShape', { vcpus: v.vCPUs, memory: v.memoryGB }),
      detail: vmSizeDetail(v),
      value: v.name,
    })),
  ]);
}

/** The line under a VM size that cannot take a session now: why (its family's quota is on the separator). */
export function vmSizeDetail(v: VmSizeOption): string | undefined {
  switch (vmSizeAvailability(v)) {
    case 'notEligible':
      return t('extension.wizard.vmNotEligible');
    case 'noQuota':
      return t('extension.wizard.vmNoQuota', { free: v.quotaAvailable, family: v.family });
    default:
      return undefined;
  }
}

/**
 * Compute type → VM size or compute instance → idle time → identity → confirm. `runningVmSize` is
 * the size the session's read shows, which the VM size step preselects. Returns undefined when the
 * user cancelled.
 */
export async function askSessionSettings(
  service: ISessionService,
  title: string,
  current?: SessionSettings,
  runningVmSize?: string,
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
          t('extension.wizard.computeTypeQuestion'),
          [
            {
              label: `$(cloud) ${t('extension.wizard.serverlessCompute')}`,
              detail: t('extension.wizard.serverlessDetail'),
              value: 'serverless',
            },
            {
              label: `$(vm) ${t('extension.wizard.computeInstance')}`,
              detail: t('extension.wizard.computeInstanceDetail'),
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
        const items = service.vmSizes().then(vmSizeItems);
        // The size the session runs on is where the list opens, also when it was the service's default.
        s.settings.vmSize = await ui.pick(t('extension.wizard.vmSizeQuestion'), items, s.settings.vmSize ?? runningVmSize);
      },
    },
    {
      id: 'computeInstance',
      shouldPrompt: (s) => s.settings.computeType === 'computeInstance' && !s.decided.has('computeInstance'),
      prompt: async (s, ui) => {
        const items = service.computeInstances().then((list) => {
          const mine = list.filter((c) => c.assignedToMe);
          if (!mine.length) return [{ label: t('extension.wizard.noInstance'), value: undefined } as PickItem<string>];
          return mine.map<PickItem<string>>((c) => ({
            label: c.name,
            description: [c.vmSize, c.state].filter(Boolean).join(' · '),
            value: c.name,
          }));
        });
        s.settings.computeInstanceName = await ui.pick(t('extension.wizard.computeInstance'), items, s.settings.computeInstanceName);
      },
    },
    {
      id: 'idle',
      shouldPrompt: (s) => !s.decided.has('idle'),
      prompt: async (s, ui) => {
        const label = s.settings.computeType === 'serverless' ? t('extension.wizard.idleServerless') : t('extension.wizard.idleInstance');
        const choice = await ui.pick<number>(
          label,
          [
            ...idlePresets.map((m) => ({ label: t('extension.wizard.minutes', { minutes: m }), value: m })),
            { label: t('extension.wizard.other'), value: -1 },
          ],
          s.settings.idleMinutes,
        );
        if (choice >= 0) {
          s.settings.idleMinutes = choice;
          return;
        }
        const text = await ui.input(t('extension.wizard.idlePrompt'), String(s.settings.idleMinutes ?? 60), (v) =>
          /^\d+$/.test(v) && +v >= 15 && +v <= 10080 ? undefined : t('extension.wizard.idleInvalid'),
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
          t('extension.wizard.identityQuestion'),
          [
            { label: `$(account) ${t('extension.wizard.userIdentityDefault')}`, value: '' },
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
          { label: `$(check) ${t('extension.wizard.confirm')}`, detail: summary(st), value: 'ok' },
          { label: '', kind: vscode.QuickPickItemKind.Separator },
          { label: `$(edit) ${t('extension.wizard.changeComputeType')}`, value: 'computeType' },
          serverless
            ? { label: `$(edit) ${t('extension.wizard.changeVmSize')}`, description: st.vmSize, value: 'vmSize' }
            : {
                label: `$(edit) ${t('extension.wizard.changeComputeInstance')}`,
                description: st.computeInstanceName,
                value: 'computeInstance',
              },
          {
            label: `$(edit) ${t('extension.wizard.changeIdle')}`,
            description: st.idleMinutes ? t('extension.wizard.minutes', { minutes: st.idleMinutes }) : undefined,
            value: 'idle',
          },
        ];
        if (serverless)
          rows.push({ label: `$(edit) ${t('extension.wizard.changeIdentity')}`, description: identityName(st), value: 'identity' });
        const picked = await ui.pick(t('extension.wizard.review'), rows, 'ok');
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
  return st.identityResourceId ? resourceName(st.identityResourceId) : t('extension.userIdentity');
}

export function summary(st: SessionSettings): string {
  const idle = st.idleMinutes ? t('extension.wizard.idleMinutes', { minutes: st.idleMinutes }) : t('extension.wizard.defaultIdle');
  return st.computeType === 'serverless'
    ? [t('extension.wizard.serverless'), st.vmSize ?? t('extension.wizard.defaultVmSize'), idle, identityName(st)].join(' · ')
    : [t('extension.wizard.computeInstance'), st.computeInstanceName ?? '?', idle].join(' · ');
}
