// The fix and the person who can apply it, per error kind, in English and Japanese. The locale is
// the one the service was created with; without one, VS Code's NLS config when the extension host
// loads this bundle, else LANG.
import type { ErrorKind } from '../model';
import { render } from '../i18n';
import { retiredFix } from '../retirement';

type Fix = { fix: string; who?: string };

const en: Record<ErrorKind, Fix> = {
  quota: {
    fix: 'Choose a smaller VM size or another family with free quota, or request a quota increase for this region.',
    who: 'subscription admin',
  },
  capacity: { fix: 'Azure has no capacity for this VM size right now: try another VM size, or retry later.' },
  permission: {
    fix: 'Ask an Owner of the workspace to assign you the "AzureML Data Scientist" role; a new assignment can take a few minutes to apply.',
    who: 'workspace Owner',
  },
  auth: { fix: 'Sign in to Azure again (your sign-in expired or is for another tenant).' },
  storage: {
    fix: 'Check that the default datastore is Azure Blob and reachable, and that its credentials are valid.',
    who: 'workspace Owner',
  },
  image: {
    fix: 'Check the base image name in flow.dag.yaml (environment.image) and that the identity can pull it from the registry (AcrPull).',
    who: 'registry Owner',
  },
  packageConflict: {
    fix: 'Fix requirements.txt (versions that conflict or do not exist), then install again; if packages still conflict, reset the session.',
  },
  identity: {
    fix: 'Attach the user-assigned identity to the workspace and give it the roles it needs, or start with your own identity.',
    who: 'workspace Owner',
  },
  network: { fix: 'Check your network connection, proxy and, for a network-isolated workspace, that you are inside its virtual network.' },
  throttled: { fix: 'Azure is throttling requests; the operation will be retried. Wait a moment.' },
  transient: { fix: 'The service had a temporary problem; try again in a few minutes.' },
  notFound: { fix: 'Check the subscription, resource group and workspace names, and that the resource still exists.' },
  conflict: { fix: 'Another operation is changing the same resource; wait for it to finish and try again.' },
  validation: { fix: 'Check the settings and the flow files for the value the service rejected.' },
  timeout: { fix: 'The request timed out; try again. A slow start keeps running on the service side.' },
  cancelled: { fix: 'Cancelled. The service may still finish the operation; check the status.' },
  retired: { fix: render('en', retiredFix()) },
  unknown: { fix: 'Try again; if it keeps failing, report it with the request id.' },
};

const ja: Record<ErrorKind, Fix> = {
  quota: {
    fix: 'より小さい VM サイズか空きクォータのあるファミリを選ぶか、このリージョンのクォータ増加を申請してください。',
    who: 'サブスクリプション管理者',
  },
  capacity: { fix: 'この VM サイズの容量が現在不足しています。別の VM サイズを選ぶか、後で再試行してください。' },
  permission: {
    fix: 'ワークスペースの所有者に「AzureML データ サイエンティスト」ロールの割り当てを依頼してください。反映まで数分かかることがあります。',
    who: 'ワークスペース所有者',
  },
  auth: { fix: 'Azure に再度サインインしてください (サインインの期限切れ、または別のテナント)。' },
  storage: { fix: '既定のデータストアが Azure Blob で到達可能か、資格情報が有効かを確認してください。', who: 'ワークスペース所有者' },
  image: {
    fix: 'flow.dag.yaml のベース イメージ名 (environment.image) と、ID がレジストリからプルできること (AcrPull) を確認してください。',
    who: 'レジストリ所有者',
  },
  packageConflict: {
    fix: 'requirements.txt (競合する、または存在しないバージョン) を修正して再インストールしてください。競合が続く場合はセッションをリセットしてください。',
  },
  identity: {
    fix: 'ユーザー割り当てマネージド ID をワークスペースにアタッチして必要なロールを付与するか、自分の ID で開始してください。',
    who: 'ワークスペース所有者',
  },
  network: { fix: 'ネットワーク接続とプロキシ、ネットワーク分離されたワークスペースでは仮想ネットワーク内にいることを確認してください。' },
  throttled: { fix: 'Azure が要求を制限しています。自動的に再試行します。しばらくお待ちください。' },
  transient: { fix: 'サービスで一時的な問題が発生しました。数分後に再試行してください。' },
  notFound: { fix: 'サブスクリプション、リソース グループ、ワークスペース名と、リソースが存在することを確認してください。' },
  conflict: { fix: '別の操作が同じリソースを変更中です。完了を待ってから再試行してください。' },
  validation: { fix: 'サービスが拒否した値について、設定とフロー ファイルを確認してください。' },
  timeout: { fix: '要求がタイムアウトしました。再試行してください。時間のかかる開始はサービス側で続行されます。' },
  cancelled: { fix: '取り消しました。サービス側で操作が完了する場合があります。状態を確認してください。' },
  retired: { fix: render('ja', retiredFix()) },
  unknown: { fix: '再試行してください。失敗が続く場合は要求 ID を添えて報告してください。' },
};

export function locale(): string {
  try {
    const nls = process.env.VSCODE_NLS_CONFIG;
    if (nls) return (JSON.parse(nls) as { locale?: string }).locale ?? 'en';
  } catch {
    // fall through to LANG
  }
  return process.env.LC_ALL || process.env.LANG || 'en';
}

/** True when text should be Japanese: the given locale, else the process's. */
export function isJapanese(loc?: string): boolean {
  return (loc || locale()).toLowerCase().startsWith('ja');
}

/** The phases of an operation being watched, until the service names its own. */
export function watchPhaseText(loc?: string): { waiting: string; inProgress: string } {
  return isJapanese(loc)
    ? { waiting: 'サービスを待っています', inProgress: '処理中' }
    : { waiting: 'Waiting for the service', inProgress: 'In progress' };
}

/**
 * Fixes for service codes that say more than their kind: a VM size the region lacks is a validation
 * error, but its fix is about VM sizes, not about the flow files.
 */
const byCode: Record<string, { en: Fix; ja: Fix }> = {
  InvalidVmSize: {
    en: { fix: "Choose a VM size offered in the workspace's region (the wizard and `pfsession settings` list them)." },
    ja: {
      fix: 'ワークスペースのリージョンで提供されている VM サイズを選んでください (ウィザードと `pfsession settings` で一覧できます)。',
    },
  },
  UnsupportedVmSize: {
    en: { fix: 'Choose a VM size of the D series or larger with at least 2 vCPUs; the A and B series cannot host a compute session.' },
    ja: {
      fix: 'D シリーズ以降で 2 vCPU 以上の VM サイズを選んでください。A シリーズと B シリーズではコンピューティング セッションを実行できません。',
    },
  },
  ComputeInstanceNotAssignedToUser: {
    en: {
      fix: 'A compute instance serves only the user it is assigned to: choose a compute instance assigned to you, or serverless compute.',
      who: 'the user the instance is assigned to',
    },
    ja: {
      fix: 'コンピューティング インスタンスは割り当てられたユーザーだけが使えます。自分に割り当てられたインスタンスか、サーバーレス コンピューティングを選んでください。',
      who: 'インスタンスが割り当てられているユーザー',
    },
  },
  ComputeInstanceNotRunning: {
    en: { fix: 'Start the compute instance (or wait until it runs), then start the session again.' },
    ja: { fix: 'コンピューティング インスタンスを開始する (または実行中になるまで待つ) と、セッションを再び開始できます。' },
  },
  IdentityNotFound: {
    en: {
      fix: 'Attach the user-assigned identity to the workspace first, or choose one that is attached (or your own identity).',
      who: 'workspace Owner',
    },
    ja: {
      fix: '先にユーザー割り当て ID をワークスペースにアタッチするか、アタッチ済みの ID (または自分の ID) を選んでください。',
      who: 'ワークスペース所有者',
    },
  },
  PrivateFeedIdentityMissing: {
    en: {
      fix: 'A private feed (-i https://{private}@…) is read through a user-assigned identity: choose one with access to the feed in the session settings (pfsession settings <flow> --identity <resource id>).',
    },
    ja: {
      fix: 'プライベート フィード (-i https://{private}@…) はユーザー割り当て ID で読み取ります。フィードにアクセスできる ID をセッション設定で選んでください (pfsession settings <フロー> --identity <リソース ID>)。',
    },
  },
  SessionOwnedByAnotherUser: {
    en: { fix: 'This session belongs to another user; start your own session for this flow.' },
    ja: { fix: 'このセッションは別のユーザーのものです。このフローに自分のセッションを開始してください。' },
  },
  LinkedAuthorizationFailed: {
    en: {
      fix: 'Using a user-assigned identity needs the Managed Identity Operator role on it; ask an Owner of the identity to assign it to you.',
      who: 'identity Owner',
    },
    ja: {
      fix: 'ユーザー割り当て ID を使うには、その ID に対するマネージド ID オペレーター ロールが必要です。ID の所有者に割り当てを依頼してください。',
      who: 'ID の所有者',
    },
  },
};

export function fixFor(kind: ErrorKind, loc?: string, code?: string): Fix {
  const special = code ? Object.entries(byCode).find(([c]) => c.toLowerCase() === code.toLowerCase())?.[1] : undefined;
  if (special) return isJapanese(loc) ? special.ja : special.en;
  return (isJapanese(loc) ? ja : en)[kind];
}

/** "pip exited with code N: <pip's last lines>" in the chosen language. */
export function pipExitedText(exitCode: number, tail: string, loc?: string): string {
  return isJapanese(loc) ? `pip が終了コード ${exitCode} で終了しました: ${tail}` : `pip exited with code ${exitCode}: ${tail}`;
}

/** "<operation> failed: <detail> (request id …)" in the chosen language. */
export function failedText(operation: string, detail: string, requestId: string | undefined, loc?: string): string {
  if (isJapanese(loc)) return `${operation}に失敗しました${detail ? `: ${detail}` : ''}${requestId ? ` (要求 ID ${requestId})` : ''}`;
  return `${operation} failed${detail ? `: ${detail}` : ''}${requestId ? ` (request id ${requestId})` : ''}`;
}

/** Why a local write failed, from its errno code, in words. */
export function writeFailureReason(code: string | undefined, loc?: string): string {
  const jp = isJapanese(loc);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return jp ? 'ディスクの空き容量がありません' : 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return jp ? '書き込み権限がありません' : 'permission denied';
    case 'EROFS':
      return jp ? '読み取り専用のファイル システムです' : 'the file system is read-only';
    case 'EISDIR':
      return jp ? '書き込み先にフォルダーがあります' : 'a folder is in the way of the file';
    case 'EEXIST':
    case 'ENOTDIR':
      return jp ? 'フォルダーの場所にファイルがあります' : 'a file is in the way of the folder';
    default:
      return code ?? (jp ? '不明なエラー' : 'unknown error');
  }
}

/** The session list (flow → session bindings) could not be written to the state folder. */
export function stateSaveText(file: string, reason: string, loc?: string): { message: string; fix: string } {
  if (isJapanese(loc)) {
    return {
      message: `セッションは実行中ですが、フローとセッションの対応 (セッション一覧) を ${file} に保存できませんでした (${reason})。この対応はこのウィンドウのメモリにだけ保持され、再起動後や CLI からは見えません。`,
      fix: 'ディスクの空き容量と、このフォルダーの書き込み権限を確認してください (フォルダーの代わりにファイルがないかも確認してください)。その後セッションをもう一度開始すると、同じセッションが再利用され、一覧が保存されます。',
    };
  }
  return {
    message: `The session is running, but saving the session list (flow → session binding) to ${file} failed (${reason}). The binding is kept in memory for this window only; after a restart, or from the CLI, it is not found.`,
    fix: 'Free disk space and check that you may write to this folder (and that no file stands where the folder should be); then start the session again: it is reused and the list is saved.',
  };
}
