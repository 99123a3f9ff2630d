// Texts of a session's lifecycle as every front end reports it: a stop that found nothing, the
// editor's confirmations of destructive actions, and saving a flow before a reset applies its image.
import type { Entry } from '../catalogue';

export const lifecycleMessages = {
  'lifecycle.noSessionToStop': {
    en: 'No session for {flow}: the service has none for you, so nothing was stopped.',
    ja: '{flow} のセッションはありません。サービスにあなたのセッションがないため、何も停止していません。',
  },
  'lifecycle.confirmReset': {
    en: 'Reset the session of {flow}? Its environment is built again from the flow and its packages are installed again; runs in progress on it fail.',
    ja: '{flow} のセッションをリセットしますか? 環境がフローから作り直され、パッケージが再インストールされます。実行中の実行は失敗します。',
  },
  'lifecycle.confirmStop': {
    en: 'Stop the session of {flow}? The session is deleted; what was installed in it is lost, and runs in progress on it fail.',
    ja: '{flow} のセッションを停止しますか? セッションは削除され、インストールした内容は失われます。実行中の実行は失敗します。',
  },
  'lifecycle.resetAction': { en: 'Reset', ja: 'リセット' },
  'lifecycle.stopAction': { en: 'Stop', ja: '停止' },
  'lifecycle.recordNotSaved': {
    en: 'The session is running, but saving the session list (flow → session records) to {file} failed ({reason}). The service still reports the session to every front end; the list, which names it for instances and after its requirements or image change, is kept in memory for this window only.',
    ja: 'セッションは実行中ですが、セッション一覧 (フローとセッションの対応) を {file} に保存できませんでした ({reason})。セッションはどのフロントエンドからもサービスで見つかります。インスタンス一覧や、要件・イメージを変更した後にセッションを示すための一覧は、このウィンドウのメモリにだけ保持されます。',
  },
  'lifecycle.recordNotSavedFix': {
    en: 'Free disk space and check that you may write to this folder (and that no file stands where the folder should be); the next action on the session saves the list.',
    ja: 'ディスクの空き容量と、このフォルダーの書き込み権限を確認してください (フォルダーの代わりにファイルがないかも確認してください)。次にセッションを操作したときに一覧が保存されます。',
  },
  'lifecycle.saveFailed': {
    en: '{file} could not be saved, so the session was not reset: a reset applies the image saved in the flow file.',
    ja: '{file} を保存できなかったため、セッションをリセットしませんでした。リセットはフロー ファイルに保存されたイメージを適用します。',
  },
} as const satisfies Record<string, Entry>;
