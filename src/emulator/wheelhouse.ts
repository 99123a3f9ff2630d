// The local package index sessions install from (no network here): small pure-python wheels the
// emulator writes itself with python3's zipfile, including a pair that really conflicts in pip, and the
// stand-in `promptflow` package that flows import (python/promptflow, what the executor relies on, §36).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PYTHON_DIR } from './flowRun';
import { run } from './processes';

export interface DemoPackage {
  name: string;
  version: string;
  requires?: string[];
  summary: string;
  /** Python source of the package module (the sample flows import these functions). */
  code?: string;
  /** A folder of python/ whose files the wheel carries, in place of a one-module package. */
  standIn?: string;
}

/** Every file under a folder, by its path relative to `base`, without Python's caches. */
function filesUnder(dir: string, base: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name === '__pycache__' || name.endsWith('.pyc')) continue;
    if (statSync(p).isDirectory()) Object.assign(out, filesUnder(p, base));
    else out[relative(base, p).split('\\').join('/')] = readFileSync(p, 'utf8');
  }
  return out;
}

const TEXT_CODE = [
  'import html, re',
  'def strip_html(text):',
  '    return html.unescape(re.sub(r"<[^>]+>", " ", text or "")).strip()',
  'def normalize(text):',
  '    return " ".join((text or "").split())',
].join('\n');
const UTILS_CODE = [
  'from pf_demo_text import normalize',
  'def first_words(text, count=30):',
  '    return " ".join(normalize(text).split(" ")[:count])',
  'def title_case(text):',
  '    return normalize(text).title()',
].join('\n');

/** `pf-demo-utils` needs `pf-demo-text<1.1`, so asking for `pf-demo-text==1.1.0` as well fails to resolve. */
export const DEMO_PACKAGES: DemoPackage[] = [
  { name: 'pf-demo-text', version: '1.0.0', summary: 'Text helpers for demo flows', code: TEXT_CODE },
  { name: 'pf-demo-text', version: '1.1.0', summary: 'Text helpers for demo flows', code: TEXT_CODE },
  {
    name: 'pf-demo-utils',
    version: '1.0.0',
    requires: ['pf-demo-text<1.1'],
    summary: 'Utilities built on pf-demo-text 1.0',
    code: UTILS_CODE,
  },
  { name: 'pf-private-lib', version: '2.0.0', summary: 'Stands in for a package from a private Azure DevOps feed' },
  // Stand-ins for what the prompt flow base image carries (S8: do not pin these in requirements).
  { name: 'promptflow-core', version: '1.17.2', summary: 'Prompt flow core (local stand-in)' },
  { name: 'promptflow-devkit', version: '1.17.2', requires: ['promptflow-core==1.17.2'], summary: 'Prompt flow devkit (local stand-in)' },
  {
    name: 'promptflow',
    version: '1.17.2',
    requires: ['promptflow-devkit==1.17.2'],
    summary: 'Prompt flow (local stand-in)',
    standIn: 'promptflow',
  },
  { name: 'promptflow-tools', version: '1.6.0', requires: ['promptflow-core>=1.17'], summary: 'Prompt flow tools (local stand-in)' },
];

export const BASE_IMAGE_PACKAGES = ['promptflow==1.17.2', 'promptflow-tools==1.6.0'];

// Writes one wheel per spec: module, METADATA, WHEEL and a RECORD with real hashes, as pip expects.
const BUILDER = `
import base64, hashlib, json, sys, zipfile
specs = json.loads(sys.argv[2])
for s in specs:
    dist = s["name"].replace("-", "_")
    di = f"{dist}-{s['version']}.dist-info"
    files = dict(s.get("files") or {
        f"{dist}/__init__.py": f'"""{s["summary"]}"""\\n__version__ = "{s["version"]}"\\n' + s.get("code", "") + "\\n",
    })
    files.update({
        f"{di}/METADATA": "Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\nSummary: %s\\n%s" % (
            s["name"], s["version"], s["summary"], "".join("Requires-Dist: %s\\n" % r for r in s.get("requires", []))),
        f"{di}/WHEEL": "Wheel-Version: 1.0\\nGenerator: azureml-emulator\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
        f"{di}/top_level.txt": dist + "\\n",
    })
    record = []
    for path, text in files.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{di}/RECORD,,")
    files[f"{di}/RECORD"] = "\\n".join(record) + "\\n"
    with zipfile.ZipFile(f"{sys.argv[1]}/{dist}-{s['version']}-py3-none-any.whl", "w", zipfile.ZIP_DEFLATED) as z:
        for path, text in files.items():
            z.writestr(path, text)
`;

/** Builds the wheelhouse once under `root`; concurrent builders race safely through a rename. */
export async function ensureWheelhouse(root: string, python: string): Promise<string> {
  // Named after what it holds, so a changed stand-in package is built anew (and base images keyed on it).
  const specs = DEMO_PACKAGES.map(({ standIn, ...p }) =>
    standIn ? { ...p, files: filesUnder(join(PYTHON_DIR, standIn), PYTHON_DIR) } : p,
  );
  const dir = join(root, `wheelhouse-${createHash('sha256').update(JSON.stringify(specs)).digest('hex').slice(0, 12)}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  mkdirSync(root, { recursive: true });
  const tmp = `${dir}.${process.pid}.${Date.now()}.tmp`;
  mkdirSync(tmp, { recursive: true });
  const r = await run(python, ['-c', BUILDER, tmp, JSON.stringify(specs)]);
  if (r.exitCode !== 0) throw new Error(`building the local wheelhouse failed: ${r.stdErr}`);
  writeFileSync(join(tmp, '.complete'), new Date().toISOString());
  try {
    renameSync(tmp, dir);
  } catch {
    // Another emulator finished first; its copy is identical.
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}
