// What keys each file kind accepts, where, with a short doc and the values a key takes. One tree serves
// hover, key/value completion and "did you mean" fixes. Each doc is a catalogue entry (`server.doc.*`,
// English and Japanese), rendered in the client's locale.
// Facts follow the prompt flow DAG, flex and run formats (FlowSchema, FlexFlowSchema, RunSchema).
import { render, type Locale, type MessageId } from '../core/i18n';

export type Doc = Extract<MessageId, `server.doc.${string}`>;

/** A key's doc in the locale asked for. */
export const pick = (locale: Locale, doc: Doc): string => render(locale, { id: doc });

export interface KeyNode {
  doc: Doc;
  /** Fixed child keys of a mapping. */
  keys?: Record<string, KeyNode>;
  /** Children named by the user (inputs, tags, …): every child follows this node. */
  map?: KeyNode;
  /** Items of a list. */
  items?: KeyNode;
  /** Values offered by completion. */
  values?: readonly string[];
}

const BOOL = ['true', 'false'] as const;
const VALUE_TYPES = ['string', 'int', 'double', 'bool', 'list', 'object', 'image'] as const;
const FLEX_TYPES = ['string', 'int', 'double', 'bool', 'list', 'object'] as const;
export const TOOL_TYPES = ['python', 'llm', 'prompt', 'custom_llm', 'csharp'] as const;
export const IDENTITY_TYPES = ['user_identity', 'managed'] as const;

const leaf = (doc: Doc, values?: readonly string[]): KeyNode => ({ doc, values });
const free = (doc: Doc): KeyNode => ({ doc, map: leaf('server.doc.userDefinedEntry') });

const schemaKey = leaf('server.doc.editorHintNamingJson');
const description = leaf('server.doc.freeTextDescribingItem');
const displayName = leaf('server.doc.nameShownStudioListings');
const tags = free('server.doc.tagsMapStringKeys');

function inputDef(types: readonly string[]): KeyNode {
  return {
    doc: 'server.doc.oneFlowInputType',
    keys: {
      type: leaf('server.doc.requiredValueTypeInput', types),
      default: leaf('server.doc.valueUsedInputNot'),
      description,
      is_chat_input: leaf('server.doc.marksQuestionInputChat', BOOL),
      is_chat_history: leaf('server.doc.marksChatHistoryInput', BOOL),
      enum: leaf('server.doc.allowedValuesInputRead'),
    },
  };
}

function outputDef(types: readonly string[]): KeyNode {
  return {
    doc: 'server.doc.oneFlowOutputType',
    keys: {
      type: leaf('server.doc.requiredValueTypeOutput', types),
      reference: leaf('server.doc.whereValueComesNode'),
      description,
      is_chat_output: leaf('server.doc.marksAnswerOutputChat', BOOL),
      evaluation_only: leaf('server.doc.outputUsedOnlyEvaluation', BOOL),
    },
  };
}

const environment: KeyNode = {
  doc: 'server.doc.runtimeEnvironmentFlowRequirements',
  keys: {
    python_requirements_txt: leaf('server.doc.pathRelativeFlowFolder'),
    image: leaf('server.doc.baseContainerImageCompute'),
    conda_file: leaf('server.doc.pathCondaEnvironmentFile'),
    setup_sh: leaf('server.doc.pathSetupScriptRun'),
  },
};
const environmentVariables = free('server.doc.environmentVariablesSetFlow');
const additionalIncludes: KeyNode = {
  doc: 'server.doc.filesFoldersRelativeFlow',
  items: leaf('server.doc.fileFolderCopyInto'),
};
const language = leaf('server.doc.implementationLanguagePythonDefault', ['python', 'csharp']);

/** Keys of a node body, shared by `nodes[]` and `node_variants.*.variants.*.node`. */
function nodeBody(withName: boolean): Record<string, KeyNode> {
  const body: Record<string, KeyNode> = {
    type: leaf('server.doc.toolTypeNode', TOOL_TYPES),
    source: {
      doc: 'server.doc.whereToolComesCode',
      keys: {
        type: leaf('server.doc.codeFileFlowPackage', ['code', 'package', 'package_with_prompt']),
        path: leaf('server.doc.fileRelativeFlowFolder'),
        tool: leaf('server.doc.fullyQualifiedIdPackage'),
      },
    },
    inputs: free('server.doc.toolInputsLiteralValues'),
    connection: leaf('server.doc.nameConnectionToolUses'),
    api: leaf('server.doc.llmApiChatCompletion', ['chat', 'completion']),
    provider: leaf('server.doc.modelProviderEG', ['AzureOpenAI', 'OpenAI']),
    module: leaf('server.doc.pythonModulePackageTool'),
  };
  if (!withName) return body;
  return {
    name: leaf('server.doc.requiredNodeNameUnique'),
    ...body,
    aggregation: leaf('server.doc.runsOnceOverAll', BOOL),
    reduce: leaf('server.doc.legacyAliasAggregation', BOOL),
    activate: {
      doc: 'server.doc.runsNodeOnlyEquals',
      keys: {
        when: leaf('server.doc.valueReferenceCompared'),
        is: leaf('server.doc.valueMustEqual'),
      },
    },
    use_variants: leaf('server.doc.nodeBodyComesNode', BOOL),
    enable_cache: leaf('server.doc.cachesNodeResultExecutor', BOOL),
    comment: leaf('server.doc.freeText'),
    skip: leaf('server.doc.legacyConditionalSyntaxPrefer'),
  };
}

const flowCommon: Record<string, KeyNode> = {
  $schema: schemaKey,
  environment,
  environment_variables: environmentVariables,
  additional_includes: additionalIncludes,
  language,
  type: leaf('server.doc.flowKindMetadataStandard', ['standard', 'evaluation', 'chat']),
  description,
  display_name: displayName,
  tags,
};

export const dagFlowTree: KeyNode = {
  doc: 'server.doc.dagFlow',
  keys: {
    ...flowCommon,
    inputs: { doc: 'server.doc.flowInputsName', map: inputDef(VALUE_TYPES) },
    outputs: { doc: 'server.doc.flowOutputsName', map: outputDef(VALUE_TYPES) },
    nodes: {
      doc: 'server.doc.nodesDagTheirOrder',
      items: { doc: 'server.doc.nodeFlow', keys: nodeBody(true) },
    },
    node_variants: {
      doc: 'server.doc.variantsNodesNodeName',
      map: {
        doc: 'server.doc.variantsOneNode',
        keys: {
          default_variant_id: leaf('server.doc.variantUsedRunDoes'),
          variants: {
            doc: 'server.doc.variantsId',
            map: {
              doc: 'server.doc.oneVariant',
              keys: {
                node: {
                  doc: 'server.doc.nodeBodyVariantNo',
                  keys: nodeBody(false),
                },
                description,
              },
            },
          },
        },
      },
    },
    id: leaf('server.doc.flowIdReadExecutor'),
    name: leaf('server.doc.flowNameReadExecutor'),
    message_format: leaf('server.doc.messageFormatBasicDefault', ['basic', 'openai-vision']),
    version: leaf('server.doc.versionNumberUsedFew'),
  },
};

export const flexFlowTree: KeyNode = {
  doc: 'server.doc.flexFlow',
  keys: {
    ...flowCommon,
    entry: leaf('server.doc.requiredEntryPointModule'),
    inputs: {
      doc: 'server.doc.flowInputsNameNormally',
      map: inputDef(FLEX_TYPES),
    },
    outputs: { doc: 'server.doc.flowOutputsName', map: outputDef(FLEX_TYPES) },
    init: {
      doc: 'server.doc.constructorParametersClassEntry',
      map: {
        doc: 'server.doc.oneConstructorParameter',
        keys: {
          type: leaf('server.doc.requiredValueTypeConnection', [
            ...FLEX_TYPES,
            'AzureOpenAIConnection',
            'OpenAIConnection',
            'AzureOpenAIModelConfiguration',
            'OpenAIModelConfiguration',
          ]),
          default: leaf('server.doc.valueUsedNoneGiven'),
          description,
        },
      },
    },
    sample: {
      doc: 'server.doc.sampleValuesValueMay',
      keys: {
        init: free('server.doc.sampleConstructorArguments'),
        inputs: free('server.doc.sampleInputs'),
      },
    },
    code: leaf('server.doc.folderHoldingEntryCode'),
  },
};

export const runTree: KeyNode = {
  doc: 'server.doc.run',
  keys: {
    $schema: schemaKey,
    flow: leaf('server.doc.requiredLocalFlowFolder'),
    data: leaf('server.doc.dataFileFolderJsonl'),
    run: leaf('server.doc.nameExistingBaseRun'),
    column_mapping: free('server.doc.mapsFlowInputsData'),
    variant: leaf('server.doc.nodeVariantUseNode'),
    connections: {
      doc: 'server.doc.perNodeConnectionOverrides',
      map: free('server.doc.overridesOneNodeConnection'),
    },
    environment_variables: free('server.doc.environmentVariablesMapPath'),
    init: free('server.doc.constructorArgumentsClassBased'),
    name: leaf('server.doc.runNameUniqueWorkspace'),
    display_name: leaf('server.doc.displayNameMayUse'),
    description,
    tags,
    properties: free('server.doc.propertiesMapStrings'),
    runtime: leaf('server.doc.cloudRuntimeName'),
    resources: {
      doc: 'server.doc.computeRunSSession',
      keys: {
        instance_type: leaf('server.doc.vmSizeServerlessCompute'),
        compute: leaf('server.doc.nameComputeInstanceRun'),
      },
    },
    identity: {
      doc: 'server.doc.identityRunUsesReach',
      keys: {
        type: leaf('server.doc.requiredUserIdentityManaged', IDENTITY_TYPES),
        client_id: leaf('server.doc.clientIdUserAssigned'),
      },
    },
  },
};

/** Follows a path (keys and `[]` for list items) down the tree; undefined when it leaves the tree. */
export function nodeAt(root: KeyNode, path: readonly string[]): KeyNode | undefined {
  let node: KeyNode | undefined = root;
  for (const step of path) {
    if (!node) return undefined;
    if (step === '[]') node = node.items;
    else node = node.keys?.[step] ?? node.map;
  }
  return node;
}
