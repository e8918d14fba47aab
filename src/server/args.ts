// Checks the arguments a sidebar sends before anything runs: the shape, the types and the sizes.
// A bad call gets a clear message and nothing is written.
import type { FieldValue } from '../shared/records';

export class ArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgumentError';
  }
}

export type Check<T> = (value: unknown, where: string) => T;

/** A check for each argument of a function whose arguments are `A`. */
export type Checks<A extends readonly unknown[]> = { readonly [I in keyof A]: Check<A[I]> };

const fail = (where: string, what: string): never => {
  throw new ArgumentError(`${where} ${what}.`);
};

export const text =
  (max: number): Check<string> =>
  (value, where) => {
    if (typeof value !== 'string') return fail(where, 'must be text');
    if (value.length > max) return fail(where, `is too long (at most ${max} characters)`);
    return value;
  };

export const oneOf =
  <T extends string>(options: readonly T[]): Check<T> =>
  (value, where) =>
    typeof value === 'string' && (options as readonly string[]).includes(value)
      ? (value as T)
      : fail(where, `must be one of ${options.join(', ')}`);

export const integer =
  (min: number, max: number): Check<number> =>
  (value, where) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? value
      : fail(where, `must be a whole number from ${min} to ${max}`);

/** One of a list of numbers; a list of consecutive whole numbers reads as a range. */
export const numberIn = <T extends number>(options: readonly T[]): Check<T> => {
  const sorted = [...options].sort((a, b) => a - b);
  const consecutive = sorted.every((n, i) => Number.isInteger(n) && (i === 0 || n === sorted[i - 1] + 1));
  const what = consecutive
    ? `must be a whole number from ${sorted[0]} to ${sorted[sorted.length - 1]}`
    : `must be one of ${options.join(', ')}`;
  return (value, where) => options.find((option) => option === value) ?? fail(where, what);
};

export const bool: Check<boolean> = (value, where) =>
  typeof value === 'boolean' ? value : fail(where, 'must be true or false');

/** Text of at most `max` characters that passes `test`: `what` says what it must be. */
export const pattern =
  (test: (text: string) => boolean, what: string, max = 40): Check<string> =>
  (value, where) => {
    const t = text(max)(value, where);
    return test(t) ? t : fail(where, `must be ${what}`);
  };

export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (value, where) =>
    value === undefined ? undefined : check(value, where);

function plainObject(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return fail(where, 'must be an object');
  return value as Record<string, unknown>;
}

export const dict =
  <T>(check: Check<T>, maxKeys: number): Check<Record<string, T>> =>
  (value, where) => {
    const object = plainObject(value, where);
    const keys = Object.keys(object);
    if (keys.length > maxKeys) return fail(where, `has too many entries (at most ${maxKeys})`);
    const out: Record<string, T> = {};
    for (const key of keys) {
      if (key.length > 200) fail(where, 'has a key that is too long');
      out[key] = check(object[key], `${where}.${key}`);
    }
    return out;
  };

/** An object with exactly these fields: a missing required one or an unexpected extra one is refused. */
export const shape =
  <T>(fields: { [K in keyof T]-?: Check<T[K]> }): Check<T> =>
  (value, where) => {
    const object = plainObject(value, where);
    for (const key of Object.keys(object)) {
      if (!(key in fields)) fail(where, `has an unexpected field "${key.slice(0, 40)}"`);
    }
    const out: Partial<T> = {};
    for (const key of Object.keys(fields) as (keyof T)[]) {
      const v = fields[key](object[key as string], `${where}.${String(key)}`);
      if (v !== undefined) out[key] = v;
    }
    return out as T;
  };

export const list =
  <T>(check: Check<T>, max: number): Check<T[]> =>
  (value, where) => {
    if (!Array.isArray(value)) return fail(where, 'must be a list');
    if (value.length > max) return fail(where, `has too many entries (at most ${max})`);
    return value.map((v, i) => check(v, `${where}[${i}]`));
  };

/** A field value as the sidebar sends it: text, yes/no, or a short list of choices. */
export const fieldValue: Check<FieldValue> = (value, where) => {
  if (typeof value === 'boolean') return value;
  // Up to a cell's limit: the field's own, shorter limit is checked with a message beside the field.
  if (typeof value === 'string') return text(50000)(value, where);
  if (Array.isArray(value)) {
    if (value.length > 1000) return fail(where, 'has too many entries');
    return value.map((v, i) => text(200)(v, `${where}[${i}]`));
  }
  return fail(where, 'must be text, yes/no or a list');
};

/** Checks a whole call: the number of arguments and each one. */
export function checkArgs<A extends readonly unknown[]>(
  name: string,
  given: readonly unknown[],
  checks: Checks<A>,
): A {
  const each: readonly Check<unknown>[] = checks;
  if (given.length > each.length) {
    throw new ArgumentError(
      `${name} takes ${each.length} argument${each.length === 1 ? '' : 's'}, not ${given.length}.`,
    );
  }
  // Each value is what its check returned: the I-th of A.
  return each.map((check, i) => check(given[i], `${name}: argument ${i + 1}`)) as unknown as A;
}
