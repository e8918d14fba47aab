// Sheets' embedded charts: the Charts.ChartType enum, EmbeddedChartBuilder (and the bar chart builder
// asBarChart() gives) and EmbeddedChart. A chart keeps its ranges as plain coordinates and its
// options as a flat map keyed like Google Charts options ('title', 'hAxis.title', ...), so it survives JSON.
import { a1 } from './a1';
import type { RangeRef } from './conditional';
import { Counted, Env, isDate } from './env';
import type { BookHandle, ChartData, ChartSpec } from './model';
import { FakeRange } from './range';
import { encodePng, type Rgb } from './png';
import { FakeBlob } from './utilities';

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
  /**
   * spreadsheet/embedded-chart#getAs(String): the chart as an image. The page lets 'application/pdf' and
   * the image types through; the fake draws PNG only and refuses the rest (harsher, never friendlier).
   */
  getAs(contentType: string): FakeBlob {
    this.rec('getAs');
    if (String(contentType) !== 'image/png')
      return this.env.fail(`Invalid argument: contentType (the in-memory chart draws image/png only)`);
    const title = typeof this.spec.options.title === 'string' ? this.spec.options.title : '';
    // Sheets names the file after the chart (not documented: the fake's choice); ".png" as getAs adds it.
    return new FakeBlob(this.env, chartPng(this.book, this.spec), 'image/png', `${title || 'Chart'}.png`);
  }
}

/** Sheets' default size of a new embedded chart, in pixels (observed: 600 × 371). */
export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 371;
const BLUE: Rgb = [0x42, 0x85, 0xf4];
const WHITE: Rgb = [255, 255, 255];
const GREY: Rgb = [0xda, 0xdc, 0xe0];

/** The numbers in a chart's ranges, row by row (uncounted). */
function chartNumbers(book: BookHandle, spec: ChartSpec): number[] {
  const out: number[] = [];
  for (const r of spec.ranges) {
    const sheet = book.data.sheetById(r.sheetId);
    for (let i = 0; i < r.numRows; i++)
      for (let j = 0; j < r.numColumns; j++) {
        const v = sheet?.cell(r.row + i, r.column + j)?.v;
        if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
      }
  }
  return out;
}

/**
 * The chart drawn simply, as a real PNG of Sheets' default size: a grey frame and one bar per number in
 * its ranges (horizontal for a bar chart, vertical otherwise), scaled to the value axis' end when set.
 */
export function chartPng(book: BookHandle, spec: ChartSpec): Buffer {
  const values = chartNumbers(book, spec);
  const axis = spec.options['hAxis.viewWindow.max'] ?? spec.options['vAxis.viewWindow.max'];
  const max = Math.max(typeof axis === 'number' ? axis : 0, ...values, 0) || 1;
  const n = Math.max(values.length, 1);
  const across = spec.type === 'BAR';
  const pad = 24;
  const span = (across ? CHART_HEIGHT : CHART_WIDTH) - 2 * pad;
  const slot = span / n;
  const length = (across ? CHART_WIDTH : CHART_HEIGHT) - 2 * pad;
  return encodePng(CHART_WIDTH, CHART_HEIGHT, (x, y) => {
    if (x === 0 || y === 0 || x === CHART_WIDTH - 1 || y === CHART_HEIGHT - 1) return GREY;
    const along = across ? y - pad : x - pad;
    const into = across ? x - pad : CHART_HEIGHT - pad - y;
    const k = Math.floor(along / slot);
    if (along < 0 || k >= values.length || along - k * slot > slot * 0.7) return WHITE;
    return into >= 0 && into < (Math.max(values[k], 0) / max) * length ? BLUE : WHITE;
  });
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
