// What the session service says about its own operations, in English and Japanese: the operation's
// name (the framing of its errors: "<name> failed: …" / "<name>に失敗しました: …") and the texts of
// the failures the service itself raises (a cancelled watch, a conflicting operation).
import { isJapanese } from '../azure/messages';
import type { OperationProgress } from './types';

export type OperationKind = OperationProgress['kind'];

const names: Record<OperationKind, { en: string; ja: string }> = {
  start: { en: 'Starting the session', ja: 'セッションの開始' },
  install: { en: 'Installing requirements', ja: '要件のインストール' },
  reset: { en: 'Resetting the session', ja: 'セッションのリセット' },
  update: { en: 'Changing the session settings', ja: 'セッション設定の変更' },
  stop: { en: 'Stopping the session', ja: 'セッションの停止' },
  computeStart: { en: 'Starting the compute instance', ja: 'コンピューティング インスタンスの開始' },
};

export function operationName(kind: OperationKind, loc?: string): string {
  return isJapanese(loc) ? names[kind].ja : names[kind].en;
}

export function cancelledText(kind: OperationKind, loc?: string): { message: string; fix: string } {
  const name = operationName(kind, loc);
  return isJapanese(loc)
    ? {
        message: `${name}: 監視を停止しました。サービス側で完了する場合があります。状態を確認するか、セッションを停止してください。`,
        fix: 'セッションの状態を確認するか、不要であればセッションを停止してください。',
      }
    : {
        message: `${name}: stopped watching. The service may still finish it; check the status, or stop the session.`,
        fix: 'Check the session status, or stop the session if you do not want it.',
      };
}

export function conflictText(running: OperationKind, loc?: string): { message: string; fix: string } {
  const name = operationName(running, loc);
  return isJapanese(loc)
    ? { message: `このフローのセッションでは別の操作 (${name}) が実行中です。`, fix: '完了を待ってから再試行してください。' }
    : {
        message: `Another operation (${name.toLowerCase()}) is under way for this flow's session.`,
        fix: 'Wait for it to finish, then try again.',
      };
}

export function closedText(loc?: string): string {
  return isJapanese(loc) ? 'セッション サービスは終了しました。' : 'The session service was closed.';
}

export function noSessionText(loc?: string): { message: string; fix: string } {
  return isJapanese(loc)
    ? { message: 'このフローにはまだセッションがありません。', fix: '先にセッションを開始してください。' }
    : { message: 'No session is bound to this flow yet.', fix: 'Start the session first.' };
}

export function incompleteSessionFix(loc?: string): string {
  return isJapanese(loc)
    ? 'セッションはサービス上に作成されましたが、不完全な可能性があります。リセットして再構築するか、停止して削除してください。現在の状態は「状態」で確認できます。'
    : 'The session was created on the service but may be incomplete: reset it to rebuild it, or stop it to remove it. Status shows what the service has now.';
}
