// The session service's instance verbs (S11, S12): the instances this user's sessions and runs are on,
// what deleting one takes with it, and the deletion, read back before it is reported.
import { AzureMlError } from '../azure/errors';
import type { Binding } from './bindings';
import type { ServiceContext } from './context';
import { deleteInstanceAndConfirm, impactOf } from './instanceDeletion';
import { collectInstances } from './instances';
import { instanceText } from './operationText';
import { toAbortSignal } from './operations';
import type { InstanceDeletion, InstanceImpact, InstanceInfo, InstanceOps, OperationOptions, SessionInfo } from './types';

/** What the instance verbs ask of the session side of the service. */
export interface SessionRecords {
  /** This user's records (and records that name no user), as on disk now. */
  records(): Promise<Binding[]>;
  /** A flow's session as last read, from memory. */
  info(folder: string): SessionInfo | undefined;
  /** A session confirmed gone: its record dropped, its flow not started any more. */
  gone(binding: Binding): Promise<void>;
  /** Tells listeners the instances changed. */
  instancesChanged(): void;
}

export class InstancesService implements InstanceOps {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly sessions: SessionRecords,
  ) {}

  async instances(): Promise<InstanceInfo[]> {
    return collectInstances(this.ctx, await this.sessions.records(), (b) => this.sessions.info(b.flowFolder));
  }

  async instanceImpact(instanceName: string): Promise<InstanceImpact> {
    const inst = (await this.instances()).find((i) => i.name === instanceName);
    if (!inst)
      throw new AzureMlError({ kind: 'notFound', message: instanceText(this.ctx.locale).unknownInstance(instanceName) }, undefined, true);
    return impactOf(inst);
  }

  /**
   * S11: lists what the instance holds (sessions bound here and those runs name, active runs), deletes
   * what the user chose, and reads back what is gone before saying so.
   */
  async deleteInstance(instanceName: string, opts?: OperationOptions & { what?: 'compute' | 'sessions' }): Promise<InstanceDeletion> {
    const impact = await this.instanceImpact(instanceName);
    const what = impact.computeType === 'computeInstance' ? (opts?.what ?? 'sessions') : 'compute';
    const done = await deleteInstanceAndConfirm(this.ctx, impact, what, await this.sessions.records(), toAbortSignal(opts?.cancel));
    // The flows bound here whose session is gone are not started any more.
    for (const b of await this.sessions.records()) {
      if (!done.sessionsGone.includes(b.sessionId)) continue;
      await this.sessions.gone(b);
    }
    this.sessions.instancesChanged();
    return done;
  }
}
