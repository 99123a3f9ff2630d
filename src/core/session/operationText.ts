// What the session service says about its own operations, in English and Japanese: the operation's
// name (the framing of its errors: "<name> failed: …" / "<name>に失敗しました: …") and the texts of
// the failures the service itself raises (a cancelled watch, a conflicting operation).
import { isJapanese } from '../azure/messages';
import type { OperationProgress } from './types';
import type { SettingDifference } from './sessionState';

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

/** Texts of deleting an instance or a session and of what became of them (S7, S11). */
export function instanceText(loc?: string) {
  return isJapanese(loc)
    ? {
        deletingCompute: (name: string) => `コンピューティング ${name} の削除`,
        deletingSession: (id: string) => `セッション ${id} の削除`,
        unknownInstance: (name: string) => `セッションや実行から分かるインスタンスに ${name} はありません。`,
        computeStillThere: (name: string) => `${name} の削除を要求しましたが、サービスはまだこのコンピューティングを報告しています。`,
        computeStillThereFix:
          'しばらく待ってからインスタンスの一覧を更新してください。残っている場合は Azure ML スタジオで削除してください。',
        sessionStillThere: (id: string) => `セッション ${id} の停止は受け付けられましたが、サービスはまだこのセッションを報告しています。`,
        sessionStillThereFix: 'しばらく待ってから「状態」で確認し、残っている場合はもう一度停止してください。',
      }
    : {
        deletingCompute: (name: string) => `Deleting compute ${name}`,
        deletingSession: (id: string) => `Deleting session ${id}`,
        unknownInstance: (name: string) => `No instance named ${name} is known from your sessions or runs.`,
        computeStillThere: (name: string) => `Deleting ${name} was asked for, but the service still reports the compute.`,
        computeStillThereFix: 'Refresh the instances in a moment; if it is still there, delete it in Azure ML studio.',
        sessionStillThere: (id: string) => `The service accepted stopping session ${id}, but it still reports the session.`,
        sessionStillThereFix: 'Check Status in a moment; if the session is still there, stop it again.',
      };
}

/** Texts of the session verbs themselves: reading, compute instances, requirements files. */
export function sessionText(loc?: string) {
  return isJapanese(loc)
    ? {
        reading: 'セッションの読み取り',
        chooseComputeInstance: 'セッションを開始するコンピューティング インスタンスを選んでください。',
        notComputeInstance: (name: string, type: string) => `${name} はコンピューティング インスタンスではなく ${type} です。`,
        computeStartDeclined: (name: string) =>
          `コンピューティング インスタンス ${name} は停止しているため、セッションは開始されませんでした。`,
        computeStartDeclinedFix: 'インスタンスを開始してよい場合は、もう一度開始して確認してください。',
        computeUnusable: (name: string, state: string) =>
          `コンピューティング インスタンス ${name} は ${state} のため、セッションを開始できません。`,
        computeUnusableFix: 'Azure ML スタジオでインスタンスを修復するか、別のコンピューティングを選んでください。',
        noRequirementsFile: (flow: string) =>
          `${flow} の environment.python_requirements_txt に要件ファイルが指定されていないため、セッションは何もインストールしません。`,
        unusedRequirementsFile: (file: string) => `${file} はフローが指定していないため、インストールされません。`,
        noRequirementsFileFix: 'flow.dag.yaml の environment に python_requirements_txt: requirements.txt を追加してください。',
        settingsChanged: (flow: string) => `${flow} のセッションは異なる設定で実行中でした。`,
        settingsNotApplied: (differences: string) =>
          `サービスは設定を受け付けましたが、セッションは別の設定で実行されています: ${differences}。`,
        settingsNotAppliedFix:
          '「状態」で確認してから、もう一度設定を変更してください。変わらない場合は、セッションを停止し、新しい設定で開始してください。',
        settingRuns: (field: string, runs: string, asked: string) => `${field} は ${runs} (要求: ${asked})`,
        settingFields: {
          computeType: 'コンピューティングの種類',
          computeInstance: 'コンピューティング インスタンス',
          vmSize: 'VM サイズ',
          identity: 'ID',
          idleMinutes: 'アイドル時間',
        },
        userIdentity: 'ユーザーの ID',
        minutes: (n: number) => `${n} 分`,
      }
    : {
        reading: 'Reading the session',
        chooseComputeInstance: 'Choose the compute instance to start the session on.',
        notComputeInstance: (name: string, type: string) => `${name} is a ${type}, not a compute instance.`,
        computeStartDeclined: (name: string) => `Compute instance ${name} is stopped, so the session was not started.`,
        computeStartDeclinedFix: 'Start again and agree to start the instance when asked.',
        computeUnusable: (name: string, state: string) => `Compute instance ${name} is ${state}, so no session can start on it.`,
        computeUnusableFix: 'Repair the instance in Azure ML studio, or choose another compute.',
        noRequirementsFile: (flow: string) =>
          `${flow} names no requirements file in environment.python_requirements_txt, so its session installs nothing.`,
        unusedRequirementsFile: (file: string) => `${file} is not named by the flow, so it is not installed.`,
        noRequirementsFileFix: 'Add `python_requirements_txt: requirements.txt` under `environment` in flow.dag.yaml.',
        settingsChanged: (flow: string) => `The session of ${flow} was running with other settings.`,
        settingsNotApplied: (differences: string) => `The service accepted the settings, but the session runs with others: ${differences}.`,
        settingsNotAppliedFix:
          'Check Status, then change the settings again; if the service keeps them, stop the session and start it with the new settings.',
        settingRuns: (field: string, runs: string, asked: string) => `${field} ${runs} (asked for ${asked})`,
        settingFields: {
          computeType: 'compute type',
          computeInstance: 'compute instance',
          vmSize: 'VM size',
          identity: 'identity',
          idleMinutes: 'idle time',
        },
        userIdentity: "the user's identity",
        minutes: (n: number) => `${n} min`,
      };
}

/** The settings a session runs with other than asked, for a message: "VM size Standard_D4s_v3 (asked for Standard_D8s_v3)". */
export function settingDifferencesText(differences: readonly SettingDifference[], loc?: string): string {
  const t = sessionText(loc);
  const value = (d: SettingDifference, v: string | number) =>
    d.field === 'idleMinutes' ? t.minutes(Number(v)) : d.field === 'identity' && v === '' ? t.userIdentity : String(v);
  return differences
    .map((d) => t.settingRuns(t.settingFields[d.field], value(d, d.runs), value(d, d.asked)))
    .join(isJapanese(loc) ? '、' : ', ');
}

/** The phases an operation reports while it runs (progress, status bar, the CLI's progress lines). */
export function phaseText(loc?: string) {
  return isJapanese(loc)
    ? {
        checkingPrerequisites: '前提条件を確認しています',
        checkingExisting: '既存のセッションを確認しています',
        requesting: 'セッションを要求しています',
        recreatingNew: '新しい設定でセッションを作り直しています',
        recreatingOwn: 'セッションの設定でセッションを作り直しています',
        updating: 'セッションを更新しています',
        resetting: 'セッションをリセットしています',
        installing: 'パッケージをインストールしています',
        deleting: 'セッションを削除しています',
        checkingSession: 'セッションを確認しています',
        checkingCompute: 'コンピューティングを確認しています',
        computeStopping: (name: string) => `コンピューティング インスタンス ${name} の停止を待っています`,
        computeStarting: (name: string) => `コンピューティング インスタンス ${name} を開始しています`,
        computeWaiting: (name: string, state: string) => `コンピューティング インスタンス ${name} を待っています (${state})`,
        uploadingFlow: 'フローをアップロードしています',
        uploadingData: 'データをアップロードしています',
        submittingRun: '実行を送信しています',
      }
    : {
        checkingPrerequisites: 'Checking prerequisites',
        checkingExisting: 'Checking for an existing session',
        requesting: 'Requesting the session',
        recreatingNew: 'Recreating the session with the new settings',
        recreatingOwn: 'Recreating the session with its settings',
        updating: 'Updating the session',
        resetting: 'Resetting the session',
        installing: 'Installing packages',
        deleting: 'Deleting the session',
        checkingSession: 'Checking the session',
        checkingCompute: 'Checking the compute',
        computeStopping: (name: string) => `Waiting for compute instance ${name} to stop`,
        computeStarting: (name: string) => `Starting compute instance ${name}`,
        computeWaiting: (name: string, state: string) => `Waiting for compute instance ${name} (${state})`,
        uploadingFlow: 'Uploading the flow',
        uploadingData: 'Uploading the data',
        submittingRun: 'Submitting the run',
      };
}
