// Hover and completion docs of the keys of flow, flex and run files (server/keyTree.ts names them by
// id next to each key). Literal `${…}` in a doc is shown as it is: docs are rendered without arguments.
import type { Entry } from '../catalogue';

export const serverDocMessages = {
  'server.doc.userDefinedEntry': { en: 'A user-defined entry.', ja: 'ユーザー定義の項目。' },
  'server.doc.editorHintNamingJson': {
    en: 'Editor hint naming the JSON schema of this file; ignored by the loader.',
    ja: 'このファイルの JSON スキーマを示すエディター用のヒント。読み込み時には無視されます。',
  },
  'server.doc.freeTextDescribingItem': { en: 'Free text describing this item.', ja: 'この項目の説明。' },
  'server.doc.nameShownStudioListings': { en: 'Name shown in the studio and in listings.', ja: 'スタジオや一覧に表示される名前。' },
  'server.doc.tagsMapStringKeys': { en: 'Tags: a map of string keys to string values.', ja: 'タグ: 文字列キーと文字列値のマップ。' },
  'server.doc.requiredValueTypeInput': { en: 'Required. Value type of the input.', ja: '必須。入力の値の型。' },
  'server.doc.valueUsedInputNot': { en: 'Value used when the input is not given.', ja: '入力が指定されないときに使われる値。' },
  'server.doc.marksQuestionInputChat': {
    en: 'Marks the question input of a chat flow (at most one).',
    ja: 'チャット フローの質問入力を示します (最大 1 つ)。',
  },
  'server.doc.marksChatHistoryInput': {
    en: 'Marks the chat history input (a list) of a chat flow.',
    ja: 'チャット フローの履歴入力 (リスト) を示します。',
  },
  'server.doc.allowedValuesInputRead': {
    en: 'Allowed values of the input (read by the executor).',
    ja: '入力に許される値の一覧 (実行エンジンが使用)。',
  },
  'server.doc.requiredValueTypeOutput': { en: 'Required. Value type of the output.', ja: '必須。出力の値の型。' },
  'server.doc.whereValueComesNode': {
    en: 'Where the value comes from: ${node.output}, ${node.output.field}, ${node} or ${inputs.x}.',
    ja: '値の参照元: ${node.output}、${node.output.field}、${node}、${inputs.x}。',
  },
  'server.doc.marksAnswerOutputChat': {
    en: 'Marks the answer output of a chat flow (exactly one).',
    ja: 'チャット フローの回答出力を示します (1 つだけ)。',
  },
  'server.doc.outputUsedOnlyEvaluation': {
    en: 'Output used only by evaluation (executor flag).',
    ja: '評価でのみ使う出力 (実行エンジンのフラグ)。',
  },
  'server.doc.pathRelativeFlowFolder': {
    en: 'Path, relative to the flow folder, of the pip requirements file installed into the compute session.',
    ja: 'コンピューティング セッションにインストールされる pip requirements ファイルのパス (フロー フォルダーからの相対パス)。',
  },
  'server.doc.baseContainerImageCompute': {
    en: 'Base container image of the compute session (needs ACR pull permission). Reset the session to apply a change.',
    ja: 'コンピューティング セッションのベース コンテナー イメージ (ACR の pull 権限が必要)。変更を適用するにはセッションをリセットします。',
  },
  'server.doc.pathCondaEnvironmentFile': {
    en: 'Path of a conda environment file (read by the devkit).',
    ja: 'conda 環境ファイルのパス (devkit が使用)。',
  },
  'server.doc.pathSetupScriptRun': {
    en: 'Path of a setup script run while the image is built.',
    ja: 'イメージ構築時に実行されるセットアップ スクリプトのパス。',
  },
  'server.doc.environmentVariablesSetFlow': {
    en: 'Environment variables set for the flow; values may be ${connection.field} references.',
    ja: 'フローに設定される環境変数。値には ${connection.field} 参照を使えます。',
  },
  'server.doc.fileFolderCopyInto': {
    en: 'A file or folder to copy into the snapshot.',
    ja: 'スナップショットにコピーするファイルまたはフォルダー。',
  },
  'server.doc.implementationLanguagePythonDefault': {
    en: 'Implementation language: python (default) or csharp.',
    ja: '実装言語: python (既定) または csharp。',
  },
  'server.doc.toolTypeNode': { en: 'Tool type of the node.', ja: 'ノードのツールの種類。' },
  'server.doc.codeFileFlowPackage': {
    en: 'code (a file of this flow), package or package_with_prompt.',
    ja: 'code (このフローのファイル)、package、package_with_prompt のいずれか。',
  },
  'server.doc.fileRelativeFlowFolder': {
    en: 'File relative to the flow folder (.py, or a .jinja2 prompt template).',
    ja: 'フロー フォルダーからの相対ファイル パス (.py または .jinja2 プロンプト テンプレート)。',
  },
  'server.doc.fullyQualifiedIdPackage': {
    en: 'Fully qualified id of a package tool, e.g. promptflow.tools.embedding.embedding.',
    ja: 'パッケージ ツールの完全修飾 ID (例: promptflow.tools.embedding.embedding)。',
  },
  'server.doc.toolInputsLiteralValues': {
    en: 'Tool inputs: literal values or references ${inputs.x}, ${node.output}, ${node.output.field}, ${node}.',
    ja: 'ツールの入力: リテラル値または参照 ${inputs.x}、${node.output}、${node.output.field}、${node}。',
  },
  'server.doc.nameConnectionToolUses': {
    en: 'Name of the connection the tool uses (LLM nodes).',
    ja: 'ツールが使う接続の名前 (LLM ノード)。',
  },
  'server.doc.llmApiChatCompletion': { en: 'LLM API: chat or completion.', ja: 'LLM の API: chat または completion。' },
  'server.doc.modelProviderEG': {
    en: 'Model provider, e.g. AzureOpenAI or OpenAI.',
    ja: 'モデルのプロバイダー (例: AzureOpenAI、OpenAI)。',
  },
  'server.doc.pythonModulePackageTool': { en: 'Python module of a package tool.', ja: 'パッケージ ツールの Python モジュール。' },
  'server.doc.requiredNodeNameUnique': {
    en: 'Required. Node name, unique in the flow; other nodes refer to it as ${name.output}.',
    ja: '必須。フロー内で一意のノード名。他のノードから ${name.output} で参照します。',
  },
  'server.doc.runsOnceOverAll': {
    en: 'Runs once over all lines (list inputs), after the other nodes.',
    ja: '全行に対して 1 回だけ実行します (入力はリスト)。',
  },
  'server.doc.legacyAliasAggregation': { en: 'Legacy alias of aggregation.', ja: 'aggregation の旧称。' },
  'server.doc.valueReferenceCompared': { en: 'Value or reference compared with `is`.', ja: '`is` と比較する値または参照。' },
  'server.doc.valueMustEqual': { en: 'Value that `when` must equal.', ja: '`when` が一致すべき値。' },
  'server.doc.nodeBodyComesNode': {
    en: 'The node body comes from node_variants.<name>.',
    ja: 'ノードの本体を node_variants.<name> から取ります。',
  },
  'server.doc.cachesNodeResultExecutor': {
    en: 'Caches the node result (executor flag).',
    ja: 'ノードの結果をキャッシュします (実行エンジンのフラグ)。',
  },
  'server.doc.freeText': { en: 'Free text.', ja: '自由記述。' },
  'server.doc.legacyConditionalSyntaxPrefer': {
    en: 'Legacy conditional syntax; prefer activate.',
    ja: '旧形式の条件指定。activate を使ってください。',
  },
  'server.doc.flowKindMetadataStandard': {
    en: 'Flow kind metadata: standard, evaluation or chat.',
    ja: 'フローの種類のメタデータ: standard、evaluation、chat。',
  },
  'server.doc.variantUsedRunDoes': { en: 'Variant used when a run does not pick one.', ja: '実行で指定がないときに使うバリアント。' },
  'server.doc.flowIdReadExecutor': {
    en: 'Flow id read by the executor (not in the flow schema).',
    ja: '実行エンジンが読むフロー ID (スキーマ外)。',
  },
  'server.doc.flowNameReadExecutor': {
    en: 'Flow name read by the executor (not in the flow schema).',
    ja: '実行エンジンが読むフロー名 (スキーマ外)。',
  },
  'server.doc.messageFormatBasicDefault': {
    en: 'Message format: basic (default) or openai-vision.',
    ja: 'メッセージ形式: basic (既定) または openai-vision。',
  },
  'server.doc.versionNumberUsedFew': {
    en: 'Version number (used by a few assistant flows).',
    ja: 'バージョン番号 (一部のアシスタント フローで使用)。',
  },
  'server.doc.requiredEntryPointModule': {
    en: 'Required. Entry point: module:function or module:Class.',
    ja: '必須。エントリ ポイント: module:function または module:Class。',
  },
  'server.doc.requiredValueTypeConnection': {
    en: 'Required. A value type, a connection type or a model configuration class.',
    ja: '必須。値の型、接続の種類、またはモデル構成クラス。',
  },
  'server.doc.valueUsedNoneGiven': { en: 'Value used when none is given.', ja: '指定がないときに使う値。' },
  'server.doc.sampleConstructorArguments': { en: 'Sample constructor arguments.', ja: 'コンストラクター引数のサンプル。' },
  'server.doc.sampleInputs': { en: 'Sample inputs.', ja: '入力のサンプル。' },
  'server.doc.folderHoldingEntryCode': {
    en: 'Folder holding the entry code (defaults to the flow folder).',
    ja: 'エントリのコードを含むフォルダー (既定はフロー フォルダー)。',
  },
  'server.doc.requiredLocalFlowFolder': {
    en: 'Required. Local flow folder or flow file (relative to this file), or azureml:<flow-name>.',
    ja: '必須。ローカルのフロー フォルダーまたはフロー ファイル (このファイルからの相対パス)、または azureml:<flow-name>。',
  },
  'server.doc.dataFileFolderJsonl': {
    en: 'Data file or folder (.jsonl, .csv) relative to this file, or azureml://… / https://….',
    ja: 'データ ファイルまたはフォルダー (.jsonl、.csv、このファイルからの相対パス)、または azureml://… / https://…。',
  },
  'server.doc.nameExistingBaseRun': {
    en: 'Name of an existing base run whose outputs column_mapping can use.',
    ja: 'column_mapping で出力を使える既存のベース実行の名前。',
  },
  'server.doc.mapsFlowInputsData': {
    en: 'Maps flow inputs to ${data.col}, ${run.outputs.x}, ${run.inputs.x} or literal values.',
    ja: 'フロー入力を ${data.col}、${run.outputs.x}、${run.inputs.x} またはリテラル値に対応付けます。',
  },
  'server.doc.nodeVariantUseNode': {
    en: 'Node variant to use: ${node_name.variant_id}.',
    ja: '使用するノード バリアント: ${node_name.variant_id}。',
  },
  'server.doc.overridesOneNodeConnection': {
    en: 'Overrides for one node (connection, deployment_name, model…).',
    ja: '1 つのノードの上書き (connection、deployment_name、model など)。',
  },
  'server.doc.environmentVariablesMapPath': {
    en: 'Environment variables (a map, or the path of a .env file).',
    ja: '環境変数 (マップ、または .env ファイルのパス)。',
  },
  'server.doc.constructorArgumentsClassBased': {
    en: 'Constructor arguments of a class-based flex flow (or a json/yaml file path).',
    ja: 'クラス ベースのフレックス フローのコンストラクター引数 (または json/yaml ファイルのパス)。',
  },
  'server.doc.runNameUniqueWorkspace': { en: 'Run name, unique in the workspace.', ja: 'ワークスペース内で一意の実行名。' },
  'server.doc.displayNameMayUse': {
    en: 'Display name; may use ${variant_id}, ${timestamp}, ${run}.',
    ja: '表示名。${variant_id}、${timestamp}、${run} を使えます。',
  },
  'server.doc.propertiesMapStrings': { en: 'Properties: a map of strings.', ja: 'プロパティ: 文字列のマップ。' },
  'server.doc.cloudRuntimeName': { en: 'Cloud runtime name.', ja: 'クラウド ランタイムの名前。' },
  'server.doc.vmSizeServerlessCompute': {
    en: 'VM size of the serverless compute, e.g. Standard_D4s_v3.',
    ja: 'サーバーレス コンピューティングの VM サイズ (例: Standard_D4s_v3)。',
  },
  'server.doc.nameComputeInstanceRun': {
    en: 'Name of a compute instance to run the session on.',
    ja: 'セッションを実行するコンピューティング インスタンスの名前。',
  },
  'server.doc.requiredUserIdentityManaged': { en: 'Required. user_identity or managed.', ja: '必須。user_identity または managed。' },
  'server.doc.clientIdUserAssigned': {
    en: 'Client id of a user-assigned managed identity (only with type: managed).',
    ja: 'ユーザー割り当てマネージド ID のクライアント ID (type: managed のときのみ)。',
  },
  'server.doc.oneFlowInputType': {
    en: 'One flow input: its type, default value and chat role.',
    ja: 'フロー入力の定義: 型、既定値、チャットでの役割。',
  },
  'server.doc.oneFlowOutputType': {
    en: 'One flow output: its type and where its value comes from.',
    ja: 'フロー出力の定義: 型と値の参照元。',
  },
  'server.doc.runtimeEnvironmentFlowRequirements': {
    en: 'Runtime environment of the flow: requirements file and base image.',
    ja: 'フローの実行環境: requirements ファイルとベース イメージ。',
  },
  'server.doc.filesFoldersRelativeFlow': {
    en: 'Files or folders (relative to the flow folder, ../ allowed) copied into the flow snapshot when it runs.',
    ja: '実行時にフローのスナップショットへコピーされるファイルまたはフォルダー (フロー フォルダーからの相対パス、../ も可)。',
  },
  'server.doc.whereToolComesCode': {
    en: 'Where the tool comes from: a code file or a package tool.',
    ja: 'ツールの提供元: コード ファイルまたはパッケージ ツール。',
  },
  'server.doc.runsNodeOnlyEquals': {
    en: 'Runs the node only when `when` equals `is`; both are required.',
    ja: '`when` が `is` と等しいときだけノードを実行します。両方とも必須です。',
  },
  'server.doc.dagFlow': { en: 'DAG flow', ja: 'DAG フロー' },
  'server.doc.flowInputsName': { en: 'Flow inputs, by name.', ja: 'フローの入力 (名前ごと)。' },
  'server.doc.flowOutputsName': { en: 'Flow outputs, by name.', ja: 'フローの出力 (名前ごと)。' },
  'server.doc.nodesDagTheirOrder': { en: 'The nodes of the DAG; their order does not matter.', ja: 'DAG のノード。順序は関係ありません。' },
  'server.doc.nodeFlow': { en: 'A node of the flow.', ja: 'フローのノード。' },
  'server.doc.variantsNodesNodeName': {
    en: 'Variants of nodes, by node name; a run picks one with variant: ${node.variant_id}.',
    ja: 'ノードのバリアント (ノード名ごと)。実行では variant: ${node.variant_id} で選択します。',
  },
  'server.doc.variantsOneNode': { en: 'Variants of one node.', ja: '1 つのノードのバリアント。' },
  'server.doc.variantsId': { en: 'Variants by id.', ja: 'ID ごとのバリアント。' },
  'server.doc.oneVariant': { en: 'One variant.', ja: '1 つのバリアント。' },
  'server.doc.nodeBodyVariantNo': { en: 'Node body of this variant (no name).', ja: 'このバリアントのノード本体 (name なし)。' },
  'server.doc.flexFlow': { en: 'Flex flow', ja: 'フレックス フロー' },
  'server.doc.flowInputsNameNormally': {
    en: 'Flow inputs, by name (normally inferred from the entry).',
    ja: 'フローの入力 (通常はエントリから推論)。',
  },
  'server.doc.constructorParametersClassEntry': {
    en: 'Constructor parameters of a class entry.',
    ja: 'クラス エントリのコンストラクター パラメーター。',
  },
  'server.doc.oneConstructorParameter': { en: 'One constructor parameter.', ja: 'コンストラクター パラメーター。' },
  'server.doc.sampleValuesValueMay': {
    en: 'Sample values; a value may be ${file:relative/path.json}.',
    ja: 'サンプル値。値には ${file:relative/path.json} も使えます。',
  },
  'server.doc.run': { en: 'Run', ja: '実行' },
  'server.doc.perNodeConnectionOverrides': {
    en: 'Per-node connection overrides, by node name.',
    ja: 'ノードごとの接続の上書き (ノード名ごと)。',
  },
  'server.doc.computeRunSSession': {
    en: "Compute of the run's session (cloud only). Other keys are errors.",
    ja: '実行のセッションのコンピューティング (クラウドのみ)。他のキーはエラーです。',
  },
  'server.doc.identityRunUsesReach': {
    en: 'Identity the run uses to reach resources (cloud only).',
    ja: '実行がリソースにアクセスするための ID (クラウドのみ)。',
  },
} as const satisfies Record<string, Entry>;
