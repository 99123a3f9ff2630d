// What the preflight checks (S1, S2, S4) tell the user, in English and Japanese. Kept apart from the
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
  // Session settings (S4).
  vmSizeTitle: (size: string) => `VM size ${size}`,
  vmSizeNotOffered: (size: string, location: string) => `${size} is not offered to Azure ML in ${location}.`,
  vmSizeNotOfferedFix: "Choose one of the VM sizes of the workspace's region (the wizard lists them with their quota).",
  vmSizeTooSmall: (size: string) => `${size} is below the D series (or has a single vCPU); compute sessions need D series or larger.`,
  vmSizeTooSmallFix: 'Choose a D-series (or larger) VM size with at least 2 vCPUs, e.g. Standard_D4s_v3.',
  readingVmSizes: 'Reading the VM sizes of the region',
  quotaTitle: (family: string) => `vCPU quota of ${family}`,
  quotaShort: (size: string, vCPUs: number, free: number, family: string) =>
    `${size} needs ${vCPUs} vCPUs but ${free} are free in ${family}: a new compute cannot start (an existing compute of this size and identity is reused without new quota).`,
  quotaShortFix: 'Choose a VM size in a family with free quota, or request a quota increase for this region.',
  subscriptionAdmin: 'subscription admin',
  computeInstanceTitle: (name: string) => `Compute instance ${name}`,
  computeInstanceMissing: (name: string) => `The workspace has no compute instance named ${name}.`,
  computeInstanceMissingFix: 'Choose one of your compute instances, or serverless compute.',
  computeInstanceNotYours: (name: string, owner: string) =>
    `${name} is assigned to ${owner}; a compute instance serves only the user it is assigned to.`,
  computeInstanceNotYoursFix: 'Choose a compute instance assigned to you, or serverless compute.',
  computeInstanceOwner: 'the user the instance is assigned to',
  computeInstanceStopped: (name: string, state: string) => `${name} is ${state}; it is started (and billed) before the session starts.`,
  computeInstanceStarting: (name: string, state: string) => `${name} is ${state}; the start waits until it runs.`,
  computeInstanceUnusable: (name: string, state: string) => `${name} is ${state}, so no session can start on it.`,
  computeInstanceUnusableFix: 'Repair or recreate the compute instance in Azure ML studio, or choose another compute.',
  readingComputeInstance: (name: string) => `Reading compute instance ${name}`,
  identityAttachedTitle: (identity: string) => `${identity} is attached to the workspace`,
  identityNotAttached: (identity: string) => `${identity} is not a user-assigned identity of this workspace.`,
  identityNotAttachedFix: 'Attach the identity to the workspace first (command "Attach identity"), or choose one that is attached.',
  identityRoleTitle: (identity: string, role: string, resource: string) => `${identity}: ${role} on ${resource}`,
  identityRoleMissing: (identity: string, role: string, resource: string) => `${identity} has no ${role} role on ${resource}.`,
  identityRoleFix: (identity: string, role: string, resource: string) =>
    `Ask an Owner (or a User Access Administrator) of ${resource} to assign ${role} to ${identity}; a new assignment can take a few minutes to apply.`,
  identityRoleCannotTell: (resource: string) =>
    `Cannot tell: you may not read the role assignments of ${resource}, which does not mean the role is missing.`,
  identityRoleCannotTellFix: (resource: string) => `Ask an Owner of ${resource} to check the identity's roles there.`,
  ownerOf: (resource: string) => `Owner of ${resource}`,
  accessPolicyTitle: (identity: string, resource: string) => `${identity}: access policy on ${resource}`,
  accessPolicyMissing: (identity: string, resource: string) =>
    `${resource} uses access policies, and none gives ${identity} all key, secret and certificate permissions but purge.`,
  accessPolicyFix: (identity: string, resource: string) =>
    `Ask an Owner of ${resource} to add an access policy for ${identity} with all permissions except purge.`,
  assignTitle: (identity: string) => `You may assign ${identity} (Managed Identity Operator)`,
  assignMissing: (identity: string) => `You hold no role on ${identity} that lets you assign it (Managed Identity Operator).`,
  assignFix: (identity: string) => `Ask an Owner of ${identity} to assign you the Managed Identity Operator role on it.`,
  readingRolesOf: (resource: string) => `Reading the role assignments of ${resource}`,
  readingResource: (resource: string) => `Reading ${resource}`,
  resourceLabel: (kind: string, name: string) =>
    `${{ workspace: 'workspace', storageAccount: 'storage account', keyVault: 'key vault', containerRegistry: 'container registry', applicationInsights: 'Application Insights', identity: 'identity' }[kind] ?? 'resource'} ${name}`,
  prerequisiteFailed: (title: string, cause: string) => `A prerequisite of the session is not met: ${title}. ${cause}`,
  attaching: 'Attaching the identity to the workspace',
  attachNotAnId: (id: string) => `${id} is not the resource id of a user-assigned managed identity.`,
  attachRefused: (identity: string, workspace: string) => `You may not attach ${identity} to workspace ${workspace}.`,
  attachRefusedFix:
    'Ask an Owner or Contributor of the workspace to attach it; they also need the Managed Identity Operator role on the identity.',
  attachNotApplied: (identity: string, workspace: string) =>
    `Workspace ${workspace} accepted attaching ${identity}, but it does not list the identity.`,
  attachNotAppliedFix: 'Attach it again in a moment; if the workspace still does not list it, attach it in the Azure portal.',
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
  vmSizeTitle: (size) => `VM サイズ ${size}`,
  vmSizeNotOffered: (size, location) => `${size} は ${location} の Azure ML では提供されていません。`,
  vmSizeNotOfferedFix: 'ワークスペースのリージョンの VM サイズから選んでください (ウィザードにクォータとともに一覧されます)。',
  vmSizeTooSmall: (size) =>
    `${size} は D シリーズ未満 (または vCPU が 1 つ) です。コンピューティング セッションには D シリーズ以降が必要です。`,
  vmSizeTooSmallFix: 'D シリーズ以降で 2 vCPU 以上の VM サイズ (例: Standard_D4s_v3) を選んでください。',
  readingVmSizes: 'リージョンの VM サイズの読み取り',
  quotaTitle: (family) => `${family} の vCPU クォータ`,
  quotaShort: (size, vCPUs, free, family) =>
    `${size} には ${vCPUs} vCPU が必要ですが、${family} の空きは ${free} です。新しいコンピューティングは開始できません (同じサイズと ID の既存のコンピューティングは新たなクォータなしで再利用されます)。`,
  quotaShortFix: '空きクォータのあるファミリの VM サイズを選ぶか、このリージョンのクォータ増加を申請してください。',
  subscriptionAdmin: 'サブスクリプション管理者',
  computeInstanceTitle: (name) => `コンピューティング インスタンス ${name}`,
  computeInstanceMissing: (name) => `ワークスペースに ${name} という名前のコンピューティング インスタンスはありません。`,
  computeInstanceMissingFix: '自分のコンピューティング インスタンスか、サーバーレス コンピューティングを選んでください。',
  computeInstanceNotYours: (name, owner) =>
    `${name} は ${owner} に割り当てられています。コンピューティング インスタンスは割り当てられたユーザーだけが使えます。`,
  computeInstanceNotYoursFix: '自分に割り当てられたコンピューティング インスタンスか、サーバーレス コンピューティングを選んでください。',
  computeInstanceOwner: 'インスタンスが割り当てられているユーザー',
  computeInstanceStopped: (name, state) => `${name} は ${state} です。セッションの前に開始されます (課金されます)。`,
  computeInstanceStarting: (name, state) => `${name} は ${state} です。開始は実行中になるまで待ちます。`,
  computeInstanceUnusable: (name, state) => `${name} は ${state} のため、セッションを開始できません。`,
  computeInstanceUnusableFix:
    'Azure ML スタジオでコンピューティング インスタンスを修復または再作成するか、別のコンピューティングを選んでください。',
  readingComputeInstance: (name) => `コンピューティング インスタンス ${name} の読み取り`,
  identityAttachedTitle: (identity) => `${identity} がワークスペースにアタッチされていること`,
  identityNotAttached: (identity) => `${identity} はこのワークスペースのユーザー割り当て ID ではありません。`,
  identityNotAttachedFix: '先に ID をワークスペースにアタッチする (コマンド「ID をアタッチ」) か、アタッチ済みの ID を選んでください。',
  identityRoleTitle: (identity, role, resource) => `${identity}: ${resource} に対する ${role}`,
  identityRoleMissing: (identity, role, resource) => `${identity} には ${resource} に対する ${role} ロールがありません。`,
  identityRoleFix: (identity, role, resource) =>
    `${resource} の所有者 (またはユーザー アクセス管理者) に、${identity} への ${role} の割り当てを依頼してください。反映まで数分かかることがあります。`,
  identityRoleCannotTell: (resource) =>
    `判定できません: ${resource} のロールの割り当てを読み取る権限がない可能性があります。ロールがないという意味ではありません。`,
  identityRoleCannotTellFix: (resource) => `${resource} の所有者に、そこでの ID のロールの確認を依頼してください。`,
  ownerOf: (resource) => `${resource} の所有者`,
  accessPolicyTitle: (identity, resource) => `${identity}: ${resource} のアクセス ポリシー`,
  accessPolicyMissing: (identity, resource) =>
    `${resource} はアクセス ポリシーを使用していますが、${identity} に消去以外のすべてのキー、シークレット、証明書のアクセス許可を与えるポリシーがありません。`,
  accessPolicyFix: (identity, resource) =>
    `${resource} の所有者に、消去以外のすべてのアクセス許可を持つ ${identity} のアクセス ポリシーの追加を依頼してください。`,
  assignTitle: (identity) => `${identity} を割り当てられること (マネージド ID オペレーター)`,
  assignMissing: (identity) => `${identity} を割り当てられるロール (マネージド ID オペレーター) がありません。`,
  assignFix: (identity) => `${identity} の所有者に、その ID に対するマネージド ID オペレーター ロールの割り当てを依頼してください。`,
  readingRolesOf: (resource) => `${resource} のロールの割り当ての読み取り`,
  readingResource: (resource) => `${resource} の読み取り`,
  resourceLabel: (kind, name) =>
    `${{ workspace: 'ワークスペース', storageAccount: 'ストレージ アカウント', keyVault: 'キー コンテナー', containerRegistry: 'コンテナー レジストリ', applicationInsights: 'Application Insights', identity: 'ID' }[kind] ?? 'リソース'} ${name}`,
  prerequisiteFailed: (title, cause) => `セッションの前提条件を満たしていません: ${title}。${cause}`,
  attaching: 'ワークスペースへの ID のアタッチ',
  attachNotAnId: (id) => `${id} はユーザー割り当てマネージド ID のリソース ID ではありません。`,
  attachRefused: (identity, workspace) => `${identity} をワークスペース ${workspace} にアタッチする権限がありません。`,
  attachRefusedFix:
    'ワークスペースの所有者または共同作成者にアタッチを依頼してください。その人には ID に対するマネージド ID オペレーター ロールも必要です。',
  attachNotApplied: (identity, workspace) =>
    `ワークスペース ${workspace} は ${identity} のアタッチを受け付けましたが、この ID を一覧に含めていません。`,
  attachNotAppliedFix: 'しばらくしてからもう一度アタッチしてください。それでも一覧にない場合は、Azure portal でアタッチしてください。',
};

export function preflightText(locale: string | undefined): PreflightText {
  return isJapanese(locale) ? ja : en;
}
