// What keys each file kind accepts, where, with a short doc in English and Japanese and the values a
// key takes. One tree serves hover, key/value completion and "did you mean" fixes. The docs are
// documentation of the file formats, kept beside the keys they describe (as the JSON schemas keep
// their descriptions), in the catalogue's shape: one `{ en, ja }` entry per key.
import type { Entry, Locale } from '../core/i18n';
// Facts follow the prompt flow DAG, flex and run formats (FlowSchema, FlexFlowSchema, RunSchema).

export type Doc = Entry;

/** A key's doc in the locale asked for. */
export const pick = (locale: Locale, doc: Doc): string => doc[locale];

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

const leaf = (en: string, ja: string, values?: readonly string[]): KeyNode => ({ doc: { en, ja }, values });
const free = (en: string, ja: string): KeyNode => ({ doc: { en, ja }, map: leaf('A user-defined entry.', 'ユーザー定義の項目。') });

const schemaKey = leaf(
  'Editor hint naming the JSON schema of this file; ignored by the loader.',
  'このファイルの JSON スキーマを示すエディター用のヒント。読み込み時には無視されます。',
);
const description = leaf('Free text describing this item.', 'この項目の説明。');
const displayName = leaf('Name shown in the studio and in listings.', 'スタジオや一覧に表示される名前。');
const tags = free('Tags: a map of string keys to string values.', 'タグ: 文字列キーと文字列値のマップ。');

function inputDef(types: readonly string[]): KeyNode {
  return {
    doc: { en: 'One flow input: its type, default value and chat role.', ja: 'フロー入力の定義: 型、既定値、チャットでの役割。' },
    keys: {
      type: leaf('Required. Value type of the input.', '必須。入力の値の型。', types),
      default: leaf('Value used when the input is not given.', '入力が指定されないときに使われる値。'),
      description,
      is_chat_input: leaf(
        'Marks the question input of a chat flow (at most one).',
        'チャット フローの質問入力を示します (最大 1 つ)。',
        BOOL,
      ),
      is_chat_history: leaf(
        'Marks the chat history input (a list) of a chat flow.',
        'チャット フローの履歴入力 (リスト) を示します。',
        BOOL,
      ),
      enum: leaf('Allowed values of the input (read by the executor).', '入力に許される値の一覧 (実行エンジンが使用)。'),
    },
  };
}

function outputDef(types: readonly string[]): KeyNode {
  return {
    doc: { en: 'One flow output: its type and where its value comes from.', ja: 'フロー出力の定義: 型と値の参照元。' },
    keys: {
      type: leaf('Required. Value type of the output.', '必須。出力の値の型。', types),
      reference: leaf(
        'Where the value comes from: ${node.output}, ${node.output.field}, ${node} or ${inputs.x}.',
        '値の参照元: ${node.output}、${node.output.field}、${node}、${inputs.x}。',
      ),
      description,
      is_chat_output: leaf(
        'Marks the answer output of a chat flow (exactly one).',
        'チャット フローの回答出力を示します (1 つだけ)。',
        BOOL,
      ),
      evaluation_only: leaf('Output used only by evaluation (executor flag).', '評価でのみ使う出力 (実行エンジンのフラグ)。', BOOL),
    },
  };
}

const environment: KeyNode = {
  doc: {
    en: 'Runtime environment of the flow: requirements file and base image.',
    ja: 'フローの実行環境: requirements ファイルとベース イメージ。',
  },
  keys: {
    python_requirements_txt: leaf(
      'Path, relative to the flow folder, of the pip requirements file installed into the compute session.',
      'コンピューティング セッションにインストールされる pip requirements ファイルのパス (フロー フォルダーからの相対パス)。',
    ),
    image: leaf(
      'Base container image of the compute session (needs ACR pull permission). Reset the session to apply a change.',
      'コンピューティング セッションのベース コンテナー イメージ (ACR の pull 権限が必要)。変更を適用するにはセッションをリセットします。',
    ),
    conda_file: leaf('Path of a conda environment file (read by the devkit).', 'conda 環境ファイルのパス (devkit が使用)。'),
    setup_sh: leaf('Path of a setup script run while the image is built.', 'イメージ構築時に実行されるセットアップ スクリプトのパス。'),
  },
};
const environmentVariables = free(
  'Environment variables set for the flow; values may be ${connection.field} references.',
  'フローに設定される環境変数。値には ${connection.field} 参照を使えます。',
);
const additionalIncludes: KeyNode = {
  doc: {
    en: 'Files or folders (relative to the flow folder, ../ allowed) copied into the flow snapshot when it runs.',
    ja: '実行時にフローのスナップショットへコピーされるファイルまたはフォルダー (フロー フォルダーからの相対パス、../ も可)。',
  },
  items: leaf('A file or folder to copy into the snapshot.', 'スナップショットにコピーするファイルまたはフォルダー。'),
};
const language = leaf('Implementation language: python (default) or csharp.', '実装言語: python (既定) または csharp。', [
  'python',
  'csharp',
]);

/** Keys of a node body, shared by `nodes[]` and `node_variants.*.variants.*.node`. */
function nodeBody(withName: boolean): Record<string, KeyNode> {
  const body: Record<string, KeyNode> = {
    type: leaf('Tool type of the node.', 'ノードのツールの種類。', TOOL_TYPES),
    source: {
      doc: {
        en: 'Where the tool comes from: a code file or a package tool.',
        ja: 'ツールの提供元: コード ファイルまたはパッケージ ツール。',
      },
      keys: {
        type: leaf(
          'code (a file of this flow), package or package_with_prompt.',
          'code (このフローのファイル)、package、package_with_prompt のいずれか。',
          ['code', 'package', 'package_with_prompt'],
        ),
        path: leaf(
          'File relative to the flow folder (.py, or a .jinja2 prompt template).',
          'フロー フォルダーからの相対ファイル パス (.py または .jinja2 プロンプト テンプレート)。',
        ),
        tool: leaf(
          'Fully qualified id of a package tool, e.g. promptflow.tools.embedding.embedding.',
          'パッケージ ツールの完全修飾 ID (例: promptflow.tools.embedding.embedding)。',
        ),
      },
    },
    inputs: free(
      'Tool inputs: literal values or references ${inputs.x}, ${node.output}, ${node.output.field}, ${node}.',
      'ツールの入力: リテラル値または参照 ${inputs.x}、${node.output}、${node.output.field}、${node}。',
    ),
    connection: leaf('Name of the connection the tool uses (LLM nodes).', 'ツールが使う接続の名前 (LLM ノード)。'),
    api: leaf('LLM API: chat or completion.', 'LLM の API: chat または completion。', ['chat', 'completion']),
    provider: leaf('Model provider, e.g. AzureOpenAI or OpenAI.', 'モデルのプロバイダー (例: AzureOpenAI、OpenAI)。', [
      'AzureOpenAI',
      'OpenAI',
    ]),
    module: leaf('Python module of a package tool.', 'パッケージ ツールの Python モジュール。'),
  };
  if (!withName) return body;
  return {
    name: leaf(
      'Required. Node name, unique in the flow; other nodes refer to it as ${name.output}.',
      '必須。フロー内で一意のノード名。他のノードから ${name.output} で参照します。',
    ),
    ...body,
    aggregation: leaf(
      'Runs once over all lines (list inputs), after the other nodes.',
      '全行に対して 1 回だけ実行します (入力はリスト)。',
      BOOL,
    ),
    reduce: leaf('Legacy alias of aggregation.', 'aggregation の旧称。', BOOL),
    activate: {
      doc: {
        en: 'Runs the node only when `when` equals `is`; both are required.',
        ja: '`when` が `is` と等しいときだけノードを実行します。両方とも必須です。',
      },
      keys: {
        when: leaf('Value or reference compared with `is`.', '`is` と比較する値または参照。'),
        is: leaf('Value that `when` must equal.', '`when` が一致すべき値。'),
      },
    },
    use_variants: leaf('The node body comes from node_variants.<name>.', 'ノードの本体を node_variants.<name> から取ります。', BOOL),
    enable_cache: leaf('Caches the node result (executor flag).', 'ノードの結果をキャッシュします (実行エンジンのフラグ)。', BOOL),
    comment: leaf('Free text.', '自由記述。'),
    skip: leaf('Legacy conditional syntax; prefer activate.', '旧形式の条件指定。activate を使ってください。'),
  };
}

const flowCommon: Record<string, KeyNode> = {
  $schema: schemaKey,
  environment,
  environment_variables: environmentVariables,
  additional_includes: additionalIncludes,
  language,
  type: leaf('Flow kind metadata: standard, evaluation or chat.', 'フローの種類のメタデータ: standard、evaluation、chat。', [
    'standard',
    'evaluation',
    'chat',
  ]),
  description,
  display_name: displayName,
  tags,
};

export const dagFlowTree: KeyNode = {
  doc: { en: 'DAG flow', ja: 'DAG フロー' },
  keys: {
    ...flowCommon,
    inputs: { doc: { en: 'Flow inputs, by name.', ja: 'フローの入力 (名前ごと)。' }, map: inputDef(VALUE_TYPES) },
    outputs: { doc: { en: 'Flow outputs, by name.', ja: 'フローの出力 (名前ごと)。' }, map: outputDef(VALUE_TYPES) },
    nodes: {
      doc: { en: 'The nodes of the DAG; their order does not matter.', ja: 'DAG のノード。順序は関係ありません。' },
      items: { doc: { en: 'A node of the flow.', ja: 'フローのノード。' }, keys: nodeBody(true) },
    },
    node_variants: {
      doc: {
        en: 'Variants of nodes, by node name; a run picks one with variant: ${node.variant_id}.',
        ja: 'ノードのバリアント (ノード名ごと)。実行では variant: ${node.variant_id} で選択します。',
      },
      map: {
        doc: { en: 'Variants of one node.', ja: '1 つのノードのバリアント。' },
        keys: {
          default_variant_id: leaf('Variant used when a run does not pick one.', '実行で指定がないときに使うバリアント。'),
          variants: {
            doc: { en: 'Variants by id.', ja: 'ID ごとのバリアント。' },
            map: {
              doc: { en: 'One variant.', ja: '1 つのバリアント。' },
              keys: {
                node: {
                  doc: { en: 'Node body of this variant (no name).', ja: 'このバリアントのノード本体 (name なし)。' },
                  keys: nodeBody(false),
                },
                description,
              },
            },
          },
        },
      },
    },
    id: leaf('Flow id read by the executor (not in the flow schema).', '実行エンジンが読むフロー ID (スキーマ外)。'),
    name: leaf('Flow name read by the executor (not in the flow schema).', '実行エンジンが読むフロー名 (スキーマ外)。'),
    message_format: leaf('Message format: basic (default) or openai-vision.', 'メッセージ形式: basic (既定) または openai-vision。', [
      'basic',
      'openai-vision',
    ]),
    version: leaf('Version number (used by a few assistant flows).', 'バージョン番号 (一部のアシスタント フローで使用)。'),
  },
};

export const flexFlowTree: KeyNode = {
  doc: { en: 'Flex flow', ja: 'フレックス フロー' },
  keys: {
    ...flowCommon,
    entry: leaf(
      'Required. Entry point: module:function or module:Class.',
      '必須。エントリ ポイント: module:function または module:Class。',
    ),
    inputs: {
      doc: { en: 'Flow inputs, by name (normally inferred from the entry).', ja: 'フローの入力 (通常はエントリから推論)。' },
      map: inputDef(FLEX_TYPES),
    },
    outputs: { doc: { en: 'Flow outputs, by name.', ja: 'フローの出力 (名前ごと)。' }, map: outputDef(FLEX_TYPES) },
    init: {
      doc: { en: 'Constructor parameters of a class entry.', ja: 'クラス エントリのコンストラクター パラメーター。' },
      map: {
        doc: { en: 'One constructor parameter.', ja: 'コンストラクター パラメーター。' },
        keys: {
          type: leaf(
            'Required. A value type, a connection type or a model configuration class.',
            '必須。値の型、接続の種類、またはモデル構成クラス。',
            [...FLEX_TYPES, 'AzureOpenAIConnection', 'OpenAIConnection', 'AzureOpenAIModelConfiguration', 'OpenAIModelConfiguration'],
          ),
          default: leaf('Value used when none is given.', '指定がないときに使う値。'),
          description,
        },
      },
    },
    sample: {
      doc: {
        en: 'Sample values; a value may be ${file:relative/path.json}.',
        ja: 'サンプル値。値には ${file:relative/path.json} も使えます。',
      },
      keys: {
        init: free('Sample constructor arguments.', 'コンストラクター引数のサンプル。'),
        inputs: free('Sample inputs.', '入力のサンプル。'),
      },
    },
    code: leaf(
      'Folder holding the entry code (defaults to the flow folder).',
      'エントリのコードを含むフォルダー (既定はフロー フォルダー)。',
    ),
  },
};

export const runTree: KeyNode = {
  doc: { en: 'Run', ja: '実行' },
  keys: {
    $schema: schemaKey,
    flow: leaf(
      'Required. Local flow folder or flow file (relative to this file), or azureml:<flow-name>.',
      '必須。ローカルのフロー フォルダーまたはフロー ファイル (このファイルからの相対パス)、または azureml:<flow-name>。',
    ),
    data: leaf(
      'Data file or folder (.jsonl, .csv) relative to this file, or azureml://… / https://….',
      'データ ファイルまたはフォルダー (.jsonl、.csv、このファイルからの相対パス)、または azureml://… / https://…。',
    ),
    run: leaf(
      'Name of an existing base run whose outputs column_mapping can use.',
      'column_mapping で出力を使える既存のベース実行の名前。',
    ),
    column_mapping: free(
      'Maps flow inputs to ${data.col}, ${run.outputs.x}, ${run.inputs.x} or literal values.',
      'フロー入力を ${data.col}、${run.outputs.x}、${run.inputs.x} またはリテラル値に対応付けます。',
    ),
    variant: leaf('Node variant to use: ${node_name.variant_id}.', '使用するノード バリアント: ${node_name.variant_id}。'),
    connections: {
      doc: { en: 'Per-node connection overrides, by node name.', ja: 'ノードごとの接続の上書き (ノード名ごと)。' },
      map: free(
        'Overrides for one node (connection, deployment_name, model…).',
        '1 つのノードの上書き (connection、deployment_name、model など)。',
      ),
    },
    environment_variables: free(
      'Environment variables (a map, or the path of a .env file).',
      '環境変数 (マップ、または .env ファイルのパス)。',
    ),
    init: free(
      'Constructor arguments of a class-based flex flow (or a json/yaml file path).',
      'クラス ベースのフレックス フローのコンストラクター引数 (または json/yaml ファイルのパス)。',
    ),
    name: leaf('Run name, unique in the workspace.', 'ワークスペース内で一意の実行名。'),
    display_name: leaf(
      'Display name; may use ${variant_id}, ${timestamp}, ${run}.',
      '表示名。${variant_id}、${timestamp}、${run} を使えます。',
    ),
    description,
    tags,
    properties: free('Properties: a map of strings.', 'プロパティ: 文字列のマップ。'),
    runtime: leaf('Cloud runtime name.', 'クラウド ランタイムの名前。'),
    resources: {
      doc: {
        en: "Compute of the run's session (cloud only). Other keys are errors.",
        ja: '実行のセッションのコンピューティング (クラウドのみ)。他のキーはエラーです。',
      },
      keys: {
        instance_type: leaf(
          'VM size of the serverless compute, e.g. Standard_D4s_v3.',
          'サーバーレス コンピューティングの VM サイズ (例: Standard_D4s_v3)。',
        ),
        compute: leaf('Name of a compute instance to run the session on.', 'セッションを実行するコンピューティング インスタンスの名前。'),
      },
    },
    identity: {
      doc: { en: 'Identity the run uses to reach resources (cloud only).', ja: '実行がリソースにアクセスするための ID (クラウドのみ)。' },
      keys: {
        type: leaf('Required. user_identity or managed.', '必須。user_identity または managed。', IDENTITY_TYPES),
        client_id: leaf(
          'Client id of a user-assigned managed identity (only with type: managed).',
          'ユーザー割り当てマネージド ID のクライアント ID (type: managed のときのみ)。',
        ),
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
