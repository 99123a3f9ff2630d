// What `pfsession` says about its command line: the verbs and options in the generated help, and the
// usage errors of strict parsing (src/cli/args.ts), plus the CLI's overall time limit.
import type { Entry } from '../catalogue';

export const argsMessages = {
  // Usage and help
  'args.usage': { en: 'usage: {synopsis}', ja: '使い方: {synopsis}' },
  'args.verbsHeading': { en: 'Verbs:', ja: 'コマンド:' },
  'args.optionsHeading': { en: 'Options:', ja: 'オプション:' },
  'args.moreHelp': { en: 'Run "pfsession {verb} --help" for its options.', ja: 'オプションは "pfsession {verb} --help" で表示できます。' },
  'args.optionsWord': { en: 'options', ja: 'オプション' },
  'args.exitCodes': {
    en: 'Exit codes: 0 done, 1 failed, 2 usage error, {timeoutCode} time limit reached (the session as last read is printed).',
    ja: '終了コード: 0 完了、1 失敗、2 使い方の誤り、{timeoutCode} 制限時間に到達 (最後に読み取ったセッションを表示します)。',
  },
  // Usage errors
  'args.unknownVerb': { en: 'unknown verb "{verb}".', ja: '不明なコマンド "{verb}" です。' },
  'args.unknownSubverb': { en: '"{verb}" has no "{sub}".', ja: '"{verb}" に "{sub}" はありません。' },
  'args.missingSubverb': { en: '"{verb}" needs one of: {choices}.', ja: '"{verb}" には次のいずれかが必要です: {choices}。' },
  'args.unknownOption': { en: 'unknown option "{option}".', ja: '不明なオプション "{option}" です。' },
  // Follows the problem on the same line (English puts a space between sentences, Japanese does not).
  'args.didYouMean': { en: ' Did you mean "{suggestion}"?', ja: '"{suggestion}" のことですか?' },
  'args.missingValue': {
    en: '{option} needs a value ({placeholder}).',
    ja: '{option} には値 ({placeholder}) が必要です。',
  },
  'args.noValueTaken': { en: '{option} takes no value.', ja: '{option} は値を取りません。' },
  'args.badChoice': {
    en: '{option} must be one of {choices}, not "{value}".',
    ja: '{option} は {choices} のいずれかにしてください ("{value}" は使えません)。',
  },
  'args.badDuration': {
    en: '{option} must be a time such as 90s, 15m or 1h (more than zero), not "{value}".',
    ja: '{option} には 90s、15m、1h のような時間 (0 より大きい値) を指定してください ("{value}" は使えません)。',
  },
  'args.badNumber': {
    en: '{option} must be a number from {min} to {max}, not "{value}".',
    ja: '{option} には {min} から {max} までの数値を指定してください ("{value}" は使えません)。',
  },
  'args.missingPositional': { en: 'give {what}.', ja: '{what}を指定してください。' },
  'args.extraPositional': {
    en: 'unexpected argument "{value}": {verb} takes {what}.',
    ja: '予期しない引数 "{value}" です。{verb} が取るのは {what} です。',
  },
  'args.noPositional': { en: 'nothing', ja: '引数なし' },
  'args.repeated': { en: '{option} is given more than once.', ja: '{option} が複数回指定されています。' },
  // Verbs
  'args.verb.validate': {
    en: 'check flow, run and requirements files (exit 1 on errors and on files that could not be checked)',
    ja: 'フロー、実行、要件のファイルを検査します (エラーや検査できなかったファイルがあれば終了コード 1)',
  },
  'args.verb.emulator': { en: 'run the local Azure ML emulator', ja: 'ローカルの Azure ML エミュレーターを実行します' },
  'args.verb.start': { en: 'start the compute session of a flow', ja: 'フローのコンピューティング セッションを開始します' },
  'args.verb.status': { en: 'show the session of a flow', ja: 'フローのセッションを表示します' },
  'args.verb.settings': { en: 'show or change the session settings', ja: 'セッション設定を表示または変更します' },
  'args.verb.reset': { en: 'reset the session of a flow', ja: 'フローのセッションをリセットします' },
  'args.verb.install': {
    en: 'install the requirements file into the session',
    ja: '要件ファイルをセッションにインストールします',
  },
  'args.verb.packages': {
    en: 'installed packages against the requirements file',
    ja: 'インストール済みのパッケージを要件ファイルと比べます',
  },
  'args.verb.stop': { en: 'stop the session of a flow', ja: 'フローのセッションを停止します' },
  'args.verb.preflight': {
    en: 'role, datastore, working directory, network; with a flow, its session settings',
    ja: 'ロール、データストア、作業ディレクトリ、ネットワーク。フローを指定するとそのセッション設定も検査します',
  },
  'args.verb.instances': {
    en: 'serverless instances and compute instances with their sessions and runs',
    ja: 'サーバーレス インスタンスとコンピューティング インスタンスを、そのセッションと実行とともに一覧します',
  },
  'args.verb.instancesDelete': {
    en: 'delete an instance (or only its sessions); says first what it affects',
    ja: 'インスタンス (またはそのセッションだけ) を削除します。先に影響するものを表示します',
  },
  'args.verb.migratePlan': {
    en: 'what each node of the flows becomes in Microsoft Agent Framework',
    ja: 'フローの各ノードが Microsoft Agent Framework で何になるかを示します',
  },
  'args.verb.migrateVerify': {
    en: 'run the flow on its session and its Agent Framework workflow here over the same data and compare every line; exit 0 parity holds, 1 it does not, 2 a side could not run',
    ja: 'フローをセッションで、その Agent Framework ワークフローをここで同じデータに対して実行し、全行を比較します。終了コード 0 は同等、1 は同等でない、2 は片方を実行できなかったことを示します',
  },
  'args.verb.migrateGenerate': {
    en: 'write a runnable Agent Framework project for a flow',
    ja: 'フローから実行できる Agent Framework プロジェクトを書き出します',
  },
  'args.verb.run': { en: 'submit runs and read them', ja: '実行を送信し、読み取ります' },
  'args.verb.runSubmit': { en: 'submit the run a run.yml describes', ja: 'run.yml が記述する実行を送信します' },
  'args.verb.runList': { en: 'your newest runs', ja: '自分の最新の実行' },
  'args.verb.runStatus': { en: 'the status of a run', ja: '実行の状態' },
  'args.verb.runLogs': { en: 'the logs of a run', ja: '実行のログ' },
  'args.verb.runOutputs': {
    en: "the lines of a run: each line's inputs, outputs and error (--json: one JSON object per line)",
    ja: '実行の各行の入力、出力、エラー (--json: 1 行につき 1 つの JSON オブジェクト)',
  },
  'args.verb.runCancel': { en: 'ask to cancel a run', ja: '実行のキャンセルを要求します' },
  // Positional arguments
  'args.pos.flowFolder': { en: 'a flow folder', ja: 'フロー フォルダー' },
  'args.pos.optionalFlowFolder': { en: 'at most one flow folder', ja: 'フロー フォルダー 1 つまで' },
  'args.pos.paths': { en: 'files or folders', ja: 'ファイルまたはフォルダー' },
  'args.pos.runFile': { en: 'a run file (run.yml)', ja: '実行ファイル (run.yml)' },
  'args.pos.runId': { en: 'a run id', ja: '実行 ID' },
  'args.pos.instanceName': { en: 'an instance name', ja: 'インスタンス名' },
  // Options
  'args.opt.help': { en: 'show this help', ja: 'このヘルプを表示します' },
  'args.opt.json': { en: 'print JSON instead of lines for a person', ja: '人向けの行の代わりに JSON を出力します' },
  'args.opt.subscription': { en: 'the subscription of the Azure ML workspace', ja: 'Azure ML ワークスペースのサブスクリプション' },
  'args.opt.resourceGroup': { en: 'the resource group of the workspace', ja: 'ワークスペースのリソース グループ' },
  'args.opt.workspace': { en: 'the Azure ML workspace', ja: 'Azure ML ワークスペース' },
  'args.opt.timeout': {
    en: 'give up after this long (default {default}); then print the session as last read and exit {code}',
    ja: 'この時間で打ち切ります (既定 {default})。その後、最後に読み取ったセッションを表示して終了コード {code} で終了します',
  },
  'args.opt.computeType': { en: 'serverless or computeInstance', ja: 'serverless または computeInstance' },
  'args.opt.vmSize': { en: 'the VM size of serverless compute', ja: 'サーバーレス コンピューティングの VM サイズ' },
  'args.opt.idleMinutes': { en: 'minutes of idleness before the session stops', ja: 'セッションが停止するまでのアイドル時間 (分)' },
  'args.opt.identity': { en: 'a user-assigned identity (resource id)', ja: 'ユーザー割り当て ID (リソース ID)' },
  'args.opt.userIdentity': { en: "run as the user's own identity", ja: 'ユーザー自身の ID で実行します' },
  'args.opt.computeInstance': { en: 'run on this compute instance', ja: 'このコンピューティング インスタンスで実行します' },
  'args.opt.serverless': { en: 'run on serverless compute', ja: 'サーバーレス コンピューティングで実行します' },
  'args.opt.yes': { en: 'really delete', ja: '実際に削除します' },
  'args.opt.instance': {
    en: 'delete the compute itself, not only its sessions',
    ja: 'セッションだけでなくコンピューティング自体を削除します',
  },
  'args.opt.format': { en: 'text or json', ja: 'text または json' },
  'args.opt.root': { en: 'the workspace folder paths may not leave', ja: 'パスが外に出てはいけないワークスペース フォルダー' },
  'args.opt.locale': {
    en: 'the language of what is printed (en or ja); else LC_ALL, LC_MESSAGES or LANG',
    ja: '出力の言語 (en または ja)。指定しなければ LC_ALL、LC_MESSAGES、LANG に従います',
  },
  'args.opt.out': { en: 'the folder the project is written to', ja: 'プロジェクトを書き出すフォルダー' },
  'args.opt.data': {
    en: 'the JSON Lines file of inputs both sides run over',
    ja: '両方で実行する入力の JSON Lines ファイル',
  },
  'args.opt.run': {
    en: 'an existing run of the flow over the same data, instead of submitting one',
    ja: '新しく送信する代わりに使う、同じデータでのフローの既存の実行',
  },
  'args.opt.workflow': {
    en: 'the generated project to run (default: generated from the flow for this check)',
    ja: '実行する生成済みプロジェクト (既定: この確認のためにフローから生成)',
  },
  'args.opt.python': {
    en: 'the Python that runs the workflow (default: python3 on the PATH)',
    ja: 'ワークフローを実行する Python (既定: PATH 上の python3)',
  },
  'args.opt.tolerance': {
    en: 'numbers match within this (relative beyond 1; default {default})',
    ja: '数値はこの差以内で一致とみなします (1 を超える値では相対誤差。既定 {default})',
  },
  'args.opt.similarity': {
    en: 'texts match at this token F1 similarity or above, 0 to 1 (default {default})',
    ja: 'テキストはトークン F1 類似度がこの値以上で一致とみなします。0～1 (既定 {default})',
  },
  'args.opt.minMatch': {
    en: 'parity holds when at least this share of the lines match, 0 to 1 (default {default})',
    ja: '一致する行の割合がこの値以上なら同等とみなします。0～1 (既定 {default})',
  },
  'args.opt.force': {
    en: 'overwrite files changed since they were generated',
    ja: '生成後に変更されたファイルも上書きします',
  },
  'args.opt.workspaceAware': {
    en: "also check connections, deployments and tools against the workspace's data",
    ja: 'ワークスペースのデータに照らして接続、デプロイ、ツールも検査します',
  },
  'args.opt.port': { en: 'the port to listen on (0: any free port)', ja: '待ち受けるポート (0: 空いている任意のポート)' },
  'args.opt.dataDir': { en: "the emulator's data folder", ja: 'エミュレーターのデータ フォルダー' },
  'args.opt.seed': { en: 'a seed file of workspace data', ja: 'ワークスペース データのシード ファイル' },
  'args.opt.timeScale': { en: 'how fast simulated time runs', ja: 'シミュレーション時間の進む速さ' },
  'args.opt.noAzurite': { en: 'do not start Azurite (no blob store)', ja: 'Azurite を起動しません (BLOB ストアなし)' },
  'args.opt.env': {
    en: 'print the variables that point pfsession at the emulator running on --data-dir, for eval',
    ja: '--data-dir で実行中のエミュレーターに pfsession を向ける変数を eval 用に出力します',
  },
  'args.opt.shell': { en: 'the shell --env writes for', ja: '--env が出力する形式のシェル' },
  // The overall time limit
  'args.timedOut': {
    en: 'pfsession {verb}: gave up after {limit} (--timeout). The service may still be working; what is known now is printed below.',
    ja: 'pfsession {verb}: {limit} で打ち切りました (--timeout)。サービス側ではまだ処理が続いている可能性があります。現在分かっている状態を以下に示します。',
  },
  'args.timedOutUnread': {
    en: 'The session could not be read once more within the time limit either.',
    ja: '制限時間内にセッションをもう一度読み取ることもできませんでした。',
  },
} as const satisfies Record<string, Entry>;
