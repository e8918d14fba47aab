// Sheets' embedded charts: the Charts enums, EmbeddedChartBuilder (and its typed as*Chart() builders),
// EmbeddedChart, ContainerInfo and ChartOptions. A chart keeps its ranges as plain coordinates and its
// options as a flat map keyed like Google Charts options ('title', 'hAxis.title', ...), so it survives JSON.
import { a1 } from './a1';
import type { Book } from './book';
import type { RangeRef } from './conditional';
import { Counted, Env, isDate } from './env';
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
export const Position = names(['TOP', 'RIGHT', 'BOTTOM', 'NONE']);
export const ChartHiddenDimensionStrategy = names([
  'IGNORE_BOTH',
  'IGNORE_ROWS',
  'IGNORE_COLUMNS',
  'SHOW_BOTH',
]);
export const ChartMergeStrategy = names(['MERGE_COLUMNS', 'MERGE_ROWS']);

/** Everything a chart is, apart from its id. */
export interface ChartSpec {
  type: string;
  ranges: RangeRef[];
  /** Google Charts options by dotted key; values as the script passed them. */
  options: Record<string, unknown>;
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
  /** -1: Sheets decides. */
  numHeaders: number;
  transpose: boolean;
  hiddenDimensionStrategy: string;
  mergeStrategy: string;
}

/** A chart on a tab (SheetData.charts). */
export interface ChartData extends ChartSpec {
  id: number;
}

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

export function cloneChart(c: ChartData): ChartData {
  return { ...cloneSpec(c), id: c.id };
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
export function chartRangeA1(book: Book, ref: RangeRef): string {
  const sheet = book.data.sheetById(ref.sheetId);
  if (!sheet) return '#REF!';
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet.name)
    ? sheet.name
    : `'${sheet.name.replace(/'/g, "''")}'`;
  return `${name}!${a1(ref.row, ref.column, ref.numRows, ref.numColumns)}`;
}

/** A chart id unused anywhere in the spreadsheet (Sheets' ids are positive 31-bit integers). */
function newChartId(book: Book): number {
  const used = new Set(book.data.sheets.flatMap((s) => s.charts.map((c) => c.id)));
  let id = book.env.nextRandom() % 2147483647;
  while (id === 0 || used.has(id)) id = book.env.nextRandom() % 2147483647;
  return id;
}

function rangesOf(book: Book, spec: ChartSpec): FakeRange[] {
  return spec.ranges
    .filter((r) => book.data.sheetById(r.sheetId) !== undefined)
    .map((r) => book.resolver.toRange(r));
}

export class FakeCharts extends Counted {
  readonly ChartType = ChartType;
  readonly Position = Position;
  readonly ChartHiddenDimensionStrategy = ChartHiddenDimensionStrategy;
  readonly ChartMergeStrategy = ChartMergeStrategy;
  constructor(env: Env) {
    super(env, 'Charts', null);
  }
}

export class FakeChartOptions extends Counted {
  constructor(
    env: Env,
    private readonly options: Record<string, unknown>,
  ) {
    super(env, 'SpreadsheetApp', 'ChartOptions');
  }
  /** The option's value, or null when it was never set. */
  get(option: string): unknown {
    this.rec('get');
    const v = this.options[String(option)];
    if (v === undefined) return null;
    return isDate(v) ? this.env.date(v.getTime()) : cloneValue(v);
  }
}

export class FakeContainerInfo extends Counted {
  constructor(
    env: Env,
    private readonly spec: ChartSpec,
  ) {
    super(env, 'SpreadsheetApp', 'ContainerInfo');
  }
  getAnchorRow(): number {
    this.rec('getAnchorRow');
    return this.spec.anchorRow;
  }
  getAnchorColumn(): number {
    this.rec('getAnchorColumn');
    return this.spec.anchorColumn;
  }
  getOffsetX(): number {
    this.rec('getOffsetX');
    return this.spec.offsetX;
  }
  getOffsetY(): number {
    this.rec('getOffsetY');
    return this.spec.offsetY;
  }
}

export class FakeEmbeddedChart extends Counted {
  constructor(
    readonly book: Book,
    readonly spec: ChartSpec,
    /** Null until Sheet.insertChart gives the chart its id. */
    public id: number | null,
  ) {
    super(book.env, 'SpreadsheetApp', 'EmbeddedChart');
  }
  getChartId(): number | null {
    this.rec('getChartId');
    return this.id;
  }
  getRanges(): FakeRange[] {
    this.rec('getRanges');
    return rangesOf(this.book, this.spec);
  }
  getOptions(): FakeChartOptions {
    this.rec('getOptions');
    return new FakeChartOptions(this.env, cloneSpec(this.spec).options);
  }
  getContainerInfo(): FakeContainerInfo {
    this.rec('getContainerInfo');
    return new FakeContainerInfo(this.env, cloneSpec(this.spec));
  }
  getNumHeaders(): number {
    this.rec('getNumHeaders');
    return this.spec.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    this.rec('getTransposeRowsAndColumns');
    return this.spec.transpose;
  }
  getHiddenDimensionStrategy(): string {
    this.rec('getHiddenDimensionStrategy');
    return this.spec.hiddenDimensionStrategy;
  }
  getMergeStrategy(): string {
    this.rec('getMergeStrategy');
    return this.spec.mergeStrategy;
  }
  /**
   * spreadsheet/embedded-chart#getAs(String): the chart as an image. The page lets 'application/pdf' and
   * the image types through; the fake draws PNG only and refuses the rest (harsher, never friendlier).
   */
  getAs(contentType: string): FakeBlob {
    this.rec('getAs');
    if (String(contentType) !== 'image/png')
      return this.env.fail(`Invalid argument: contentType (the in-memory chart draws image/png only)`);
    return this.image();
  }
  /** spreadsheet/embedded-chart#getBlob(): the chart as a PNG image. */
  getBlob(): FakeBlob {
    this.rec('getBlob');
    return this.image();
  }
  private image(): FakeBlob {
    const title = typeof this.spec.options.title === 'string' ? this.spec.options.title : '';
    // Sheets names the file after the chart (not documented: the fake's choice); ".png" as getAs adds it.
    return new FakeBlob(this.env, chartPng(this.book, this.spec), 'image/png', `${title || 'Chart'}.png`);
  }
  /** A builder holding a copy of this chart; build() then Sheet.updateChart(chart) saves the changes. */
  modify(): FakeEmbeddedChartBuilder {
    this.rec('modify');
    return new FakeEmbeddedChartBuilder(this.book, cloneSpec(this.spec), this.id);
  }
}

/** Sheets' default size of a new embedded chart, in pixels (observed: 600 × 371). */
export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 371;
const BLUE: Rgb = [0x42, 0x85, 0xf4];
const WHITE: Rgb = [255, 255, 255];
const GREY: Rgb = [0xda, 0xdc, 0xe0];

/** The numbers in a chart's ranges, row by row (uncounted). */
function chartNumbers(book: Book, spec: ChartSpec): number[] {
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
export function chartPng(book: Book, spec: ChartSpec): Buffer {
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
    protected readonly book: Book,
    protected readonly spec: ChartSpec,
    protected readonly chartId: number | null,
    typeName = 'EmbeddedChartBuilder',
  ) {
    super(book.env, 'SpreadsheetApp', typeName);
  }

  /** Uncounted: a new builder for a chart on a tab of `book` (Sheet.newChart). */
  static create(book: Book): FakeEmbeddedChartBuilder {
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
    return this.book.resolver.toRef(range);
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
  removeRange(range: unknown): this {
    this.rec('removeRange');
    const r = this.ref(range, 'removeRange');
    this.spec.ranges = this.spec.ranges.filter(
      (x) =>
        x.sheetId !== r.sheetId ||
        x.row !== r.row ||
        x.column !== r.column ||
        x.numRows !== r.numRows ||
        x.numColumns !== r.numColumns,
    );
    return this;
  }
  clearRanges(): this {
    this.rec('clearRanges');
    this.spec.ranges = [];
    return this;
  }
  getRanges(): FakeRange[] {
    this.rec('getRanges');
    return rangesOf(this.book, this.spec);
  }
  setChartType(type: unknown): this {
    this.rec('setChartType');
    const t = String(type);
    if (!Object.prototype.hasOwnProperty.call(ChartType, t)) this.env.fail('Invalid argument: type');
    this.spec.type = t;
    return this;
  }
  /** '' until a type is set. */
  getChartType(): string {
    this.rec('getChartType');
    return this.spec.type;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.rec('setPosition');
    this.spec.anchorRow = whole(this.env, anchorRowPos, 'anchorRowPos', 1);
    this.spec.anchorColumn = whole(this.env, anchorColPos, 'anchorColPos', 1);
    this.spec.offsetX = whole(this.env, offsetX, 'offsetX', 0);
    this.spec.offsetY = whole(this.env, offsetY, 'offsetY', 0);
    return this;
  }
  getContainer(): FakeContainerInfo {
    this.rec('getContainer');
    return new FakeContainerInfo(this.env, cloneSpec(this.spec));
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
  setHiddenDimensionStrategy(strategy: unknown): this {
    this.rec('setHiddenDimensionStrategy');
    const s = String(strategy);
    if (!Object.prototype.hasOwnProperty.call(ChartHiddenDimensionStrategy, s))
      this.env.fail('Invalid argument: strategy');
    this.spec.hiddenDimensionStrategy = s;
    return this;
  }
  setMergeStrategy(mergeStrategy: unknown): this {
    this.rec('setMergeStrategy');
    const s = String(mergeStrategy);
    if (!Object.prototype.hasOwnProperty.call(ChartMergeStrategy, s))
      this.env.fail('Invalid argument: mergeStrategy');
    this.spec.mergeStrategy = s;
    return this;
  }
  asAreaChart(): FakeEmbeddedAxisChartBuilder {
    return this.as('asAreaChart', 'AREA', () => this.axis('EmbeddedAreaChartBuilder'));
  }
  asBarChart(): FakeEmbeddedAxisChartBuilder {
    return this.as('asBarChart', 'BAR', () => this.axis('EmbeddedBarChartBuilder'));
  }
  asColumnChart(): FakeEmbeddedAxisChartBuilder {
    return this.as('asColumnChart', 'COLUMN', () => this.axis('EmbeddedColumnChartBuilder'));
  }
  asLineChart(): FakeEmbeddedAxisChartBuilder {
    return this.as('asLineChart', 'LINE', () => this.axis('EmbeddedLineChartBuilder'));
  }
  asScatterChart(): FakeEmbeddedAxisChartBuilder {
    return this.as('asScatterChart', 'SCATTER', () => this.axis('EmbeddedScatterChartBuilder'));
  }
  asPieChart(): FakeEmbeddedPieChartBuilder {
    return this.as(
      'asPieChart',
      'PIE',
      () => new FakeEmbeddedPieChartBuilder(this.book, this.spec, this.chartId, 'EmbeddedPieChartBuilder'),
    );
  }
  asTableChart(): FakeEmbeddedChartBuilder {
    return this.as(
      'asTableChart',
      'TABLE',
      () => new FakeEmbeddedChartBuilder(this.book, this.spec, this.chartId, 'EmbeddedTableChartBuilder'),
    );
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

function legend(env: Env, position: unknown): string {
  const p = String(position);
  if (!Object.prototype.hasOwnProperty.call(Position, p)) env.fail('Invalid argument: position');
  return p.toLowerCase();
}

/** Area, bar, column, line and scatter builders: titles, axes, value range, legend. */
export class FakeEmbeddedAxisChartBuilder extends FakeEmbeddedChartBuilder {
  /** Bar charts have their values on the horizontal axis. */
  private get valueAxis(): string {
    return this.spec.type === 'BAR' ? 'hAxis' : 'vAxis';
  }
  setTitle(chartTitle: string): this {
    return this.option('setTitle', 'title', String(chartTitle));
  }
  setXAxisTitle(title: string): this {
    return this.option('setXAxisTitle', 'hAxis.title', String(title));
  }
  setYAxisTitle(title: string): this {
    return this.option('setYAxisTitle', 'vAxis.title', String(title));
  }
  /** The value axis' shown range. */
  setRange(start: number, end: number): this {
    this.rec('setRange');
    if (typeof start !== 'number' || typeof end !== 'number' || !(start < end))
      this.env.fail('Invalid argument: start, end');
    this.spec.options[`${this.valueAxis}.viewWindow.min`] = start;
    this.spec.options[`${this.valueAxis}.viewWindow.max`] = end;
    return this;
  }
  setLegendPosition(position: unknown): this {
    return this.option('setLegendPosition', 'legend.position', legend(this.env, position));
  }
  setStacked(): this {
    return this.option('setStacked', 'isStacked', true);
  }
  useLogScale(): this {
    return this.option('useLogScale', `${this.valueAxis}.logScale`, true);
  }
  setColors(cssValues: string[]): this {
    return this.option('setColors', 'colors', Array.from(cssValues, String));
  }
  setBackgroundColor(cssValue: string): this {
    return this.option('setBackgroundColor', 'backgroundColor', String(cssValue));
  }
}

export class FakeEmbeddedPieChartBuilder extends FakeEmbeddedChartBuilder {
  setTitle(chartTitle: string): this {
    return this.option('setTitle', 'title', String(chartTitle));
  }
  setLegendPosition(position: unknown): this {
    return this.option('setLegendPosition', 'legend.position', legend(this.env, position));
  }
  set3D(): this {
    return this.option('set3D', 'is3D', true);
  }
  setColors(cssValues: string[]): this {
    return this.option('setColors', 'colors', Array.from(cssValues, String));
  }
  setBackgroundColor(cssValue: string): this {
    return this.option('setBackgroundColor', 'backgroundColor', String(cssValue));
  }
}

/** Sheet.insertChart / updateChart / removeChart on the tab's stored charts. */
export function insertChart(book: Book, charts: ChartData[], chart: FakeEmbeddedChart): void {
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
export function inspectCharts(book: Book, charts: ChartData[]): InspectedChart[] {
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
