// Session state from a session read. Azure reports no status for a session (docs/azure-contract.md
// §6), so it is derived: the session exists, and its compute says whether it is still being built,
// failing or going away; a non-zero pip exit in the setup results is a failed install.
import type { GetTrainingSessionDto } from '../azure/pfs';
import { redactLines } from '../redact';
import type { Binding } from './bindings';
import type { SessionInfo, SessionState } from './types';

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
export function infoFromDto(dto: GetTrainingSessionDto, binding: Binding): SessionInfo {
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
  return {
    sessionId: binding.sessionId,
    flowFolder: binding.flowFolder,
    flowName: binding.flowName,
    state,
    settings: binding.settings,
    computeName: dto.compute?.name ?? p.existingUserComputeInstanceName ?? binding.computeName,
    baseImage: binding.baseImage,
    runtimeImage: app?.image,
    pythonVersion: env.PYTHON_VERSION ?? env.python_version,
    requirements: app?.pythonPipRequirements ? redactLines(app.pythonPipRequirements) : undefined,
    lastAliveTime: p.lastAliveTime,
    idleDeadline: idle && Number.isFinite(alive) ? alive + idle * 1000 : undefined,
  };
}
