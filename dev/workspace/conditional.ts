// Conditional format rules: the builder, the rule, and its BooleanCondition. Rules keep their ranges as
// plain coordinates so they survive JSON and shift when rows or columns are inserted or deleted.
import { Counted, Env, isDate } from './env';

export const BooleanCriteria = Object.freeze(
  Object.fromEntries(
    [
      'CELL_EMPTY',
      'CELL_NOT_EMPTY',
      'CUSTOM_FORMULA',
      'DATE_AFTER',
      'DATE_AFTER_RELATIVE',
      'DATE_BEFORE',
      'DATE_BEFORE_RELATIVE',
      'DATE_EQUAL_TO',
      'DATE_EQUAL_TO_RELATIVE',
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
      'TEXT_ENDS_WITH',
      'TEXT_EQUAL_TO',
      'TEXT_NOT_EQUAL_TO',
      'TEXT_STARTS_WITH',
    ].map((k) => [k, k]),
  ) as Record<string, string>,
);

export const RelativeDate = Object.freeze({
  TODAY: 'TODAY',
  TOMORROW: 'TOMORROW',
  YESTERDAY: 'YESTERDAY',
  PAST_WEEK: 'PAST_WEEK',
  PAST_MONTH: 'PAST_MONTH',
  PAST_YEAR: 'PAST_YEAR',
});

/** A range inside one spreadsheet, 1-based. */
export interface RangeRef {
  sheetId: number;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface RuleFormat {
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  underline: boolean | null;
  strikethrough: boolean | null;
}

export interface RuleData {
  ranges: RangeRef[];
  type: string;
  values: unknown[];
  format: RuleFormat;
}

/** What a rule builder needs from the spreadsheet: a Range of it as stored coordinates. */
export interface RangeResolver {
  toRef(range: unknown): RangeRef;
}

function emptyRule(): RuleData {
  return {
    ranges: [],
    type: '',
    values: [],
    format: {
      background: null,
      fontColor: null,
      bold: null,
      italic: null,
      underline: null,
      strikethrough: null,
    },
  };
}

function cloneRule(d: RuleData): RuleData {
  return {
    ranges: d.ranges.map((r) => ({ ...r })),
    type: d.type,
    values: d.values.map((v) => (isDate(v) ? new Date(v.getTime()) : v)),
    format: { ...d.format },
  };
}

export class FakeBooleanCondition extends Counted {
  constructor(
    env: Env,
    private readonly data: RuleData,
  ) {
    super(env, 'SpreadsheetApp', 'BooleanCondition');
  }
  getCriteriaValues(): unknown[] {
    this.rec('getCriteriaValues');
    return cloneRule(this.data).values;
  }
}

export class FakeConditionalFormatRule extends Counted {
  constructor(
    env: Env,
    readonly data: RuleData,
  ) {
    super(env, 'SpreadsheetApp', 'ConditionalFormatRule');
  }
  getBooleanCondition(): FakeBooleanCondition {
    this.rec('getBooleanCondition');
    return new FakeBooleanCondition(this.env, this.data);
  }
}

export class FakeConditionalFormatRuleBuilder extends Counted {
  private data: RuleData;
  constructor(
    env: Env,
    private readonly resolver: RangeResolver,
    data?: RuleData,
  ) {
    super(env, 'SpreadsheetApp', 'ConditionalFormatRuleBuilder');
    this.data = data ?? emptyRule();
  }
  private when(method: string, type: string, values: unknown[]): this {
    this.rec(method);
    this.data.type = type;
    this.data.values = values;
    return this;
  }
  private style<K extends keyof RuleFormat>(method: string, key: K, value: RuleFormat[K]): this {
    this.rec(method);
    this.data.format[key] = value;
    return this;
  }
  whenFormulaSatisfied(formula: string): this {
    return this.when('whenFormulaSatisfied', 'CUSTOM_FORMULA', [String(formula)]);
  }
  setBackground(color: string | null): this {
    return this.style('setBackground', 'background', color);
  }
  setRanges(ranges: unknown): this {
    this.rec('setRanges');
    if (!Array.isArray(ranges))
      this.env.fail(
        "The parameters don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges.",
      );
    this.data.ranges = ranges.map((r) => this.resolver.toRef(r));
    return this;
  }
  build(): FakeConditionalFormatRule {
    this.rec('build');
    if (!this.data.type) this.env.fail('Conditional format rule must have a condition.');
    return new FakeConditionalFormatRule(this.env, cloneRule(this.data));
  }
}

export { cloneRule };

/** Moves a span [start, start+count) of 1-based positions when `n` are inserted before `at`. */
export function shiftSpanForInsert(start: number, count: number, at: number, n: number): [number, number] {
  if (start >= at) return [start + n, count];
  if (start + count - 1 >= at) return [start, count + n];
  return [start, count];
}

/** Same for deleting positions [at, at+n); returns count 0 when the whole span goes. */
export function shiftSpanForDelete(start: number, count: number, at: number, n: number): [number, number] {
  const end = start + count - 1;
  const delEnd = at + n - 1;
  const keptBefore = Math.max(0, Math.min(end, at - 1) - start + 1);
  const keptAfter = Math.max(0, end - Math.max(start, delEnd + 1) + 1);
  const newCount = keptBefore + keptAfter;
  const newStart = start < at ? start : start > delEnd ? start - n : at;
  return [newStart, newCount];
}
