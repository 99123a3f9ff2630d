// `GET /flow/api{WS}/Tools/packageTools`: the package tools the runtime knows, as a map from tool id to
// `Tool`, each in the shape the service records for `flowGraph.tools` (snake_case keys, input types as
// lists). docs/azure-contract.md §19.
import { sendJson, type Ctx } from './http';
import { BUILTIN_TOOLS, TOOLS_PACKAGE, toolId, type CatalogInput, type CatalogTool } from './toolCatalog';
import { findWorkspace, requireRead, workspaceArmId, type World } from './world';

const SEG = '([^/]+)';
const WS = `/subscriptions/${SEG}/resourceGroups/${SEG}/providers/Microsoft\\.MachineLearningServices/workspaces/${SEG}`;
type Handler = (ctx: Ctx, m: string[]) => Promise<void> | void;

function inputBody(x: CatalogInput) {
  return {
    type: x.types,
    ...('default' in x ? { default: x.default } : {}),
    ...(x.enum ? { enum: x.enum } : {}),
    ...(x.enabledBy
      ? {
          enabled_by: x.enabledBy.input,
          ...(x.enabledBy.types ? { enabled_by_type: x.enabledBy.types } : {}),
          ...(x.enabledBy.values ? { enabled_by_value: x.enabledBy.values } : {}),
        }
      : {}),
    allow_manual_entry: x.allowManualEntry ?? false,
    is_multi_select: false,
    input_type: 'default',
  };
}

function toolBody(t: CatalogTool) {
  return {
    name: t.name,
    type: t.type,
    inputs: Object.fromEntries(t.inputs.map((x) => [x.name, inputBody(x)])),
    description: t.description,
    module: t.module,
    ...(t.className ? { class_name: t.className } : {}),
    function: t.fn,
    is_builtin: true,
    package: TOOLS_PACKAGE.name,
    package_version: TOOLS_PACKAGE.version,
    enable_kwargs: false,
    ...(t.deprecatedIds ? { deprecated_tools: t.deprecatedIds } : {}),
    tool_state: 'stable',
  };
}

export function packageToolsBody(): Record<string, ReturnType<typeof toolBody>> {
  return Object.fromEntries(BUILTIN_TOOLS.map((t) => [toolId(t), toolBody(t)]));
}

export function toolRoutes(w: World): [string, RegExp, Handler][] {
  return [
    [
      'GET',
      // `flowRuntimeName` and `flowId` may narrow the answer to one runtime; every runtime here has the same tools.
      new RegExp(`^/flow/api${WS}/Tools/packageTools$`, 'i'),
      (ctx, m) => {
        const ws = findWorkspace(w, m[1], m[2], m[3]);
        const u = ctx.user as { oid: string; upn: string };
        requireRead(w, u.oid, u.upn, workspaceArmId(ws));
        sendJson(ctx, 200, packageToolsBody());
      },
    ],
  ];
}
