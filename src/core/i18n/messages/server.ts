// What the language server shows besides diagnostics: codelens titles, completion details, hover texts
// built from the workspace data, and the notice of a file it could not check.
import type { Entry } from '../catalogue';
import { serverDocMessages } from './serverDocs';

export const serverMessages = {
  'server.lens.startSession': { en: '$(play) Start session', ja: '$(play) セッションを開始' },
  'server.lens.startFailed': { en: '$(play) Start session (last start failed)', ja: '$(play) セッションを開始 (前回の開始に失敗)' },
  'server.lens.starting': { en: '$(sync~spin) Starting session…', ja: '$(sync~spin) セッションを開始しています…' },
  'server.lens.running': { en: '$(vm-running) Session running', ja: '$(vm-running) セッション実行中' },
  'server.lens.installing': { en: '$(sync~spin) Installing requirements…', ja: '$(sync~spin) パッケージをインストールしています…' },
  'server.lens.resetting': { en: '$(sync~spin) Resetting session…', ja: '$(sync~spin) セッションをリセットしています…' },
  'server.lens.updating': { en: '$(sync~spin) Updating session…', ja: '$(sync~spin) セッションを更新しています…' },
  'server.lens.stopping': { en: '$(sync~spin) Stopping session…', ja: '$(sync~spin) セッションを停止しています…' },
  'server.lens.reset': { en: 'Reset', ja: 'リセット' },
  'server.lens.install': { en: 'Install requirements', ja: 'パッケージをインストール' },
  'server.lens.stop': { en: 'Stop', ja: '停止' },
  'server.lens.packages': { en: 'Packages', ja: 'パッケージ一覧' },
  'server.lens.changeBaseImage': { en: 'Change base image', ja: 'ベース イメージを変更' },
  'server.lens.resetToApplyImage': { en: 'Reset to apply image', ja: 'リセットしてイメージを適用' },
  'server.lens.saveAndInstall': { en: 'Save and install', ja: '保存してインストール' },
  'server.lens.saveOnly': { en: 'Save only', ja: '保存のみ' },
  'server.lens.unavailable': {
    en: '{title} (sign in or trust the workspace)',
    ja: '{title} (サインインまたはワークスペースの信頼が必要)',
  },
  'server.validatorFailed': {
    en: 'This file could not be checked: {error}. Other files are still validated; please report this problem.',
    ja: 'このファイルを検証できませんでした: {error}。他のファイルの検証は続行されます。この問題を報告してください。',
  },
  'server.nodeOutput': { en: 'Output of node {name}', ja: 'ノード {name} の出力' },
  'server.flowInput': { en: 'Flow input ({name})', ja: 'フロー入力 ({name})' },
  'server.flowOutput': { en: 'Flow output ({name})', ja: 'フロー出力 ({name})' },
  'server.dataColumn': { en: 'Column of the run data file', ja: '実行データ ファイルの列' },
  'server.flowInputs': { en: 'Flow inputs', ja: 'フロー入力' },
  'server.baseRunOutputs': { en: 'Outputs of the base run', ja: 'ベース実行の出力' },
  'server.baseRunInputs': { en: 'Inputs of the base run', ja: 'ベース実行の入力' },
  'server.dataColumns': { en: 'Columns of the data file', ja: 'データ ファイルの列' },
  'server.wholeNodeOutput': { en: 'Whole output of the node', ja: 'ノードの出力全体' },
  'server.requiredInput': { en: 'required', ja: '必須' },
  'server.connectionOf': { en: '{type} connection ({auth})', ja: '{type} の接続 ({auth})' },
  'server.deployments': { en: 'Deployments', ja: 'デプロイ' },
  ...serverDocMessages,
} as const satisfies Record<string, Entry>;
