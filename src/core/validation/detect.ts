// Which kind of file is this? A `$schema` key or a yaml-language-server modeline wins, then the
// file name, then the top-level keys.
import { basename } from 'node:path';
import type { DocumentKind } from './types';

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m;
const SCHEMA_KEY = /^\$schema:\s*['"]?([^'"\s#]+)/m;

function kindFromSchemaUrl(url: string, text: string): DocumentKind | undefined {
  const u = url.toLowerCase();
  if (/run(\.schema)?\.json$/.test(u) || u.includes('/run.')) return 'run';
  if (u.includes('flex')) return 'flexFlow';
  if (/flow(\.dag)?(\.schema)?\.json$/.test(u)) return /^entry\s*:/m.test(text) ? 'flexFlow' : 'dagFlow';
  return undefined;
}

export function detectKind(path: string, text: string): DocumentKind {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.txt') || (/^requirements[\w.-]*$/.test(name) && !/\.ya?ml$/.test(name))) return 'requirements';
  if (!/\.ya?ml$/.test(name)) return 'unknown';
  const schemaUrl = MODELINE.exec(text)?.[1] ?? SCHEMA_KEY.exec(text)?.[1];
  const bySchema = schemaUrl ? kindFromSchemaUrl(schemaUrl, text) : undefined;
  if (bySchema) return bySchema;
  if (/^flow\.flex\.ya?ml$/.test(name)) return 'flexFlow';
  if (/^flow\.dag\.ya?ml$/.test(name)) return /^entry\s*:/m.test(text) ? 'flexFlow' : 'dagFlow';
  if (/^entry\s*:/m.test(text)) return 'flexFlow';
  if (/^nodes\s*:/m.test(text)) return 'dagFlow';
  if (/^flow\s*:/m.test(text) || name === 'run.yml' || name === 'run.yaml' || /\.run\.ya?ml$/.test(name)) return 'run';
  return 'unknown';
}
