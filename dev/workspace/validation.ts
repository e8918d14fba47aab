// Data validation: SpreadsheetApp.newDataValidation() builder, the immutable rule, and the check Sheets
// applies to a write when the rule does not allow invalid data.
import { Counted, Env, isDate } from './env';
import type { CellValue } from './values';

export const DataValidationCriteria = Object.freeze(
  Object.fromEntries(
    [
      'CHECKBOX',
      'CUSTOM_FORMULA',
      'DATE_AFTER',
      'DATE_BEFORE',
      'DATE_BETWEEN',
      'DATE_EQUAL_TO',
      'DATE_IS_VALID_DATE',
      'DATE_NOT_BETWEEN',
      'DATE_ON_OR_AFTER',
      'DATE_ON_OR_BEFORE',
      'NUMBER_BETWEEN',
      'NUMBER_EQUAL_TO',
      'NUMBER_GREATER_THAN',
      'NUMBER_GREATER_THAN_OR_EQUAL_TO',
      'NUMBER_LESS_THAN',
      'NUMBER_LESS_THAN_OR_EQUAL_TO',
      'NUMBER_NOT_BETWEEN',
      'NUMBER_NOT_EQUAL_TO',
      'TEXT_CONTAINS',
      'TEXT_DOES_NOT_CONTAIN',
      'TEXT_EQUAL_TO',
      'TEXT_IS_VALID_EMAIL',
      'TEXT_IS_VALID_URL',
      'VALUE_IN_LIST',
      'VALUE_IN_RANGE',
    ].map((k) => [k, k]),
  ) as Record<string, string>,
);

/** The stored, plain form of a rule (also its JSON form, with Dates encoded by the state codec). */
export interface ValidationData {
  type: string;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

function copyValues(values: unknown[]): unknown[] {
  return values.map((v) => (Array.isArray(v) ? [...v] : isDate(v) ? new Date(v.getTime()) : v));
}

export class FakeDataValidation extends Counted {
  constructor(
    env: Env,
    readonly data: ValidationData,
  ) {
    super(env, 'SpreadsheetApp', 'DataValidation');
  }
}

export class FakeDataValidationBuilder extends Counted {
  private data: ValidationData;
  constructor(env: Env, data?: ValidationData) {
    super(env, 'SpreadsheetApp', 'DataValidationBuilder');
    this.data = data ?? { type: '', values: [], allowInvalid: true, helpText: '' };
  }
  private set(method: string, type: string, values: unknown[]): this {
    this.rec(method);
    this.data = { ...this.data, type, values };
    return this;
  }
  requireValueInList(values: unknown, showDropdown?: boolean): this {
    if (!Array.isArray(values))
      this.env.fail(
        "The parameters don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.",
      );
    return this.set('requireValueInList', 'VALUE_IN_LIST', [values.map(String), showDropdown ?? true]);
  }
  requireDate(): this {
    return this.set('requireDate', 'DATE_IS_VALID_DATE', []);
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown): this {
    const values = checked === undefined ? [] : unchecked === undefined ? [checked] : [checked, unchecked];
    return this.set('requireCheckbox', 'CHECKBOX', values);
  }
  requireTextIsEmail(): this {
    return this.set('requireTextIsEmail', 'TEXT_IS_VALID_EMAIL', []);
  }
  setAllowInvalid(allowInvalid: boolean): this {
    this.rec('setAllowInvalid');
    this.data = { ...this.data, allowInvalid: Boolean(allowInvalid) };
    return this;
  }
  setHelpText(helpText: string): this {
    this.rec('setHelpText');
    this.data = { ...this.data, helpText: String(helpText) };
    return this;
  }
  build(): FakeDataValidation {
    this.rec('build');
    if (!this.data.type) this.env.fail('You must specify criteria for the data validation rule.');
    return new FakeDataValidation(this.env, { ...this.data, values: copyValues(this.data.values) });
  }
}

/** Reads a rule passed in by the add-on (ours, possibly through a vm realm), or null to clear. */
export function ruleData(rule: unknown, env: Env): ValidationData | null {
  if (rule === null || rule === undefined) return null;
  if (rule instanceof FakeDataValidation) return rule.data;
  return env.fail(
    "The parameters (Object) don't match the method signature for SpreadsheetApp.Range.setDataValidation.",
  );
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^(https?:\/\/|ftp:\/\/|www\.)\S+\.\S+$/i;

function asText(v: CellValue): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return isDate(v) ? v.toISOString() : String(v);
}

/** Whether a value satisfies a rule; rules we cannot evaluate (formulas, ranges) always pass. */
export function satisfies(rule: ValidationData, v: CellValue): boolean {
  if (v === '') return true;
  const [a, b] = rule.values;
  const num = typeof v === 'number' ? v : NaN;
  const time = isDate(v) ? v.getTime() : NaN;
  const t = (x: unknown): number => (isDate(x) ? x.getTime() : NaN);
  switch (rule.type) {
    case 'VALUE_IN_LIST':
      return Array.isArray(a) && a.map(String).includes(asText(v));
    case 'DATE_IS_VALID_DATE':
      return isDate(v);
    case 'DATE_BEFORE':
      return time < t(a);
    case 'DATE_AFTER':
      return time > t(a);
    case 'DATE_ON_OR_BEFORE':
      return time <= t(a);
    case 'DATE_ON_OR_AFTER':
      return time >= t(a);
    case 'DATE_BETWEEN':
      return time >= t(a) && time <= t(b);
    case 'CHECKBOX':
      return rule.values.length === 0 ? typeof v === 'boolean' : rule.values.some((x) => x === v);
    case 'TEXT_IS_VALID_EMAIL':
      return typeof v === 'string' && EMAIL_RE.test(v);
    case 'TEXT_IS_VALID_URL':
      return typeof v === 'string' && URL_RE.test(v);
    case 'TEXT_CONTAINS':
      return asText(v).includes(String(a));
    case 'TEXT_DOES_NOT_CONTAIN':
      return !asText(v).includes(String(a));
    case 'TEXT_EQUAL_TO':
      return asText(v) === String(a);
    case 'NUMBER_BETWEEN':
      return num >= Number(a) && num <= Number(b);
    case 'NUMBER_NOT_BETWEEN':
      return num < Number(a) || num > Number(b);
    case 'NUMBER_EQUAL_TO':
      return num === Number(a);
    case 'NUMBER_NOT_EQUAL_TO':
      return typeof v === 'number' && num !== Number(a);
    case 'NUMBER_GREATER_THAN':
      return num > Number(a);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return num >= Number(a);
    case 'NUMBER_LESS_THAN':
      return num < Number(a);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return num <= Number(a);
    default:
      return true;
  }
}
