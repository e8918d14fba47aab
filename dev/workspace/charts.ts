// Sheets' embedded charts: the Charts.ChartType enum, EmbeddedChartBuilder (and the bar chart builder
// asBarChart() gives) and EmbeddedChart. A chart keeps its ranges as plain coordinates and its
// options as a flat map keyed like Google Charts options ('title', 'hAxis.title', ...), so it survives JSON.
import { a1 } from './a1';
import type { RangeRef } from './conditional';
import { Counted, Env, isDate } from './env';
import type { BookHandle, ChartData, ChartSpec } from './model';
import { FakeRange } from './range';

function names(keys: string[]): Readonly<Record<string, string>> {
  return Object.freeze(Object.fromEntries(keys.map((k) => [k, k])));
}

export const ChartType = names([
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
]);

function cloneValue(v: unknown): unknown {
  if (isDate(v)) return new Date(v.getTime());
  if (Array.isArray(v)) return v.map(cloneValue);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneValue(x)]));
  }
  return v;
}

export function cloneSpec(s: ChartSpec): ChartSpec {
  return {
    type: s.type,
    ranges: s.ranges.map((r) => ({ ...r })),
    options: Object.fromEntries(Object.entries(s.options).map(([k, v]) => [k, cloneValue(v)])),
    anchorRow: s.anchorRow,
    anchorColumn: s.anchorColumn,
    offsetX: s.offsetX,
    offsetY: s.offsetY,
    numHeaders: s.numHeaders,
    transpose: s.transpose,
    hiddenDimensionStrategy: s.hiddenDimensionStrategy,
    mergeStrategy: s.mergeStrategy,
  };
}

function newSpec(): ChartSpec {
  return {
    type: '',
    ranges: [],
    options: {},
    anchorRow: 1,
    anchorColumn: 1,
    offsetX: 0,
    offsetY: 0,
    numHeaders: -1,
    transpose: false,
    hiddenDimensionStrategy: 'IGNORE_BOTH',
    mergeStrategy: 'MERGE_COLUMNS',
  };
}

/** "Tab!A1:B5", quoting the tab name like Sheets; '#REF!' once the tab is gone. */
export function chartRangeA1(book: BookHandle, ref: RangeRef): string {
  const sheet = book.data.sheetById(ref.sheetId);
  if (!sheet) return '#REF!';
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet.name)
    ? sheet.name
    : `'${sheet.name.replace(/'/g, "''")}'`;
  return `${name}!${a1(ref.row, ref.column, ref.numRows, ref.numColumns)}`;
}

/** A chart id unused anywhere in the spreadsheet (Sheets' ids are positive 31-bit integers). */
function newChartId(book: BookHandle): number {
  const used = new Set(book.data.sheets.flatMap((s) => s.charts.map((c) => c.id)));
  let id = book.env.nextRandom() % 2147483647;
  while (id === 0 || used.has(id)) id = book.env.nextRandom() % 2147483647;
  return id;
}

export class FakeCharts extends Counted {
  readonly ChartType = ChartType;
  constructor(env: Env) {
    super(env, 'Charts', null);
  }
}

export class FakeEmbeddedChart extends Counted {
  constructor(
    readonly book: BookHandle,
    readonly spec: ChartSpec,
    /** Null until Sheet.insertChart gives the chart its id. */
    public id: number | null,
  ) {
    super(book.env, 'SpreadsheetApp', 'EmbeddedChart');
  }
}

function whole(env: Env, n: unknown, name: string, min: number): number {
  if (typeof n !== 'number' || !Number.isFinite(n) || Math.floor(n) < min)
    env.fail(`Invalid argument: ${name}`);
  return Math.floor(n);
}

/**
 * EmbeddedChartBuilder. The as*Chart() builders share this builder's chart, so chained calls in any order
 * all land on the chart that build() makes.
 */
export class FakeEmbeddedChartBuilder extends Counted {
  constructor(
    protected readonly book: BookHandle,
    protected readonly spec: ChartSpec,
    protected readonly chartId: number | null,
    typeName = 'EmbeddedChartBuilder',
  ) {
    super(book.env, 'SpreadsheetApp', typeName);
  }

  /** Uncounted: a new builder for a chart on a tab of `book` (Sheet.newChart). */
  static create(book: BookHandle): FakeEmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(book, newSpec(), null);
  }

  protected option(method: string, key: string, value: unknown): this {
    this.rec(method);
    this.spec.options[key] = cloneValue(value);
    return this;
  }

  private ref(range: unknown, method: string): RangeRef {
    if (!(range instanceof FakeRange)) {
      return this.env.fail(
        `The parameters (${typeof range}) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.${method}.`,
      );
    }
    if (range.sheet.book !== this.book || !this.book.data.sheets.includes(range.sheet.data)) {
      this.env.fail('Invalid argument: range. A chart can only show ranges of its own spreadsheet.');
    }
    return this.book.toRef(range);
  }

  private as<B>(method: string, type: string, make: () => B): B {
    this.rec(method);
    this.spec.type = type;
    return make();
  }

  addRange(range: unknown): this {
    this.rec('addRange');
    this.spec.ranges.push(this.ref(range, 'addRange'));
    return this;
  }
  setChartType(type: unknown): this {
    this.rec('setChartType');
    const t = String(type);
    if (!Object.prototype.hasOwnProperty.call(ChartType, t)) this.env.fail('Invalid argument: type');
    this.spec.type = t;
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.rec('setPosition');
    this.spec.anchorRow = whole(this.env, anchorRowPos, 'anchorRowPos', 1);
    this.spec.anchorColumn = whole(this.env, anchorColPos, 'anchorColPos', 1);
    this.spec.offsetX = whole(this.env, offsetX, 'offsetX', 0);
    this.spec.offsetY = whole(this.env, offsetY, 'offsetY', 0);
    return this;
  }
  setOption(option: string, value: unknown): this {
    return this.option('setOption', String(option), value);
  }
  setNumHeaders(headers: number): this {
    this.rec('setNumHeaders');
    this.spec.numHeaders = whole(this.env, headers, 'headers', -1);
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): this {
    this.rec('setTransposeRowsAndColumns');
    this.spec.transpose = Boolean(transpose);
    return this;
  }
  asBarChart(): FakeEmbeddedAxisChartBuilder {
    return this.as('asBarChart', 'BAR', () => this.axis('EmbeddedBarChartBuilder'));
  }
  private axis(typeName: string): FakeEmbeddedAxisChartBuilder {
    return new FakeEmbeddedAxisChartBuilder(this.book, this.spec, this.chartId, typeName);
  }
  /** A chart of what was set so far; a chart type must have been set. */
  build(): FakeEmbeddedChart {
    this.rec('build');
    if (!this.spec.type) this.env.fail('Invalid argument: the chart has no chart type (use setChartType).');
    return new FakeEmbeddedChart(this.book, cloneSpec(this.spec), this.chartId);
  }
}

/** Area, bar, column, line and scatter builders: titles, axes, value range, legend. */
export class FakeEmbeddedAxisChartBuilder extends FakeEmbeddedChartBuilder {
  setTitle(chartTitle: string): this {
    return this.option('setTitle', 'title', String(chartTitle));
  }
}

/** Sheet.insertChart / updateChart / removeChart on the tab's stored charts. */
export function insertChart(book: BookHandle, charts: ChartData[], chart: FakeEmbeddedChart): void {
  const id = newChartId(book);
  charts.push({ ...cloneSpec(chart.spec), id });
  chart.id = id;
}

export interface InspectedChart {
  type: string;
  title: string;
  ranges: string[];
  anchorRow: number;
  anchorColumn: number;
  /** Header rows (or columns, transposed) of the ranges; -1: Sheets decides. */
  numHeaders: number;
  /** setTransposeRowsAndColumns(true): each row of the range is a series. */
  transpose: boolean;
  /** The 'isStacked' option. */
  stacked: boolean;
  /** The value axis's end when the chart sets one ('hAxis.viewWindow.max' or 'vAxis.viewWindow.max'). */
  axisMax?: number;
}

/** Not counted: what inspect() shows of a tab's charts. */
export function inspectCharts(book: BookHandle, charts: ChartData[]): InspectedChart[] {
  return charts.map((c) => ({
    type: c.type,
    title: typeof c.options.title === 'string' ? c.options.title : '',
    ranges: c.ranges.map((r) => chartRangeA1(book, r)),
    anchorRow: c.anchorRow,
    anchorColumn: c.anchorColumn,
    numHeaders: c.numHeaders,
    transpose: c.transpose,
    stacked: c.options.isStacked === true,
    ...axisMax(c.options),
  }));
}

function axisMax(options: Record<string, unknown>): { axisMax?: number } {
  const max = options['hAxis.viewWindow.max'] ?? options['vAxis.viewWindow.max'];
  return typeof max === 'number' && Number.isFinite(max) ? { axisMax: max } : {};
}
