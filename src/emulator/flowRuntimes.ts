// Named compute-instance runtimes (`FlowRuntimes`, docs/azure-contract.md §16): runs can name one in
// `runtimeName` and run on its compute instance instead of a compute session. No FlowRuntimes call is in
// the recordings; the DTO fields follow the generated client's `FlowRuntimeDto` names (UNVERIFIED).
import type { FlowRuntimeRecord, WorkspaceRecord } from './state';
import { st, workspaceKeyOf, type World } from './world';

export function runtimesOf(w: World, ws: WorkspaceRecord): FlowRuntimeRecord[] {
  return (st(w).flowRuntimes ?? []).filter((r) => r.workspaceKey === workspaceKeyOf(ws));
}

export function findRuntime(w: World, ws: WorkspaceRecord, name: string): FlowRuntimeRecord | undefined {
  return runtimesOf(w, ws).find((r) => r.name === name);
}

/** Whether the runtime can take a run now: it is up and its compute instance runs. */
export function runtimeReady(w: World, ws: WorkspaceRecord, rt: FlowRuntimeRecord): boolean {
  const ci = st(w).computeInstances.find((c) => c.workspaceKey === workspaceKeyOf(ws) && c.name === rt.computeInstanceName);
  return rt.status === 'Running' && ci?.state === 'Running';
}

export function runtimeDto(w: World, ws: WorkspaceRecord, rt: FlowRuntimeRecord) {
  const ci = st(w).computeInstances.find((c) => c.workspaceKey === workspaceKeyOf(ws) && c.name === rt.computeInstanceName);
  return {
    runtimeName: rt.name,
    runtimeDescription: null,
    runtimeType: 'ComputeInstance',
    environment: rt.image,
    status: runtimeReady(w, ws, rt) ? 'Running' : rt.status === 'Running' ? 'Unavailable' : rt.status,
    statusMessage: null,
    error: null,
    fromExistingEndpoint: false,
    endpointName: null,
    fromExistingDeployment: false,
    deploymentName: null,
    identity: null,
    instanceType: ci?.vmSize ?? null,
    instanceCount: 1,
    computeInstanceName: rt.computeInstanceName,
    dockerImage: rt.image,
    publishedPort: 8080,
    targetPort: 8080,
    fromExistingCustomApp: false,
    customAppName: null,
    assignedTo: ci ? { objectId: ci.assignedUserOid, tenantId: st(w).tenantId } : null,
    endpointUrl: null,
    createdOn: rt.createdOn,
    modifiedOn: rt.createdOn,
  };
}

/** Test control: creates or changes a runtime (`PUT /_emulator/flowRuntimes/{name}`), or removes it. */
export function putRuntime(
  w: World,
  ws: WorkspaceRecord,
  name: string,
  body: { computeInstance?: unknown; image?: unknown; status?: unknown } | undefined,
): FlowRuntimeRecord {
  const list = (st(w).flowRuntimes ??= []);
  let rt = list.find((r) => r.workspaceKey === workspaceKeyOf(ws) && r.name === name);
  if (!rt) {
    rt = {
      workspaceKey: workspaceKeyOf(ws),
      name,
      computeInstanceName: st(w).computeInstances.find((c) => c.workspaceKey === workspaceKeyOf(ws))?.name ?? 'runtime-ci',
      image: 'mcr.microsoft.com/azureml/promptflow/promptflow-runtime:latest',
      status: 'Running',
      createdOn: w.clock.iso(),
    };
    list.push(rt);
  }
  if (typeof body?.computeInstance === 'string') rt.computeInstanceName = body.computeInstance;
  if (typeof body?.image === 'string') rt.image = body.image;
  if (typeof body?.status === 'string') rt.status = body.status;
  w.store.changed();
  return rt;
}

export function deleteRuntime(w: World, ws: WorkspaceRecord, name: string): void {
  st(w).flowRuntimes = (st(w).flowRuntimes ?? []).filter((r) => !(r.workspaceKey === workspaceKeyOf(ws) && r.name === name));
  w.store.changed();
}
