// What the Azure clients say: the fix of each error kind (and of service codes that say more than
// their kind), who can apply it, the framing of a failed operation, and the operations themselves.
import type { Entry } from '../catalogue';

export const azureMessages = {
  // The framing of every failure: "<operation> failed: <the service's reason> (request id …)".
  'azure.failed': { en: '{operation} failed: {detail}', ja: '{operation}に失敗しました: {detail}' },
  'azure.failedPlain': { en: '{operation} failed', ja: '{operation}に失敗しました' },
  'azure.withRequestId': { en: '{text} (request id {requestId})', ja: '{text} (要求 ID {requestId})' },
  'azure.pipExited': { en: 'pip exited with code {exitCode}: {tail}', ja: 'pip が終了コード {exitCode} で終了しました: {tail}' },
  'azure.cancelled': { en: 'cancelled', ja: '取り消されました' },
  'azure.connectionTimedOut': { en: 'the connection timed out', ja: '接続がタイムアウトしました' },
  'azure.serviceReported': { en: 'the service reported {status}', ja: 'サービスの報告: {status}' },
  'azure.noAnswer': { en: 'no answer within {seconds} s', ja: '{seconds} 秒以内に応答がありません' },
  'azure.plainHttp': {
    en: 'Refusing to send a token over plain http ({host}).',
    ja: '暗号化されていない http ではトークンを送信しません ({host})。',
  },
  'azure.noToken': {
    en: 'No token for {scope}: sign in to Azure.',
    ja: '{scope} のトークンがありません。Azure にサインインしてください。',
  },
  'azure.noDiscoveryUrl': {
    en: 'Workspace {workspace} reports no discoveryUrl, so its prompt flow service cannot be found.',
    ja: 'ワークスペース {workspace} が discoveryUrl を報告していないため、プロンプト フロー サービスが見つかりません。',
  },

  // Who can apply a fix, when it is not the user.
  'azure.who.subscriptionAdmin': { en: 'subscription admin', ja: 'サブスクリプション管理者' },
  'azure.who.workspaceOwner': { en: 'workspace Owner', ja: 'ワークスペース所有者' },
  'azure.who.registryOwner': { en: 'registry Owner', ja: 'レジストリ所有者' },
  'azure.who.identityOwner': { en: 'identity Owner', ja: 'ID の所有者' },
  'azure.who.instanceUser': { en: 'the user the instance is assigned to', ja: 'インスタンスが割り当てられているユーザー' },
  'azure.who.networkAdmin': { en: 'network admin', ja: 'ネットワーク管理者' },

  // The fix of each error kind.
  'azure.fix.quota': {
    en: 'Choose a smaller VM size or another family with free quota, or request a quota increase for this region.',
    ja: 'より小さい VM サイズか空きクォータのあるファミリを選ぶか、このリージョンのクォータ増加を申請してください。',
  },
  'azure.fix.capacity': {
    en: 'Azure has no capacity for this VM size right now: try another VM size, or retry later.',
    ja: 'この VM サイズの容量が現在不足しています。別の VM サイズを選ぶか、後で再試行してください。',
  },
  'azure.fix.permission': {
    en: 'Ask an Owner of the workspace to assign you the "AzureML Data Scientist" role; a new assignment can take a few minutes to apply.',
    ja: 'ワークスペースの所有者に「AzureML データ サイエンティスト」ロールの割り当てを依頼してください。反映まで数分かかることがあります。',
  },
  'azure.fix.auth': {
    en: 'Sign in to Azure again (your sign-in expired or is for another tenant).',
    ja: 'Azure に再度サインインしてください (サインインの期限切れ、または別のテナント)。',
  },
  'azure.fix.storage': {
    en: 'Check that the default datastore is Azure Blob and reachable, and that its credentials are valid.',
    ja: '既定のデータストアが Azure Blob で到達可能か、資格情報が有効かを確認してください。',
  },
  'azure.fix.image': {
    en: 'Check the base image name in flow.dag.yaml (environment.image) and that the identity can pull it from the registry (AcrPull).',
    ja: 'flow.dag.yaml のベース イメージ名 (environment.image) と、ID がレジストリからプルできること (AcrPull) を確認してください。',
  },
  'azure.fix.packageConflict': {
    en: 'Fix requirements.txt (versions that conflict or do not exist), then install again; if packages still conflict, reset the session.',
    ja: 'requirements.txt (競合する、または存在しないバージョン) を修正して再インストールしてください。競合が続く場合はセッションをリセットしてください。',
  },
  'azure.fix.identity': {
    en: 'Attach the user-assigned identity to the workspace and give it the roles it needs, or start with your own identity.',
    ja: 'ユーザー割り当てマネージド ID をワークスペースにアタッチして必要なロールを付与するか、自分の ID で開始してください。',
  },
  'azure.fix.network': {
    en: 'Check your network connection, proxy and, for a network-isolated workspace, that you are inside its virtual network.',
    ja: 'ネットワーク接続とプロキシ、ネットワーク分離されたワークスペースでは仮想ネットワーク内にいることを確認してください。',
  },
  'azure.fix.throttled': {
    en: 'Azure is throttling requests; the operation will be retried. Wait a moment.',
    ja: 'Azure が要求を制限しています。自動的に再試行します。しばらくお待ちください。',
  },
  'azure.fix.transient': {
    en: 'The service had a temporary problem; try again in a few minutes.',
    ja: 'サービスで一時的な問題が発生しました。数分後に再試行してください。',
  },
  'azure.fix.notFound': {
    en: 'Check the subscription, resource group and workspace names, and that the resource still exists.',
    ja: 'サブスクリプション、リソース グループ、ワークスペース名と、リソースが存在することを確認してください。',
  },
  'azure.fix.conflict': {
    en: 'Another operation is changing the same resource; wait for it to finish and try again.',
    ja: '別の操作が同じリソースを変更中です。完了を待ってから再試行してください。',
  },
  'azure.fix.validation': {
    en: 'Check the settings and the flow files for the value the service rejected.',
    ja: 'サービスが拒否した値について、設定とフロー ファイルを確認してください。',
  },
  'azure.fix.timeout': {
    en: 'The request timed out; try again. A slow start keeps running on the service side.',
    ja: '要求がタイムアウトしました。再試行してください。時間のかかる開始はサービス側で続行されます。',
  },
  'azure.fix.cancelled': {
    en: 'Cancelled. The service may still finish the operation; check the status.',
    ja: '取り消しました。サービス側で操作が完了する場合があります。状態を確認してください。',
  },
  'azure.fix.unknown': {
    en: 'Try again; if it keeps failing, report it with the request id.',
    ja: '再試行してください。失敗が続く場合は要求 ID を添えて報告してください。',
  },

  // Fixes for service codes that say more than their kind (a VM size the region lacks is a validation
  // error, but its fix is about VM sizes, not about the flow files).
  'azure.fixCode.InvalidVmSize': {
    en: "Choose a VM size offered in the workspace's region (the wizard and `pfsession settings` list them).",
    ja: 'ワークスペースのリージョンで提供されている VM サイズを選んでください (ウィザードと `pfsession settings` で一覧できます)。',
  },
  'azure.fixCode.UnsupportedVmSize': {
    en: 'Choose a VM size of the D series or larger with at least 2 vCPUs; the A and B series cannot host a compute session.',
    ja: 'D シリーズ以降で 2 vCPU 以上の VM サイズを選んでください。A シリーズと B シリーズではコンピューティング セッションを実行できません。',
  },
  'azure.fixCode.ComputeInstanceNotAssignedToUser': {
    en: 'A compute instance serves only the user it is assigned to: choose a compute instance assigned to you, or serverless compute.',
    ja: 'コンピューティング インスタンスは割り当てられたユーザーだけが使えます。自分に割り当てられたインスタンスか、サーバーレス コンピューティングを選んでください。',
  },
  'azure.fixCode.ComputeInstanceNotRunning': {
    en: 'Start the compute instance (or wait until it runs), then start the session again.',
    ja: 'コンピューティング インスタンスを開始する (または実行中になるまで待つ) と、セッションを再び開始できます。',
  },
  'azure.fixCode.IdentityNotFound': {
    en: 'Attach the user-assigned identity to the workspace first, or choose one that is attached (or your own identity).',
    ja: '先にユーザー割り当て ID をワークスペースにアタッチするか、アタッチ済みの ID (または自分の ID) を選んでください。',
  },
  'azure.fixCode.PrivateFeedIdentityMissing': {
    en: 'A private feed (-i {feed}) is read through a user-assigned identity: choose one with access to the feed in the session settings (pfsession settings <flow> --identity <resource id>).',
    ja: 'プライベート フィード (-i {feed}) はユーザー割り当て ID で読み取ります。フィードにアクセスできる ID をセッション設定で選んでください (pfsession settings <フロー> --identity <リソース ID>)。',
  },
  'azure.fixCode.SessionOwnedByAnotherUser': {
    en: 'This session belongs to another user; start your own session for this flow.',
    ja: 'このセッションは別のユーザーのものです。このフローに自分のセッションを開始してください。',
  },
  'azure.fixCode.LinkedAuthorizationFailed': {
    en: 'Using a user-assigned identity needs the Managed Identity Operator role on it; ask an Owner of the identity to assign it to you.',
    ja: 'ユーザー割り当て ID を使うには、その ID に対するマネージド ID オペレーター ロールが必要です。ID の所有者に割り当てを依頼してください。',
  },

  // The phases of an operation being watched, until the service names its own.
  'azure.phase.waiting': { en: 'Waiting for the service', ja: 'サービスを待っています' },
  'azure.phase.inProgress': { en: 'In progress', ja: '処理中' },
  'azure.phase.throttled': { en: 'Throttled; waiting', ja: '要求が制限されています。待っています' },
  'azure.phase.retrying': { en: 'Connection trouble; retrying', ja: '接続に問題があります。再試行しています' },

  // Why a local write failed, from its errno code.
  'azure.write.diskFull': { en: 'the disk is full', ja: 'ディスクの空き容量がありません' },
  'azure.write.permission': { en: 'permission denied', ja: '書き込み権限がありません' },
  'azure.write.readOnly': { en: 'the file system is read-only', ja: '読み取り専用のファイル システムです' },
  'azure.write.folderInTheWay': { en: 'a folder is in the way of the file', ja: '書き込み先にフォルダーがあります' },
  'azure.write.fileInTheWay': { en: 'a file is in the way of the folder', ja: 'フォルダーの場所にファイルがあります' },
  'azure.write.unknown': { en: 'unknown error', ja: '不明なエラー' },

  // What the clients were doing when a call failed (the framing of its error).
  'azure.op.startSession': { en: 'Starting the session', ja: 'セッションの開始' },
  'azure.op.resetSession': { en: 'Resetting the session', ja: 'セッションのリセット' },
  'azure.op.updateSession': { en: 'Updating the session', ja: 'セッションの更新' },
  'azure.op.readWorkspace': { en: 'Reading workspace {workspace}', ja: 'ワークスペース {workspace} の読み取り' },
  'azure.op.listWorkspaces': { en: 'Listing workspaces', ja: 'ワークスペースの一覧取得' },
  'azure.op.listComputes': { en: 'Listing computes', ja: 'コンピューティングの一覧取得' },
  'azure.op.readCompute': { en: 'Reading compute {name}', ja: 'コンピューティング {name} の読み取り' },
  'azure.op.startComputeInstance': { en: 'Starting compute instance {name}', ja: 'コンピューティング インスタンス {name} の開始' },
  'azure.op.stopComputeInstance': { en: 'Stopping compute instance {name}', ja: 'コンピューティング インスタンス {name} の停止' },
  'azure.op.deleteCompute': { en: 'Deleting compute {name}', ja: 'コンピューティング {name} の削除' },
  'azure.op.findDefaultDatastore': { en: 'Finding the default datastore', ja: '既定のデータストアの検索' },
  'azure.op.readDatastore': { en: 'Reading datastore {name}', ja: 'データストア {name} の読み取り' },
  'azure.op.readDatastoreCredentials': {
    en: 'Reading the credentials of datastore {name}',
    ja: 'データストア {name} の資格情報の読み取り',
  },
  'azure.op.listVmSizes': { en: 'Listing VM sizes', ja: 'VM サイズの一覧取得' },
  'azure.op.readQuota': { en: 'Reading quota usage', ja: 'クォータ使用量の読み取り' },
  'azure.op.attachIdentity': { en: 'Attaching the identity to the workspace', ja: 'ワークスペースへの ID のアタッチ' },
  'azure.op.readRoles': { en: 'Reading your role assignments', ja: 'ロールの割り当ての読み取り' },
  'azure.op.signIn': { en: 'Signing in to Azure', ja: 'Azure へのサインイン' },
  'azure.op.readSession': { en: 'Reading the session', ja: 'セッションの読み取り' },
  'azure.op.stopSession': { en: 'Stopping the session', ja: 'セッションの停止' },
  'azure.op.listPackages': { en: 'Listing installed packages', ja: 'インストール済みパッケージの一覧取得' },
  'azure.op.watch': { en: 'Watching the operation', ja: '操作の監視' },
  'azure.op.submitRun': { en: 'Submitting the run', ja: '実行の送信' },
  'azure.op.readRun': { en: 'Reading run {runId}', ja: '実行 {runId} の読み取り' },
  'azure.op.readTraceSettings': { en: 'Reading the trace settings', ja: 'トレース設定の読み取り' },
  'azure.op.listRuntimes': { en: 'Listing runtimes', ja: 'ランタイムの一覧取得' },
  'azure.op.readRunLog': { en: 'Reading the log of run {runId}', ja: '実行 {runId} のログの読み取り' },
  'azure.op.readRunLines': { en: 'Reading the lines of run {runId}', ja: '実行 {runId} の行の読み取り' },
  'azure.op.readRunMetrics': { en: 'Reading the metrics of run {runId}', ja: '実行 {runId} のメトリックの読み取り' },
  'azure.op.cancelRun': { en: 'Cancelling run {runId}', ja: '実行 {runId} の取り消し' },
  'azure.op.listRuns': { en: 'Listing runs', ja: '実行の一覧取得' },
  'azure.op.listSubscriptions': { en: 'Listing subscriptions', ja: 'サブスクリプションの一覧取得' },
  'azure.op.listConnections': { en: 'Listing the connections', ja: '接続の一覧取得' },
  'azure.op.readConnectionTypes': { en: 'Reading the connection types', ja: '接続の種類の読み取り' },
  'azure.op.listDeployments': { en: 'Listing the deployments of connection {connection}', ja: '接続 {connection} のデプロイの一覧取得' },
  'azure.op.listPackageTools': { en: 'Listing the package tools', ja: 'パッケージ ツールの一覧取得' },
  'azure.op.uploadFlow': { en: 'Uploading the flow to the default datastore', ja: '既定のデータストアへのフローのアップロード' },

  // Uploads to the default datastore.
  'azure.storage.noCredentials': {
    en: 'The default datastore has no account key or SAS token to upload with.',
    ja: '既定のデータストアに、アップロードに使うアカウント キーも SAS トークンもありません。',
  },
  'azure.storage.noCredentialsFix': {
    en: 'Use a key-based default blob datastore, or ask an Owner to set its credentials.',
    ja: 'キーベースの既定の Blob データストアを使うか、所有者に資格情報の設定を依頼してください。',
  },
} as const satisfies Record<string, Entry>;
