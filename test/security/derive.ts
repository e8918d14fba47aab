// Bad calls derived from one valid call: every argument and every field inside it is removed, given
// the wrong type, made too big or out of range, and every object gets a field it does not know.
import { ID } from '../../src/shared/fields';

export type Path = readonly (string | number)[];

export interface BadCall {
  /** What was done, e.g. 'argument 1.values.name: number'. */
  readonly label: string;
  /** The keys along the way, for the message check: a readable message names one of them. */
  readonly path: Path;
  readonly args: unknown[];
  /** The bad value when it is short text (an id of no row): a message may name it instead. */
  readonly value?: string;
}

export interface DeriveOptions {
  /** Paths ('0.values.focusAreas') whose removal leaves a valid call: not tried as a bad call. */
  readonly optional?: readonly string[];
  /** Paths where a value of another kind is also valid, e.g. { '0.threshold': ['null'] }. */
  readonly accepts?: Readonly<Record<string, readonly Kind[]>>;
}

export type Kind = 'null' | 'number' | 'string' | 'boolean' | 'array' | 'object' | 'deep';

export const OVERSIZED = 100_000;
export const MANY = 10_001;

function deepObject(depth: number): unknown {
  let out: unknown = { leaf: 'bottom' };
  for (let i = 0; i < depth; i++) out = { nested: out };
  return out;
}

const WRONG: readonly [Kind, unknown][] = [
  ['null', null],
  ['number', 42],
  ['string', 'not what was asked for'],
  ['boolean', true],
  ['array', ['not', 'what', 'was', 'asked', 'for']],
  ['object', { unexpected: 'object' }],
  ['deep', deepObject(200)],
];

export function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'number' || t === 'string' || t === 'boolean') return t;
  return 'object';
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A deep copy of args with the value at `path` replaced (or removed when `remove`). */
function edit(args: unknown[], path: Path, make: (old: unknown) => unknown, remove = false): unknown[] {
  const copy = structuredClone(args);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
  const last = path[path.length - 1];
  const target = parent as Record<string | number, unknown>;
  if (remove) {
    if (Array.isArray(target)) target.splice(Number(last), 1);
    else delete target[last];
  } else {
    target[last] = make(target[last]);
  }
  return copy;
}

export const pathText = (path: Path): string => path.join('.');

function label(path: Path, what: string): string {
  const [arg, ...rest] = path;
  const where = `argument ${Number(arg) + 1}${rest.map((k) => `.${k}`).join('')}`;
  return `${where}: ${what}`;
}

/** Every bad call derived from `valid`, the one valid call of a function. */
export function deriveBadCalls(valid: readonly unknown[], options: DeriveOptions = {}): BadCall[] {
  const optional = new Set(options.optional ?? []);
  const out: BadCall[] = [];
  const args = [...valid];
  if (args.length > 0) out.push({ label: 'no arguments', path: [], args: [] });
  out.push({ label: 'one extra argument', path: [], args: [...args, 'extra'] });
  // Leaving out the last arguments one by one (the first is "no arguments").
  for (let n = args.length - 1; n > 0; n--)
    out.push({ label: `only ${n} argument${n === 1 ? '' : 's'}`, path: [], args: args.slice(0, n) });

  const visit = (value: unknown, path: Path): void => {
    const accepts = new Set(options.accepts?.[pathText(path)] ?? []);
    const own = kindOf(value);
    for (const [kind, wrong] of WRONG) {
      if (kind === own || accepts.has(kind) || (kind === 'deep' && own === 'object')) continue;
      out.push({ label: label(path, kind), path, args: edit(args, path, () => wrong) });
    }
    if (typeof value === 'string') {
      out.push({
        label: label(path, `${OVERSIZED} characters`),
        path,
        args: edit(args, path, () => 'A'.repeat(OVERSIZED)),
      });
      if (ID.test(value)) {
        out.push({
          label: label(path, 'an id of no row'),
          path,
          args: edit(args, path, () => `${value[0]}-nosuchrow0`),
          value: `${value[0]}-nosuchrow0`,
        });
      }
    }
    if (typeof value === 'number') {
      for (const n of [-1, 1e9]) {
        if (n === value) continue;
        out.push({ label: label(path, `${n}`), path, args: edit(args, path, () => n) });
      }
    }
    if (Array.isArray(value)) {
      const item = value.length ? value[0] : 'x';
      out.push({
        label: label(path, `${MANY} entries`),
        path,
        args: edit(args, path, () => Array.from({ length: MANY }, () => structuredClone(item))),
      });
      if (value.length) visit(value[0], [...path, 0]);
    }
    if (isObject(value)) {
      const keys = Object.keys(value);
      for (const key of keys) {
        const at = [...path, key];
        if (!optional.has(pathText(at)))
          out.push({ label: label(at, 'removed'), path: at, args: edit(args, at, () => undefined, true) });
      }
      // An unknown field, with a value that would do for a known one.
      const sibling = keys.length ? value[keys[0]] : 'unexpected';
      out.push({
        label: label(path, 'an unknown field'),
        path: [...path, 'unexpectedField'],
        args: edit(args, path, (old) => ({
          ...(old as object),
          unexpectedField: structuredClone(sibling),
        })),
      });
      for (const key of keys) visit(value[key], [...path, key]);
    }
  };
  args.forEach((a, i) => visit(a, [i]));
  return out;
}
