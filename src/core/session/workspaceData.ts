// The workspace data flow files are checked against (connections with their Azure OpenAI deployments,
// connection types, package tools), fetched once per workspace and kept until a refresh. Each part
// stands alone: one that cannot be read is left out and named in `unavailable`, so the checks that
// need it stay silent while the others run. Only when nothing at all could be read does the fetch fail.
import { toAzureMlError, type AzureMlError } from '../azure/errors';
import { WorkspaceDataClient } from '../azure/workspaceData';
import { msg, render, type Message } from '../i18n';
import type { ConnectionFact, FactsPart, UnavailablePart, WorkspaceFacts } from '../flow/workspaceFacts';
import type { ServiceContext } from './context';

/** Deployment lists read at once (one request per Azure OpenAI connection). */
const DEPLOYMENT_READS_AT_ONCE = 6;

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class WorkspaceDataCache {
  private current?: WorkspaceFacts;
  private pending?: Promise<WorkspaceFacts>;
  private readonly client: WorkspaceDataClient;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly now: () => number = Date.now,
  ) {
    this.client = new WorkspaceDataClient(ctx.sender, ctx.armEndpoint, async () => (await ctx.pfs()).host, ctx.ws);
  }

  /** What was fetched last, from memory only. */
  peek(): WorkspaceFacts | undefined {
    return this.current;
  }

  /**
   * The cached facts, fetching them the first time (or again with `refresh`). Callers that ask while a
   * fetch runs share it. A failed fetch is not kept: the next call tries again.
   */
  facts(options: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<WorkspaceFacts> {
    if (this.pending) return this.pending;
    if (this.current && !options.refresh) return Promise.resolve(this.current);
    this.pending = this.fetch(options.signal)
      .then((f) => (this.current = f))
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetch(signal?: AbortSignal): Promise<WorkspaceFacts> {
    const unavailable: UnavailablePart[] = [];
    const failures: AzureMlError[] = [];
    const part = async <T>(name: FactsPart, operation: Message, read: () => Promise<T>, connection?: string): Promise<T | undefined> => {
      try {
        return await read();
      } catch (e) {
        if (signal?.aborted) throw e;
        const err = toAzureMlError(e, operation, this.ctx.locale);
        failures.push(err);
        unavailable.push({ part: name, ...(connection ? { connection } : {}), message: err.message });
        this.ctx.log('warn', `workspace data: ${render('en', operation)} failed: ${err.message}`);
        return undefined;
      }
    };
    const c = this.client;
    const [connections, connectionSpecs, tools] = await Promise.all([
      part('connections', msg('azure.op.listConnections'), () => c.listConnections(signal)),
      part('connectionSpecs', msg('azure.op.readConnectionTypes'), () => c.connectionSpecs(signal)),
      part('tools', msg('azure.op.listPackageTools'), () => c.packageTools(signal)),
    ]);
    // Offline, signed out, no access: nothing to check against, and the caller should say so.
    if (!connections && !connectionSpecs && !tools) throw failures[0];
    const azureOpenAI = (connections ?? []).filter((x) => x.category === 'AzureOpenAI');
    await eachLimited(azureOpenAI, DEPLOYMENT_READS_AT_ONCE, async (x: ConnectionFact) => {
      x.deployments = await part(
        'deployments',
        msg('azure.op.listDeployments', { connection: x.name }),
        () => c.azureOpenAIDeployments(x.name, signal),
        x.name,
      );
    });
    const facts: WorkspaceFacts = { workspace: this.ctx.ws, fetchedAt: this.now(), connections, connectionSpecs, tools, unavailable };
    this.ctx.log(
      'info',
      `workspace data of ${this.ctx.ws.workspace}: ${connections?.length ?? '?'} connections, ${tools?.length ?? '?'} package tools` +
        (unavailable.length ? `; not read: ${unavailable.map((u) => u.connection ?? u.part).join(', ')}` : ''),
    );
    return facts;
  }
}
