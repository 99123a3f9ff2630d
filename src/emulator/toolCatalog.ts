// The built-in tools of promptflow-tools as the service lists them: ids, inputs with their value types,
// defaults, choices and which input switches another on. Facts as recorded in `BulkRuns/{id}.flowGraph.tools`
// of the cassettes (promptflow-tools 1.5.0rc8), written down here in a compact form of our own;
// `packageToolsBody` in tools.ts turns it into the service's shape.

export type Scalar = string | number | boolean;

export interface CatalogInput {
  name: string;
  types: string[];
  /** Present when the tool has a default (an input without one must be given). */
  default?: unknown;
  enum?: unknown[];
  /** Shown only when `input` is a connection of one of `types`, or has one of `values`. */
  enabledBy?: { input: string; types?: string[]; values?: Scalar[] };
  allowManualEntry?: boolean;
}

export interface CatalogTool {
  name: string;
  type: 'python' | 'custom_llm';
  module: string;
  className?: string;
  fn: string;
  description: string;
  deprecatedIds?: string[];
  inputs: CatalogInput[];
}

export const TOOLS_PACKAGE = { name: 'promptflow-tools', version: '1.5.0rc8' };

/** The tool id a node's `source.tool` names: module, class (when there is one), function. */
export const toolId = (t: CatalogTool): string => [t.module, t.className, t.fn].filter(Boolean).join('.');

const i = (name: string, types: string | string[], more: Omit<CatalogInput, 'name' | 'types'> = {}): CatalogInput => ({
  name,
  types: Array.isArray(types) ? types : [types],
  ...more,
});
const on = (input: string, types?: string[], values?: Scalar[]) => ({
  enabledBy: { input, ...(types ? { types } : {}), ...(values ? { values } : {}) },
});
const sampling = [i('temperature', 'double', { default: 1 }), i('top_p', 'double', { default: 1 })];
const penalties = (frequency: 'int' | 'double') => [
  i('presence_penalty', 'double', { default: 0 }),
  i('frequency_penalty', frequency, { default: 0 }),
];
const detail = i('detail', 'string', { default: 'auto', enum: ['low', 'high', 'auto'] });
const sensitivity = (name: string) =>
  i(name, 'string', { default: 'medium_sensitivity', enum: ['disable', 'low_sensitivity', 'medium_sensitivity', 'high_sensitivity'] });

export const BUILTIN_TOOLS: CatalogTool[] = [
  {
    name: 'LLM',
    type: 'custom_llm',
    module: 'promptflow.tools.llm',
    fn: 'llm',
    description: 'Completion or chat with a large language model behind an OpenAI-style API.',
    inputs: [
      i('connection', ['AzureOpenAIConnection', 'OpenAIConnection', 'ServerlessConnection']),
      i('api', 'string', { default: 'chat' }),
      i('deployment_name', 'string', on('connection', ['AzureOpenAIConnection'])),
      i('model', 'string', on('connection', ['OpenAIConnection'])),
      ...sampling,
      i('stop', 'list', { default: '' }),
      i('max_tokens', 'int', { default: '' }),
      ...penalties('int'),
      i('response_format', 'object', { default: '', enum: [{ type: 'json_object' }, { type: 'text' }], ...on('api', undefined, ['chat']) }),
      i('logit_bias', 'object', { default: '' }),
      i('seed', 'int', { default: '', ...on('api', undefined, ['chat']) }),
      i('suffix', 'string', { default: '', ...on('api', undefined, ['completion']) }),
      i('logprobs', 'int', { default: '', ...on('api', undefined, ['completion']) }),
      i('echo', 'bool', { default: false, ...on('api', undefined, ['completion']) }),
      i('best_of', 'int', { default: 1, ...on('api', undefined, ['completion']) }),
      i('tools', 'list', { default: [], ...on('api', undefined, ['chat']) }),
      i('tool_choice', ['object', 'string'], { default: '', ...on('api', undefined, ['chat']) }),
    ],
  },
  {
    name: 'LLM-Vision',
    type: 'custom_llm',
    module: 'promptflow.tools.llm_vision',
    fn: 'llm_vision',
    description: 'Chat about images and text with a vision-capable model.',
    inputs: [
      i('connection', ['AzureOpenAIConnection', 'OpenAIConnection']),
      i('deployment_name', 'string', on('connection', ['AzureOpenAIConnection'])),
      i('model', 'string', { enum: ['gpt-4-vision-preview'], ...on('connection', ['OpenAIConnection']) }),
      ...sampling,
      i('max_tokens', 'int', { default: '' }),
      i('stop', 'list', { default: '' }),
      ...penalties('int'),
      i('seed', 'int', { default: '' }),
      detail,
    ],
  },
  {
    name: 'Azure OpenAI GPT-4 Turbo with Vision',
    type: 'custom_llm',
    module: 'promptflow.tools.aoai_gpt4v',
    className: 'AzureOpenAI',
    fn: 'chat',
    description: 'Chat about images and text with a GPT-4 Turbo with Vision deployment of Azure OpenAI.',
    inputs: [
      i('connection', 'AzureOpenAIConnection'),
      i('deployment_name', 'string', on('connection')),
      ...sampling,
      i('max_tokens', 'int', { default: 512 }),
      i('stop', 'list', { default: '' }),
      ...penalties('double'),
      i('seed', 'int', { default: '' }),
      detail,
    ],
  },
  {
    name: 'OpenAI GPT-4V',
    type: 'custom_llm',
    module: 'promptflow.tools.openai_gpt4v',
    className: 'OpenAI',
    fn: 'chat',
    description: 'Chat about images and text with the GPT-4V model of OpenAI.',
    inputs: [
      i('connection', 'OpenAIConnection'),
      i('model', 'string', { enum: ['gpt-4-vision-preview'] }),
      ...sampling,
      i('max_tokens', 'int', { default: 512 }),
      i('stop', 'list', { default: '' }),
      ...penalties('double'),
      i('seed', 'int', { default: '' }),
      detail,
    ],
  },
  {
    name: 'Embedding',
    type: 'python',
    module: 'promptflow.tools.embedding',
    fn: 'embedding',
    description: 'Turns text into an embedding vector.',
    inputs: [
      i('connection', ['AzureOpenAIConnection', 'OpenAIConnection', 'ServerlessConnection']),
      i('deployment_name', 'string', on('connection', ['AzureOpenAIConnection'])),
      i('model', 'string', {
        enum: ['text-embedding-ada-002', 'text-search-ada-doc-001', 'text-search-ada-query-001'],
        ...on('connection', ['OpenAIConnection']),
      }),
      i('input', 'string'),
    ],
  },
  {
    name: 'Open Model LLM',
    type: 'custom_llm',
    module: 'promptflow.tools.open_model_llm',
    className: 'OpenModelLLM',
    fn: 'call',
    description: 'Completion or chat with an open model deployed to an online endpoint.',
    inputs: [
      i('endpoint_name', 'string'),
      i('deployment_name', 'string', { default: '' }),
      i('api', 'string', { enum: ['chat', 'completion'] }),
      i('temperature', 'double', { default: 1.0 }),
      i('max_new_tokens', 'int', { default: 500 }),
      i('top_p', 'double', { default: 1.0 }),
      i('model_kwargs', 'object', { default: '{}' }),
    ],
  },
  {
    name: 'Serp API',
    type: 'python',
    module: 'promptflow.tools.serpapi',
    className: 'SerpAPI',
    fn: 'search',
    description: 'Web search results from a search engine, through SerpAPI.',
    inputs: [
      i('connection', 'SerpConnection'),
      i('query', 'string'),
      i('engine', 'string', { default: 'google', enum: ['google', 'bing'] }),
      i('num', 'int', { default: '10' }),
      i('location', 'string', { default: '' }),
      i('safe', 'string', { default: 'off', enum: ['active', 'off'] }),
    ],
  },
  {
    name: 'Content Safety (Text Analyze)',
    type: 'python',
    module: 'promptflow.tools.azure_content_safety',
    fn: 'analyze_text',
    description: 'Checks text for harmful content with Azure AI Content Safety.',
    deprecatedIds: ['content_safety_text.tools.content_safety_text_tool.analyze_text'],
    inputs: [
      i('connection', 'AzureContentSafetyConnection'),
      i('text', 'string'),
      sensitivity('hate_category'),
      sensitivity('sexual_category'),
      sensitivity('self_harm_category'),
      sensitivity('violence_category'),
    ],
  },
];
