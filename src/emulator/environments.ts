// Python environments behind sessions. One base environment per base image is built once with
// `python3 -m venv` (pip included) plus the image's packages; each session gets its own light venv
// (the layout `python3 -m venv --without-pip --symlinks` writes) that sees the base image's
// site-packages through a .pth file. pip then installs the session's requirements into the session
// venv only, and `pip list` shows base image + session packages, as in a real session container.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BASE_IMAGE_PACKAGES, ensureWheelhouse } from './wheelhouse';
import { run, type ProcessGroup, type RunResult } from './processes';
import type { SetupResult } from './state';

export const DEFAULT_BASE_IMAGE = 'mcr.microsoft.com/azureml/promptflow/promptflow-runtime:latest';

interface PythonInfo {
  /** Real interpreter binary (symlink target for session venvs). */
  executable: string;
  version: string;
  /** e.g. python3.11 */
  libDir: string;
}

/** pip must never read user config or reach a network: every call is offline and isolated. */
const PIP_ENV = {
  PIP_CONFIG_FILE: '/dev/null',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
  PIP_NO_INPUT: '1',
  PYTHONNOUSERSITE: '1',
  PIP_NO_CACHE_DIR: '1',
};
const PIP_INSTALL_FLAGS = ['install', '--no-index', '--progress-bar', 'off', '--no-warn-script-location'];

export class Environments {
  private python?: Promise<PythonInfo>;
  private wheelhouse?: Promise<string>;
  private readonly bases = new Map<string, Promise<string>>();
  private jinja?: Promise<string | undefined>;
  /** `pip list` output per session venv, dropped whenever pip or a rebuild changes the venv. */
  private readonly freezeCache = new Map<string, Promise<RunResult>>();
  /** The interpreter's version (`3.11.2`) once it has been asked for: what a session's image runs. */
  pythonVersion?: string;

  constructor(
    private readonly cacheDir: string,
    private readonly sessionsDir: string,
    private readonly group: ProcessGroup,
    private readonly pythonCmd = process.env.PFSESSION_EMULATOR_PYTHON ?? 'python3',
  ) {}

  wheelhouseDir(): Promise<string> {
    this.wheelhouse ??= this.info().then(() => ensureWheelhouse(this.cacheDir, this.pythonCmd));
    return this.wheelhouse;
  }

  /** The base environment for an image, built on first use and shared by every session on it. */
  baseEnv(image: string): Promise<string> {
    let p = this.bases.get(image);
    if (!p) {
      p = this.buildBase(image);
      p.catch(() => this.bases.delete(image));
      this.bases.set(image, p);
    }
    return p;
  }

  /** The data folder's root (the parent of its sessions folder): run work folders and the CA live there. */
  get dataDir(): string {
    return dirname(this.sessionsDir);
  }

  /** Children the emulator ends when it stops (flow executors join pip and python here). */
  get processes(): ProcessGroup {
    return this.group;
  }

  /** The session venv's interpreter, which runs the session's flows with its installed packages. */
  sessionPython(envDir: string): string {
    return join(this.sessionsDir, envDir, 'bin', 'python');
  }

  /** The interpreter of an image's base environment (a named runtime runs its flows there), built on first use. */
  async imagePython(image: string): Promise<string> {
    return join(await this.baseEnv(image), 'bin', 'python');
  }

  /**
   * A folder holding links to the machine's Jinja2 and MarkupSafe, for the flow executor's PYTHONPATH only:
   * session venvs do not see the machine's site-packages, and prompt and llm nodes render Jinja templates.
   * Undefined when `python3` cannot import them.
   */
  jinjaPath(): Promise<string | undefined> {
    this.jinja ??= (async () => {
      const r = await run(this.pythonCmd, [
        '-c',
        'import os,jinja2,markupsafe;print(os.path.dirname(jinja2.__file__));print(os.path.dirname(markupsafe.__file__))',
      ]);
      if (r.exitCode !== 0) return undefined;
      const [jinja2, markupsafe] = r.stdOut.trim().split('\n');
      const dir = join(this.dataDir, 'jinja');
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      symlinkSync(jinja2, join(dir, 'jinja2'));
      symlinkSync(markupsafe, join(dir, 'markupsafe'));
      return dir;
    })();
    return this.jinja;
  }

  /** Creates (or recreates) a session venv on top of its image. */
  async createSessionEnv(envDir: string, image: string): Promise<string> {
    const [info, base] = await Promise.all([this.info(), this.baseEnv(image)]);
    const dir = join(this.sessionsDir, envDir);
    this.freezeCache.delete(envDir);
    rmSync(dir, { recursive: true, force: true });
    const site = join(dir, 'lib', info.libDir, 'site-packages');
    mkdirSync(site, { recursive: true });
    mkdirSync(join(dir, 'bin'));
    for (const name of ['python', 'python3', info.libDir]) symlinkSync(info.executable, join(dir, 'bin', name));
    writeFileSync(
      join(dir, 'pyvenv.cfg'),
      `home = ${dirname(info.executable)}\ninclude-system-site-packages = false\nversion = ${info.version}\n`,
    );
    writeFileSync(join(site, '_base_image.pth'), `${join(base, 'lib', info.libDir, 'site-packages')}\n`);
    return dir;
  }

  removeSessionEnv(envDir: string): void {
    this.freezeCache.delete(envDir);
    rmSync(join(this.sessionsDir, envDir), { recursive: true, force: true });
  }

  sessionEnvExists(envDir: string): boolean {
    return existsSync(join(this.sessionsDir, envDir, 'pyvenv.cfg'));
  }

  /** `pip install -r` of the given lines into the session venv; the result is the setup result shown to users. */
  async pipInstall(envDir: string, lines: string[]): Promise<SetupResult> {
    const dir = join(this.sessionsDir, envDir);
    const req = join(dir, 'requirements.txt');
    writeFileSync(req, lines.join('\n') + '\n');
    const args = ['-m', 'pip', ...PIP_INSTALL_FLAGS, '--find-links', await this.wheelhouseDir(), '-r', req];
    this.freezeCache.delete(envDir);
    const r = await run(join(dir, 'bin', 'python'), args, { env: PIP_ENV, group: this.group });
    this.freezeCache.delete(envDir);
    return {
      command: 'pip',
      arguments: [...PIP_INSTALL_FLAGS.slice(0, 2), '-r', 'requirements.txt'],
      exitCode: r.exitCode,
      stdOut: r.stdOut,
      stdErr: r.stdErr,
    };
  }

  /** What `pip list --format=freeze` prints in the session venv. */
  pipFreeze(envDir: string): Promise<RunResult> {
    let p = this.freezeCache.get(envDir);
    if (!p) {
      p = run(join(this.sessionsDir, envDir, 'bin', 'python'), ['-m', 'pip', 'list', '--format=freeze'], {
        env: PIP_ENV,
        group: this.group,
      });
      this.freezeCache.set(envDir, p);
      void p.then((r) => {
        if (r.exitCode !== 0) this.freezeCache.delete(envDir);
      });
    }
    return p;
  }

  private info(): Promise<PythonInfo> {
    this.python ??= (async () => {
      const r = await run(this.pythonCmd, [
        '-c',
        'import os,sys;print(os.path.realpath(sys.executable));print("%d.%d.%d"%sys.version_info[:3]);print("python%d.%d"%sys.version_info[:2])',
      ]);
      if (r.exitCode !== 0) throw new Error(`python3 is needed for sessions and could not be run: ${r.stdErr.trim() || r.stdOut.trim()}`);
      const [executable, version, libDir] = r.stdOut.trim().split('\n');
      this.pythonVersion = version;
      return { executable, version, libDir };
    })();
    return this.python;
  }

  private async buildBase(image: string): Promise<string> {
    const info = await this.info();
    const wheels = await this.wheelhouseDir();
    // Keyed on the wheelhouse too: a changed stand-in package makes a new image.
    const key = createHash('sha256')
      .update(`${image}|${info.version}|${basename(wheels)}`)
      .digest('hex')
      .slice(0, 16);
    const dir = join(this.cacheDir, 'images', key);
    if (existsSync(join(dir, '.complete'))) return dir;
    mkdirSync(join(this.cacheDir, 'images'), { recursive: true });
    const tmp = `${dir}.${process.pid}.${Date.now()}.tmp`;
    // Built in a temporary folder and renamed into place, so a crash or a concurrent builder never
    // leaves a half-built image; every later call runs the interpreter through bin/python, which the
    // move does not break.
    const venv = await run(this.pythonCmd, ['-m', 'venv', tmp], { group: this.group });
    if (venv.exitCode !== 0) throw new Error(`creating the base environment for ${image} failed: ${venv.stdErr}`);
    const pip = await run(join(tmp, 'bin', 'python'), ['-m', 'pip', ...PIP_INSTALL_FLAGS, '--find-links', wheels, ...BASE_IMAGE_PACKAGES], {
      env: PIP_ENV,
      group: this.group,
    });
    if (pip.exitCode !== 0) throw new Error(`installing the base image packages for ${image} failed: ${pip.stdErr}`);
    writeFileSync(join(tmp, 'IMAGE'), `${image}\n`);
    writeFileSync(join(tmp, '.complete'), new Date().toISOString());
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
    return realpathSync(dir);
  }

  /** Session venv folders present on disk (to clean up orphans after a crash). */
  listSessionEnvs(): string[] {
    return existsSync(this.sessionsDir) ? readdirSync(this.sessionsDir) : [];
  }
}
