// Shared pieces of the hardening suite: fast-check arbitraries for valid records and for the ways
// people mangle a partner spreadsheet by hand, a grid model to apply the mangling to, and the
// comparisons that tell a cell we meant to change from a cell we lost.
import fc from 'fast-check';
import type { AddOn, RunOutcome } from '../../dev/gas';
import type { InspectedTab } from '../../dev/workspace';
import { byHand } from '../../dev/workspace/by-hand';
import {
  CADENCES,
  FOCUS_AREAS,
  headerKey,
  PARTNER_STATUSES,
  PARTNERSHIP_TYPES,
  TABLES,
} from '../../src/shared/schema';
import type { Column, Table } from '../../src/shared/schema';
import type { FieldValue } from '../../src/shared/records';

// ---------------------------------------------------------------------------------------------
// Run settings: a fixed seed (override with HARDENING_SEED) and a run count (HARDENING_RUNS).

export function seedFromEnv(fallback: number): number {
  const raw = process.env.HARDENING_SEED;
  return raw && /^-?\d+$/.test(raw) ? Number(raw) : fallback;
}

export function runsFromEnv(fallback: number): number {
  const raw = process.env.HARDENING_RUNS;
  return raw && /^\d+$/.test(raw) ? Number(raw) : fallback;
}

/** CPU time of this process so far, in ms (user + system): what the budget is about. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

// ---------------------------------------------------------------------------------------------
// Calling the add-on as a sidebar does.

/** What a message shown to a person must not look like: a JavaScript error leaking through. */
const JS_ERROR =
  /Cannot read propert|Cannot set propert|undefined|\bnull\b|is not a function|is not defined|is not iterable|TypeError|ReferenceError|RangeError|SyntaxError|Maximum call stack|\[object |NaN|Partner Hub could not finish/;

/** The failures a person may see after hand-editing a sheet, each clear about what to do. */
export const ALLOWED_FAILURES: readonly RegExp[] = [
  /^The [A-Za-z -]+ tab has no "[^"]+"(, "[^"]+")* column\. Run "Set up partner database" to add it, then save again\.$/,
  /^The [A-Za-z -]+ tab is not set up\. Run "Set up partner database" first\.$/,
  /^[a-zA-Z]+: argument 1\.[A-Za-z.[\]0-9]+ is too long \(at most \d+ characters\)\.$/,
  /^Someone else is saving to this spreadsheet right now\. Try again in a moment\.$/,
];

export function isReadable(message: string): boolean {
  return message.trim().length > 0 && !JS_ERROR.test(message);
}

export function isAllowedFailure(message: string): boolean {
  return isReadable(message) && ALLOWED_FAILURES.some((re) => re.test(message));
}

/** Calls a server function; an `ok: false` with a message we do not expect fails the case. */
export function call<T>(addOn: AddOn, seen: Set<string>, name: string, ...args: unknown[]): T | string {
  const outcome: RunOutcome = addOn.run(name, ...args);
  if (outcome.ok) return outcome.value as T;
  seen.add(`${name}: ${outcome.message.slice(0, 160)}`);
  if (!isAllowedFailure(outcome.message)) {
    throw new Error(`${name} failed with an unexpected message: ${outcome.message}`);
  }
  return outcome.message;
}

// ---------------------------------------------------------------------------------------------
// Cells and grids.

export type CellValue = string | number | boolean | Date;

/** A cell as a person leaves it: a value, or a formula (whose value the sheet computes). */
export interface Input {
  readonly v: CellValue;
  readonly f?: string;
}

export type Grid = Input[][];

export const EMPTY: Input = { v: '' };

export function isDateValue(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Two stored values are the same cell: Dates by getTime(), the rest by type and value. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isDateValue(a) || isDateValue(b)) {
    return isDateValue(a) && isDateValue(b) && a.getTime() === b.getTime();
  }
  return Object.is(a, b);
}

export function show(value: unknown): string {
  if (isDateValue(value)) return `Date(${value.toISOString()})`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…(${text.length})` : text;
}

/** A tab as the model grid: the value of each cell and its formula, if any. */
export function gridOf(tab: InspectedTab): Grid {
  return tab.values.map((row, r) =>
    row.map((v, c) => {
      const f = tab.formulas[r]?.[c] ?? '';
      return f ? { v: v as CellValue, f } : { v: v as CellValue };
    }),
  );
}

export function width(grid: Grid): number {
  return grid.reduce((w, row) => Math.max(w, row.length), 0);
}

export function at(grid: Grid, r: number, c: number): Input {
  return grid[r]?.[c] ?? EMPTY;
}

/** What to pass to setValues so that the sheet stores exactly this cell (text stays text). */
function toWrite(cell: Input): unknown {
  if (cell.f) return cell.f;
  if (typeof cell.v === 'string' && cell.v !== '') return `'${cell.v}`;
  return cell.v;
}

type FakeSheet = ReturnType<AddOn['workspace']['spreadsheet']['getSheets']>[number];

/**
 * Replaces a tab's contents with the grid, the way a person pastes a reworked copy over it: the old
 * cells, their formats and their dropdowns go; the new ones are written in one go.
 */
export function writeGrid(sheet: FakeSheet, grid: Grid): void {
  const rows = grid.length;
  const cols = Math.max(1, width(grid));
  byHand.clearSheet(sheet);
  if (cols > sheet.getMaxColumns())
    sheet.insertColumnsAfter(sheet.getMaxColumns(), cols - sheet.getMaxColumns());
  if (rows > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (rows === 0) return;
  const values = grid.map((row) => Array.from({ length: cols }, (_, c) => toWrite(row[c] ?? EMPTY)));
  sheet.getRange(1, 1, rows, cols).setValues(values);
}

/** Our columns where a header row puts them: the first header naming a column wins, as the add-on reads. */
export function mapColumns(table: Table, headers: readonly unknown[]): Map<string, number> {
  const byKey = new Map<string, Column>();
  for (const column of table.columns) {
    byKey.set(headerKey(column.header), column);
    byKey.set(headerKey(column.key), column);
  }
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const column = byKey.get(headerKey(String(h)));
    if (column && !index.has(column.key)) index.set(column.key, i);
  });
  return index;
}

export function tableOfTab(name: string): Table | undefined {
  return Object.values(TABLES).find((t) => t.tab === name);
}

// ---------------------------------------------------------------------------------------------
// Values a person types, valid and not.

const ARABIC = 'مؤسسة الأمل للتعليم';
const HEBREW = 'עמותת אור לילדים';
const EMOJI = 'Food Bank 🍎🥕 👩🏽‍🏫';

export const NAMES = [
  'Reading Buddies',
  'Math Corps',
  EMOJI,
  ARABIC,
  HEBREW,
  `${ARABIC} / Math Corps`,
  '=1+1',
  '+1 555 0100',
  '0123',
  'TRUE',
  '2026-01-01',
  '-call first',
  "O'Brien Tutors",
  'Ünïcödé Ærts',
] as const;

const wordChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789-.,éß🍎ع'.split(''));

export const nameArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NAMES), weight: 3 },
  {
    arbitrary: fc
      .string({ unit: wordChars, minLength: 1, maxLength: 24 })
      .map((s) => s.trim().replace(/\s+/g, ' '))
      .filter((s) => s.length > 0),
    weight: 1,
  },
);

const isoDateArb = fc
  .record({
    y: fc.integer({ min: 2020, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const longTextArb = fc.oneof(
  fc.constantFrom('', 'Tutoring on Tuesdays.', `${HEBREW}\n${ARABIC}`, EMOJI, '=SUM(A1:A3)', '@here'),
  fc.integer({ min: 1, max: 5000 }).map((n) => 'x'.repeat(n)),
);

/** Valid values for a new partner, as the sidebar sends them. */
export const partnerValuesArb: fc.Arbitrary<Record<string, FieldValue>> = fc.record({
  name: nameArb,
  status: fc.constantFrom(...PARTNER_STATUSES),
  type: fc.constantFrom('', ...PARTNERSHIP_TYPES),
  focusAreas: fc.subarray([...FOCUS_AREAS], { maxLength: 3 }),
  services: longTextArb,
  grades: fc.constantFrom('', 'K-5', '05', '6–8', '9, 10'),
  blackLed: fc.boolean(),
  cadence: fc.constantFrom('', ...CADENCES),
  lastCheckIn: fc.oneof(fc.constant(''), isoDateArb),
  website: fc.constantFrom('', 'https://mathcorps.example.org', 'http://例子.测试/路径'),
  notes: longTextArb,
});

export const contactValuesArb: fc.Arbitrary<Record<string, FieldValue>> = fc.record({
  name: nameArb,
  role: fc.constantFrom('', 'Director', 'مديرة', 'רכזת'),
  email: fc.constantFrom('', 'ana@example.org', 'x.y+z@sub.example.co'),
  phone: fc.constantFrom('', '+1 555 0100', '(555) 010-0199', '0123 456 789'),
  primary: fc.boolean(),
});

/** Junk that any column may get: long text, emoji, right-to-left text, numbers, booleans, formulas. */
export const GENERIC_JUNK: readonly Input[] = [
  { v: 'x'.repeat(5000) },
  { v: `${ARABIC} `.repeat(400) },
  { v: 'y'.repeat(25000) },
  { v: EMOJI },
  { v: ARABIC },
  { v: HEBREW },
  { v: 42 },
  { v: 0.5 },
  { v: -7 },
  { v: true },
  { v: false },
  { v: '#ERROR!', f: '=1+1' },
  { v: '=1+1' }, // a text formula: typed with an apostrophe or in a plain-text cell
  { v: 'abc', f: '="abc"' },
  { v: 42, f: '=42' },
  { v: new Date(Date.UTC(2026, 2, 4, 6)) },
  { v: '  padded   text  ' },
  { v: 'line one\nline two' },
];

/** Values a person may type that the add-on must flag on the row, by column type. */
export const BAD_BY_TYPE: Partial<Record<Column['type'], readonly Input[]>> = {
  date: [{ v: 'sometime in May' }, { v: '2026-02-30' }, { v: 45000 }, { v: true }, { v: 'next week 🗓' }],
  enum: [{ v: 'asleep' }, { v: 'Status' }, { v: '✓ active' }, { v: 12 }, { v: false }],
  url: [{ v: 'not a site' }, { v: 'javascript:alert(1)' }, { v: 'www.example.org' }],
  email: [{ v: 'ana at example.org' }, { v: 'x@' }, { v: 'אנה@' }],
  bool: [{ v: 'maybe' }, { v: 'oui?' }],
  multi: [{ v: 'juggling' }, { v: 'tutoring, astrology' }],
};

/** The same headers as people type them: other case, spacing, punctuation, or the field key. */
export function renamed(column: Column, variant: number): string {
  const h = column.header;
  switch (variant % 7) {
    case 0:
      return h.toLowerCase();
    case 1:
      return `${h.toUpperCase()} `;
    case 2:
      return ` ${h.replace(/ /g, '  ')}`;
    case 3:
      return h.replace(/[ -]/g, '_');
    case 4:
      return h.replace(/[ -]/g, '');
    case 5:
      return column.key;
    default:
      return `${h}:`;
  }
}

export const EXTRA_HEADERS = ['Our rating', 'Notes 2', '', 'مرحبا', 'Follow-up (Ana)', 'Budget $', '2026'];

// ---------------------------------------------------------------------------------------------
// Mangling a tab.

export interface CellJunk {
  /** Picks a data row (modulo the rows there are). */
  readonly row: number;
  /** Picks one of our columns (modulo the mapped ones). */
  readonly column: number;
  /** Either a value bad for the column's type (expected to be flagged) or generic junk. */
  readonly bad: boolean;
  readonly pick: number;
}

export interface Mangle {
  /** Delete one of our columns (an index into the table's columns), or none. */
  readonly deleteColumn: number | null;
  /** Headers renamed: table column index → variant. */
  readonly renames: readonly (readonly [number, number])[];
  /** Extra columns: header pick, position pick, cells. */
  readonly extras: readonly {
    readonly header: number;
    readonly position: number;
    readonly cells: readonly number[];
  }[];
  /** A second column with the header of one of ours, placed after it: the person's copy. */
  readonly copyColumn: number | null;
  /** A permutation seed for the columns, or null to keep the order. */
  readonly reorder: readonly number[] | null;
  /** Blank rows inserted at these positions (modulo). */
  readonly blankRows: readonly number[];
  /** Rows with only some of our cells filled and no id. */
  readonly halfRows: readonly { readonly position: number; readonly fill: readonly number[] }[];
  /** A copy of the header row inserted among the data, at this position. */
  readonly headerRow: number | null;
  /** Pairs of (row to overwrite, row whose id to copy). */
  readonly duplicateIds: readonly (readonly [number, number])[];
  /** Rows whose id is cleared. */
  readonly clearIds: readonly number[];
  readonly junk: readonly CellJunk[];
}

const small = fc.nat({ max: 1000 });

/** Which kinds of hand edits a property makes: columns (reorder, rename, delete, add), rows, cells. */
export interface Families {
  readonly columns: boolean;
  readonly rows: boolean;
  readonly cells: boolean;
}

export const ALL_FAMILIES: Families = { columns: true, rows: true, cells: true };

export function mangleArb(
  table: Table,
  intensity: 'light' | 'heavy',
  families: Families = ALL_FAMILIES,
): fc.Arbitrary<Mangle> {
  return mangleParts(table, intensity).map((m) => ({
    ...m,
    ...(families.columns
      ? {}
      : { deleteColumn: null, renames: [], extras: [], copyColumn: null, reorder: null }),
    ...(families.rows
      ? {}
      : { blankRows: [], halfRows: [], headerRow: null, duplicateIds: [], clearIds: [] }),
    ...(families.cells ? {} : { junk: [] }),
  }));
}

function mangleParts(table: Table, intensity: 'light' | 'heavy'): fc.Arbitrary<Mangle> {
  const n = table.columns.length;
  const many = intensity === 'heavy' ? 1 : 0;
  return fc.record({
    deleteColumn: fc.option(fc.nat({ max: n - 1 }), { freq: 3 }),
    renames: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: 6 })), { maxLength: 3 + 4 * many }),
    extras: fc.array(
      fc.record({
        header: fc.nat({ max: EXTRA_HEADERS.length - 1 }),
        position: small,
        cells: fc.array(fc.nat({ max: GENERIC_JUNK.length }), { maxLength: 8 }),
      }),
      { maxLength: 1 + 2 * many },
    ),
    copyColumn: fc.option(fc.nat({ max: n - 1 }), { freq: 4 }),
    reorder: fc.option(fc.array(small, { minLength: n + 6, maxLength: n + 6 }), { freq: 2 }),
    blankRows: fc.array(small, { maxLength: 1 + 2 * many }),
    halfRows: fc.array(
      fc.record({ position: small, fill: fc.array(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: 3 }) }),
      { maxLength: 1 + many },
    ),
    headerRow: fc.option(small, { freq: 4 }),
    duplicateIds: fc.array(fc.tuple(small, small), { maxLength: 1 + many }),
    clearIds: fc.array(small, { maxLength: 1 + many }),
    junk: fc.array(fc.record({ row: small, column: small, bad: fc.boolean(), pick: small }), {
      maxLength: 3 + 6 * many,
    }),
  });
}

/** A cell we put in a column of ours on purpose: a bad one must be flagged on its row. */
export interface Planted {
  /** 0-based row in the grid (the sheet row is one more). */
  readonly row: number;
  readonly key: string;
  readonly cell: Input;
  readonly bad: boolean;
}

export interface Mangled {
  readonly grid: Grid;
  readonly planted: readonly Planted[];
  /** Grid rows whose cells in our columns we typed (junk, half-filled rows, header copies). */
  readonly touched: ReadonlySet<number>;
}

/** Applies the mangling to a tab's grid; returns the new grid and the cells planted in our columns. */
export function applyMangle(table: Table, source: Grid, m: Mangle): Mangled {
  let grid: Grid = source.map((row) => [...row]);
  const w = () => width(grid);
  const pad = () => {
    const cols = w();
    grid = grid.map((row) => Array.from({ length: cols }, (_, c) => row[c] ?? EMPTY));
  };
  pad();
  const colOf = (key: string) => mapColumns(table, grid[0]?.map((c) => c.v) ?? []).get(key);

  // Columns: rename, copy, extras, delete, reorder.
  for (const [index, variant] of m.renames) {
    const column = table.columns[index];
    const c = colOf(column.key);
    if (c !== undefined) grid[0][c] = { v: renamed(column, variant) };
  }
  if (m.copyColumn !== null) {
    const column = table.columns[m.copyColumn];
    const c = colOf(column.key);
    if (c !== undefined) {
      grid = grid.map((row, r) => {
        // The person's copy holds the same cells (a reorder may put it first, and then it is the one read).
        const copy = r === 0 ? { v: column.header } : at(grid, r, c);
        return [...row.slice(0, c + 1), copy, ...row.slice(c + 1)];
      });
    }
  }
  for (const extra of m.extras) {
    const position = extra.position % (w() + 1);
    grid = grid.map((row, r) => {
      const cell =
        r === 0
          ? { v: EXTRA_HEADERS[extra.header] }
          : (GENERIC_JUNK[(extra.cells[r - 1] ?? GENERIC_JUNK.length) % (GENERIC_JUNK.length + 1)] ?? EMPTY);
      return [...row.slice(0, position), cell, ...row.slice(position)];
    });
  }
  if (m.deleteColumn !== null) {
    const c = colOf(table.columns[m.deleteColumn].key);
    if (c !== undefined && w() > 1) grid = grid.map((row) => row.filter((_, i) => i !== c));
  }
  if (m.reorder) {
    const order = Array.from({ length: w() }, (_, i) => i).sort(
      (a, b) => (m.reorder?.[a] ?? a) - (m.reorder?.[b] ?? b) || a - b,
    );
    grid = grid.map((row) => order.map((i) => row[i] ?? EMPTY));
  }
  pad();
  const cols = w();
  const blank = (): Input[] => Array.from({ length: cols }, () => EMPTY);
  const mapped = () => mapColumns(table, grid[0]?.map((c) => c.v) ?? []);
  const dataRows = () => grid.length - 1;
  const touched = new Set<Input[]>();
  const insertAt = (position: number, row: Input[]) => {
    const r = 1 + (position % (dataRows() + 1));
    grid.splice(r, 0, row);
  };

  // Rows: ids cleared and duplicated, blank and half-filled rows, a header-looking row.
  const idCol = mapped().get('id');
  if (idCol !== undefined && dataRows() > 0) {
    for (const r of m.clearIds) grid[1 + (r % dataRows())][idCol] = EMPTY;
    for (const [to, from] of m.duplicateIds) {
      const source = grid[1 + (from % dataRows())][idCol];
      grid[1 + (to % dataRows())][idCol] = source;
    }
  }
  for (const position of m.blankRows) insertAt(position, blank());
  for (const half of m.halfRows) {
    const row = blank();
    const map = mapped();
    for (const index of half.fill) {
      const column = table.columns[index];
      const c = map.get(column.key);
      if (c === undefined || column.type === 'id') continue;
      row[c] = { v: sampleFor(column) };
    }
    insertAt(half.position, row);
    touched.add(row);
  }
  if (m.headerRow !== null && grid.length > 0) {
    const copy = [...grid[0]];
    insertAt(m.headerRow, copy);
    touched.add(copy);
  }

  // Cells: junk typed into our columns.
  const planted = new Map<string, Planted>();
  const map = mapped();
  const targets = table.columns.filter((c) => c.type !== 'id' && map.has(c.key));
  if (targets.length && dataRows() > 0) {
    for (const j of m.junk) {
      const row = 1 + (j.row % dataRows());
      const column = targets[j.column % targets.length];
      const bads = BAD_BY_TYPE[column.type];
      const bad = j.bad && bads !== undefined;
      const cell = bad ? bads[j.pick % bads.length] : GENERIC_JUNK[j.pick % GENERIC_JUNK.length];
      grid[row][map.get(column.key) as number] = cell;
      touched.add(grid[row]);
      planted.set(`${row}:${column.key}`, { row, key: column.key, cell, bad });
    }
  }
  const rows = new Set<number>();
  grid.forEach((row, r) => {
    if (touched.has(row)) rows.add(r);
  });
  return { grid, planted: [...planted.values()], touched: rows };
}

/** A plausible hand-typed value for a column, for half-filled rows. */
function sampleFor(column: Column): CellValue {
  switch (column.type) {
    case 'enum':
      return column.options?.[0] ?? '';
    case 'multi':
      return (column.options ?? []).slice(0, 2).join(', ');
    case 'bool':
      return true;
    case 'date':
      return new Date(Date.UTC(2026, 8, 15, 5));
    case 'email':
      return 'hand@example.org';
    case 'url':
      return 'https://hand.example.org';
    case 'ref':
      return 'P-handtyped';
    default:
      return `typed by hand ${column.key}`;
  }
}

export const PARTNERS: Table = TABLES.partners;
export const CONTACTS: Table = TABLES.contacts;
