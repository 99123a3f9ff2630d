// Texts of the migration to Microsoft Agent Framework: the plan, the generated README's fixed
// sentences and the `pfsession migrate` output.
import type { Entry } from '../catalogue';

export const migrationMessages = {
  'migration.readiness.automatic': { en: 'automatic', ja: '自動' },
  'migration.readiness.review': { en: 'review', ja: '要確認' },
  'migration.readiness.manual': { en: 'manual', ja: '手動' },

  'migration.note.llm': {
    en: 'Calls the {provider} model "{model}" through the chat client ({api} API).',
    ja: 'チャット クライアントで {provider} のモデル「{model}」を呼び出します ({api} API)。',
  },
  'migration.note.providerAssumed': {
    en: 'The node names no provider: the code is generated for {provider}. Check the connection type.',
    ja: 'ノードにプロバイダーの指定がないため、{provider} 向けに生成します。接続の種類を確認してください。',
  },
  'migration.note.completion': {
    en: 'Completion API: the client has none, so the rendered prompt is sent as one user message to the chat API. Check the answers.',
    ja: 'Completion API はクライアントにないため、描画したプロンプトを 1 件のユーザー メッセージとしてチャット API に送ります。応答を確認してください。',
  },
  'migration.note.vision': {
    en: 'Images in the template are sent as text. Build image contents (Content.from_uri) where the model must see them.',
    ja: 'テンプレート内の画像はテキストとして送られます。モデルに画像を見せる箇所では画像コンテンツ (Content.from_uri) を組み立ててください。',
  },
  'migration.note.serverless': {
    en: 'Serverless endpoint through its OpenAI-compatible API: check that the endpoint URL ends where the client expects (…/v1).',
    ja: 'サーバーレス エンドポイントを OpenAI 互換 API で呼び出します。エンドポイント URL がクライアントの期待する形 (…/v1) か確認してください。',
  },
  'migration.note.unpassed': {
    en: 'Not passed to the client: {names}. Add them to the call where they matter.',
    ja: 'クライアントに渡していないパラメーター: {names}。必要なら呼び出しに追加してください。',
  },
  'migration.note.noModel': {
    en: 'No deployment or model is written as a literal: set it in the generated code.',
    ja: 'デプロイまたはモデルがリテラルで書かれていません。生成コードで設定してください。',
  },
  'migration.note.prompt': {
    en: 'Renders {path} with Jinja2 as prompt flow does.',
    ja: '{path} を prompt flow と同じく Jinja2 で描画します。',
  },
  'migration.note.python': {
    en: 'Calls {fn}() of {path}, copied unchanged.',
    ja: '変更せずにコピーした {path} の {fn}() を呼び出します。',
  },
  'migration.note.missingSource': {
    en: 'The source {path} cannot be read. Restore it and plan again.',
    ja: 'ソース {path} を読み込めません。復元してから計画し直してください。',
  },
  'migration.note.noToolFunction': {
    en: 'No @tool function found in {path}. Name it with "function:" on the node, or call the code from the generated executor.',
    ja: '{path} に @tool 関数が見つかりません。ノードの「function:」で指定するか、生成された Executor からコードを呼び出してください。',
  },
  'migration.note.classTool': {
    en: 'The tool in {path} is a method of a class (ToolProvider). Create the object in the executor and call its method.',
    ja: '{path} のツールはクラス (ToolProvider) のメソッドです。Executor の中でオブジェクトを作り、そのメソッドを呼び出してください。',
  },
  'migration.tool.embedding': {
    en: '{tool} has no generated equivalent: use OpenAIEmbeddingClient (agent_framework.openai) in the executor.',
    ja: '{tool} に相当するコードは生成されません。Executor で OpenAIEmbeddingClient (agent_framework.openai) を使ってください。',
  },
  'migration.tool.serpapi': {
    en: '{tool} has no generated equivalent: call the SerpAPI HTTP API in the executor, or give an agent a search tool.',
    ja: '{tool} に相当するコードは生成されません。Executor から SerpAPI の HTTP API を呼び出すか、エージェントに検索ツールを持たせてください。',
  },
  'migration.tool.contentSafety': {
    en: '{tool} has no generated equivalent: call Azure AI Content Safety (azure-ai-contentsafety) in the executor.',
    ja: '{tool} に相当するコードは生成されません。Executor から Azure AI Content Safety (azure-ai-contentsafety) を呼び出してください。',
  },
  'migration.tool.openModel': {
    en: '{tool} has no generated equivalent: call the endpoint through its OpenAI-compatible API with OpenAIChatCompletionClient.',
    ja: '{tool} に相当するコードは生成されません。OpenAIChatCompletionClient でエンドポイントの OpenAI 互換 API を呼び出してください。',
  },
  'migration.note.unknownTool': {
    en: 'Package tool {tool} is not one of promptflow-tools: call its package from the executor yourself.',
    ja: 'パッケージ ツール {tool} は promptflow-tools のものではありません。Executor からそのパッケージを呼び出してください。',
  },
  'migration.note.unknownNodeType': {
    en: 'Nodes of type "{type}" have no equivalent: write the executor by hand.',
    ja: '種類「{type}」のノードに相当するものはありません。Executor を手で書いてください。',
  },
  'migration.note.variants': {
    en: 'Variant {chosen} (the default) is generated; not generated: {others}.',
    ja: '既定のバリアント {chosen} を生成します。生成しないバリアント: {others}。',
  },
  'migration.note.activate': {
    en: 'Runs only when {when} is {is}: a conditional edge, and a bypass executor that passes the line on as prompt flow does.',
    ja: '{when} が {is} のときだけ実行します。条件付きエッジと、prompt flow と同じく行を先へ渡すバイパス用 Executor になります。',
  },
  'migration.note.aggregation': {
    en: 'Aggregation: runs once after all lines over the lists of its inputs (main.py --data).',
    ja: '集計ノード: 全行の後に、入力のリストを受け取って 1 回だけ実行します (main.py --data)。',
  },
  'migration.note.fanIn': {
    en: 'Waits for {sources} (fan-in).',
    ja: '{sources} を待ち合わせます (ファンイン)。',
  },
  'migration.note.fanOut': {
    en: 'Feeds {targets}, which run in parallel (fan-out).',
    ja: '{targets} に渡し、それらは並列に実行されます (ファンアウト)。',
  },
  'migration.note.flexFunction': {
    en: "Flex flow: one executor calls the entry {entry} with the line's inputs.",
    ja: 'フレックス フロー: 1 つの Executor が行の入力でエントリ {entry} を呼び出します。',
  },
  'migration.note.flexClass': {
    en: 'Flex flow with a class entry {entry}: the object is created with no init arguments. Check its init.',
    ja: 'クラスをエントリとするフレックス フロー {entry}: オブジェクトは init 引数なしで作られます。init を確認してください。',
  },
  'migration.note.flexEntryMissing': {
    en: 'The entry "{entry}" cannot be found in the flow folder. Fix the entry and plan again.',
    ja: 'エントリ「{entry}」がフロー フォルダーに見つかりません。エントリを直してから計画し直してください。',
  },
  'migration.item.chatInput': {
    en: "Chat input: one line's question, passed like any other input.",
    ja: 'チャット入力: 1 行分の質問として、ほかの入力と同じく渡されます。',
  },
  'migration.item.chatHistory': {
    en: 'Chat history: a list of turns, each with "inputs" and "outputs", passed to the templates as it is.',
    ja: 'チャット履歴: "inputs" と "outputs" を持つやり取りのリストとして、そのままテンプレートに渡されます。',
  },
  'migration.item.chatOutput': {
    en: 'Chat output: the answer of the line, yielded under its name.',
    ja: 'チャット出力: 行の応答として、その名前で出力されます。',
  },
  'migration.item.image': {
    en: 'Image input: passed to the nodes as given (a path, URL or data). Check how the nodes read it.',
    ja: '画像入力: 渡されたまま (パス、URL、データ) ノードに渡されます。ノードでの読み方を確認してください。',
  },
  'migration.item.image.env': {
    en: 'Runtime image {image} is not used: the project runs on Python 3.10 or later; add what the image held to requirements.txt.',
    ja: 'ランタイム イメージ {image} は使われません。プロジェクトは Python 3.10 以降で動きます。イメージに入っていたものを requirements.txt に追加してください。',
  },
  'migration.item.requirements': {
    en: 'Requirements of {path} are carried into requirements.txt (without promptflow and promptflow-tools).',
    ja: '{path} の依存関係を requirements.txt に引き継ぎます (promptflow と promptflow-tools を除く)。',
  },
  'migration.blocker.invalid': {
    en: 'Line {line}: {code} {message}',
    ja: '{line} 行目: {code} {message}',
  },
  'migration.blocker.unreadable': {
    en: 'The flow file cannot be read as a flow.',
    ja: 'フロー ファイルをフローとして読み込めません。',
  },
  'migration.blockerKind.invalidFlow': { en: 'fails validation', ja: '検証エラー' },
  'migration.blockerKind.unknownTool': { en: 'unknown package tool', ja: '不明なパッケージ ツール' },
  'migration.blockerKind.noEquivalent': { en: 'built-in tool without equivalent', ja: '相当するもののない組み込みツール' },
  'migration.blockerKind.classTool': { en: 'class tool', ja: 'クラス ツール' },
  'migration.blockerKind.unknownNodeType': { en: 'unknown node type', ja: '不明なノードの種類' },
  'migration.blockerKind.missingSource': { en: 'missing source', ja: 'ソースがない' },

  'migration.report.title': { en: 'Migration plan: {path}', ja: '移行計画: {path}' },
  'migration.report.flow': {
    en: '{kind} flow, readiness: {readiness}',
    ja: '{kind} フロー、準備状況: {readiness}',
  },
  'migration.report.notGeneratable': {
    en: 'The workflow cannot be generated until the flow validates. Fix these first:',
    ja: 'フローの検証が通るまでワークフローは生成できません。先に次を直してください:',
  },
  'migration.report.nodes': { en: 'Nodes', ja: 'ノード' },
  'migration.report.node': {
    en: '{name} ({type}) → {mapsTo} [{readiness}]',
    ja: '{name} ({type}) → {mapsTo} [{readiness}]',
  },
  'migration.report.flowItems': { en: 'Inputs, outputs and environment', ja: '入力、出力、環境' },
  'migration.report.connections': { en: 'Connections', ja: '接続' },
  'migration.report.connection': {
    en: '{name} ({type}, used by {nodes}) → environment variables {variables}',
    ja: '{name} ({type}、使用元 {nodes}) → 環境変数 {variables}',
  },
  'migration.report.customConnection': {
    en: '{name} (CustomConnection, used by {nodes}) → environment variables {prefix}_SECRET_<KEY> and {prefix}_CONFIG_<KEY>',
    ja: '{name} (CustomConnection、使用元 {nodes}) → 環境変数 {prefix}_SECRET_<KEY> と {prefix}_CONFIG_<KEY>',
  },
  'migration.report.blockers': { en: 'Blockers', ja: '阻害要因' },
  'migration.report.summary': {
    en: 'Summary: {flows} flow(s), {generatable} can be generated; nodes: {automatic} automatic, {review} review, {manual} manual.',
    ja: '概要: フロー {flows} 件 (生成可能 {generatable} 件)。ノード: 自動 {automatic}、要確認 {review}、手動 {manual}。',
  },
  'migration.report.blockerCounts': { en: 'Blockers by kind: {list}', ja: '種類別の阻害要因: {list}' },
  'migration.report.noBlockers': { en: 'No blockers.', ja: '阻害要因はありません。' },
  'migration.report.noFlows': {
    en: 'No flow files found under the paths given.',
    ja: '指定されたパスの下にフロー ファイルが見つかりません。',
  },

  'migration.cli.usagePlan': {
    en: 'usage: pfsession migrate plan <paths…> [--json] [--locale en|ja]',
    ja: '使い方: pfsession migrate plan <パス…> [--json] [--locale en|ja]',
  },
  'migration.cli.usageGenerate': {
    en: 'usage: pfsession migrate generate <flow> --out <dir> [--force] [--json] [--locale en|ja]',
    ja: '使い方: pfsession migrate generate <フロー> --out <フォルダー> [--force] [--json] [--locale en|ja]',
  },
  'migration.cli.summary': {
    en: 'plan, generate or verify the Microsoft Agent Framework workflow of a flow',
    ja: 'フローの Microsoft Agent Framework ワークフローを計画・生成・検証する',
  },
  'migration.cli.unknownOption': { en: 'unknown option "{option}"', ja: '不明なオプション「{option}」' },
  'migration.cli.needsValue': { en: '{option} needs a value', ja: '{option} には値が必要です' },
  'migration.cli.needPaths': {
    en: 'give at least one flow file or folder',
    ja: 'フロー ファイルまたはフォルダーを 1 つ以上指定してください',
  },
  'migration.cli.needOneFlow': {
    en: 'give one flow (its file or folder)',
    ja: 'フローを 1 つ (ファイルまたはフォルダー) 指定してください',
  },
  'migration.cli.needOut': { en: '--out names the folder to write', ja: '--out で書き込むフォルダーを指定してください' },
  'migration.cli.notFound': { en: '{path}: file or folder not found', ja: '{path}: ファイルまたはフォルダーが見つかりません' },
  'migration.cli.noFlow': { en: '{path}: no flow file here', ja: '{path}: フロー ファイルがありません' },
  'migration.cli.blocked': {
    en: '{path}: the workflow cannot be generated until the flow validates ({count} error(s); see pfsession migrate plan).',
    ja: '{path}: フローの検証が通るまでワークフローは生成できません (エラー {count} 件。pfsession migrate plan を参照)。',
  },
  'migration.cli.changed': {
    en: 'not overwritten, changed since it was generated: {files}. Use --force to replace them.',
    ja: '生成後に変更されているため上書きしません: {files}。置き換えるには --force を使ってください。',
  },
  'migration.cli.written': {
    en: 'Wrote {count} file(s) to {dir} ({unchanged} unchanged). Next: {next}',
    ja: '{dir} に {count} 個のファイルを書き込みました (変更なし {unchanged} 個)。次に: {next}',
  },
  'migration.cli.cannotWrite': { en: 'cannot write {path}: {reason}', ja: '{path} に書き込めません: {reason}' },
  'migration.cli.outIsFlow': {
    en: '--out {path} is the flow folder itself: name a folder of its own (for example {path}/maf)',
    ja: '--out {path} はフロー フォルダーそのものです。専用のフォルダー ({path}/maf など) を指定してください',
  },
  'migration.cli.outIsFile': { en: '--out {path} is a file, not a folder', ja: '--out {path} はフォルダーではなくファイルです' },

  'migration.readme.title': { en: 'Agent Framework workflow of {flow}', ja: '{flow} の Agent Framework ワークフロー' },
  'migration.readme.intro': {
    en: 'Generated by pfsession migrate generate from the prompt flow {path}, for agent-framework-core {version} (Python 3.10 or later). Prompt flow retires on 2027-04-20.',
    ja: 'pfsession migrate generate が prompt flow {path} から生成しました。対象は agent-framework-core {version} (Python 3.10 以降) です。prompt flow は 2027-04-20 に廃止されます。',
  },
  'migration.readme.run': { en: 'Run it', ja: '実行方法' },
  'migration.readme.runSteps': {
    en: "Install the requirements (pip install -r requirements.txt), copy .env.example to .env and fill in the values, then run one line with python main.py --inputs '<JSON object>' or every line of a file with python main.py --data in.jsonl --output out.jsonl. With --data, a line that fails is written as {record} and the other lines go on; the aggregation nodes run over the lines that succeeded. pfsession migrate verify compares these lines with a run of the flow.",
    ja: "依存関係をインストールし (pip install -r requirements.txt)、.env.example を .env にコピーして値を入れてから、1 行なら python main.py --inputs '<JSON オブジェクト>'、ファイルの全行なら python main.py --data in.jsonl --output out.jsonl で実行します。--data では、失敗した行は {record} として書き出され、ほかの行は続けて実行されます。集計ノードは成功した行に対して実行されます。pfsession migrate verify はこれらの行をフローの実行結果と比べます。",
  },
  'migration.readme.layout': { en: 'What is here', ja: '構成' },
  'migration.readme.layoutText': {
    en: "workflow.py builds the module-level workflow with WorkflowBuilder (one executor per node); pf_runtime.py keeps prompt flow's semantics (bypass, templates, chat roles, connections); flow/ holds the flow's own files, unchanged; promptflow/ is a small stand-in so they import without prompt flow; migration.json maps each node to its executor.",
    ja: 'workflow.py は WorkflowBuilder でモジュール レベルの workflow を組み立てます (ノードごとに 1 つの Executor)。pf_runtime.py は prompt flow の意味 (バイパス、テンプレート、チャットのロール、接続) を保ちます。flow/ にはフロー自身のファイルが変更なしで入っています。promptflow/ はそれらを prompt flow なしで import するための小さな代替です。migration.json は各ノードと Executor の対応です。',
  },
  'migration.readme.todo': { en: 'To check and to do', ja: '確認と作業が必要な項目' },
  'migration.readme.noTodo': {
    en: 'Nothing: every node was generated automatically.',
    ja: 'ありません。すべてのノードが自動で生成されました。',
  },
  'migration.readme.todoItem': {
    en: '{readiness}: node {name}, {place}: {note}',
    ja: '{readiness}: ノード {name}、{place}: {note}',
  },
  'migration.readme.variables': { en: 'Environment variables', ja: '環境変数' },
  'migration.readme.noVariables': { en: 'None.', ja: 'ありません。' },
  'migration.readme.parity': {
    en: 'Before switching over, run the flow and this workflow on the same 20 to 30 real inputs and compare the answers (phase 3 of the official migration guide).',
    ja: '切り替える前に、同じ 20～30 件の実際の入力でフローとこのワークフローを実行し、応答を比べてください (公式移行ガイドのフェーズ 3)。',
  },
  'migration.editor.lens': { en: 'Plan migration to Agent Framework', ja: 'Agent Framework への移行を計画' },
  'migration.editor.planDocument': { en: 'Migration plan of {name}', ja: '{name} の移行計画' },
  'migration.editor.planShown': {
    en: 'The migration plan of {name} is open. Generate the Agent Framework project now?',
    ja: '{name} の移行計画を開きました。Agent Framework のプロジェクトを今生成しますか?',
  },
  'migration.editor.generateAction': { en: 'Generate Agent Framework workflow…', ja: 'Agent Framework ワークフローを生成…' },
  'migration.editor.blocked': {
    en: 'The workflow of {name} cannot be generated until the flow validates: fix the errors in the Problems view first.',
    ja: 'フローの検証が通るまで {name} のワークフローは生成できません。先に [問題] ビューのエラーを直してください。',
  },
  'migration.editor.pickFolder': { en: 'Generate here', ja: 'ここに生成' },
  'migration.editor.changed': {
    en: 'These files were changed since they were generated: {files}. Overwrite them with the generated ones?',
    ja: '次のファイルは生成後に変更されています: {files}。生成したもので上書きしますか?',
  },
  'migration.editor.overwrite': { en: 'Overwrite', ja: '上書き' },
  'migration.parity.title': {
    en: 'Parity: {flow} and its Agent Framework workflow',
    ja: '同等性: {flow} とその Agent Framework ワークフロー',
  },
  'migration.parity.holds': {
    en: 'Parity holds: {matched} of {compared} line(s) match ({share}; at least {min} needed).',
    ja: '同等です: {compared} 行中 {matched} 行が一致しました ({share}。必要なのは {min} 以上)。',
  },
  'migration.parity.fails': {
    en: 'Parity does not hold: {matched} of {compared} line(s) match ({share}; at least {min} needed).',
    ja: '同等ではありません: {compared} 行中 {matched} 行が一致しました ({share}。必要なのは {min} 以上)。',
  },
  'migration.parity.nothingCompared': {
    en: 'Parity does not hold: no line could be compared ({lines} line(s) in all, each failed on both sides).',
    ja: '同等ではありません: 比較できた行がありません (全 {lines} 行。どれも両方で失敗しました)。',
  },
  'migration.parity.sides': {
    en: 'Prompt flow run: {run} ({status}). Workflow: {workflow}, run with {python}.',
    ja: 'prompt flow の実行: {run} ({status})。ワークフロー: {workflow} ({python} で実行)。',
  },
  'migration.parity.generated': { en: 'generated from the flow for this check', ja: 'この確認のためにフローから生成' },
  'migration.parity.thresholds': {
    en: 'Thresholds: numbers within {tolerance} (relative beyond 1), texts with a token F1 similarity of at least {similarity}, at least {min} of the lines matching.',
    ja: 'しきい値: 数値は {tolerance} 以内 (1 を超える値では相対誤差)、テキストはトークン F1 類似度 {similarity} 以上、一致する行が {min} 以上。',
  },
  'migration.parity.numbering': {
    en: "Lines are counted from 1 over the data file's non-blank lines.",
    ja: '行番号は、データ ファイルの空でない行を 1 から数えたものです。',
  },
  'migration.parity.outputs': { en: 'Outputs', ja: '出力' },
  'migration.parity.outputColumn': { en: 'Output', ja: '出力' },
  'migration.parity.matchingColumn': { en: 'Matching lines', ja: '一致した行' },
  'migration.parity.shareColumn': { en: 'Share', ja: '割合' },
  'migration.parity.kinds': { en: 'How the values compared: {list}.', ja: '値の比較結果: {list}。' },
  'migration.parity.kind.equal': { en: 'equal', ja: '一致' },
  'migration.parity.kind.normalized': {
    en: 'equal after whitespace and case normalisation',
    ja: '空白と大文字小文字の正規化後に一致',
  },
  'migration.parity.kind.number': { en: 'numbers within the tolerance', ja: '許容誤差内の数値' },
  'migration.parity.kind.json': { en: 'equal JSON values', ja: 'JSON の値として一致' },
  'migration.parity.kind.similar': { en: 'similar texts', ja: '類似したテキスト' },
  'migration.parity.kind.different': { en: 'different', ja: '不一致' },
  'migration.parity.kind.missing': { en: 'missing on one side', ja: '片方にない' },
  'migration.parity.differences': { en: 'Differing lines', ja: '異なる行' },
  'migration.parity.noDifferences': {
    en: 'No output differs on the lines both sides ran.',
    ja: '両方で実行できた行で、異なる出力はありません。',
  },
  'migration.parity.difference': { en: 'Line {line}, output {output}: {kind}', ja: '{line} 行目、出力 {output}: {kind}' },
  'migration.parity.differenceSimilar': {
    en: 'Line {line}, output {output}: {kind} (similarity {similarity})',
    ja: '{line} 行目、出力 {output}: {kind} (類似度 {similarity})',
  },
  'migration.parity.flowValue': { en: 'Prompt flow', ja: 'prompt flow' },
  'migration.parity.workflowValue': { en: 'Workflow', ja: 'ワークフロー' },
  'migration.parity.absent': { en: '(no such output)', ja: '(この出力はありません)' },
  'migration.parity.truncated': { en: '… ({count} more characters)', ja: '… (残り {count} 文字)' },
  'migration.parity.failures': { en: 'Failed lines', ja: '失敗した行' },
  'migration.parity.noFailures': { en: 'No line failed.', ja: '失敗した行はありません。' },
  'migration.parity.failed.flow': {
    en: 'Line {line}: failed in the prompt flow run only: {error}',
    ja: '{line} 行目: prompt flow の実行でのみ失敗しました: {error}',
  },
  'migration.parity.failed.workflow': {
    en: 'Line {line}: failed in the workflow only: {error}',
    ja: '{line} 行目: ワークフローでのみ失敗しました: {error}',
  },
  'migration.parity.failed.both': {
    en: 'Line {line}: failed on both sides, left out of the shares. Prompt flow: {flowError}. Workflow: {workflowError}.',
    ja: '{line} 行目: 両方で失敗したため、割合の計算から除きました。prompt flow: {flowError}。ワークフロー: {workflowError}。',
  },
  'migration.parity.noLine': { en: 'no line with this number', ja: 'この番号の行がありません' },
  'migration.parity.errorNode': { en: '{error} (node {node})', ja: '{error} (ノード {node})' },

  'migration.verify.phase.submitting': { en: 'Submitting a run of the flow', ja: 'フローの実行を送信しています' },
  'migration.verify.phase.waiting': { en: 'Waiting for run {run}', ja: '実行 {run} を待っています' },
  'migration.verify.phase.workflow': { en: 'Running the workflow with {python}', ja: '{python} でワークフローを実行しています' },
  'migration.verify.phase.comparing': { en: 'Comparing {lines} line(s)', ja: '{lines} 行を比較しています' },
  'migration.verify.side.flow': {
    en: 'The prompt flow side could not run: {reason}',
    ja: 'prompt flow 側を実行できませんでした: {reason}',
  },
  'migration.verify.side.workflow': {
    en: 'The Agent Framework side could not run: {reason}',
    ja: 'Agent Framework 側を実行できませんでした: {reason}',
  },
  'migration.verify.pythonMissing': {
    en: '{python} cannot start ({reason}). Install Python 3.10 or later, or name it with --python.',
    ja: '{python} を起動できません ({reason})。Python 3.10 以降をインストールするか、--python で指定してください。',
  },
  'migration.verify.pythonOld': {
    en: '{python} is Python {version}; the generated project needs Python 3.10 or later.',
    ja: '{python} は Python {version} です。生成したプロジェクトには Python 3.10 以降が必要です。',
  },
  'migration.verify.noMain': {
    en: '{dir} has no main.py: name the folder that pfsession migrate generate wrote.',
    ja: '{dir} に main.py がありません。pfsession migrate generate が書き込んだフォルダーを指定してください。',
  },
  'migration.verify.notGeneratable': {
    en: 'the workflow cannot be generated until the flow validates (see pfsession migrate plan).',
    ja: 'フローの検証が通るまでワークフローは生成できません (pfsession migrate plan を参照)。',
  },
  'migration.verify.workflowExit': {
    en: 'main.py ended with exit code {code}: {detail}',
    ja: 'main.py が終了コード {code} で終了しました: {detail}',
  },
  'migration.verify.workflowOutput': {
    en: "line {line} of main.py's output is not a JSON object.",
    ja: 'main.py の出力の {line} 行目が JSON オブジェクトではありません。',
  },
  'migration.verify.runEnded': {
    en: 'run {run} ended {status} with no line: {reason}',
    ja: '実行 {run} は行がないまま {status} で終わりました: {reason}',
  },
  'migration.cli.needData': {
    en: '--data names the JSON Lines file of inputs',
    ja: '--data で入力の JSON Lines ファイルを指定してください',
  },
  'migration.editor.verifyLens': { en: 'Verify parity with Agent Framework', ja: 'Agent Framework との同等性を確認' },
  'migration.editor.pickData': { en: 'Verify with this data', ja: 'このデータで確認' },
  'migration.editor.dataFilter': { en: 'JSON Lines', ja: 'JSON Lines' },
  'migration.editor.workflowTitle': { en: 'Which Agent Framework workflow?', ja: 'どの Agent Framework ワークフローを使いますか?' },
  'migration.editor.workflowFresh': {
    en: 'Generate it from the flow for this check',
    ja: 'この確認のためにフローから生成する',
  },
  'migration.editor.workflowExisting': {
    en: 'A project generated before (with its edits and .env)…',
    ja: '以前に生成したプロジェクト (編集内容と .env を含む)…',
  },
  'migration.editor.pickWorkflow': { en: 'Run this project', ja: 'このプロジェクトを実行' },
  'migration.editor.verifying': { en: 'Verifying parity of {name}', ja: '{name} の同等性を確認しています' },
  'migration.editor.verifyBusy': { en: 'Verifying parity…', ja: '同等性を確認中…' },
  'migration.editor.reportDocument': { en: 'Parity of {name}', ja: '{name} の同等性' },
  'migration.manual.raise': {
    en: 'Node {name} has no Agent Framework equivalent: {note}',
    ja: 'ノード {name} に相当する Agent Framework の機能はありません: {note}',
  },
} as const satisfies Record<string, Entry>;
