// Japanese diagnostics. Rules write their messages in English next to the check (easy to read and
// grep); this table turns each message shape into Japanese at the end of the pipeline. A unit test
// runs every fixture with `locale: 'ja'` and fails when a message has no translation here.

import type { Locale } from '../i18n';

export type { Locale } from '../i18n';

type Rule = [RegExp, string | ((m: RegExpExecArray) => string)];

/** The parser's errors as yamlErrors.ts describes them. */
const jaYamlErrors: Record<string, string> = {
  'a double-quoted string is not closed': '二重引用符 (") の文字列が閉じていません',
  'a single-quoted string is not closed': "単一引用符 (') の文字列が閉じていません",
  'a [ list is not closed with ] or its lines are not indented enough': '[ のリストが ] で閉じていないか、行のインデントが足りません',
  'a { mapping is not closed with } or its lines are not indented enough':
    '{ のマッピングが } で閉じていないか、行のインデントが足りません',
  'a [ list is not closed with ]': '[ のリストが ] で閉じていません',
  'a { mapping is not closed with }': '{ のマッピングが } で閉じていません',
  'a key must be on one line': 'キーは 1 行に書く必要があります',
  'a key has no ":" after it': 'キーの後に ":" がありません',
  'a mapping cannot start on the line of another key (a: b: c)': '別のキーと同じ行でマッピングを始めることはできません (a: b: c)',
  'a list cannot be a key': 'リストはキーにできません',
  'a list cannot start on the line of its key': 'リストをキーと同じ行で始めることはできません',
  'the keys of this mapping are not at the same indentation': 'このマッピングのキーのインデントがそろっていません',
  'the items of this list are not at the same indentation': 'このリストの項目のインデントがそろっていません',
  'a list item has no "-"': 'リストの項目に "-" がありません',
  'a tab is used for indentation; indent with spaces': 'インデントにタブが使われています。スペースでインデントしてください',
  'a comment "#" must follow a space': 'コメントの "#" の前にはスペースが必要です',
  'a tag or anchor must be followed by a space': 'タグやアンカーの後にはスペースが必要です',
  'an anchor "&" has no name': 'アンカー "&" に名前がありません',
  'an alias "*" has no name': 'エイリアス "*" に名前がありません',
  'an anchor or alias name ends with ":"': 'アンカーまたはエイリアスの名前が ":" で終わっています',
  'an alias "*" cannot have a tag or an anchor': 'エイリアス "*" にはタグやアンカーを付けられません',
  'a value has more than one anchor': '1 つの値にアンカーが複数あります',
  'a value has more than one tag': '1 つの値にタグが複数あります',
  'an anchor or tag stands before "-", "?" or ":" instead of after it': 'アンカーやタグが "-"、"?"、":" の後ではなく前にあります',
  'a list must start on the line after its tag or anchor': 'リストはタグやアンカーの次の行から始める必要があります',
  'a double-quoted string holds an invalid escape sequence': '二重引用符の文字列に無効なエスケープシーケンスがあります',
  'an unquoted value starts with a reserved character; quote it': '引用符のない値が予約文字で始まっています。引用符で囲んでください',
  'a "|" or ">" is followed by more than a comment': '"|" または ">" の後にコメント以外のものがあります',
  'the lines of a "|" or ">" text are not indented correctly': '"|" または ">" のテキストの行のインデントが正しくありません',
  'a "," is out of place': '"," の位置が正しくありません',
  'a list has an empty item': 'リストに空の項目があります',
  'a "," is missing between items': '項目の間に "," がありません',
  'a ":" must be followed by a space': '":" の後にはスペースが必要です',
  'a "..." line ends a document that has not started': '"..." の行が、始まっていないドキュメントを終えています',
  'a directive must be followed by a "---" line': 'ディレクティブの後には "---" の行が必要です',
  'a directive (% line) is not valid': 'ディレクティブ (% の行) が正しくありません',
  'a key is longer than 1024 characters': 'キーが 1024 文字を超えています',
  'a block list or mapping cannot stand inside [ ] or { }': 'ブロック形式のリストやマッピングは [ ] や { } の中に書けません',
  'a tag "!" is not one YAML knows': 'タグ "!" は YAML が知らないものです',
  'a tag "!" does not fit its value': 'タグ "!" が値に合っていません',
  'the indentation is wrong': 'インデントが正しくありません',
  'a character is missing': '文字が足りません',
  'the YAML nests too deep to read': 'YAML の入れ子が深すぎて読めません',
  'an alias or anchor is not valid': 'エイリアスまたはアンカーが正しくありません',
  'a closing bracket has no opening one': '閉じかっこに対応する開きかっこがありません',
  'unexpected text': '予期しないテキストがあります',
};

/** The Japanese of a description of yamlErrors.ts (undefined when the table lacks it; a test checks it does not). */
export function jaYamlError(description: string): string | undefined {
  return jaYamlErrors[description];
}

const ja: Rule[] = [
  [
    /^YAML syntax error: (.*)\. Fix the YAML at this place\.$/s,
    (m) => `YAML の構文エラー: ${jaYamlErrors[m[1]] ?? m[1]}。この位置の YAML を修正してください。`,
  ],
  [
    /^(\d+) more YAML syntax errors follow from here; .*$/,
    'ここから先にさらに $1 件の YAML 構文エラーがあります。多くは最初のエラーが原因です。先にそれを修正してください。',
  ],
  [
    /^A second YAML document starts here; a flow or run file holds one YAML document\..*$/,
    '2 つ目の YAML ドキュメントがここから始まっています。フローや実行ファイルに書ける YAML ドキュメントは 1 つです。"---" の行とその後を削除するか、別のファイルに移してください。',
  ],
  [
    /^This line is (\d+) characters long; files with lines over (\d+) characters are not validated\..*$/,
    'この行は $1 文字あります。$2 文字を超える行があるファイルは検証しません。行を分けるか、内容を別のファイルに移してください。',
  ],
  [
    /^This file holds more than (\d+) YAML elements .*$/,
    'このファイルには YAML の要素 (行、キー、リストの項目) が $1 個を超えてあります。このようなファイルは検証しません。分割するか生成された内容を削除してください。',
  ],
  [/^Missing required key "(.+)" in (.+)\. Add it\.$/, '$2 に必須のキー "$1" がありません。追加してください。'],
  [/^(.+) is not allowed for (.+)\. Use one of: (.+)\.$/, '$2 に $1 は使えません。次のいずれかにしてください: $3。'],
  [/^Expected (.+) for (.+)\.$/, '$2 には $1 を指定してください。'],
  [
    /^"(.*)" is not allowed here \(in (.+)\)\. Remove it or check its spelling\.$/,
    '"$1" はここ ($2) では使えません。削除するか綴りを確認してください。',
  ],
  [
    /^"(.*)" is not a known key and is ignored \(in (.+)\)\. Remove it or check its spelling\.$/,
    '"$1" は不明なキーで無視されます ($2)。削除するか綴りを確認してください。',
  ],
  [
    /^A flow file is a mapping of keys .*$/,
    'フローファイルはキーのマッピング (inputs, outputs, nodes など) です。「key: value」の行で書き直してください。',
  ],
  [/^The file must be a mapping of keys .*$/, 'このファイルはキーのマッピング (「key: value」の行) である必要があります。'],
  [
    /^Key "(.+)" appears more than once in this mapping; keep one\.$/,
    'キー "$1" がこのマッピングに複数回あります。1 つだけ残してください。',
  ],
  [
    /^This file is (.+) MB; files over (.+) MB are not validated\. .*$/,
    'このファイルは $1 MB あります。$2 MB を超えるファイルは検証しません。分割するか生成された内容を削除してください。',
  ],
  [
    /^This file contains binary data .*$/,
    'このファイルにはバイナリデータ (NUL バイト) が含まれており、フロー・実行・requirements ファイルではありません。テキストとして復元してください。',
  ],
  [
    /^This file nests more than (\d+) levels deep here; .*$/,
    'このファイルはここで $1 階層を超える入れ子になっています。そのようなフロー・実行ファイルはありません。平らにしてください。',
  ],
  [/^The YAML cannot be expanded \((.*)\)\..*$/, 'YAML を展開できません ($1)。内容を増殖させるエイリアスを削除してください。'],
  [/^The file cannot be read as YAML \((.*)\)\..*$/, 'このファイルは YAML として読めません ($1)。構造を簡単にしてください。'],
  [
    /^The check "(.+)" could not finish \((.*)\); .*$/,
    'チェック "$1" を完了できませんでした ($2)。ほかのチェックは実行されました。このファイルを報告してください。',
  ],
  [
    /^Validation stopped early \((.*)\)\..*$/,
    '検証が途中で止まりました ($1)。ファイルを簡単にしてください。通常のファイルであれば報告してください。',
  ],
  [
    /^Another node is already named "(.+)"\. Rename one of them\.$/,
    'ノード名 "$1" はすでに使われています。どちらかの名前を変えてください。',
  ],
  [/^The flow has no input "(.+)"\. .*$/, 'フローに入力 "$1" がありません。inputs に宣言するか参照を修正してください。'],
  [/^No node is named "(.+)"\. .*$/, 'ノード "$1" はありません。参照を修正するかノードを追加してください。'],
  [
    /^"(.+)" is not a reference the executor understands\. (Use .*)$/,
    '"$1" は実行エンジンが解釈できる参照ではありません。${inputs.x}、${node}、${node.output}、${node.output.field} のいずれかを使ってください。',
  ],
  [
    /^Output "(.+)" has no reference\. .*$/,
    '出力 "$1" に reference がありません。reference: ${node.output} または ${inputs.x} を追加してください。',
  ],
  [
    /^Circular dependency(?: \(through (activate\.when|variant (\S+))\))?: (.+)\. Remove one of these references\.$/,
    (m) =>
      `循環依存${m[2] ? ` (バリアント ${m[2]} 経由)` : m[1] ? ' (activate.when 経由)' : ''}: ${m[3]}。これらの参照のどれかを削除してください。`,
  ],
  [
    /^"(.+)" is not an aggregation node, so it cannot use the output of aggregation node "(.+)"\. .*$/,
    '"$1" は集計ノードではないため、集計ノード "$2" の出力を使えません。集計ノードにするか参照を削除してください。',
  ],
  [
    /^The activate\.when of aggregation node "(.+)" cannot reference non-aggregation node "(.+)"\. .*$/,
    '集計ノード "$1" の activate.when は集計ノードでない "$2" を参照できません。フロー入力か集計ノードを使ってください。',
  ],
  [/^activate needs both "when" and "is"; add (.+)\.$/, 'activate には "when" と "is" の両方が必要です。$1 を追加してください。'],
  [
    /^A chat flow has one chat input; "(.+)" is already one\. Remove is_chat_input from "(.+)"\.$/,
    'チャットフローのチャット入力は 1 つだけです ("$1" がすでにそうです)。"$2" から is_chat_input を削除してください。',
  ],
  [
    /^A chat flow has one chat output; "(.+)" is already one\. Remove is_chat_output from "(.+)"\.$/,
    'チャットフローのチャット出力は 1 つだけです ("$1" がすでにそうです)。"$2" から is_chat_output を削除してください。',
  ],
  [
    /^This chat flow has a chat input but no output with is_chat_output: true.*$/,
    'このチャットフローにはチャット入力がありますが、is_chat_output: true の出力がないためチャットできません。回答の出力に印を付けてください。',
  ],
  [
    /^Node "(.+)" sets use_variants: true but node_variants has no "(.+)"\..*$/,
    'ノード "$1" は use_variants: true ですが、node_variants に "$2" がありません。バリアントを追加するか use_variants を削除してください。',
  ],
  [
    /^default_variant_id "(.+)" is not one of the variants \((.*)\)\..*$/,
    'default_variant_id "$1" はバリアント ($2) のどれでもありません。そのいずれかにしてください。',
  ],
  [
    /^Node "(.+)" does not set use_variants: true, so these variants are ignored\..*$/,
    'ノード "$1" は use_variants: true ではないため、これらのバリアントは無視されます。ノードに use_variants: true を追加してください。',
  ],
  [
    /^No node is named "(.+)"; these variants are ignored\..*$/,
    'ノード "$1" はないため、これらのバリアントは無視されます。名前を直すか削除してください。',
  ],
  [
    /^Source of (node "(?:.+)"|variant \S+) "(.+)" is neither in the flow folder nor brought in by additional_includes\..*$/,
    '$1 のソース "$2" はフローフォルダーにも additional_includes にもありません。ファイルを作るかパスを修正してください。',
  ],
  [
    /^Requirements file "(.+)" does not exist in the flow folder or its additional_includes\..*$/,
    'requirements ファイル "$1" がフローフォルダーにも additional_includes にもありません。作成するか environment.python_requirements_txt を修正してください。',
  ],
  [
    /^additional_includes entry "(.+)" does not exist \(looked for (.+)\)\..*$/,
    'additional_includes の項目 "$1" がありません ($2 を確認しました)。パスを直すか項目を削除してください。',
  ],
  [
    /^(Included path|Source file|Requirements file) "(.+)" is outside the workspace folder.*$/,
    (m) =>
      `${{ 'Included path': 'インクルードされたパス', 'Source file': 'ソースファイル', 'Requirements file': 'requirements ファイル' }[m[1]]} "${m[2]}" はワークスペースフォルダーの外にあります。ほかの人や CI では見つからない可能性があります。ワークスペース内に移してください。`,
  ],
  [
    /^This folder holds (.+); prompt flow cannot load a folder with more than one flow file\..*$/,
    'このフォルダーには $1 があります。フローファイルが複数あるフォルダーは prompt flow で読み込めません。1 つにしてください。',
  ],
  [
    /^An llm node needs "api: chat" or "api: completion"\..*$/,
    'llm ノードには "api: chat" または "api: completion" が必要です。api キーを追加してください。',
  ],
  [
    /^"(.+)" is not a Python module path .*$/,
    '"$1" は Python のモジュールパス (ドット区切りの識別子) ではありません。モジュール名を修正してください。',
  ],
  [
    /^(.+) has (\d+) problem\(s\), e\.g\. ([\s\S]+) Open the file to fix them\.$/,
    (m) => `${m[1]} に ${m[2]} 件の問題があります (例: ${translate(m[3], 'ja')})。ファイルを開いて修正してください。`,
  ],
  [
    /^entry "(.+)" is not "module:function" or "module:Class"\..*$/,
    'entry "$1" は "module:function" または "module:Class" の形ではありません。my_module:my_function のように書いてください。',
  ],
  [
    /^Module "(.+)" of the entry is not found \(looked for (.+) in (.+)\)\..*$/,
    'entry のモジュール "$1" が見つかりません ($3 で $2 を確認しました)。作成するか entry を修正してください。',
  ],
  [/^code folder "(.+)" does not exist\..*$/, 'code フォルダー "$1" がありません。パスを修正してください。'],
  [
    /^Do not pin (.+): the session's base image provides it.*Remove "(.+)"\.$/,
    '$1 のバージョンを固定しないでください。セッションのベースイメージに含まれており、固定するとイメージと競合することがあります。"$2" を削除してください。',
  ],
  [
    /^Local wheel files and paths are not supported by compute sessions\..*$/,
    'ローカルの wheel ファイルやパスはコンピューティングセッションでは使えません。パッケージをフィードに公開するか、それを含むカスタムイメージを作って environment.image に設定してください。',
  ],
  [
    /^Editable local paths are not supported by compute sessions\..*$/,
    '編集可能 (-e) なローカルパスはコンピューティングセッションでは使えません。パッケージを公開するか、カスタムイメージを作ってください。',
  ],
  [
    /^This private feed is read with a user-assigned managed identity.*$/,
    'このプライベートフィードはユーザー割り当てマネージド ID で読み取ります。ワークスペース (サーバーレス) またはコンピューティングインスタンスに ID を設定し、セッションの設定でその ID を選んでください。',
  ],
  [
    /^"(.+)" (is not a valid URL|must start with https:\/\/|has no host name)\. Use (\S+) (.+)\.$/,
    (m) =>
      `"${m[1]}" は${{ 'is not a valid URL': '有効な URL ではありません', 'must start with https://': ' https:// で始める必要があります', 'has no host name': 'ホスト名がありません' }[m[2]]}。${m[3]} ${m[4]} の形にしてください。`,
  ],
  [
    /^Included file "(.+)" does not exist next to this file \(looked for (.+)\)\..*$/,
    'インクルードされたファイル "$1" がこのファイルの隣にありません ($2 を確認しました)。パスを修正してください。',
  ],
  [
    /^pip cannot read this line: (.+)\. Write .*$/,
    'pip はこの行を読めません: $1。"package"、"package==version" または pip のオプションを書いてください。',
  ],
  [/^"(.+)" is not a valid remote flow\..*$/, '"$1" は有効なリモートフローではありません。azureml:<flow-name> を使ってください。'],
  [
    /^Flow "(.+)" is not found relative to this run file \(looked for (.+)\).*$/,
    'フロー "$1" がこの実行ファイルからの相対パスで見つからず ($2 を確認しました)、azureml:<flow-name> でもありません。パスを修正してください。',
  ],
  [
    /^Data "(.+)" is not found relative to this run file \(looked for (.+)\)\..*$/,
    'データ "$1" がこの実行ファイルからの相対パスで見つかりません ($2 を確認しました)。パスを直すか azureml://... / https://... を使ってください。',
  ],
  [
    /^(\S+) file "(.+)" is not found relative to this run file\..*$/,
    '$1 のファイル "$2" がこの実行ファイルからの相対パスで見つかりません。パスを直すか値を直接書いてください。',
  ],
  [
    /^client_id is only used with identity type: managed\..*$/,
    'client_id は identity の type: managed でのみ使えます。type: managed にするか client_id を削除してください。',
  ],
  [
    /^"(.+)" is not a column mapping the service understands\..*$/,
    '"$1" はサービスが解釈できる列マッピングではありません。${data.column}、${run.outputs.name}、${run.inputs.name} のいずれかを使ってください。',
  ],
  [
    /^"(.+)" reads a base run, but this file sets no "run"\..*$/,
    '"$1" は基となる実行を読みますが、このファイルに "run" がありません。run: <基の実行名> を追加するか ${data.column} から対応付けてください。',
  ],
  [/^variant "(.+)" must look like .*$/, 'variant "$1" は ${node_name.variant_id} の形にしてください。'],
  [
    /^The flow has no node "(.+)" with variants\. Use one of: (.*)\.$/,
    'フローにバリアントを持つノード "$1" はありません。次のいずれかを使ってください: $2。',
  ],
  [
    /^Node "(.+)" has no variant "(.+)"\. Use one of: (.*)\.$/,
    'ノード "$1" にバリアント "$2" はありません。次のいずれかを使ってください: $3。',
  ],
  [/^first node with this name$/, 'この名前の最初のノード'],
  [
    /^The private feed placeholder is malformed; write it exactly as \{private\}, as in (\S+) (.+)\.$/,
    'プライベートフィードのプレースホルダーの形が正しくありません。$1 $2 のように {private} と正確に書いてください。',
  ],
  [
    /^This index URL holds credentials, and a requirements file is shared with the flow.*$/,
    'このインデックス URL には資格情報が書かれています。requirements ファイルはフローと共有されるため、読んだ人がそれを使えます。Azure DevOps のフィードなら https://{private}@<feed-host>/... と書いてユーザー割り当てマネージド ID で読み取り、この資格情報は失効させてください。',
  ],
  [
    /^requirements\.txt sits beside this flow, but environment\.python_requirements_txt does not name it.*$/,
    'このフローの隣に requirements.txt がありますが、environment.python_requirements_txt で指定されていないため、セッションは何もインストールしません。environment.python_requirements_txt: requirements.txt を追加してください。',
  ],
  [
    /^(\S+) beside this file does not name it in environment\.python_requirements_txt.*$/,
    '隣の $1 が environment.python_requirements_txt でこのファイルを指定していないため、セッションはこのファイルから何もインストールしません。$1 に environment.python_requirements_txt: requirements.txt を追加してください。',
  ],
  [
    /^(\S+) beside this file names "(.+)" in environment\.python_requirements_txt.*$/,
    '隣の $1 は environment.python_requirements_txt で "$2" を指定しているため、セッションはこのファイルから何もインストールしません。そこでこのファイルを指定するか、要件を移してください。',
  ],
  [
    /^"(.+)" is not a provider of the llm tool\. Use (.+), or leave it out to follow the connection\.$/,
    '"$1" は llm ツールの provider ではありません。$2 のいずれかにするか、省略して接続に合わせてください。',
  ],
  [
    /^Workspace "(.+?)" has no connection "(.+?)"\. (?:Did you mean (.+)\? )?Pick one of its connections, or create this one in the workspace\.$/,
    (m) =>
      `ワークスペース "${m[1]}" に接続 "${m[2]}" はありません。` +
      (m[3] ? `${m[3].replace(/", "/g, '"、"')} のことですか? ` : '') +
      'ワークスペースの接続から選ぶか、この接続をワークスペースに作成してください。',
  ],
  [
    /^Connection "(.+?)" is of type (\S+); (.+) takes (.+?)\.( Use one of: (.+)\.| The workspace has no connection of that type; create one\.)$/,
    (m) =>
      `接続 "${m[1]}" の種類は ${m[2]} です。${jaWhere(m[3])}には ${m[4].replace(/ or /g, ' または ')} が必要です。` +
      (m[6] ? `次のいずれかを使ってください: ${m[6]}。` : 'ワークスペースにその種類の接続がありません。作成してください。'),
  ],
  [
    /^The Azure OpenAI resource of connection "(.+?)" has no deployment "(.+?)"\. (?:Its deployments: (.+)\.|It has no deployments; deploy a model first\.)$/,
    (m) =>
      `接続 "${m[1]}" の Azure OpenAI リソースにデプロイ "${m[2]}" はありません。` +
      (m[3] ? `デプロイ: ${m[3]}。` : 'デプロイがありません。先にモデルをデプロイしてください。'),
  ],
  [
    /^Tool "(.+?)" has no input "(.+?)"; the run ignores it or fails\. (?:Did you mean "(.+)"\?|Its inputs: (.*)\.)$/,
    (m) =>
      `ツール "${m[1]}" に入力 "${m[2]}" はありません。実行では無視されるか失敗します。` +
      (m[3] ? `"${m[3]}" のことですか?` : `入力: ${m[4]}。`),
  ],
  [
    /^Tool "(.+?)" needs inputs? (.+); add (?:it|them) under inputs of (.+)\.$/,
    (m) => `ツール "${m[1]}" には入力 ${m[2]} が必要です。${jaWhere(m[3])}の inputs に追加してください。`,
  ],
  [
    /^"(.*)" is not a value input "(.+?)" of tool "(.+?)" takes\. Use one of: (.*)\.$/,
    'ツール "$3" の入力 "$2" に "$1" は使えません。次のいずれかにしてください: $4。',
  ],
  [
    /^The workspace has no package tool "(.+?)"\. (?:Did you mean (.+)\?|Check the tool id\.)$/,
    (m) =>
      `ワークスペースにパッケージ ツール "${m[1]}" はありません。` + (m[2] ? `${m[2]} のことですか?` : 'ツール ID を確認してください。'),
  ],
  [
    /^Package tool "(.+?)" is not among the workspace's package tools\..*$/,
    'パッケージ ツール "$1" はワークスペースのパッケージ ツールにありません。フローの requirements のパッケージが提供するのでなければ実行は失敗します。ID を確認してください。',
  ],
  [
    /^resources sets both instance_type \(serverless compute\) and compute \(a compute instance\); .*$/,
    'resources に instance_type (サーバーレス コンピューティング) と compute (コンピューティング インスタンス) の両方があります。実行が使うのは一方だけです。どちらかを残してください。',
  ],
  [/^Change to "(.+)"$/, '"$1" に変更'],
  [/^Unpin (.+)$/, '$1 のバージョン固定を外す'],
  [/^Replace the credentials with \{private\}$/, '資格情報を {private} に置き換える'],
  [/^Add environment\.python_requirements_txt: requirements\.txt$/, 'environment.python_requirements_txt: requirements.txt を追加'],
  [/^(.+) (must .+|is invalid)\. Fix this value\.$/, '$1 の値が正しくありません ($2)。この値を修正してください。'],
];

/** The Japanese of where a workspace check found something (`node "x"`, `an llm node`, …). */
function jaWhere(where: string): string {
  const m =
    /^node "(.+)"$/.exec(where) ??
    /^variant (.+)$/.exec(where) ??
    /^an llm node with provider (.+)$/.exec(where) ??
    /^input "(.+?)" of tool "(.+)"$/.exec(where);
  if (!m) return where === 'an llm node' ? 'llm ノード' : where;
  if (where.startsWith('node ')) return `ノード "${m[1]}" `;
  if (where.startsWith('variant ')) return `バリアント ${m[1]} `;
  if (where.startsWith('an llm')) return `provider が ${m[1]} の llm ノード`;
  return `ツール "${m[2]}" の入力 "${m[1]}" `;
}

/** The message in the requested language; English when no translation matches. */
export function translate(message: string, locale: Locale): string {
  if (locale !== 'ja') return message;
  for (const [re, to] of ja) {
    const m = re.exec(message);
    if (!m) continue;
    const out = typeof to === 'string' ? message.replace(re, to) : to(m);
    return out.replace(/\bthe top level\b/g, '最上位');
  }
  return message;
}
