// Texts of the flow layer: a flow folder or file that cannot be read as the service would read it, and
// Azure ML's config.json.
import type { Entry } from '../catalogue';

export const flowMessages = {
  'flow.fix.openFolder': {
    en: 'Open the flow folder that holds flow.dag.yaml (or flow.flex.yaml) and fix the file.',
    ja: 'flow.dag.yaml (または flow.flex.yaml) のあるフロー フォルダーを開いて、ファイルを修正してください。',
  },
  'flow.notYaml': { en: '{file} is not valid YAML: {reason}', ja: '{file} は有効な YAML ではありません: {reason}' },
  'flow.notFound': {
    en: 'No flow.dag.yaml or flow.flex.yaml found in {path}.',
    ja: '{path} に flow.dag.yaml も flow.flex.yaml も見つかりません。',
  },
  'flow.requirementsMissing': {
    en: 'environment.python_requirements_txt names {name}, which exists neither in the flow folder nor in additional_includes.',
    ja: 'environment.python_requirements_txt に指定された {name} は、フロー フォルダーにも additional_includes にもありません。',
  },
  'flow.config.tooLarge': {
    en: '{file} is too large to be an Azure ML config file.',
    ja: '{file} は Azure ML の構成ファイルとしては大きすぎます。',
  },
  'flow.config.notJson': { en: '{file} is not valid JSON: {reason}', ja: '{file} は有効な JSON ではありません: {reason}' },
  'flow.config.missingKeys': { en: '{file} has no {keys}.', ja: '{file} に {keys} がありません。' },
  'flow.config.unreadable': { en: '{file} cannot be read: {reason}', ja: '{file} を読み取れません: {reason}' },
} as const satisfies Record<string, Entry>;
