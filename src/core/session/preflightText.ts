// What the preflight checks (S1, S2) tell the user, in English and Japanese. Kept apart from the
// checks so both languages are read side by side and none of them is missed.
import { isJapanese } from '../azure/messages';

const en = {
  roleTitle: 'AzureML Data Scientist role',
  roleNoOid: 'Your sign-in carries no object id, so your role assignments cannot be read.',
  // The check looks for known roles by id; a custom role could also grant the needed actions.
  roleMissing:
    'None of your role assignments on this workspace is AzureML Data Scientist, Contributor or Owner (custom roles are not evaluated).',
  roleMissingFix:
    'Ask an Owner of the workspace (or anyone with Microsoft.Authorization/roleAssignments/write) to assign you "AzureML Data Scientist"; it can take a few minutes to apply.',
  roleCannotTell:
    'Cannot tell: you may not read role assignments on this workspace (that needs Microsoft.Authorization/roleAssignments/read), which does not mean you lack the role.',
  roleCannotTellFix:
    'If starting a session fails with a permission error, ask an Owner of the workspace to assign you "AzureML Data Scientist".',
  readingRoles: 'Reading your role assignments',
  datastoreTitle: 'Default datastore is Azure Blob',
  datastoreNone: 'The workspace has no default datastore.',
  datastoreNoneFix: 'Set workspaceblobstore (Azure Blob) as the default datastore.',
  datastoreWrongType: (name: string, type: string) => `The default datastore ${name} is of type ${type}; compute sessions need Azure Blob.`,
  datastoreWrongTypeFix: 'Make an Azure Blob datastore (usually workspaceblobstore) the default.',
  readingDatastore: 'Reading the default datastore',
  workingDirTitle: 'Working directory (workspaceworkingdirectory) exists',
  workingDirMissing: 'The datastore workspaceworkingdirectory does not exist in this workspace.',
  workingDirMissingFix:
    'Open the workspace once in Azure ML studio (Notebooks) to create it, or ask an Owner to recreate the file share datastore.',
  readingWorkingDir: 'Reading workspaceworkingdirectory',
  networkTitle: 'Network isolation',
  networkIsolated: 'The workspace is network-isolated (public access disabled or private endpoints).',
  networkIsolatedFix:
    'Work from inside its virtual network, and make sure the session can reach the packages and images it needs (outbound rules, private feeds).',
  readingWorkspace: 'Reading the workspace',
  workspaceOwner: 'workspace Owner',
  networkAdmin: 'network admin',
};

export type PreflightText = typeof en;

const ja: PreflightText = {
  roleTitle: 'AzureML データ サイエンティスト ロール',
  roleNoOid: 'サインイン情報にオブジェクト ID が含まれていないため、ロールの割り当てを読み取れません。',
  roleMissing:
    'このワークスペースでのロールの割り当てに、AzureML データ サイエンティスト、共同作成者、所有者のいずれもありません (カスタム ロールは評価していません)。',
  roleMissingFix:
    'ワークスペースの所有者 (または Microsoft.Authorization/roleAssignments/write を持つユーザー) に「AzureML データ サイエンティスト」の割り当てを依頼してください。反映まで数分かかることがあります。',
  roleCannotTell:
    '判定できません: このワークスペースのロールの割り当てを読み取る権限 (Microsoft.Authorization/roleAssignments/read) がない可能性があります。ロールがないという意味ではありません。',
  roleCannotTellFix:
    'セッションの開始がアクセス許可のエラーで失敗する場合は、ワークスペースの所有者に「AzureML データ サイエンティスト」の割り当てを依頼してください。',
  readingRoles: 'ロールの割り当ての読み取り',
  datastoreTitle: '既定のデータストアが Azure Blob であること',
  datastoreNone: 'ワークスペースに既定のデータストアがありません。',
  datastoreNoneFix: 'workspaceblobstore (Azure Blob) を既定のデータストアに設定してください。',
  datastoreWrongType: (name, type) =>
    `既定のデータストア ${name} の種類は ${type} です。コンピューティング セッションには Azure Blob が必要です。`,
  datastoreWrongTypeFix: 'Azure Blob のデータストア (通常は workspaceblobstore) を既定にしてください。',
  readingDatastore: '既定のデータストアの読み取り',
  workingDirTitle: '作業ディレクトリ (workspaceworkingdirectory) があること',
  workingDirMissing: 'このワークスペースにデータストア workspaceworkingdirectory がありません。',
  workingDirMissingFix:
    'Azure ML スタジオでワークスペースを一度開いて (ノートブック) 作成するか、所有者にファイル共有データストアの再作成を依頼してください。',
  readingWorkingDir: 'workspaceworkingdirectory の読み取り',
  networkTitle: 'ネットワーク分離',
  networkIsolated: 'ワークスペースはネットワーク分離されています (パブリック アクセスが無効、またはプライベート エンドポイントあり)。',
  networkIsolatedFix:
    '仮想ネットワーク内から作業し、セッションが必要なパッケージとイメージに到達できることを確認してください (送信規則、プライベート フィード)。',
  readingWorkspace: 'ワークスペースの読み取り',
  workspaceOwner: 'ワークスペース所有者',
  networkAdmin: 'ネットワーク管理者',
};

export function preflightText(locale: string | undefined): PreflightText {
  return isJapanese(locale) ? ja : en;
}
