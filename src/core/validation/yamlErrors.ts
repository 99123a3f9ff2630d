// What the YAML parser says, in our words: each parser error becomes a short description that names
// no parser API and quotes no source text (which may hold control characters). Each description is a
// catalogue message (`validation.yaml.*`), in English and Japanese.
import type { Message, MessageId } from '../i18n';

type YamlErrorId = Extract<MessageId, `validation.yaml.${string}`>;

/** Parser messages (by shape) and the description we show. First match wins. */
const DESCRIPTIONS: [RegExp, YamlErrorId][] = [
  [/^Missing closing "quote/, 'validation.yaml.doubleQuoteOpen'],
  [/^Missing closing 'quote/, 'validation.yaml.singleQuoteOpen'],
  [/^Flow sequence in block collection must be sufficiently indented/, 'validation.yaml.flowSeqIndent'],
  [/^Flow map in block collection must be sufficiently indented/, 'validation.yaml.flowMapIndent'],
  [/^Flow sequence must end with/, 'validation.yaml.flowSeqEnd'],
  [/^Flow map must end with/, 'validation.yaml.flowMapEnd'],
  [/^Implicit keys (of flow sequence pairs )?need to be on a single line/, 'validation.yaml.keyOneLine'],
  [/^Implicit map keys need to be followed by map values/, 'validation.yaml.keyNoColon'],
  [/^Nested mappings are not allowed in compact mappings/, 'validation.yaml.compactMapping'],
  [/^A block sequence may not be used as an implicit map key/, 'validation.yaml.listAsKey'],
  [/^Unexpected block-seq-ind on same line with key/, 'validation.yaml.listOnKeyLine'],
  [/^All mapping items must start at the same column/, 'validation.yaml.mapIndent'],
  [/^All sequence items must start at the same column/, 'validation.yaml.seqIndent'],
  [/^Sequence item without - indicator/, 'validation.yaml.noDash'],
  [/^Tabs are not allowed as indentation/, 'validation.yaml.tab'],
  [/^Comments must be separated from other tokens by white space/, 'validation.yaml.commentSpace'],
  [/^Tags and anchors must be separated from the next token by white space/, 'validation.yaml.tagSpace'],
  [/^Anchor cannot be an empty string/, 'validation.yaml.emptyAnchor'],
  [/^Alias cannot be an empty string/, 'validation.yaml.emptyAlias'],
  [/ending in : is ambiguous/, 'validation.yaml.anchorColon'],
  [/^An alias node must not specify any properties/, 'validation.yaml.aliasProps'],
  [/^A node can have at most one anchor/, 'validation.yaml.twoAnchors'],
  [/^A node can have at most one tag/, 'validation.yaml.twoTags'],
  [/^Anchors and tags must be after the/, 'validation.yaml.propsBefore'],
  [/^Missing newline after block sequence props/, 'validation.yaml.seqAfterProps'],
  [/^Invalid escape sequence/, 'validation.yaml.badEscape'],
  [/^Plain value cannot start with/, 'validation.yaml.reservedStart'],
  [/^Block scalar header includes extra characters|^Unexpected token in block scalar header/, 'validation.yaml.blockHeader'],
  [/^Block scalar|^Block scalars/, 'validation.yaml.blockIndent'],
  [/^Unexpected , in/, 'validation.yaml.strayComma'],
  [/^Unexpected empty item in/, 'validation.yaml.emptyItem'],
  [/^Missing , (or : )?between/, 'validation.yaml.missingComma'],
  [/^Missing space after : in/, 'validation.yaml.colonSpace'],
  [/^Unexpected flow-(map|seq)-end/, 'validation.yaml.strayClose'],
  [/^Unexpected doc-end without preceding document/, 'validation.yaml.strayDocEnd'],
  [/^Missing directives-end/, 'validation.yaml.directiveEnd'],
  [/directive/i, 'validation.yaml.badDirective'],
  [/^The : indicator must be at most 1024 chars/, 'validation.yaml.longKey'],
];

/** Descriptions by parser error code, for messages the table above does not know. */
const BY_CODE: Record<string, YamlErrorId> = {
  BLOCK_IN_FLOW: 'validation.yaml.blockInFlow',
  TAG_RESOLVE_FAILED: 'validation.yaml.unknownTag',
  BAD_COLLECTION_TYPE: 'validation.yaml.tagMismatch',
  BAD_INDENT: 'validation.yaml.badIndent',
  MISSING_CHAR: 'validation.yaml.missingChar',
  RESOURCE_EXHAUSTION: 'validation.yaml.tooDeep',
  BAD_ALIAS: 'validation.yaml.badAlias',
  BAD_DIRECTIVE: 'validation.yaml.badDirective',
  KEY_OVER_1024_CHARS: 'validation.yaml.longKey',
  MULTILINE_IMPLICIT_KEY: 'validation.yaml.keyOneLine',
  TAB_AS_INDENT: 'validation.yaml.tab',
};

const UNKNOWN: YamlErrorId = 'validation.yaml.unexpected';

/** The description of a parser error (code and message as the parser reports them). */
export function describeYamlError(code: string, message: string): Message {
  for (const [shape, description] of DESCRIPTIONS) if (shape.test(message)) return { id: description };
  return { id: BY_CODE[code] ?? UNKNOWN };
}

/** Every description this module can produce. */
export function allYamlErrorDescriptions(): YamlErrorId[] {
  return [...new Set([...DESCRIPTIONS.map(([, d]) => d), ...Object.values(BY_CODE), UNKNOWN])];
}
