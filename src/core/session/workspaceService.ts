// The session service's workspace verbs (S1, S2, S4): the workspace's checks, what flow files are
// checked against, the wizard's lists and attaching an identity. They share the service's context and
// its prerequisite cache (a start reuses what a preflight just found; an attached identity clears it).
import { resolve } from 'node:path';
import { AzureMlError } from '../azure/errors';
import type { FlowEnvironment } from '../flow/environment';
import { resourceName } from '../model';
import { listComputeInstances, listIdentities, listVmSizes } from './computeOptions';
import type { ServiceContext } from './context';
import { toAbortSignal } from './operations';
import { preflightText } from './preflightText';
import { attachIdentity as attach, PreflightCache, report, settingsChecks, workspaceChecks } from './workspaceChecks';
import { WorkspaceDataCache } from './workspaceData';
import type {
  ComputeInstanceOption,
  IdentityOption,
  OperationOptions,
  PreflightReport,
  SessionSettings,
  VmSizeOption,
  WorkspaceFacts,
  WorkspaceOps,
  WorkspaceRef,
} from './types';

/** What the workspace verbs ask of the flow side of the service. */
export interface FlowLookup {
  /** The flow folder's environment; a flow the service could not use throws. */
  environment(folder: string): FlowEnvironment;
  /** The settings this user's record keeps for the flow, or the defaults. */
  recordedSettings(folder: string): Promise<SessionSettings>;
}

export class WorkspaceService implements WorkspaceOps {
  private readonly workspaceData: WorkspaceDataCache;

  constructor(
    private readonly workspace: WorkspaceRef,
    private readonly ctx: ServiceContext,
    private readonly prerequisites: PreflightCache,
    private readonly flows: FlowLookup,
  ) {
    this.workspaceData = new WorkspaceDataCache(ctx);
  }

  vmSizes(): Promise<VmSizeOption[]> {
    return listVmSizes(this.ctx);
  }

  identities(): Promise<IdentityOption[]> {
    return listIdentities(this.ctx);
  }

  computeInstances(): Promise<ComputeInstanceOption[]> {
    return listComputeInstances(this.ctx);
  }

  async attachIdentity(resourceId: string, opts?: OperationOptions): Promise<IdentityOption[]> {
    await attach(this.ctx, resourceId, toAbortSignal(opts?.cancel));
    this.ctx.forgetWorkspace();
    this.prerequisites.clear();
    // Attached only when the workspace, read again, lists the identity.
    const listed = await this.identities();
    if (!listed.some((i) => i.resourceId.toLowerCase() === resourceId.toLowerCase())) {
      const t = preflightText(this.ctx.locale);
      const name = resourceName(resourceId);
      throw new AzureMlError(
        { kind: 'unknown', message: t.attachNotApplied(name, this.workspace.workspace), fix: t.attachNotAppliedFix },
        undefined,
        true,
      );
    }
    return listed;
  }

  workspaceFacts(options: { refresh?: boolean; cancel?: OperationOptions['cancel'] } = {}): Promise<WorkspaceFacts> {
    return this.workspaceData.facts({ refresh: options.refresh, signal: options.cancel ? toAbortSignal(options.cancel) : undefined });
  }

  /**
   * S1, S2 (and S4 for a flow's settings): always asked afresh. With a flow folder and no settings, the
   * settings of its session (or the defaults) are checked.
   */
  async preflight(flowFolder?: string, settings?: SessionSettings): Promise<PreflightReport> {
    const folder = flowFolder ? resolve(flowFolder) : undefined;
    if (folder) this.flows.environment(folder);
    const chosen = settings ?? (folder ? await this.flows.recordedSettings(folder) : undefined);
    const ws = await workspaceChecks(this.ctx);
    // The next start reuses what was just found, and asks again what did not pass.
    this.prerequisites.put('workspace', ws);
    const own = chosen ? await settingsChecks(this.ctx, chosen) : [];
    return report(this.ctx, [...ws, ...own], { flowFolder: folder, settings: chosen });
  }
}
