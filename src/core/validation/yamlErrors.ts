// What the YAML parser says, in our words: each parser error becomes a short description that names
// no parser API and quotes no source text (which may hold control characters). localize.ts has the
// Japanese of every description here.

/** Parser messages (by shape) and the description we show. First match wins. */
const DESCRIPTIONS: [RegExp, string][] = [
  [/^Missing closing "quote/, 'a double-quoted string is not closed'],
  [/^Missing closing 'quote/, 'a single-quoted string is not closed'],
  [
    /^Flow sequence in block collection must be sufficiently indented/,
    'a [ list is not closed with ] or its lines are not indented enough',
  ],
  [/^Flow map in block collection must be sufficiently indented/, 'a { mapping is not closed with } or its lines are not indented enough'],
  [/^Flow sequence must end with/, 'a [ list is not closed with ]'],
  [/^Flow map must end with/, 'a { mapping is not closed with }'],
  [/^Implicit keys (of flow sequence pairs )?need to be on a single line/, 'a key must be on one line'],
  [/^Implicit map keys need to be followed by map values/, 'a key has no ":" after it'],
  [/^Nested mappings are not allowed in compact mappings/, 'a mapping cannot start on the line of another key (a: b: c)'],
  [/^A block sequence may not be used as an implicit map key/, 'a list cannot be a key'],
  [/^Unexpected block-seq-ind on same line with key/, 'a list cannot start on the line of its key'],
  [/^All mapping items must start at the same column/, 'the keys of this mapping are not at the same indentation'],
  [/^All sequence items must start at the same column/, 'the items of this list are not at the same indentation'],
  [/^Sequence item without - indicator/, 'a list item has no "-"'],
  [/^Tabs are not allowed as indentation/, 'a tab is used for indentation; indent with spaces'],
  [/^Comments must be separated from other tokens by white space/, 'a comment "#" must follow a space'],
  [/^Tags and anchors must be separated from the next token by white space/, 'a tag or anchor must be followed by a space'],
  [/^Anchor cannot be an empty string/, 'an anchor "&" has no name'],
  [/^Alias cannot be an empty string/, 'an alias "*" has no name'],
  [/ending in : is ambiguous/, 'an anchor or alias name ends with ":"'],
  [/^An alias node must not specify any properties/, 'an alias "*" cannot have a tag or an anchor'],
  [/^A node can have at most one anchor/, 'a value has more than one anchor'],
  [/^A node can have at most one tag/, 'a value has more than one tag'],
  [/^Anchors and tags must be after the/, 'an anchor or tag stands before "-", "?" or ":" instead of after it'],
  [/^Missing newline after block sequence props/, 'a list must start on the line after its tag or anchor'],
  [/^Invalid escape sequence/, 'a double-quoted string holds an invalid escape sequence'],
  [/^Plain value cannot start with/, 'an unquoted value starts with a reserved character; quote it'],
  [
    /^Block scalar header includes extra characters|^Unexpected token in block scalar header/,
    'a "|" or ">" is followed by more than a comment',
  ],
  [/^Block scalar|^Block scalars/, 'the lines of a "|" or ">" text are not indented correctly'],
  [/^Unexpected , in/, 'a "," is out of place'],
  [/^Unexpected empty item in/, 'a list has an empty item'],
  [/^Missing , (or : )?between/, 'a "," is missing between items'],
  [/^Missing space after : in/, 'a ":" must be followed by a space'],
  [/^Unexpected flow-(map|seq)-end/, 'a closing bracket has no opening one'],
  [/^Unexpected doc-end without preceding document/, 'a "..." line ends a document that has not started'],
  [/^Missing directives-end/, 'a directive must be followed by a "---" line'],
  [/directive/i, 'a directive (% line) is not valid'],
  [/^The : indicator must be at most 1024 chars/, 'a key is longer than 1024 characters'],
];

/** Descriptions by parser error code, for messages the table above does not know. */
const BY_CODE: Record<string, string> = {
  BLOCK_IN_FLOW: 'a block list or mapping cannot stand inside [ ] or { }',
  TAG_RESOLVE_FAILED: 'a tag "!" is not one YAML knows',
  BAD_COLLECTION_TYPE: 'a tag "!" does not fit its value',
  BAD_INDENT: 'the indentation is wrong',
  MISSING_CHAR: 'a character is missing',
  RESOURCE_EXHAUSTION: 'the YAML nests too deep to read',
  BAD_ALIAS: 'an alias or anchor is not valid',
  BAD_DIRECTIVE: 'a directive (% line) is not valid',
  KEY_OVER_1024_CHARS: 'a key is longer than 1024 characters',
  MULTILINE_IMPLICIT_KEY: 'a key must be on one line',
  TAB_AS_INDENT: 'a tab is used for indentation; indent with spaces',
};

const UNKNOWN = 'unexpected text';

/** The description of a parser error (code and message as the parser reports them). */
export function describeYamlError(code: string, message: string): string {
  for (const [shape, description] of DESCRIPTIONS) if (shape.test(message)) return description;
  return BY_CODE[code] ?? UNKNOWN;
}

/** Every description this module can produce (the Japanese table is checked against it). */
export function allYamlErrorDescriptions(): string[] {
  return [...new Set([...DESCRIPTIONS.map(([, d]) => d), ...Object.values(BY_CODE), UNKNOWN])];
}
