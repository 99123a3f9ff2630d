// What the session service says: its operations and their phases, the preflight checks, settings that
// were not applied, what became of an instance or a compute after a stop or a deletion, and where a run
// went. The extension and the CLI show the same entries.
import type { Entry } from '../catalogue';

export const sessionMessages = {
  // The operations the clients do not name themselves (the framing of their errors: "<name> failed: …").
  'session.op.install': { en: 'Installing requirements', ja: '要件のインストール' },
  'session.op.update': { en: 'Changing the session settings', ja: 'セッション設定の変更' },
  'session.op.computeStart': { en: 'Starting the compute instance', ja: 'コンピューティング インスタンスの開始' },

  // Failures the service itself raises.
  'session.cancelled': {
    en: '{operation}: stopped watching. The service may still finish it; check the status, or stop the session.',
    ja: '{operation}: 監視を停止しました。サービス側で完了する場合があります。状態を確認するか、セッションを停止してください。',
  },
  'session.cancelledFix': {
    en: 'Check the session status, or stop the session if you do not want it.',
    ja: 'セッションの状態を確認するか、不要であればセッションを停止してください。',
  },
  'session.conflict': {
    en: "Another operation ({operation}) is under way for this flow's session.",
    ja: 'このフローのセッションでは別の操作 ({operation}) が実行中です。',
  },
  'session.conflictFix': { en: 'Wait for it to finish, then try again.', ja: '完了を待ってから再試行してください。' },
  'session.closed': { en: 'The session service was closed.', ja: 'セッション サービスは終了しました。' },
  'session.noSession': { en: 'No session is bound to this flow yet.', ja: 'このフローにはまだセッションがありません。' },
  'session.noSessionFix': { en: 'Start the session first.', ja: '先にセッションを開始してください。' },
  'session.incompleteFix': {
    en: 'The session was created on the service but may be incomplete: reset it to rebuild it, or stop it to remove it. Status shows what the service has now.',
    ja: 'セッションはサービス上に作成されましたが、不完全な可能性があります。リセットして再構築するか、停止して削除してください。現在の状態は「状態」で確認できます。',
  },
  'session.noOperationToWatch': {
    en: 'The service accepted the request but named no operation to watch (no azure-asyncoperation header).',
    ja: 'サービスは要求を受け付けましたが、監視する操作を示しませんでした (azure-asyncoperation ヘッダーがありません)。',
  },
  'session.stateSave': {
    en: 'The session is running, but saving the session list (flow → session binding) to {file} failed ({reason}). The binding is kept in memory for this window only; after a restart, or from the CLI, it is not found.',
    ja: 'セッションは実行中ですが、フローとセッションの対応 (セッション一覧) を {file} に保存できませんでした ({reason})。この対応はこのウィンドウのメモリにだけ保持され、再起動後や CLI からは見えません。',
  },
  'session.stateSaveFix': {
    en: 'Free disk space and check that you may write to this folder (and that no file stands where the folder should be); then start the session again: it is reused and the list is saved.',
    ja: 'ディスクの空き容量と、このフォルダーの書き込み権限を確認してください (フォルダーの代わりにファイルがないかも確認してください)。その後セッションをもう一度開始すると、同じセッションが再利用され、一覧が保存されます。',
  },

  // Words shared by every front end.
  'session.userIdentity': { en: "the user's identity", ja: 'ユーザーの ID' },
  'session.serverless': { en: 'serverless', ja: 'サーバーレス' },
  'session.computeInstance': { en: 'compute instance', ja: 'コンピューティング インスタンス' },
  'session.vmSize': { en: 'VM size', ja: 'VM サイズ' },
  'session.identity': { en: 'identity', ja: 'ID' },
  'session.identityNamed': { en: 'identity {name}', ja: 'ID {name}' },
  'session.vmSizeNamed': { en: 'VM size {size}', ja: 'VM サイズ {size}' },

  // What became of the serverless compute after a stop (read back, S7); the extension and the CLI say the same.
  'session.computeFate.deleted': {
    en: 'No session remained on {name}, so the serverless compute was deleted too.',
    ja: '{name} にセッションが残っていないため、サーバーレス コンピューティングも削除されました。',
  },
  'session.computeFate.deleting': {
    en: 'No session remained on {name}, so the serverless compute is being deleted.',
    ja: '{name} にセッションが残っていないため、サーバーレス コンピューティングは削除中です。',
  },
  'session.computeFate.kept': {
    en: 'The serverless compute {name} stays: other sessions still use it.',
    ja: 'サーバーレス コンピューティング {name} は残ります: 他のセッションがまだ使用しています。',
  },
  'session.computeFate.unknown': {
    en: 'Whether the serverless compute {name} was deleted could not be read.',
    ja: 'サーバーレス コンピューティング {name} が削除されたかどうかを読み取れませんでした。',
  },
  'session.instance.sessionsDeleted': {
    en: 'The sessions of {name} were deleted; the instance stays.',
    ja: '{name} のセッションを削除しました。インスタンスは残ります。',
  },

  // The verbs: reading, compute instances, requirements files, settings that were not applied.
  'session.text.chooseComputeInstance': {
    en: 'Choose the compute instance to start the session on.',
    ja: 'セッションを開始するコンピューティング インスタンスを選んでください。',
  },
  'session.text.notComputeInstance': {
    en: '{name} is a {type}, not a compute instance.',
    ja: '{name} はコンピューティング インスタンスではなく {type} です。',
  },
  'session.text.computeStartDeclined': {
    en: 'Compute instance {name} is stopped, so the session was not started.',
    ja: 'コンピューティング インスタンス {name} は停止しているため、セッションは開始されませんでした。',
  },
  'session.text.computeStartDeclinedFix': {
    en: 'Start again and agree to start the instance when asked.',
    ja: 'インスタンスを開始してよい場合は、もう一度開始して確認してください。',
  },
  'session.text.computeUnusable': {
    en: 'Compute instance {name} is {state}, so no session can start on it.',
    ja: 'コンピューティング インスタンス {name} は {state} のため、セッションを開始できません。',
  },
  'session.text.computeUnusableFix': {
    en: 'Repair the instance in Azure ML studio, or choose another compute.',
    ja: 'Azure ML スタジオでインスタンスを修復するか、別のコンピューティングを選んでください。',
  },
  'session.text.noRequirementsFile': {
    en: '{flow} names no requirements file in environment.python_requirements_txt, so its session installs nothing.',
    ja: '{flow} の environment.python_requirements_txt に要件ファイルが指定されていないため、セッションは何もインストールしません。',
  },
  'session.text.unusedRequirementsFile': {
    en: '{file} is not named by the flow, so it is not installed.',
    ja: '{file} はフローが指定していないため、インストールされません。',
  },
  'session.text.noRequirementsFileFix': {
    en: 'Add `python_requirements_txt: requirements.txt` under `environment` in flow.dag.yaml.',
    ja: 'flow.dag.yaml の environment に python_requirements_txt: requirements.txt を追加してください。',
  },
  'session.text.settingsChanged': {
    en: 'The session of {flow} was running with other settings.',
    ja: '{flow} のセッションは異なる設定で実行中でした。',
  },
  'session.text.settingsNotApplied': {
    en: 'The service accepted the settings, but the session runs with others: {differences}.',
    ja: 'サービスは設定を受け付けましたが、セッションは別の設定で実行されています: {differences}。',
  },
  'session.text.settingsNotAppliedFix': {
    en: 'Check Status, then change the settings again; if the service keeps them, stop the session and start it with the new settings.',
    ja: '「状態」で確認してから、もう一度設定を変更してください。変わらない場合は、セッションを停止し、新しい設定で開始してください。',
  },
  'session.text.settingRuns': { en: '{field} {runs} (asked for {asked})', ja: '{field} は {runs} (要求: {asked})' },
  'session.text.minutes': { en: '{n} min', ja: '{n} 分' },
  'session.text.settingField.computeType': { en: 'compute type', ja: 'コンピューティングの種類' },
  'session.text.settingField.idleMinutes': { en: 'idle time', ja: 'アイドル時間' },

  // Deleting an instance or a session, and what became of them (S7, S11).
  'session.instance.deletingSession': { en: 'Deleting session {id}', ja: 'セッション {id} の削除' },
  'session.instance.unknownInstance': {
    en: 'No instance named {name} is known from your sessions or runs.',
    ja: 'セッションや実行から分かるインスタンスに {name} はありません。',
  },
  'session.instance.computeStillThere': {
    en: 'Deleting {name} was asked for, but the service still reports the compute.',
    ja: '{name} の削除を要求しましたが、サービスはまだこのコンピューティングを報告しています。',
  },
  'session.instance.computeStillThereFix': {
    en: 'Refresh the instances in a moment; if it is still there, delete it in Azure ML studio.',
    ja: 'しばらく待ってからインスタンスの一覧を更新してください。残っている場合は Azure ML スタジオで削除してください。',
  },
  'session.instance.sessionStillThere': {
    en: 'The service accepted stopping session {id}, but it still reports the session.',
    ja: 'セッション {id} の停止は受け付けられましたが、サービスはまだこのセッションを報告しています。',
  },
  'session.instance.sessionStillThereFix': {
    en: 'Check Status in a moment; if the session is still there, stop it again.',
    ja: 'しばらく待ってから「状態」で確認し、残っている場合はもう一度停止してください。',
  },

  // The phases an operation reports while it runs (progress, status bar, the CLI's progress lines).
  'session.phase.checkingPrerequisites': { en: 'Checking prerequisites', ja: '前提条件を確認しています' },
  'session.phase.checkingExisting': { en: 'Checking for an existing session', ja: '既存のセッションを確認しています' },
  'session.phase.requesting': { en: 'Requesting the session', ja: 'セッションを要求しています' },
  'session.phase.recreatingNew': { en: 'Recreating the session with the new settings', ja: '新しい設定でセッションを作り直しています' },
  'session.phase.recreatingOwn': { en: 'Recreating the session with its settings', ja: 'セッションの設定でセッションを作り直しています' },
  'session.phase.updating': { en: 'Updating the session', ja: 'セッションを更新しています' },
  'session.phase.resetting': { en: 'Resetting the session', ja: 'セッションをリセットしています' },
  'session.phase.installing': { en: 'Installing packages', ja: 'パッケージをインストールしています' },
  'session.phase.deleting': { en: 'Deleting the session', ja: 'セッションを削除しています' },
  'session.phase.checkingSession': { en: 'Checking the session', ja: 'セッションを確認しています' },
  'session.phase.checkingCompute': { en: 'Checking the compute', ja: 'コンピューティングを確認しています' },
  'session.phase.computeStopping': {
    en: 'Waiting for compute instance {name} to stop',
    ja: 'コンピューティング インスタンス {name} の停止を待っています',
  },
  'session.phase.computeStarting': {
    en: 'Starting compute instance {name}',
    ja: 'コンピューティング インスタンス {name} を開始しています',
  },
  'session.phase.computeWaiting': {
    en: 'Waiting for compute instance {name} ({state})',
    ja: 'コンピューティング インスタンス {name} を待っています ({state})',
  },
  'session.phase.uploadingFlow': { en: 'Uploading the flow', ja: 'フローをアップロードしています' },
  'session.phase.uploadingData': { en: 'Uploading the data', ja: 'データをアップロードしています' },
  'session.phase.submittingRun': { en: 'Submitting the run', ja: '実行を送信しています' },

  // The preflight checks (S1, S2, S4).
  'session.preflight.roleTitle': { en: 'AzureML Data Scientist role', ja: 'AzureML データ サイエンティスト ロール' },
  'session.preflight.roleNoOid': {
    en: 'Your sign-in carries no object id, so your role assignments cannot be read.',
    ja: 'サインイン情報にオブジェクト ID が含まれていないため、ロールの割り当てを読み取れません。',
  },
  'session.preflight.roleMissing': {
    en: 'None of your role assignments on this workspace is AzureML Data Scientist, Contributor or Owner (custom roles are not evaluated).',
    ja: 'このワークスペースでのロールの割り当てに、AzureML データ サイエンティスト、共同作成者、所有者のいずれもありません (カスタム ロールは評価していません)。',
  },
  'session.preflight.roleMissingFix': {
    en: 'Ask an Owner of the workspace (or anyone with Microsoft.Authorization/roleAssignments/write) to assign you "AzureML Data Scientist"; it can take a few minutes to apply.',
    ja: 'ワークスペースの所有者 (または Microsoft.Authorization/roleAssignments/write を持つユーザー) に「AzureML データ サイエンティスト」の割り当てを依頼してください。反映まで数分かかることがあります。',
  },
  'session.preflight.roleCannotTell': {
    en: 'Cannot tell: you may not read role assignments on this workspace (that needs Microsoft.Authorization/roleAssignments/read), which does not mean you lack the role.',
    ja: '判定できません: このワークスペースのロールの割り当てを読み取る権限 (Microsoft.Authorization/roleAssignments/read) がない可能性があります。ロールがないという意味ではありません。',
  },
  'session.preflight.roleCannotTellFix': {
    en: 'If starting a session fails with a permission error, ask an Owner of the workspace to assign you "AzureML Data Scientist".',
    ja: 'セッションの開始がアクセス許可のエラーで失敗する場合は、ワークスペースの所有者に「AzureML データ サイエンティスト」の割り当てを依頼してください。',
  },
  'session.preflight.datastoreTitle': { en: 'Default datastore is Azure Blob', ja: '既定のデータストアが Azure Blob であること' },
  'session.preflight.datastoreNone': {
    en: 'The workspace has no default datastore.',
    ja: 'ワークスペースに既定のデータストアがありません。',
  },
  'session.preflight.datastoreNoneFix': {
    en: 'Set workspaceblobstore (Azure Blob) as the default datastore.',
    ja: 'workspaceblobstore (Azure Blob) を既定のデータストアに設定してください。',
  },
  'session.preflight.datastoreWrongType': {
    en: 'The default datastore {name} is of type {type}; compute sessions need Azure Blob.',
    ja: '既定のデータストア {name} の種類は {type} です。コンピューティング セッションには Azure Blob が必要です。',
  },
  'session.preflight.datastoreWrongTypeFix': {
    en: 'Make an Azure Blob datastore (usually workspaceblobstore) the default.',
    ja: 'Azure Blob のデータストア (通常は workspaceblobstore) を既定にしてください。',
  },
  'session.preflight.readingDatastore': { en: 'Reading the default datastore', ja: '既定のデータストアの読み取り' },
  'session.preflight.workingDirTitle': {
    en: 'Working directory (workspaceworkingdirectory) exists',
    ja: '作業ディレクトリ (workspaceworkingdirectory) があること',
  },
  'session.preflight.workingDirMissing': {
    en: 'The datastore workspaceworkingdirectory does not exist in this workspace.',
    ja: 'このワークスペースにデータストア workspaceworkingdirectory がありません。',
  },
  'session.preflight.workingDirMissingFix': {
    en: 'Open the workspace once in Azure ML studio (Notebooks) to create it, or ask an Owner to recreate the file share datastore.',
    ja: 'Azure ML スタジオでワークスペースを一度開いて (ノートブック) 作成するか、所有者にファイル共有データストアの再作成を依頼してください。',
  },
  'session.preflight.readingWorkingDir': { en: 'Reading workspaceworkingdirectory', ja: 'workspaceworkingdirectory の読み取り' },
  'session.preflight.networkTitle': { en: 'Network isolation', ja: 'ネットワーク分離' },
  'session.preflight.networkIsolated': {
    en: 'The workspace is network-isolated (public access disabled or private endpoints).',
    ja: 'ワークスペースはネットワーク分離されています (パブリック アクセスが無効、またはプライベート エンドポイントあり)。',
  },
  'session.preflight.networkIsolatedFix': {
    en: 'Work from inside its virtual network, and make sure the session can reach the packages and images it needs (outbound rules, private feeds).',
    ja: '仮想ネットワーク内から作業し、セッションが必要なパッケージとイメージに到達できることを確認してください (送信規則、プライベート フィード)。',
  },
  'session.preflight.readingWorkspace': { en: 'Reading the workspace', ja: 'ワークスペースの読み取り' },
  'session.preflight.vmSizeNotOffered': {
    en: '{size} is not offered to Azure ML in {location}.',
    ja: '{size} は {location} の Azure ML では提供されていません。',
  },
  'session.preflight.vmSizeNotOfferedFix': {
    en: "Choose one of the VM sizes of the workspace's region (the wizard lists them with their quota).",
    ja: 'ワークスペースのリージョンの VM サイズから選んでください (ウィザードにクォータとともに一覧されます)。',
  },
  'session.preflight.vmSizeTooSmall': {
    en: '{size} is below the D series (or has a single vCPU); compute sessions need D series or larger.',
    ja: '{size} は D シリーズ未満 (または vCPU が 1 つ) です。コンピューティング セッションには D シリーズ以降が必要です。',
  },
  'session.preflight.vmSizeTooSmallFix': {
    en: 'Choose a D-series (or larger) VM size with at least 2 vCPUs, e.g. Standard_D4s_v3.',
    ja: 'D シリーズ以降で 2 vCPU 以上の VM サイズ (例: Standard_D4s_v3) を選んでください。',
  },
  'session.preflight.readingVmSizes': { en: 'Reading the VM sizes of the region', ja: 'リージョンの VM サイズの読み取り' },
  'session.preflight.quotaTitle': { en: 'vCPU quota of {family}', ja: '{family} の vCPU クォータ' },
  'session.preflight.quotaShort': {
    en: '{size} needs {vCPUs} vCPUs but {free} are free in {family}: a new compute cannot start (an existing compute of this size and identity is reused without new quota).',
    ja: '{size} には {vCPUs} vCPU が必要ですが、{family} の空きは {free} です。新しいコンピューティングは開始できません (同じサイズと ID の既存のコンピューティングは新たなクォータなしで再利用されます)。',
  },
  'session.preflight.quotaShortFix': {
    en: 'Choose a VM size in a family with free quota, or request a quota increase for this region.',
    ja: '空きクォータのあるファミリの VM サイズを選ぶか、このリージョンのクォータ増加を申請してください。',
  },
  'session.preflight.computeInstanceTitle': { en: 'Compute instance {name}', ja: 'コンピューティング インスタンス {name}' },
  'session.preflight.computeInstanceMissing': {
    en: 'The workspace has no compute instance named {name}.',
    ja: 'ワークスペースに {name} という名前のコンピューティング インスタンスはありません。',
  },
  'session.preflight.computeInstanceMissingFix': {
    en: 'Choose one of your compute instances, or serverless compute.',
    ja: '自分のコンピューティング インスタンスか、サーバーレス コンピューティングを選んでください。',
  },
  'session.preflight.computeInstanceNotYours': {
    en: '{name} is assigned to {owner}; a compute instance serves only the user it is assigned to.',
    ja: '{name} は {owner} に割り当てられています。コンピューティング インスタンスは割り当てられたユーザーだけが使えます。',
  },
  'session.preflight.computeInstanceNotYoursFix': {
    en: 'Choose a compute instance assigned to you, or serverless compute.',
    ja: '自分に割り当てられたコンピューティング インスタンスか、サーバーレス コンピューティングを選んでください。',
  },
  'session.preflight.computeInstanceStopped': {
    en: '{name} is {state}; it is started (and billed) before the session starts.',
    ja: '{name} は {state} です。セッションの前に開始されます (課金されます)。',
  },
  'session.preflight.computeInstanceStarting': {
    en: '{name} is {state}; the start waits until it runs.',
    ja: '{name} は {state} です。開始は実行中になるまで待ちます。',
  },
  'session.preflight.computeInstanceUnusable': {
    en: '{name} is {state}, so no session can start on it.',
    ja: '{name} は {state} のため、セッションを開始できません。',
  },
  'session.preflight.computeInstanceUnusableFix': {
    en: 'Repair or recreate the compute instance in Azure ML studio, or choose another compute.',
    ja: 'Azure ML スタジオでコンピューティング インスタンスを修復または再作成するか、別のコンピューティングを選んでください。',
  },
  'session.preflight.readingComputeInstance': {
    en: 'Reading compute instance {name}',
    ja: 'コンピューティング インスタンス {name} の読み取り',
  },
  'session.preflight.identityAttachedTitle': {
    en: '{identity} is attached to the workspace',
    ja: '{identity} がワークスペースにアタッチされていること',
  },
  'session.preflight.identityNotAttached': {
    en: '{identity} is not a user-assigned identity of this workspace.',
    ja: '{identity} はこのワークスペースのユーザー割り当て ID ではありません。',
  },
  'session.preflight.identityNotAttachedFix': {
    en: 'Attach the identity to the workspace first (command "Attach identity"), or choose one that is attached.',
    ja: '先に ID をワークスペースにアタッチする (コマンド「ID をアタッチ」) か、アタッチ済みの ID を選んでください。',
  },
  'session.preflight.identityRoleTitle': { en: '{identity}: {role} on {resource}', ja: '{identity}: {resource} に対する {role}' },
  'session.preflight.identityRoleMissing': {
    en: '{identity} has no {role} role on {resource}.',
    ja: '{identity} には {resource} に対する {role} ロールがありません。',
  },
  'session.preflight.identityRoleFix': {
    en: 'Ask an Owner (or a User Access Administrator) of {resource} to assign {role} to {identity}; a new assignment can take a few minutes to apply.',
    ja: '{resource} の所有者 (またはユーザー アクセス管理者) に、{identity} への {role} の割り当てを依頼してください。反映まで数分かかることがあります。',
  },
  'session.preflight.identityRoleCannotTell': {
    en: 'Cannot tell: you may not read the role assignments of {resource}, which does not mean the role is missing.',
    ja: '判定できません: {resource} のロールの割り当てを読み取る権限がない可能性があります。ロールがないという意味ではありません。',
  },
  'session.preflight.identityRoleCannotTellFix': {
    en: "Ask an Owner of {resource} to check the identity's roles there.",
    ja: '{resource} の所有者に、そこでの ID のロールの確認を依頼してください。',
  },
  'session.preflight.ownerOf': { en: 'Owner of {resource}', ja: '{resource} の所有者' },
  'session.preflight.accessPolicyTitle': {
    en: '{identity}: access policy on {resource}',
    ja: '{identity}: {resource} のアクセス ポリシー',
  },
  'session.preflight.accessPolicyMissing': {
    en: '{resource} uses access policies, and none gives {identity} all key, secret and certificate permissions but purge.',
    ja: '{resource} はアクセス ポリシーを使用していますが、{identity} に消去以外のすべてのキー、シークレット、証明書のアクセス許可を与えるポリシーがありません。',
  },
  'session.preflight.accessPolicyFix': {
    en: 'Ask an Owner of {resource} to add an access policy for {identity} with all permissions except purge.',
    ja: '{resource} の所有者に、消去以外のすべてのアクセス許可を持つ {identity} のアクセス ポリシーの追加を依頼してください。',
  },
  'session.preflight.assignTitle': {
    en: 'You may assign {identity} (Managed Identity Operator)',
    ja: '{identity} を割り当てられること (マネージド ID オペレーター)',
  },
  'session.preflight.assignMissing': {
    en: 'You hold no role on {identity} that lets you assign it (Managed Identity Operator).',
    ja: '{identity} を割り当てられるロール (マネージド ID オペレーター) がありません。',
  },
  'session.preflight.assignFix': {
    en: 'Ask an Owner of {identity} to assign you the Managed Identity Operator role on it.',
    ja: '{identity} の所有者に、その ID に対するマネージド ID オペレーター ロールの割り当てを依頼してください。',
  },
  'session.preflight.readingRolesOf': { en: 'Reading the role assignments of {resource}', ja: '{resource} のロールの割り当ての読み取り' },
  'session.preflight.readingResource': { en: 'Reading {resource}', ja: '{resource} の読み取り' },
  'session.preflight.prerequisiteFailed': {
    en: 'A prerequisite of the session is not met: {title}. {cause}',
    ja: 'セッションの前提条件を満たしていません: {title}。{cause}',
  },
  'session.preflight.attachNotAnId': {
    en: '{id} is not the resource id of a user-assigned managed identity.',
    ja: '{id} はユーザー割り当てマネージド ID のリソース ID ではありません。',
  },
  'session.preflight.attachRefused': {
    en: 'You may not attach {identity} to workspace {workspace}.',
    ja: '{identity} をワークスペース {workspace} にアタッチする権限がありません。',
  },
  'session.preflight.attachRefusedFix': {
    en: 'Ask an Owner or Contributor of the workspace to attach it; they also need the Managed Identity Operator role on the identity.',
    ja: 'ワークスペースの所有者または共同作成者にアタッチを依頼してください。その人には ID に対するマネージド ID オペレーター ロールも必要です。',
  },
  'session.preflight.attachNotApplied': {
    en: 'Workspace {workspace} accepted attaching {identity}, but it does not list the identity.',
    ja: 'ワークスペース {workspace} は {identity} のアタッチを受け付けましたが、この ID を一覧に含めていません。',
  },
  'session.preflight.attachNotAppliedFix': {
    en: 'Attach it again in a moment; if the workspace still does not list it, attach it in the Azure portal.',
    ja: 'しばらくしてからもう一度アタッチしてください。それでも一覧にない場合は、Azure portal でアタッチしてください。',
  },
  'session.preflight.resource.workspace': { en: 'workspace {name}', ja: 'ワークスペース {name}' },
  'session.preflight.resource.storageAccount': { en: 'storage account {name}', ja: 'ストレージ アカウント {name}' },
  'session.preflight.resource.keyVault': { en: 'key vault {name}', ja: 'キー コンテナー {name}' },
  'session.preflight.resource.containerRegistry': { en: 'container registry {name}', ja: 'コンテナー レジストリ {name}' },
  'session.preflight.resource.applicationInsights': { en: 'Application Insights {name}', ja: 'Application Insights {name}' },
  'session.preflight.resource.other': { en: 'resource {name}', ja: 'リソース {name}' },

  // Where a run went (S5).
  'session.runLine.seconds': { en: '{s} s', ja: '{s} 秒' },
  'session.runWaiting': { en: 'run {runId}: {status}', ja: '実行 {runId}: {status}' },
  'session.runLines.tooMany': {
    en: 'Run {runId} has more than {lines} lines, or the service keeps answering pages: stopped reading.',
    ja: '実行 {runId} の行が {lines} 行を超えているか、サービスがページを返し続けています。読み取りを停止しました。',
  },
  'session.run.computeInstance': { en: 'compute instance {name}', ja: 'コンピューティング インスタンス {name}' },
  'session.run.ownIdentity': { en: "the user's own identity", ja: 'ユーザー自身の ID' },
  'session.run.otherResources': { en: 'other resources', ja: '別の構成' },
  'session.run.otherResourcesNotice': {
    en: "run.yml asks for {wanted}, but the flow's session {flowSession}… runs on {actual}; the run goes to session {runSession}…, made for those resources.",
    ja: 'run.yml は {wanted} を指定していますが、フローのセッション {flowSession}… は {actual} で動いています。実行はこのリソース用のセッション {runSession}… で行います。',
  },
  'session.run.otherEnvironmentNotice': {
    en: "The flow's session {flowSession}… does not have the flow's current image or requirements, so the run goes to session {runSession}…, derived as the official CLI derives it.",
    ja: 'フローのセッション {flowSession}… は現在のイメージまたは要件で作られていないため、実行は公式 CLI と同じく導出されたセッション {runSession}… で行います。',
  },
  'session.run.fixRunYaml': { en: 'Fix run.yml and submit again.', ja: 'run.yml を修正して、もう一度送信してください。' },
  'session.run.missing': { en: '{path} does not exist.', ja: '{path} がありません。' },
  'session.run.dataMissing': { en: 'The data file {path} does not exist.', ja: 'データ ファイル {path} がありません。' },
  'session.run.badDataLine': {
    en: 'Line {line} of {path} is not a JSON object.',
    ja: '{path} の {line} 行目が JSON オブジェクトではありません。',
  },
  'session.run.fixData': {
    en: "Give a JSON Lines file: one JSON object per line, its keys the flow's input names.",
    ja: 'JSON Lines ファイルを指定してください。1 行に 1 つの JSON オブジェクトで、キーはフローの入力名です。',
  },
  'session.run.noFlow': { en: 'run.yml has no `flow`.', ja: 'run.yml に `flow` がありません。' },
  'session.run.notBlob': {
    en: 'The default datastore is not Azure Blob, so the flow cannot be uploaded.',
    ja: '既定のデータストアが Azure Blob ではないため、フローをアップロードできません。',
  },
  'session.run.notBlobFix': {
    en: 'Make workspaceblobstore (Azure Blob) the default datastore.',
    ja: 'workspaceblobstore (Azure Blob) を既定のデータストアにしてください。',
  },
  'session.run.includeMissing': {
    en: 'additional_includes names {include}, which does not exist.',
    ja: 'additional_includes に指定された {include} がありません。',
  },
  'session.run.identityType': {
    en: 'identity.type must be user_identity or managed, not {type}.',
    ja: 'identity.type は user_identity か managed にしてください ({type} は使えません)。',
  },
  'session.run.noPrimaryIdentity': {
    en: 'identity.type is managed but the workspace has no primary user-assigned identity.',
    ja: 'identity.type は managed ですが、ワークスペースにプライマリのユーザー割り当て ID がありません。',
  },
  'session.run.noPrimaryIdentityFix': {
    en: 'Attach a user-assigned identity to the workspace, or give its client_id.',
    ja: 'ユーザー割り当て ID をワークスペースにアタッチするか、その client_id を指定してください。',
  },
  'session.run.noIdentityWithClientId': {
    en: 'No user-assigned identity with client id {clientId} is attached to the workspace.',
    ja: 'クライアント ID {clientId} のユーザー割り当て ID はワークスペースにアタッチされていません。',
  },
  'session.run.noIdentityWithClientIdFix': {
    en: 'Attach that identity to the workspace first.',
    ja: '先にその ID をワークスペースにアタッチしてください。',
  },
} as const satisfies Record<string, Entry>;
