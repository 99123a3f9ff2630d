// Session state from a session read. Azure reports no status for a session (docs/azure-contract.md
// §6), so it is derived: the session exists, and its compute says whether it is still being built,
// failing or going away; a non-zero pip exit in the setup results is a failed install.
import type { GetTrainingSessionDto } from '../azure/pfs';
import { redactLines } from '../redact';
import type { Binding } from './bindings';
import type { ComputeType, SessionInfo, SessionSettings, SessionState } from './types';

/** The first failed setup step (pip) of the session's applications, if any. */
export function failedSetup(dto: GetTrainingSessionDto): { stdErr: string; exitCode: number } | undefined {
  const apps = [dto.properties?.application, ...(dto.properties?.applications ?? [])];
  for (const app of apps) {
    for (const r of app?.setupResults ?? []) {
      if (typeof r.exitCode === 'number' && r.exitCode !== 0) return { stdErr: r.stdErr ?? r.stdOut ?? '', exitCode: r.exitCode };
    }
  }
  return undefined;
}

/** State from a session read: existing means running, unless the compute says otherwise. */
export function infoFromDto(dto: GetTrainingSessionDto, binding: Binding, clockSkewMs = 0): SessionInfo {
  const p = dto.properties ?? {};
  const app = p.application ?? p.applications?.[0];
  const prov = dto.compute?.properties?.provisioningState;
  const state: SessionState =
    prov === 'Failed'
      ? 'failed'
      : prov === 'Creating' || prov === 'Updating' || prov === 'Accepted'
        ? 'starting'
        : prov === 'Deleting'
          ? 'stopping'
          : 'running';
  const idle = p.maxIdleTimeSeconds;
  const alive = p.lastAliveTime ? Date.parse(p.lastAliveTime) : NaN;
  const env = app?.envVars ?? {};
  const placement = placementOf(dto);
  return {
    sessionId: binding.sessionId,
    flowFolder: binding.flowFolder,
    flowName: binding.flowName,
    state,
    settings: binding.settings,
    computeName: dto.compute?.name ?? p.existingUserComputeInstanceName ?? binding.computeName,
    vmSize: placement.vmSize,
    identityResourceId: placement.identity || undefined,
    baseImage: binding.baseImage,
    runtimeImage: app?.image,
    pythonVersion: env.PYTHON_VERSION ?? env.python_version,
    requirements: app?.pythonPipRequirements ? redactLines(app.pythonPipRequirements) : undefined,
    lastAliveTime: p.lastAliveTime,
    // The service's times are on its clock: the deadline is moved onto ours by the skew its answers show.
    idleDeadline: idle && Number.isFinite(alive) ? alive + idle * 1000 - clockSkewMs : undefined,
  };
}

/** Where a session runs, as its read says: undefined fields are not reported (and so never differ). */
export interface Placement {
  computeType: ComputeType;
  computeInstanceName?: string;
  vmSize?: string;
  /** A user-assigned identity's resource id; '' = the user's own; undefined = not reported. */
  identity?: string;
  maxIdleTimeSeconds?: number;
}

export function placementOf(dto: GetTrainingSessionDto): Placement {
  const p = dto.properties ?? {};
  const ci =
    p.existingUserComputeInstanceName ||
    (dto.compute?.properties?.computeType === 'ComputeInstance' ? dto.compute?.name : undefined) ||
    undefined;
  const id = dto.compute?.identity;
  let identity: string | undefined;
  if (id) {
    const first = Object.entries(id.userAssignedIdentities ?? {})[0];
    identity = first ? (first[1].resourceId ?? first[0]) : '';
  }
  return {
    computeType: ci ? 'computeInstance' : 'serverless',
    computeInstanceName: ci,
    vmSize: p.vmSize,
    identity,
    maxIdleTimeSeconds: p.maxIdleTimeSeconds,
  };
}

/**
 * The settings a session runs with, as its read says: what a front end that never recorded them (the
 * CLI in a fresh shell, another window) reports, and what a start without settings keeps.
 */
export function settingsOfPlacement(p: Placement): SessionSettings {
  const idleMinutes = p.maxIdleTimeSeconds ? p.maxIdleTimeSeconds / 60 : undefined;
  if (p.computeType === 'computeInstance')
    return { computeType: 'computeInstance', computeInstanceName: p.computeInstanceName, ...(idleMinutes ? { idleMinutes } : {}) };
  return {
    computeType: 'serverless',
    ...(p.vmSize ? { vmSize: p.vmSize } : {}),
    ...(p.identity ? { identityResourceId: p.identity } : {}),
    ...(idleMinutes ? { idleMinutes } : {}),
  };
}

/** One setting the session runs with other than the settings ask; `identity` '' is the user's own. */
export type SettingDifference =
  | { field: 'computeType'; asked: ComputeType; runs: ComputeType }
  | { field: 'computeInstance' | 'vmSize' | 'identity'; asked: string; runs: string }
  | { field: 'idleMinutes'; asked: number; runs: number };

/**
 * What the session runs with other than the settings ask: the one home of how settings compare with a
 * session's read. A setting the read does not report never differs; an unset VM size or idle time
 * (the service's default) takes what the service chose.
 */
export function settingDifferences(want: SessionSettings, have: Placement): SettingDifference[] {
  const out: SettingDifference[] = [];
  if (want.computeType !== have.computeType) out.push({ field: 'computeType', asked: want.computeType, runs: have.computeType });
  else if (want.computeType === 'computeInstance') {
    if ((want.computeInstanceName ?? '') !== (have.computeInstanceName ?? ''))
      out.push({ field: 'computeInstance', asked: want.computeInstanceName ?? '', runs: have.computeInstanceName ?? '' });
  } else {
    if (want.vmSize && have.vmSize !== undefined && want.vmSize.toLowerCase() !== have.vmSize.toLowerCase())
      out.push({ field: 'vmSize', asked: want.vmSize, runs: have.vmSize });
    if (have.identity !== undefined && (want.identityResourceId ?? '').toLowerCase() !== have.identity.toLowerCase())
      out.push({ field: 'identity', asked: want.identityResourceId ?? '', runs: have.identity });
  }
  if (
    want.idleMinutes !== undefined &&
    want.idleMinutes > 0 &&
    have.maxIdleTimeSeconds !== undefined &&
    Math.round(want.idleMinutes * 60) !== have.maxIdleTimeSeconds
  )
    out.push({ field: 'idleMinutes', asked: want.idleMinutes, runs: have.maxIdleTimeSeconds / 60 });
  return out;
}

/** True when the session runs elsewhere than the settings ask (S7: another VM size, identity or compute). */
export function placementDiffers(want: SessionSettings, have: Placement): boolean {
  return settingDifferences(want, have).some((d) => d.field !== 'idleMinutes');
}

/** True when the settings ask for another idle time than the session has. */
export function idleDiffers(want: SessionSettings, have: Placement): boolean {
  return settingDifferences(want, have).some((d) => d.field === 'idleMinutes');
}
