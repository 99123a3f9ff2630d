// What the session verbs print for a person (not with --json), in English and Japanese; the language
// follows the environment (LANG / LC_ALL), as the service's own messages do.
import { isJapanese } from '../../core/azure/messages';

const en = {
  session: 'session',
  none: '(none)',
  flow: 'flow',
  compute: 'compute',
  vmSize: 'VM size',
  identity: 'identity',
  userIdentity: "the user's identity",
  idleDeadline: 'idle deadline',
  inMinutes: (m: number) => `in ${m} min`,
  python: 'Python',
  baseImage: 'base image',
  runtimeImage: 'runtime image',
  settings: 'settings',
  lastError: 'last error',
  error: 'error',
  fix: 'fix',
  serverless: 'serverless',
  computeInstance: 'compute instance',
  defaultVmSize: 'service default',
  idle: (m: number) => `idle ${m} min`,
  // packages
  installedCount: (n: number) => `${n} packages installed`,
  requirementsFrom: (file: string) => `requirements: ${file}`,
  noRequirementsFile: 'the flow names no requirements file (environment.python_requirements_txt): the session installs nothing',
  unusedFile: (file: string) => `${file} is not named by the flow, so it is not installed`,
  package: 'PACKAGE',
  installed: 'INSTALLED',
  required: 'REQUIRED',
  mark: 'STATUS',
  any: 'any',
  missing: 'missing',
  different: 'different',
  extra: 'extra',
  ok: 'ok',
  // stop
  stopped: (id: string) => `session ${id} stopped`,
  computeDeleted: (name: string) => `serverless compute ${name} was deleted (no session remained on it)`,
  computeDeleting: (name: string) => `serverless compute ${name} is being deleted (no session remained on it)`,
  computeKept: (name: string) => `serverless compute ${name} stays: other sessions still use it`,
  computeUnknown: (name: string) => `what became of serverless compute ${name} could not be read`,
  // instances
  name: 'NAME',
  type: 'TYPE',
  size: 'VM SIZE',
  state: 'STATE',
  idleLeft: 'IDLE LEFT',
  sessions: 'SESSIONS',
  runs: 'RUNS',
  noInstances: 'no instance is known from your sessions or runs',
  sessionLine: (flow: string, id: string, state: string) => `  session ${flow} (${id}): ${state}`,
  runLine: (name: string, status: string) => `  run ${name}: ${status}`,
  runColumns: ['RUN', 'STATUS', 'FLOW', 'SESSION', 'CREATED'],
  noRuns: 'no run of yours is in the run index',
  impact: (name: string) => `deleting ${name} affects:`,
  nothingOnIt: '  nothing runs on it',
  confirmDelete: (name: string) => `add --yes to delete ${name}`,
  deletedCompute: (name: string, fate: string) => `compute ${name}: ${fate}`,
  deletedSessions: (name: string) => `the sessions of ${name} were deleted; the instance stays`,
  gone: (ids: string[]) => `sessions gone: ${ids.join(', ') || '(none)'}`,
  remaining: (ids: string[]) => `sessions the service still reports: ${ids.join(', ')}`,
  fates: { deleted: 'deleted', deleting: 'being deleted', kept: 'still there', unknown: 'could not be read' } as Record<string, string>,
  // preflight
  checksFor: (target: string) => `prerequisites for ${target}`,
  who: (who: string) => `who: ${who}`,
  // settings
  applied: 'settings applied',
  // runs
  submitted: (id: string) => `run ${id} submitted`,
  studio: 'studio',
  runStatus: (id: string, status: string) => `run ${id}: ${status}`,
  created: 'created',
  cancelRequested: (id: string, status: string) => `run ${id}: cancel requested; run history says ${status}`,
};

export type CliText = typeof en;

const ja: CliText = {
  session: 'セッション',
  none: '(なし)',
  flow: 'フロー',
  compute: 'コンピューティング',
  vmSize: 'VM サイズ',
  identity: 'ID',
  userIdentity: 'ユーザーの ID',
  idleDeadline: 'アイドル期限',
  inMinutes: (m) => `あと ${m} 分`,
  python: 'Python',
  baseImage: 'ベース イメージ',
  runtimeImage: 'ランタイム イメージ',
  settings: '設定',
  lastError: '最後のエラー',
  error: 'エラー',
  fix: '対処',
  serverless: 'サーバーレス',
  computeInstance: 'コンピューティング インスタンス',
  defaultVmSize: 'サービスの既定',
  idle: (m) => `アイドル ${m} 分`,
  installedCount: (n) => `インストール済みのパッケージ: ${n}`,
  requirementsFrom: (file) => `要件: ${file}`,
  noRequirementsFile: 'フローは要件ファイルを指定していません (environment.python_requirements_txt)。セッションは何もインストールしません',
  unusedFile: (file) => `${file} はフローが指定していないため、インストールされません`,
  package: 'パッケージ',
  installed: 'インストール済み',
  required: '要件',
  mark: '状態',
  any: '任意',
  missing: '不足',
  different: '異なる',
  extra: '追加',
  ok: 'OK',
  stopped: (id) => `セッション ${id} を停止しました`,
  computeDeleted: (name) => `サーバーレス コンピューティング ${name} は削除されました (セッションが残っていませんでした)`,
  computeDeleting: (name) => `サーバーレス コンピューティング ${name} は削除中です (セッションが残っていませんでした)`,
  computeKept: (name) => `サーバーレス コンピューティング ${name} は残ります: 他のセッションが使用中です`,
  computeUnknown: (name) => `サーバーレス コンピューティング ${name} がどうなったか読み取れませんでした`,
  name: '名前',
  type: '種類',
  size: 'VM サイズ',
  state: '状態',
  idleLeft: 'アイドル残り',
  sessions: 'セッション',
  runs: '実行',
  noInstances: 'セッションや実行から分かるインスタンスはありません',
  sessionLine: (flow, id, state) => `  セッション ${flow} (${id}): ${state}`,
  runLine: (name, status) => `  実行 ${name}: ${status}`,
  runColumns: ['実行', '状態', 'フロー', 'セッション', '作成日時'],
  noRuns: '実行インデックスにあなたの実行はありません',
  impact: (name) => `${name} を削除すると次に影響します:`,
  nothingOnIt: '  実行中のものはありません',
  confirmDelete: (name) => `${name} を削除するには --yes を付けてください`,
  deletedCompute: (name, fate) => `コンピューティング ${name}: ${fate}`,
  deletedSessions: (name) => `${name} のセッションを削除しました。インスタンスは残ります`,
  gone: (ids) => `削除されたセッション: ${ids.join(', ') || '(なし)'}`,
  remaining: (ids) => `サービスがまだ報告しているセッション: ${ids.join(', ')}`,
  fates: { deleted: '削除済み', deleting: '削除中', kept: 'まだ存在します', unknown: '読み取れませんでした' },
  checksFor: (target) => `${target} の前提条件`,
  who: (who) => `対応できる人: ${who}`,
  applied: '設定を適用しました',
  submitted: (id) => `実行 ${id} を送信しました`,
  studio: 'スタジオ',
  runStatus: (id, status) => `実行 ${id}: ${status}`,
  created: '作成日時',
  cancelRequested: (id, status) => `実行 ${id}: キャンセルを要求しました。実行履歴の状態は ${status} です`,
};

export function cliText(): CliText {
  return isJapanese() ? ja : en;
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
