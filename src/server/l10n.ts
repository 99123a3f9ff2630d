// Every user-facing string the language server shows, in English and Japanese.
// The locale comes from the client's `initialize` params; anything starting with `ja` picks Japanese.
import type { Locale } from '../core/i18n';

export type { Locale } from '../core/i18n';

const strings = {
  startSession: ['$(play) Start session', '$(play) セッションを開始'],
  startFailed: ['$(play) Start session (last start failed)', '$(play) セッションを開始 (前回の開始に失敗)'],
  starting: ['$(sync~spin) Starting session…', '$(sync~spin) セッションを開始しています…'],
  running: ['$(vm-running) Session running', '$(vm-running) セッション実行中'],
  installing: ['$(sync~spin) Installing requirements…', '$(sync~spin) パッケージをインストールしています…'],
  resetting: ['$(sync~spin) Resetting session…', '$(sync~spin) セッションをリセットしています…'],
  updating: ['$(sync~spin) Updating session…', '$(sync~spin) セッションを更新しています…'],
  stopping: ['$(sync~spin) Stopping session…', '$(sync~spin) セッションを停止しています…'],
  reset: ['Reset', 'リセット'],
  install: ['Install requirements', 'パッケージをインストール'],
  stop: ['Stop', '停止'],
  packages: ['Packages', 'パッケージ一覧'],
  changeBaseImage: ['Change base image', 'ベース イメージを変更'],
  resetToApplyImage: ['Reset to apply image', 'リセットしてイメージを適用'],
  saveAndInstall: ['Save and install', '保存してインストール'],
  saveOnly: ['Save only', '保存のみ'],
  unavailable: [' (sign in or trust the workspace)', ' (サインインまたはワークスペースの信頼が必要)'],
  didYouMean: ['Change to "{0}"', '"{0}" に変更'],
  validatorFailed: [
    'This file could not be checked: {0}. Other files are still validated; please report this problem.',
    'このファイルを検証できませんでした: {0}。他のファイルの検証は続行されます。この問題を報告してください。',
  ],
  nodeOutput: ['Output of node {0}', 'ノード {0} の出力'],
  flowInput: ['Flow input ({0})', 'フロー入力 ({0})'],
  flowOutput: ['Flow output ({0})', 'フロー出力 ({0})'],
  dataColumn: ['Column of the run data file', '実行データ ファイルの列'],
  flowInputs: ['Flow inputs', 'フロー入力'],
  baseRunOutputs: ['Outputs of the base run', 'ベース実行の出力'],
  baseRunInputs: ['Inputs of the base run', 'ベース実行の入力'],
  dataColumns: ['Columns of the data file', 'データ ファイルの列'],
  wholeNodeOutput: ['Whole output of the node', 'ノードの出力全体'],
  requiredInput: ['required', '必須'],
  connectionOf: ['{0} connection ({1})', '{0} の接続 ({1})'],
  deployments: ['Deployments', 'デプロイ'],
} satisfies Record<string, [string, string]>;

export type MessageKey = keyof typeof strings;

/** Looks up a string and fills `{0}`, `{1}`… placeholders. */
export function t(locale: Locale, key: MessageKey, ...args: string[]): string {
  const text = strings[key][locale === 'ja' ? 1 : 0];
  return text.replace(/\{(\d)\}/g, (m, i: string) => args[Number(i)] ?? m);
}

/** A pair of texts (English, Japanese) picked for the locale. */
export function pick(locale: Locale, pair: readonly [string, string]): string {
  return pair[locale === 'ja' ? 1 : 0];
}
