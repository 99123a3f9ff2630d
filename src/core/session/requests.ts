// The FlowSessions request body for a flow's environment and the session settings (S4): which
// settings the service takes for a serverless session and which come from a compute instance.
import type { CreateFlowSessionRequest } from '../azure/pfs';
import type { FlowEnvironment } from '../flow/environment';
import type { SessionSettings } from '../model';

/** The FlowSessions request for an environment and settings. */
export function sessionRequest(
  env: Pick<FlowEnvironment, 'requirements' | 'baseImage'>,
  settings: SessionSettings,
  action: CreateFlowSessionRequest['action'],
): CreateFlowSessionRequest {
  const body: CreateFlowSessionRequest = { action, pythonPipRequirements: env.requirements };
  if (env.baseImage) body.baseImage = env.baseImage;
  if (settings.computeType === 'computeInstance') {
    // VM size and identity come from the instance (S4); only the idle time is ours to set.
    if (settings.computeInstanceName) body.computeName = settings.computeInstanceName;
  } else {
    if (settings.vmSize) body.vmSize = settings.vmSize;
    // The session endpoint's `identity` format is not settled (docs/azure-contract.md §6, §29): we send the ARM resource
    // id of a user-assigned identity, as the run path does, and omit the field (rather than sending
    // an empty string or a type name) for the user's own identity.
    if (settings.identityResourceId) body.identity = settings.identityResourceId;
  }
  if (settings.idleMinutes !== undefined && settings.idleMinutes > 0) body.maxIdleTimeSeconds = Math.round(settings.idleMinutes * 60);
  return body;
}
