// What the product says when a file a flow or run names cannot be used as it is: it leaves the flow,
// it is not a regular file, it is too large, or it is not text; the snapshot a run uploads, and how
// the CLI reaches the service (the emulator's endpoint, signing in).
import type { Entry } from '../catalogue';

export const accessMessages = {
  // Paths a flow names (validation, the editor and the CLI alike)
  'access.absolutePath': {
    en: '{what} "{path}" is an absolute path; a flow reaches only its own folder and what additional_includes bring in, so it is not read, sent or uploaded. Name it relative to the flow folder.',
    ja: '{what} "{path}" は絶対パスです。フローが参照できるのは自分のフォルダーと additional_includes で取り込むものだけなので、このファイルは読み取りも送信もアップロードもされません。フロー フォルダーからの相対パスで指定してください。',
  },
  'access.outsideFlow': {
    en: '{what} "{path}" leads outside the flow folder (to {real}); a flow reaches only its own folder and what additional_includes bring in, so it is not read, sent or uploaded. Move the file into the flow folder or bring it in with additional_includes.',
    ja: '{what} "{path}" はフロー フォルダーの外 ({real}) を指しています。フローが参照できるのは自分のフォルダーと additional_includes で取り込むものだけなので、このファイルは読み取りも送信もアップロードもされません。ファイルをフロー フォルダーに移すか、additional_includes で取り込んでください。',
  },
  'access.includeAbsolute': {
    en: 'additional_includes entry "{path}" is an absolute path; it is not uploaded. Name it relative to the flow folder (for example ../shared/{name}).',
    ja: 'additional_includes の項目 "{path}" は絶対パスのため、アップロードされません。フロー フォルダーからの相対パスで指定してください (例: ../shared/{name})。',
  },
  'access.includeLink': {
    en: 'additional_includes entry "{path}" is a symbolic link that leads outside the flow folder (to {real}); it is not uploaded. Name the target with a relative path instead (for example ../{name}).',
    ja: 'additional_includes の項目 "{path}" はフロー フォルダーの外 ({real}) を指すシンボリック リンクのため、アップロードされません。代わりに対象を相対パスで指定してください (例: ../{name})。',
  },
  'access.what.requirements': { en: 'The requirements file', ja: '要件ファイル' },
  'access.what.source': { en: 'The source file', ja: 'ソース ファイル' },
  // Files that are not regular files, too large, or not text
  'access.notFile': {
    en: '{path} is {type}, not a file; it is never opened. Name a regular file.',
    ja: '{path} は{type}で、ファイルではないため開きません。通常のファイルを指定してください。',
  },
  'access.folderNotFile': {
    en: '{path} is a folder; a file is expected here ({expected}).',
    ja: '{path} はフォルダーです。ここにはファイル ({expected}) が必要です。',
  },
  'access.type.directory': { en: 'a folder', ja: 'フォルダー' },
  'access.type.fifo': { en: 'a named pipe (FIFO)', ja: '名前付きパイプ (FIFO)' },
  'access.type.socket': { en: 'a socket', ja: 'ソケット' },
  'access.type.device': { en: 'a device', ja: 'デバイス' },
  'access.type.other': { en: 'a special file', ja: '特殊なファイル' },
  'access.tooLarge': {
    en: '{path} is {size}; files over {limit} are not read. Name a smaller file or remove generated content.',
    ja: '{path} は {size} あります。{limit} を超えるファイルは読み取りません。小さいファイルを指定するか、生成された内容を取り除いてください。',
  },
  'access.unreadable': {
    en: '{path} cannot be read ({code}). Check that it exists and that you may read it.',
    ja: '{path} を読み取れません ({code})。存在することと、読み取り権限があることを確認してください。',
  },
  'access.missing': { en: '{path} does not exist.', ja: '{path} は存在しません。' },
  'access.fix': {
    en: 'Fix the paths the flow and run files name, then try again.',
    ja: 'フロー ファイルと実行ファイルが指定するパスを修正してから、もう一度実行してください。',
  },
  // What `validate` could not check: an error, never a pass
  'access.notValidatedEmpty': {
    en: 'This file is empty; there is nothing to validate, so it cannot pass. Write the {kind} or remove the file.',
    ja: 'このファイルは空のため検査するものがなく、合格にはできません。{kind}を書くか、ファイルを削除してください。',
  },
  'access.notUtf8Text': {
    en: 'This file holds U+FFFD replacement characters: it was not valid UTF-8 when it was read, so it cannot be validated as it is. Save it as UTF-8.',
    ja: 'このファイルには置換文字 U+FFFD が含まれています。読み込んだ時点で有効な UTF-8 ではなかったため、このままでは検査できません。UTF-8 で保存してください。',
  },
  'access.kind.dagFlow': { en: 'flow', ja: 'フロー' },
  'access.kind.flexFlow': { en: 'flow', ja: 'フロー' },
  'access.kind.run': { en: 'run', ja: '実行の定義' },
  // The snapshot a run uploads
  'access.snapshotSummary': {
    en: 'Uploading {files} file(s), {size}, from {folder}.',
    ja: '{folder} から {files} 個のファイル ({size}) をアップロードします。',
  },
  'access.snapshotTooManyFiles': {
    en: 'The snapshot of {folder} has {files} files; Azure ML takes at most {limit} in a snapshot. Move data out of the flow folder (read it from a datastore) and leave out what the run does not need.',
    ja: '{folder} のスナップショットには {files} 個のファイルがあります。Azure ML のスナップショットは最大 {limit} 個です。データはフロー フォルダーの外 (データストア) に移し、実行に不要なものを除いてください。',
  },
  'access.snapshotTooLarge': {
    en: 'The snapshot of {folder} is {size}; Azure ML takes at most {limit} in a snapshot. Move data out of the flow folder (read it from a datastore) and leave out what the run does not need.',
    ja: '{folder} のスナップショットは {size} あります。Azure ML のスナップショットは最大 {limit} です。データはフロー フォルダーの外 (データストア) に移し、実行に不要なものを除いてください。',
  },
  'access.snapshotLinkOut': {
    en: '{path} is a symbolic link that leads outside {folder} (to {real}); it is not uploaded. Replace the link with the file, or bring the target in with additional_includes.',
    ja: '{path} は {folder} の外 ({real}) を指すシンボリック リンクのため、アップロードしません。リンクを実際のファイルに置き換えるか、対象を additional_includes で取り込んでください。',
  },
  'access.snapshotSpecial': {
    en: '{path} is {type}; it is never uploaded. Move it out of {folder}.',
    ja: '{path} は{type}のため、アップロードしません。{folder} の外に移してください。',
  },
  // How the CLI reaches the service
  'access.emulatorUnreachable': {
    en: 'The emulator at {endpoint} (AZUREML_EMULATOR_ENDPOINT) does not answer. Start it (pfsession emulator) or set AZUREML_EMULATOR_ENDPOINT to the endpoint its ready line names; unset the variable to use Azure.',
    ja: 'AZUREML_EMULATOR_ENDPOINT のエミュレーター ({endpoint}) が応答しません。エミュレーターを起動する (pfsession emulator) か、その起動時の行に表示されるエンドポイントを AZUREML_EMULATOR_ENDPOINT に設定してください。Azure を使う場合はこの変数を削除してください。',
  },
  'access.noCredential': {
    en: 'No Azure sign-in was found. Sign in with the Azure CLI (az login), or follow the device code prompt this command shows; for the local emulator set AZUREML_EMULATOR_ENDPOINT and AZUREML_EMULATOR_CA.',
    ja: 'Azure へのサインインが見つかりません。Azure CLI でサインインする (az login) か、このコマンドが表示するデバイス コードの案内に従ってください。ローカル エミュレーターを使う場合は AZUREML_EMULATOR_ENDPOINT と AZUREML_EMULATOR_CA を設定してください。',
  },
  'access.throttledGaveUp': {
    en: 'Azure kept throttling the requests (HTTP 429) after every retry, so this command stopped. Wait a few minutes, then run it again.',
    ja: 'Azure が再試行のたびに要求を制限した (HTTP 429) ため、このコマンドは終了しました。数分待ってから、もう一度実行してください。',
  },
  'access.vmSizeCli': {
    en: "Choose a VM size offered in the workspace's region; `pfsession preflight <flow folder> --vm-size SIZE` checks one before you start.",
    ja: 'ワークスペースのリージョンで提供されている VM サイズを選んでください。`pfsession preflight <フロー フォルダー> --vm-size SIZE` で開始前に確認できます。',
  },
  'access.inputTooBig': {
    en: '{path} is too large or nests too deep for the service to take (aliases that multiply its content, or hundreds of nesting levels). Simplify the file: remove aliases that multiply content and flatten deep nesting.',
    ja: '{path} は大きすぎるか入れ子が深すぎるため、サービスが受け付けられません (内容を増殖させるエイリアス、または数百段の入れ子)。エイリアスによる内容の増殖を取り除き、深い入れ子を平らにしてください。',
  },
} as const satisfies Record<string, Entry>;
