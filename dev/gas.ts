// The built add-on loaded the way Apps Script loads it: build/Code.js run in one global scope (a
// node:vm context) whose globals are the in-memory Workspace's services.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import vm from 'node:vm';
import { createWorkspace, type Workspace, type WorkspaceOptions } from './workspace';
import { manifestScopes } from './workspace/scopes';

/**
 * build/, or PH_BUILD_DIR when set (as dev/build.mjs reads it): the tests' own build under build-test/,
 * which their globalSetup (dev/jest-build.cjs) makes and names there.
 */
export const BUILD_DIR = path.resolve(process.cwd(), process.env.PH_BUILD_DIR ?? 'build');

export type RunOutcome = { ok: true; value: unknown } | { ok: false; message: string };

export interface AddOn {
  readonly workspace: Workspace;
  readonly context: vm.Context;
  /** Calls a top-level function as a menu item or trigger would: errors are thrown. */
  call(name: string, ...args: unknown[]): unknown;
  /** Calls a function as google.script.run does: plain data in and out, errors as messages. */
  run(name: string, ...args: unknown[]): RunOutcome;
  /** The top-level functions the script defines. */
  functions(): string[];
  /** What the script wrote with console.log/info/warn/error (Apps Script's execution log). */
  readonly logs: string[];
}

/**
 * The script's console: every line kept in `logs`, and shown on the terminal (the preview, the bench)
 * unless PH_SCRIPT_LOG=0, which the tests' globalSetup sets (PH_SCRIPT_LOG=1 shows them in a test run).
 */
function scriptConsole(logs: string[]): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> {
  const show = process.env.PH_SCRIPT_LOG !== '0';
  const line =
    (level: 'log' | 'info' | 'warn' | 'error' | 'debug') =>
    (...args: unknown[]): void => {
      logs.push(format(...args));
      if (show) console[level](...args);
    };
  return {
    log: line('log'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    debug: line('debug'),
  };
}

function readBuild(file: string, dir = BUILD_DIR): string {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first.`);
  return fs.readFileSync(full, 'utf8');
}

const scripts = new Map<string, { mtime: number; script: vm.Script }>();

/** The built script compiled once per process (and again when the build changes): tests load it thousands of times. */
function compiled(file: string, dir: string): vm.Script {
  const full = path.join(dir, file);
  const mtime = fs.existsSync(full) ? fs.statSync(full).mtimeMs : 0;
  const cached = scripts.get(full);
  if (cached && cached.mtime === mtime) return cached.script;
  const script = new vm.Script(readBuild(file, dir), { filename: file });
  scripts.set(full, { mtime, script });
  return script;
}

export interface LoadOptions extends WorkspaceOptions {
  /** The built folder to load (default BUILD_DIR); the smoke test loads build-smoke/. */
  buildDir?: string;
}

export function loadAddOn(options: LoadOptions = {}): AddOn {
  const { buildDir = BUILD_DIR, ...rest } = options;
  const dir = path.resolve(buildDir);
  // The scopes of the built manifest: tests exercise what clasp would push.
  const scopes = manifestScopes(path.join(dir, 'appsscript.json'));
  const workspace = createWorkspace({ html: (name) => readBuild(`${name}.html`, dir), scopes, ...rest });
  const logs: string[] = [];
  const context = vm.createContext({
    ...workspace.globals,
    console: scriptConsole(logs),
    __workspaceNow: () => workspace.clock.now().getTime(),
  });
  // The script's clock is the workspace's: `new Date()` and `Date.now()` follow clock.advance().
  vm.runInContext(
    `(() => {
      const Real = Date;
      const now = __workspaceNow;
      class WorkspaceDate extends Real {
        constructor(...args) { if (args.length === 0) super(now()); else super(...args); }
        static now() { return now(); }
      }
      globalThis.Date = WorkspaceDate;
    })();`,
    context,
  );
  workspace.bindRealm(context);
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()) {
    compiled(file, dir).runInContext(context);
  }
  const fn = (name: string): ((...a: unknown[]) => unknown) => {
    const value: unknown = context[name];
    if (typeof value !== 'function') throw new Error(`Script function not found: ${name}`);
    return value as (...a: unknown[]) => unknown;
  };
  // Installed triggers call their top-level function with the event, as Apps Script does.
  workspace.triggers.setRunner((name, event) => {
    try {
      fn(name)(event);
    } finally {
      workspace.locks.endExecution();
    }
  });
  // Each call is one execution: whatever locks it still holds are released when it ends.
  const execution = <T>(work: () => T): T => {
    try {
      return work();
    } finally {
      workspace.locks.endExecution();
    }
  };
  return {
    workspace,
    context,
    logs,
    call: (name, ...args) => execution(() => fn(name)(...args)),
    run: (name, ...args) => execution(() => runAsClient(context, name, args)),
    functions: () =>
      Object.keys(context).filter(
        (k) => typeof context[k] === 'function' && !(k in workspace.globals) && k !== 'console',
      ),
  };
}

/**
 * google.script.run's rules: only top-level functions whose names do not end in "_"; arguments are
 * copied as plain data; a result holding a Date, a function or anything but plain data reaches the
 * page as null; a thrown error reaches the failure handler with its message.
 */
export function runAsClient(context: vm.Context, name: string, args: readonly unknown[]): RunOutcome {
  const target: unknown = context[name];
  if (typeof target !== 'function' || name.endsWith('_')) {
    return { ok: false, message: `Script function not found: ${name}` };
  }
  let copied: unknown[];
  try {
    // Plain data, rebuilt inside the script's own realm as Apps Script hands it over.
    const parse = vm.runInContext('JSON.parse', context) as (text: string) => unknown[];
    copied = parse(JSON.stringify(args.map((a) => toPlain(a, 'argument'))));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  try {
    const value = (target as (...a: unknown[]) => unknown)(...copied);
    let result: unknown;
    try {
      result = toPlain(value, 'result');
    } catch {
      result = null;
    }
    return { ok: true, value: result };
  } catch (error) {
    const message =
      error && typeof error === 'object' && 'message' in error ? String(error.message) : String(error);
    return { ok: false, message };
  }
}

/** A deep copy of plain data; throws on a Date, a function or a class instance, as Apps Script refuses them. */
export function toPlain(value: unknown, what: string): unknown {
  if (value === null || value === undefined) return value ?? null;
  const type = typeof value;
  if (type === 'string' || type === 'boolean') return value;
  if (type === 'number') return Number.isFinite(value) ? value : null;
  if (type === 'function' || type === 'symbol' || type === 'bigint')
    throw new Error(`Unsupported ${what} type: ${type}`);
  if (Array.isArray(value)) return value.map((v) => toPlain(v, what));
  const proto: unknown = Object.getPrototypeOf(value);
  const isPlain = proto === null || Object.prototype.toString.call(value) === '[object Object]';
  if (!isPlain || Object.prototype.toString.call(value) === '[object Date]')
    throw new Error(`Unsupported ${what} type: ${Object.prototype.toString.call(value)}`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    if (v !== undefined) out[k] = toPlain(v, what);
  return out;
}
