// What each prompt flow tool becomes in Agent Framework: the one table the plan and the generator read.
// Tool ids are promptflow-tools' own (`source.tool` of a package node; module, class, function).

/** The llm providers prompt flow knows, by the name an llm node's `provider` or a tool id gives. */
export type Provider = 'AzureOpenAI' | 'OpenAI' | 'Serverless';

export const PROVIDERS: readonly Provider[] = ['AzureOpenAI', 'OpenAI', 'Serverless'];

/** Package tools that are llm calls: generated as an llm node of the provider given (or read from the node). */
export const LLM_TOOLS: Readonly<Record<string, { provider?: Provider; api: 'chat' | 'completion'; vision?: boolean }>> = {
  'promptflow.tools.llm.llm': { api: 'chat' },
  'promptflow.tools.azure_open_ai.AzureOpenAI.chat': { provider: 'AzureOpenAI', api: 'chat' },
  'promptflow.tools.azure_open_ai.AzureOpenAI.completion': { provider: 'AzureOpenAI', api: 'completion' },
  'promptflow.tools.openai.OpenAI.chat': { provider: 'OpenAI', api: 'chat' },
  'promptflow.tools.openai.OpenAI.completion': { provider: 'OpenAI', api: 'completion' },
  'promptflow.tools.llm_vision.llm_vision': { api: 'chat', vision: true },
  'promptflow.tools.aoai_gpt4v.AzureOpenAI.chat': { provider: 'AzureOpenAI', api: 'chat', vision: true },
  'promptflow.tools.openai_gpt4v.OpenAI.chat': { provider: 'OpenAI', api: 'chat', vision: true },
};

/** Built-in tools with no generated equivalent, and the catalogue id of what to use instead. */
export const MANUAL_TOOLS: Readonly<Record<string, 'embedding' | 'serpapi' | 'contentSafety' | 'openModel'>> = {
  'promptflow.tools.embedding.embedding': 'embedding',
  'promptflow.tools.serpapi.SerpAPI.search': 'serpapi',
  'promptflow.tools.azure_content_safety.analyze_text': 'contentSafety',
  'promptflow.tools.open_model_llm.OpenModelLLM.call': 'openModel',
};

/** Parameters the generated chat call passes on (as `ChatOptions` keys), and how each is converted. */
export const PASSED_PARAMETERS: Readonly<Record<string, 'float' | 'int' | 'stop' | 'json'>> = {
  temperature: 'float',
  top_p: 'float',
  max_tokens: 'int',
  stop: 'stop',
  presence_penalty: 'float',
  frequency_penalty: 'float',
  seed: 'int',
  response_format: 'json',
};

/** Parameters the generated call does not pass: a person decides (tools, several choices, streaming…). */
export const UNPASSED_PARAMETERS = [
  'logit_bias',
  'user',
  'n',
  'stream',
  'tools',
  'tool_choice',
  'functions',
  'function_call',
  'suffix',
  'echo',
  'best_of',
  'logprobs',
];

/** Inputs of an llm node that are call parameters, not template variables (promptflow-tools' signatures). */
export const LLM_PARAMETERS: ReadonlySet<string> = new Set([
  'connection',
  'deployment_name',
  'model',
  ...Object.keys(PASSED_PARAMETERS),
  ...UNPASSED_PARAMETERS,
  'detail',
  'api',
  'provider',
]);

/** The fields of each connection type, each read from `<CONNECTION>_<FIELD>` by the generated code. */
export const CONNECTION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  AzureOpenAIConnection: ['api_key', 'api_base', 'api_version'],
  OpenAIConnection: ['api_key', 'base_url', 'organization'],
  ServerlessConnection: ['api_key', 'api_base'],
  AzureContentSafetyConnection: ['api_key', 'endpoint', 'api_version'],
  SerpConnection: ['api_key'],
  CognitiveSearchConnection: ['api_key', 'api_base', 'api_version'],
  FormRecognizerConnection: ['api_key', 'endpoint', 'api_version'],
  AzureAIServicesConnection: ['api_key', 'endpoint'],
  CustomConnection: [],
};

export const PROVIDER_CONNECTION: Readonly<Record<Provider, string>> = {
  AzureOpenAI: 'AzureOpenAIConnection',
  OpenAI: 'OpenAIConnection',
  Serverless: 'ServerlessConnection',
};

/** The environment variable prefix of a connection: its name in upper snake case. */
export function envPrefix(connection: string): string {
  return connection
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** The variables that stand for a connection of a type (a custom connection's keys are not known ahead). */
export function connectionVariables(connection: string, type: string): string[] {
  const p = envPrefix(connection);
  const fields = CONNECTION_FIELDS[type] ?? ['api_key', 'api_base'];
  return fields.map((f) => `${p}_${f.toUpperCase()}`);
}
