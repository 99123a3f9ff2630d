// What the validator says: diagnostics, related locations and quick-fix titles of every rule, and the
// words they are built from (where in a file, what kind of value). Rules return these ids with their
// arguments; the pipeline renders them once, at the end, in the locale of the request.
import type { Entry } from '../catalogue';

/** The parser's errors, in our words (yamlErrors.ts maps each parser message to one of these). */
const yamlErrors = {
  'validation.yaml.doubleQuoteOpen': { en: 'a double-quoted string is not closed', ja: '二重引用符 (") の文字列が閉じていません' },
  'validation.yaml.singleQuoteOpen': { en: 'a single-quoted string is not closed', ja: "単一引用符 (') の文字列が閉じていません" },
  'validation.yaml.flowSeqIndent': {
    en: 'a [ list is not closed with ] or its lines are not indented enough',
    ja: '[ のリストが ] で閉じていないか、行のインデントが足りません',
  },
  'validation.yaml.flowMapIndent': {
    en: 'a { mapping is not closed with } or its lines are not indented enough',
    ja: '{ のマッピングが } で閉じていないか、行のインデントが足りません',
  },
  'validation.yaml.flowSeqEnd': { en: 'a [ list is not closed with ]', ja: '[ のリストが ] で閉じていません' },
  'validation.yaml.flowMapEnd': { en: 'a { mapping is not closed with }', ja: '{ のマッピングが } で閉じていません' },
  'validation.yaml.keyOneLine': { en: 'a key must be on one line', ja: 'キーは 1 行に書く必要があります' },
  'validation.yaml.keyNoColon': { en: 'a key has no ":" after it', ja: 'キーの後に ":" がありません' },
  'validation.yaml.compactMapping': {
    en: 'a mapping cannot start on the line of another key (a: b: c)',
    ja: '別のキーと同じ行でマッピングを始めることはできません (a: b: c)',
  },
  'validation.yaml.listAsKey': { en: 'a list cannot be a key', ja: 'リストはキーにできません' },
  'validation.yaml.listOnKeyLine': { en: 'a list cannot start on the line of its key', ja: 'リストをキーと同じ行で始めることはできません' },
  'validation.yaml.mapIndent': {
    en: 'the keys of this mapping are not at the same indentation',
    ja: 'このマッピングのキーのインデントがそろっていません',
  },
  'validation.yaml.seqIndent': {
    en: 'the items of this list are not at the same indentation',
    ja: 'このリストの項目のインデントがそろっていません',
  },
  'validation.yaml.noDash': { en: 'a list item has no "-"', ja: 'リストの項目に "-" がありません' },
  'validation.yaml.tab': {
    en: 'a tab is used for indentation; indent with spaces',
    ja: 'インデントにタブが使われています。スペースでインデントしてください',
  },
  'validation.yaml.commentSpace': { en: 'a comment "#" must follow a space', ja: 'コメントの "#" の前にはスペースが必要です' },
  'validation.yaml.tagSpace': { en: 'a tag or anchor must be followed by a space', ja: 'タグやアンカーの後にはスペースが必要です' },
  'validation.yaml.emptyAnchor': { en: 'an anchor "&" has no name', ja: 'アンカー "&" に名前がありません' },
  'validation.yaml.emptyAlias': { en: 'an alias "*" has no name', ja: 'エイリアス "*" に名前がありません' },
  'validation.yaml.anchorColon': {
    en: 'an anchor or alias name ends with ":"',
    ja: 'アンカーまたはエイリアスの名前が ":" で終わっています',
  },
  'validation.yaml.aliasProps': {
    en: 'an alias "*" cannot have a tag or an anchor',
    ja: 'エイリアス "*" にはタグやアンカーを付けられません',
  },
  'validation.yaml.twoAnchors': { en: 'a value has more than one anchor', ja: '1 つの値にアンカーが複数あります' },
  'validation.yaml.twoTags': { en: 'a value has more than one tag', ja: '1 つの値にタグが複数あります' },
  'validation.yaml.propsBefore': {
    en: 'an anchor or tag stands before "-", "?" or ":" instead of after it',
    ja: 'アンカーやタグが "-"、"?"、":" の後ではなく前にあります',
  },
  'validation.yaml.seqAfterProps': {
    en: 'a list must start on the line after its tag or anchor',
    ja: 'リストはタグやアンカーの次の行から始める必要があります',
  },
  'validation.yaml.badEscape': {
    en: 'a double-quoted string holds an invalid escape sequence',
    ja: '二重引用符の文字列に無効なエスケープシーケンスがあります',
  },
  'validation.yaml.reservedStart': {
    en: 'an unquoted value starts with a reserved character; quote it',
    ja: '引用符のない値が予約文字で始まっています。引用符で囲んでください',
  },
  'validation.yaml.blockHeader': {
    en: 'a "|" or ">" is followed by more than a comment',
    ja: '"|" または ">" の後にコメント以外のものがあります',
  },
  'validation.yaml.blockIndent': {
    en: 'the lines of a "|" or ">" text are not indented correctly',
    ja: '"|" または ">" のテキストの行のインデントが正しくありません',
  },
  'validation.yaml.strayComma': { en: 'a "," is out of place', ja: '"," の位置が正しくありません' },
  'validation.yaml.emptyItem': { en: 'a list has an empty item', ja: 'リストに空の項目があります' },
  'validation.yaml.missingComma': { en: 'a "," is missing between items', ja: '項目の間に "," がありません' },
  'validation.yaml.colonSpace': { en: 'a ":" must be followed by a space', ja: '":" の後にはスペースが必要です' },
  'validation.yaml.strayClose': { en: 'a closing bracket has no opening one', ja: '閉じかっこに対応する開きかっこがありません' },
  'validation.yaml.strayDocEnd': {
    en: 'a "..." line ends a document that has not started',
    ja: '"..." の行が、始まっていないドキュメントを終えています',
  },
  'validation.yaml.directiveEnd': { en: 'a directive must be followed by a "---" line', ja: 'ディレクティブの後には "---" の行が必要です' },
  'validation.yaml.badDirective': { en: 'a directive (% line) is not valid', ja: 'ディレクティブ (% の行) が正しくありません' },
  'validation.yaml.longKey': { en: 'a key is longer than 1024 characters', ja: 'キーが 1024 文字を超えています' },
  'validation.yaml.blockInFlow': {
    en: 'a block list or mapping cannot stand inside [ ] or { }',
    ja: 'ブロック形式のリストやマッピングは [ ] や { } の中に書けません',
  },
  'validation.yaml.unknownTag': { en: 'a tag "!" is not one YAML knows', ja: 'タグ "!" は YAML が知らないものです' },
  'validation.yaml.tagMismatch': { en: 'a tag "!" does not fit its value', ja: 'タグ "!" が値に合っていません' },
  'validation.yaml.badIndent': { en: 'the indentation is wrong', ja: 'インデントが正しくありません' },
  'validation.yaml.missingChar': { en: 'a character is missing', ja: '文字が足りません' },
  'validation.yaml.tooDeep': { en: 'the YAML nests too deep to read', ja: 'YAML の入れ子が深すぎて読めません' },
  'validation.yaml.badAlias': { en: 'an alias or anchor is not valid', ja: 'エイリアスまたはアンカーが正しくありません' },
  'validation.yaml.unexpected': { en: 'unexpected text', ja: '予期しないテキストがあります' },
} as const satisfies Record<string, Entry>;

/** Parts other messages are built from. */
const words = {
  'validation.list.more': { en: '{first}, {rest}', ja: '{first}、{rest}' },
  'validation.list.or': { en: '{first} or {rest}', ja: '{first} または {rest}' },
  'validation.list.none': { en: '(none)', ja: '(なし)' },
  'validation.where.topLevel': { en: 'the top level', ja: '最上位' },
  'validation.where.node': { en: 'node "{name}"', ja: 'ノード "{name}"' },
  'validation.where.variant': { en: 'variant {id}', ja: 'バリアント {id}' },
  'validation.where.llmNode': { en: 'an llm node', ja: 'llm ノード' },
  'validation.where.llmNodeOf': { en: 'an llm node with provider {provider}', ja: 'provider が {provider} の llm ノード' },
  'validation.where.toolInput': { en: 'input "{input}" of tool "{tool}"', ja: 'ツール "{tool}" の入力 "{input}"' },
  'validation.what.includedPath': { en: 'Included path', ja: 'インクルードされたパス' },
  'validation.what.sourceFile': { en: 'Source file', ja: 'ソースファイル' },
  'validation.what.requirementsFile': { en: 'Requirements file', ja: 'requirements ファイル' },
  'validation.what.nodeSource': { en: 'Source of node "{name}"', ja: 'ノード "{name}" のソース' },
  'validation.what.variantSource': { en: 'Source of variant {id}', ja: 'バリアント {id} のソース' },
  'validation.value.null': { en: 'null', ja: 'null' },
  'validation.value.list': { en: 'a list', ja: 'リスト' },
  'validation.value.mapping': { en: 'a mapping', ja: 'マッピング' },
  'validation.type.string': { en: 'a string', ja: '文字列' },
  'validation.type.boolean': { en: 'true or false', ja: 'true または false' },
  'validation.type.number': { en: 'a number', ja: '数値' },
  'validation.type.integer': { en: 'an integer', ja: '整数' },
  'validation.type.empty': { en: 'empty', ja: '空' },
  'validation.url.invalid': { en: '"{url}" is not a valid URL', ja: '"{url}" は有効な URL ではありません' },
  'validation.url.scheme': { en: '"{url}" must start with https://', ja: '"{url}" は https:// で始める必要があります' },
  'validation.url.noHost': { en: '"{url}" has no host name', ja: '"{url}" にはホスト名がありません' },
} as const satisfies Record<string, Entry>;

/** Parse, schema and the guards on the raw text (PF0). */
const file = {
  'validation.syntax': {
    en: 'YAML syntax error: {problem}. Fix the YAML at this place.',
    ja: 'YAML の構文エラー: {problem}。この位置の YAML を修正してください。',
  },
  'validation.syntaxMore': {
    en: '{count} more YAML syntax errors follow from here; the first ones usually cause the rest. Fix those first.',
    ja: 'ここから先にさらに {count} 件の YAML 構文エラーがあります。多くは最初のエラーが原因です。先にそれを修正してください。',
  },
  'validation.secondDocument': {
    en: 'A second YAML document starts here; a flow or run file holds one YAML document. Remove the "---" line and what follows, or move it to a file of its own.',
    ja: '2 つ目の YAML ドキュメントがここから始まっています。フローや実行ファイルに書ける YAML ドキュメントは 1 つです。"---" の行とその後を削除するか、別のファイルに移してください。',
  },
  'validation.unreadable': {
    en: 'The file cannot be read as YAML ({error}). Simplify its structure.',
    ja: 'このファイルは YAML として読めません ({error})。構造を簡単にしてください。',
  },
  'validation.notExpandable': {
    en: 'The YAML cannot be expanded ({error}). Remove the aliases that multiply the content.',
    ja: 'YAML を展開できません ({error})。内容を増殖させるエイリアスを削除してください。',
  },
  'validation.notMapping': {
    en: 'The file must be a mapping of keys (key: value lines).',
    ja: 'このファイルはキーのマッピング (「key: value」の行) である必要があります。',
  },
  'validation.flowNotMapping': {
    en: 'A flow file is a mapping of keys (inputs, outputs, nodes, ...). Rewrite it as key: value lines.',
    ja: 'フローファイルはキーのマッピング (inputs, outputs, nodes など) です。「key: value」の行で書き直してください。',
  },
  'validation.duplicateKey': {
    en: 'Key "{key}" appears more than once in this mapping; keep one.',
    ja: 'キー "{key}" がこのマッピングに複数回あります。1 つだけ残してください。',
  },
  'validation.ruleFailed': {
    en: 'The check "{rule}" could not finish ({error}); other checks ran. Please report this file.',
    ja: 'チェック "{rule}" を完了できませんでした ({error})。ほかのチェックは実行されました。このファイルを報告してください。',
  },
  'validation.stopped': {
    en: 'Validation stopped early ({error}). Simplify the file; please report it if it is a normal file.',
    ja: '検証が途中で止まりました ({error})。ファイルを簡単にしてください。通常のファイルであれば報告してください。',
  },
  'validation.tooLarge': {
    en: 'This file is {size} MB; files over {limit} MB are not validated. Split it or remove generated content.',
    ja: 'このファイルは {size} MB あります。{limit} MB を超えるファイルは検証しません。分割するか生成された内容を削除してください。',
  },
  'validation.binary': {
    en: 'This file contains binary data (NUL bytes) and cannot be a flow, run or requirements file. Restore it as text.',
    ja: 'このファイルにはバイナリデータ (NUL バイト) が含まれており、フロー・実行・requirements ファイルではありません。テキストとして復元してください。',
  },
  'validation.tooDeep': {
    en: 'This file nests more than {limit} levels deep here; no flow or run file does. Flatten it.',
    ja: 'このファイルはここで {limit} 階層を超える入れ子になっています。そのようなフロー・実行ファイルはありません。平らにしてください。',
  },
  'validation.longLine': {
    en: 'This line is {length} characters long; files with lines over {limit} characters are not validated. Break the line or move the content to a file of its own.',
    ja: 'この行は {length} 文字あります。{limit} 文字を超える行があるファイルは検証しません。行を分けるか、内容を別のファイルに移してください。',
  },
  'validation.tooManyElements': {
    en: 'This file holds more than {limit} YAML elements (lines, keys, list items); such files are not validated. Split it or remove generated content.',
    ja: 'このファイルには YAML の要素 (行、キー、リストの項目) が {limit} 個を超えてあります。このようなファイルは検証しません。分割するか生成された内容を削除してください。',
  },
  'validation.schema.notAllowed': {
    en: '"{key}" is not allowed here (in {where}). Remove it or check its spelling.',
    ja: '"{key}" はここ ({where}) では使えません。削除するか綴りを確認してください。',
  },
  'validation.schema.ignored': {
    en: '"{key}" is not a known key and is ignored (in {where}). Remove it or check its spelling.',
    ja: '"{key}" は不明なキーで無視されます ({where})。削除するか綴りを確認してください。',
  },
  'validation.schema.required': {
    en: 'Missing required key "{key}" in {where}. Add it.',
    ja: '{where} に必須のキー "{key}" がありません。追加してください。',
  },
  'validation.schema.enum': {
    en: '{value} is not allowed for {where}. Use one of: {allowed}.',
    ja: '{where} に {value} は使えません。次のいずれかにしてください: {allowed}。',
  },
  'validation.schema.type': { en: 'Expected {type} for {where}.', ja: '{where} には {type} を指定してください。' },
  'validation.schema.other': {
    en: '{where} {problem}. Fix this value.',
    ja: '{where} の値が正しくありません ({problem})。この値を修正してください。',
  },
} as const satisfies Record<string, Entry>;

/** Flow rules (PF1). */
const flows = {
  'validation.nodeNameTaken': {
    en: 'Another node is already named "{name}". Rename one of them.',
    ja: 'ノード名 "{name}" はすでに使われています。どちらかの名前を変えてください。',
  },
  'validation.firstNodeOfName': { en: 'first node with this name', ja: 'この名前の最初のノード' },
  'validation.unknownInput': {
    en: 'The flow has no input "{name}". Declare it under inputs or fix the reference.',
    ja: 'フローに入力 "{name}" がありません。inputs に宣言するか参照を修正してください。',
  },
  'validation.unknownNode': {
    en: 'No node is named "{name}". Fix the reference or add the node.',
    ja: 'ノード "{name}" はありません。参照を修正するかノードを追加してください。',
  },
  'validation.badReference': {
    en: '"{reference}" is not a reference the executor understands. Use {a}, {b}, {c} or {d}.',
    ja: '"{reference}" は実行エンジンが解釈できる参照ではありません。{a}、{b}、{c}、{d} のいずれかを使ってください。',
  },
  'validation.outputNoReference': {
    en: 'Output "{name}" has no reference. Add reference: {nodeOutput} or {flowInput}.',
    ja: '出力 "{name}" に reference がありません。reference: {nodeOutput} または {flowInput} を追加してください。',
  },
  'validation.cycle': {
    en: 'Circular dependency: {loop}. Remove one of these references.',
    ja: '循環依存: {loop}。これらの参照のどれかを削除してください。',
  },
  'validation.cycleActivate': {
    en: 'Circular dependency (through activate.when): {loop}. Remove one of these references.',
    ja: '循環依存 (activate.when 経由): {loop}。これらの参照のどれかを削除してください。',
  },
  'validation.cycleVariant': {
    en: 'Circular dependency (through variant {variant}): {loop}. Remove one of these references.',
    ja: '循環依存 (バリアント {variant} 経由): {loop}。これらの参照のどれかを削除してください。',
  },
  'validation.aggregationOutput': {
    en: '"{node}" is not an aggregation node, so it cannot use the output of aggregation node "{target}". Make it an aggregation node or remove the reference.',
    ja: '"{node}" は集計ノードではないため、集計ノード "{target}" の出力を使えません。集計ノードにするか参照を削除してください。',
  },
  'validation.aggregationActivate': {
    en: 'The activate.when of aggregation node "{node}" cannot reference non-aggregation node "{target}". Use a flow input or an aggregation node.',
    ja: '集計ノード "{node}" の activate.when は集計ノードでない "{target}" を参照できません。フロー入力か集計ノードを使ってください。',
  },
  'validation.activateIncomplete': {
    en: 'activate needs both "when" and "is"; add {missing}.',
    ja: 'activate には "when" と "is" の両方が必要です。{missing} を追加してください。',
  },
  'validation.activateBoth': { en: '"when" and "is"', ja: '"when" と "is"' },
  'validation.chatInputTwice': {
    en: 'A chat flow has one chat input; "{first}" is already one. Remove is_chat_input from "{extra}".',
    ja: 'チャットフローのチャット入力は 1 つだけです ("{first}" がすでにそうです)。"{extra}" から is_chat_input を削除してください。',
  },
  'validation.chatOutputTwice': {
    en: 'A chat flow has one chat output; "{first}" is already one. Remove is_chat_output from "{extra}".',
    ja: 'チャットフローのチャット出力は 1 つだけです ("{first}" がすでにそうです)。"{extra}" から is_chat_output を削除してください。',
  },
  'validation.chatNoOutput': {
    en: 'This chat flow has a chat input but no output with is_chat_output: true, so it cannot be chatted with. Mark its answer output.',
    ja: 'このチャットフローにはチャット入力がありますが、is_chat_output: true の出力がないためチャットできません。回答の出力に印を付けてください。',
  },
  'validation.variantsMissing': {
    en: 'Node "{node}" sets use_variants: true but node_variants has no "{node}". Add its variants or remove use_variants.',
    ja: 'ノード "{node}" は use_variants: true ですが、node_variants に "{node}" がありません。バリアントを追加するか use_variants を削除してください。',
  },
  'validation.variantsIgnored': {
    en: 'Node "{node}" does not set use_variants: true, so these variants are ignored. Add use_variants: true to the node.',
    ja: 'ノード "{node}" は use_variants: true ではないため、これらのバリアントは無視されます。ノードに use_variants: true を追加してください。',
  },
  'validation.variantsOfNoNode': {
    en: 'No node is named "{node}"; these variants are ignored. Fix the name or remove them.',
    ja: 'ノード "{node}" はないため、これらのバリアントは無視されます。名前を直すか削除してください。',
  },
  'validation.defaultVariant': {
    en: 'default_variant_id "{id}" is not one of the variants ({ids}). Use one of them.',
    ja: 'default_variant_id "{id}" はバリアント ({ids}) のどれでもありません。そのいずれかにしてください。',
  },
  'validation.llmApi': {
    en: 'An llm node needs "api: chat" or "api: completion". Add the api key.',
    ja: 'llm ノードには "api: chat" または "api: completion" が必要です。api キーを追加してください。',
  },
  'validation.modulePath': {
    en: '"{module}" is not a Python module path (dotted identifiers). Fix the module name.',
    ja: '"{module}" は Python のモジュールパス (ドット区切りの識別子) ではありません。モジュール名を修正してください。',
  },
  'validation.sourceMissing': {
    en: '{what} "{path}" is neither in the flow folder nor brought in by additional_includes. Create the file or fix the path.',
    ja: '{what} "{path}" はフローフォルダーにも additional_includes にもありません。ファイルを作るかパスを修正してください。',
  },
  'validation.requirementsMissing': {
    en: 'Requirements file "{path}" does not exist in the flow folder or its additional_includes. Create it or fix environment.python_requirements_txt.',
    ja: 'requirements ファイル "{path}" がフローフォルダーにも additional_includes にもありません。作成するか environment.python_requirements_txt を修正してください。',
  },
  'validation.includeMissing': {
    en: 'additional_includes entry "{entry}" does not exist (looked for {path}). Fix the path or remove the entry.',
    ja: 'additional_includes の項目 "{entry}" がありません ({path} を確認しました)。パスを直すか項目を削除してください。',
  },
  'validation.outsideWorkspace': {
    en: '{what} "{path}" is outside the workspace folder; it may be missing for others and in CI. Move it into the workspace.',
    ja: '{what} "{path}" はワークスペースフォルダーの外にあります。ほかの人や CI では見つからない可能性があります。ワークスペース内に移してください。',
  },
  'validation.multipleFlowFiles': {
    en: 'This folder holds {files}; prompt flow cannot load a folder with more than one flow file. Keep one.',
    ja: 'このフォルダーには {files} があります。フローファイルが複数あるフォルダーは prompt flow で読み込めません。1 つにしてください。',
  },
  'validation.requirementsNotNamed': {
    en: '{file} sits beside this flow, but environment.python_requirements_txt does not name it, so a session installs nothing from it. Add environment.python_requirements_txt: {file}.',
    ja: 'このフローの隣に {file} がありますが、environment.python_requirements_txt で指定されていないため、セッションは何もインストールしません。environment.python_requirements_txt: {file} を追加してください。',
  },
  'validation.fix.nameRequirements': {
    en: 'Add environment.python_requirements_txt: {file}',
    ja: 'environment.python_requirements_txt: {file} を追加',
  },
  'validation.requirementsProblems': {
    en: '{file} has {count} problem(s), e.g. {first} Open the file to fix them.',
    ja: '{file} に {count} 件の問題があります (例: {first})。ファイルを開いて修正してください。',
  },
  'validation.flexEntry': {
    en: 'entry "{entry}" is not "module:function" or "module:Class". Write it as my_module:my_function.',
    ja: 'entry "{entry}" は "module:function" または "module:Class" の形ではありません。my_module:my_function のように書いてください。',
  },
  'validation.flexModuleMissing': {
    en: 'Module "{module}" of the entry is not found (looked for {candidates} in {folder}). Create it or fix the entry.',
    ja: 'entry のモジュール "{module}" が見つかりません ({folder} で {candidates} を確認しました)。作成するか entry を修正してください。',
  },
  'validation.flexCodeMissing': {
    en: 'code folder "{path}" does not exist. Fix the path.',
    ja: 'code フォルダー "{path}" がありません。パスを修正してください。',
  },
} as const satisfies Record<string, Entry>;

/** requirements.txt rules (PF2). */
const requirements = {
  'validation.pinned': {
    en: `Do not pin {name}: the session's base image provides it, and a pin can conflict with the image. Remove "{spec}".`,
    ja: '{name} のバージョンを固定しないでください。セッションのベースイメージに含まれており、固定するとイメージと競合することがあります。"{spec}" を削除してください。',
  },
  'validation.fix.unpin': { en: 'Unpin {name}', ja: '{name} のバージョン固定を外す' },
  'validation.localWheel': {
    en: 'Local wheel files and paths are not supported by compute sessions. Publish the package to a feed, or build a custom image with it and set environment.image.',
    ja: 'ローカルの wheel ファイルやパスはコンピューティングセッションでは使えません。パッケージをフィードに公開するか、それを含むカスタムイメージを作って environment.image に設定してください。',
  },
  'validation.editablePath': {
    en: 'Editable local paths are not supported by compute sessions. Publish the package, or build a custom image.',
    ja: '編集可能 (-e) なローカルパスはコンピューティングセッションでは使えません。パッケージを公開するか、カスタムイメージを作ってください。',
  },
  'validation.privateFeed': {
    en: 'This private feed is read with a user-assigned managed identity: set one on the workspace (serverless) or the compute instance, and choose it in the session settings.',
    ja: 'このプライベートフィードはユーザー割り当てマネージド ID で読み取ります。ワークスペース (サーバーレス) またはコンピューティングインスタンスに ID を設定し、セッションの設定でその ID を選んでください。',
  },
  'validation.badIndexUrl': {
    en: '{problem}. Use {option} https://{private}@<feed-host>/<path>/simple/.',
    ja: '{problem}。{option} https://{private}@<feed-host>/<path>/simple/ の形にしてください。',
  },
  'validation.malformedPlaceholder': {
    en: 'The private feed placeholder is malformed; write it exactly as {private}, as in {option} https://{private}@<feed-host>/<path>/simple/.',
    ja: 'プライベートフィードのプレースホルダーの形が正しくありません。{option} https://{private}@<feed-host>/<path>/simple/ のように {private} と正確に書いてください。',
  },
  'validation.feedCredentials': {
    en: 'This index URL holds credentials, and a requirements file is shared with the flow: anyone who reads it can use them. For an Azure DevOps feed write https://{private}@<feed-host>/... and read it with a user-assigned managed identity instead; then revoke these credentials.',
    ja: 'このインデックス URL には資格情報が書かれています。requirements ファイルはフローと共有されるため、読んだ人がそれを使えます。Azure DevOps のフィードなら https://{private}@<feed-host>/... と書いてユーザー割り当てマネージド ID で読み取り、この資格情報は失効させてください。',
  },
  'validation.fix.privatePlaceholder': { en: 'Replace the credentials with {private}', ja: '資格情報を {private} に置き換える' },
  'validation.includedFileMissing': {
    en: 'Included file "{file}" does not exist next to this file (looked for {path}). Fix the path.',
    ja: 'インクルードされたファイル "{file}" がこのファイルの隣にありません ({path} を確認しました)。パスを修正してください。',
  },
  'validation.pip.unexpected': { en: 'unexpected "{token}"', ja: '"{token}" は予期しないものです' },
  'validation.pip.unknownOption': { en: 'unknown option "{option}"', ja: '"{option}" は不明なオプションです' },
  'validation.pip.optionValue': { en: 'option "{option}" needs a value', ja: 'オプション "{option}" には値が必要です' },
  'validation.pip.noName': { en: 'a requirement starts with a package name', ja: '要件はパッケージ名で始まります' },
  'validation.pip.badSpecifier': { en: 'cannot read the version specifier "{spec}"', ja: 'バージョン指定子 "{spec}" を読めません' },
  'validation.pipLine': {
    en: 'pip cannot read this line: {problem}. Write "package", "package==version" or a pip option.',
    ja: 'pip はこの行を読めません: {problem}。"package"、"package==version" または pip のオプションを書いてください。',
  },
  'validation.requirementsUnnamedByFlow': {
    en: '{flow} beside this file does not name it in environment.python_requirements_txt, so a session installs nothing from it. Add environment.python_requirements_txt: {file} to {flow}.',
    ja: '隣の {flow} が environment.python_requirements_txt でこのファイルを指定していないため、セッションはこのファイルから何もインストールしません。{flow} に environment.python_requirements_txt: {file} を追加してください。',
  },
  'validation.requirementsOtherNamed': {
    en: '{flow} beside this file names "{named}" in environment.python_requirements_txt, so a session installs nothing from this file. Name this file there, or move its requirements.',
    ja: '隣の {flow} は environment.python_requirements_txt で "{named}" を指定しているため、セッションはこのファイルから何もインストールしません。そこでこのファイルを指定するか、要件を移してください。',
  },
} as const satisfies Record<string, Entry>;

/** Run file rules (PF3). */
const runs = {
  'validation.run.remoteFlow': {
    en: '"{flow}" is not a valid remote flow. Use azureml:<flow-name>.',
    ja: '"{flow}" は有効なリモートフローではありません。azureml:<flow-name> を使ってください。',
  },
  'validation.run.flowMissing': {
    en: 'Flow "{flow}" is not found relative to this run file (looked for {path}) and is not azureml:<flow-name>. Fix the path.',
    ja: 'フロー "{flow}" がこの実行ファイルからの相対パスで見つからず ({path} を確認しました)、azureml:<flow-name> でもありません。パスを修正してください。',
  },
  'validation.run.dataMissing': {
    en: 'Data "{data}" is not found relative to this run file (looked for {path}). Fix the path or use azureml://... / https://...',
    ja: 'データ "{data}" がこの実行ファイルからの相対パスで見つかりません ({path} を確認しました)。パスを直すか azureml://... / https://... を使ってください。',
  },
  'validation.run.fileMissing': {
    en: '{key} file "{file}" is not found relative to this run file. Fix the path or write the values inline.',
    ja: '{key} のファイル "{file}" がこの実行ファイルからの相対パスで見つかりません。パスを直すか値を直接書いてください。',
  },
  'validation.run.clientId': {
    en: 'client_id is only used with identity type: managed. Set type: managed or remove client_id.',
    ja: 'client_id は identity の type: managed でのみ使えます。type: managed にするか client_id を削除してください。',
  },
  'validation.run.columnMapping': {
    en: '"{mapping}" is not a column mapping the service understands. Use {a}, {b} or {c}.',
    ja: '"{mapping}" はサービスが解釈できる列マッピングではありません。{a}、{b}、{c} のいずれかを使ってください。',
  },
  'validation.run.noBaseRun': {
    en: '"{mapping}" reads a base run, but this file sets no "run". Add run: <base run name> or map from {column}.',
    ja: '"{mapping}" は基となる実行を読みますが、このファイルに "run" がありません。run: <基の実行名> を追加するか {column} から対応付けてください。',
  },
  'validation.run.variantForm': {
    en: 'variant "{variant}" must look like {form}.',
    ja: 'variant "{variant}" は {form} の形にしてください。',
  },
  'validation.run.noVariantNode': {
    en: 'The flow has no node "{node}" with variants. Use one of: {nodes}.',
    ja: 'フローにバリアントを持つノード "{node}" はありません。次のいずれかを使ってください: {nodes}。',
  },
  'validation.run.noVariant': {
    en: 'Node "{node}" has no variant "{variant}". Use one of: {ids}.',
    ja: 'ノード "{node}" にバリアント "{variant}" はありません。次のいずれかを使ってください: {ids}。',
  },
  'validation.run.remoteSubmit': {
    en: 'Remote flows (azureml:) are submitted from the studio; this command submits local flows.',
    ja: 'リモートフロー (azureml:) はスタジオから送信します。このコマンドが送信するのはローカルのフローです。',
  },
  'validation.run.dataOrRun': {
    en: 'A run needs `data`, or `run` naming the run to evaluate. Add one of them.',
    ja: '実行には `data` か、評価する実行を指定する `run` が必要です。どちらかを追加してください。',
  },
  'validation.run.at': { en: '{file}, line {line}: {problem}', ja: '{file} の {line} 行目: {problem}' },
  'validation.run.placement': {
    en: 'resources sets both instance_type (serverless compute) and compute (a compute instance); a run uses one. Keep one of them.',
    ja: 'resources に instance_type (サーバーレス コンピューティング) と compute (コンピューティング インスタンス) の両方があります。実行が使うのは一方だけです。どちらかを残してください。',
  },
} as const satisfies Record<string, Entry>;

/** What a flow or run file names that the workspace must have (PF104x). */
const workspace = {
  'validation.llmProvider': {
    en: '"{provider}" is not a provider of the llm tool. Use {providers}, or leave it out to follow the connection.',
    ja: '"{provider}" は llm ツールの provider ではありません。{providers} のいずれかにするか、省略して接続に合わせてください。',
  },
  'validation.noConnection': {
    en: 'Workspace "{workspace}" has no connection "{name}". Pick one of its connections, or create this one in the workspace.',
    ja: 'ワークスペース "{workspace}" に接続 "{name}" はありません。ワークスペースの接続から選ぶか、この接続をワークスペースに作成してください。',
  },
  'validation.noConnectionNear': {
    en: 'Workspace "{workspace}" has no connection "{name}". Did you mean {near}? Pick one of its connections, or create this one in the workspace.',
    ja: 'ワークスペース "{workspace}" に接続 "{name}" はありません。{near} のことですか? ワークスペースの接続から選ぶか、この接続をワークスペースに作成してください。',
  },
  'validation.connectionType': {
    en: 'Connection "{name}" is of type {type}; {where} takes {expected}. Use one of: {fitting}.',
    ja: '接続 "{name}" の種類は {type} です。{where} には {expected} が必要です。次のいずれかを使ってください: {fitting}。',
  },
  'validation.connectionTypeNone': {
    en: 'Connection "{name}" is of type {type}; {where} takes {expected}. The workspace has no connection of that type; create one.',
    ja: '接続 "{name}" の種類は {type} です。{where} には {expected} が必要です。ワークスペースにその種類の接続がありません。作成してください。',
  },
  'validation.noDeployment': {
    en: 'The Azure OpenAI resource of connection "{connection}" has no deployment "{name}". Its deployments: {deployments}.',
    ja: '接続 "{connection}" の Azure OpenAI リソースにデプロイ "{name}" はありません。デプロイ: {deployments}。',
  },
  'validation.noDeployments': {
    en: 'The Azure OpenAI resource of connection "{connection}" has no deployment "{name}". It has no deployments; deploy a model first.',
    ja: '接続 "{connection}" の Azure OpenAI リソースにデプロイ "{name}" はありません。デプロイがありません。先にモデルをデプロイしてください。',
  },
  'validation.toolInputUnknownNear': {
    en: 'Tool "{tool}" has no input "{input}"; the run ignores it or fails. Did you mean "{near}"?',
    ja: 'ツール "{tool}" に入力 "{input}" はありません。実行では無視されるか失敗します。"{near}" のことですか?',
  },
  'validation.toolInputUnknown': {
    en: 'Tool "{tool}" has no input "{input}"; the run ignores it or fails. Its inputs: {inputs}.',
    ja: 'ツール "{tool}" に入力 "{input}" はありません。実行では無視されるか失敗します。入力: {inputs}。',
  },
  'validation.toolInputMissing': {
    en: 'Tool "{tool}" needs input {inputs}; add it under inputs of {where}.',
    ja: 'ツール "{tool}" には入力 {inputs} が必要です。{where} の inputs に追加してください。',
  },
  'validation.toolInputsMissing': {
    en: 'Tool "{tool}" needs inputs {inputs}; add them under inputs of {where}.',
    ja: 'ツール "{tool}" には入力 {inputs} が必要です。{where} の inputs に追加してください。',
  },
  'validation.toolInputValue': {
    en: '"{value}" is not a value input "{input}" of tool "{tool}" takes. Use one of: {choices}.',
    ja: 'ツール "{tool}" の入力 "{input}" に "{value}" は使えません。次のいずれかにしてください: {choices}。',
  },
  'validation.noTool': {
    en: 'The workspace has no package tool "{tool}". Check the tool id.',
    ja: 'ワークスペースにパッケージ ツール "{tool}" はありません。ツール ID を確認してください。',
  },
  'validation.noToolNear': {
    en: 'The workspace has no package tool "{tool}". Did you mean {near}?',
    ja: 'ワークスペースにパッケージ ツール "{tool}" はありません。{near} のことですか?',
  },
  'validation.toolElsewhere': {
    en: `Package tool "{tool}" is not among the workspace's package tools. Unless a package of the flow's requirements provides it, the run fails; check the id.`,
    ja: 'パッケージ ツール "{tool}" はワークスペースのパッケージ ツールにありません。フローの requirements のパッケージが提供するのでなければ実行は失敗します。ID を確認してください。',
  },
  'validation.fix.changeTo': { en: 'Change to "{name}"', ja: '"{name}" に変更' },
  'validation.cli.checkedAgainst': {
    en: 'Checked against workspace {workspace} (data read {readAt}).',
    ja: 'ワークスペース {workspace} に対してチェックしました (データの読み取り: {readAt})。',
  },
  'validation.cli.notFound': { en: 'File or folder not found.', ja: 'ファイルまたはフォルダーが見つかりません。' },
  'validation.cli.notFoundLine': { en: 'file or folder not found', ja: 'ファイルまたはフォルダーが見つかりません' },
  'validation.cli.summary': {
    en: '{files} file(s) checked, {errors} error(s), {others} other finding(s).',
    ja: '{files} 個のファイルをチェックしました。エラー {errors} 件、その他の指摘 {others} 件。',
  },
} as const satisfies Record<string, Entry>;

export const validationMessages = {
  ...yamlErrors,
  ...words,
  ...file,
  ...flows,
  ...requirements,
  ...runs,
  ...workspace,
} as const satisfies Record<string, Entry>;
