// Which extension the host suites check: the repository's own, or (for the test that proves an
// activation failure is caught) a throw-away one named by PFS_HOST_EXTENSION_DIR.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ExtensionManifest {
  publisher: string;
  name: string;
  contributes?: {
    commands?: { command: string }[];
    viewsContainers?: Record<string, { id: string }[]>;
    views?: Record<string, { id: string; type?: string }[]>;
  };
}

/** out/test/helpers/host → the repository root. */
export const extensionDir = process.env.PFS_HOST_EXTENSION_DIR ?? path.resolve(__dirname, '../../../..');

export function readManifest(): ExtensionManifest {
  return JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8')) as ExtensionManifest;
}

export function extensionId(manifest: ExtensionManifest = readManifest()): string {
  return `${manifest.publisher}.${manifest.name}`;
}
