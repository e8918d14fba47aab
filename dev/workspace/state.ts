// JSON form of a workspace: spreadsheets (cells sparse), properties and the id generator's seed.
// Dates become {"$date": ISO string} wherever they appear.
import type { CalendarState } from './calendar';
import type { RuleData } from './conditional';
import type { DocumentState } from './document';
import type { DriveState } from './drive';
import { isDate } from './env';
import { Cell, CellStyle, ChartData, ProtectionData, SheetData, SpreadsheetData } from './model';
import type { FormsState } from './forms';
import type { MailState } from './mail';
import type { TriggersState } from './script';
import type { ValidationData } from './validation';
import type { CellValue } from './values';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface CellState {
  r: number;
  c: number;
  v?: JsonValue;
  f?: string;
  fmt?: string;
  dv?: JsonValue;
  st?: CellStyle;
}

export interface SheetState {
  name: string;
  id: number;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor: string | null;
  columnWidths: Record<string, number>;
  rowHeights: Record<string, number>;
  autoResized: number[];
  rules: JsonValue[];
  protections: ProtectionData[];
  cells: CellState[];
  /** Embedded charts; absent when the tab has none (and in states saved before charts existed). */
  charts?: JsonValue[];
}

export interface SpreadsheetState {
  id: string;
  name: string;
  timeZone: string;
  activeSheetId: number | null;
  activeRange: string;
  sheets: SheetState[];
}

export interface WorkspaceState {
  version: 1;
  seed: number;
  scriptTimeZone: string;
  userEmail: string;
  activeSpreadsheetId: string;
  denied: string[];
  spreadsheets: SpreadsheetState[];
  properties: {
    /** The container spreadsheet's document properties. */
    document: Record<string, string>;
    /** Other documents' (other spreadsheets, Docs), by id; absent in older states. */
    documents?: Record<string, Record<string, string>>;
    script: Record<string, string>;
    user: Record<string, string>;
  };
  /** Absent in states saved before CalendarApp, MailApp, FormApp and triggers existed. */
  calendar?: CalendarState;
  mail?: MailState;
  forms?: FormsState;
  triggers?: TriggersState;
  /** Absent in states saved before DocumentApp and DriveApp existed. */
  documents?: DocumentState[];
  activeDocumentId?: string | null;
  drive?: DriveState;
}

export function encode(v: unknown): JsonValue {
  // Most of a state is plain text and numbers: they leave first (this runs once per cell and style).
  if (v === undefined) return null;
  if (v === null || typeof v !== 'object') return v as JsonValue;
  if (Array.isArray(v)) return v.map(encode);
  if (isDate(v)) return { $date: new Date(v.getTime()).toISOString() };
  const out: { [key: string]: JsonValue } = {};
  for (const [k, x] of Object.entries(v)) out[k] = encode(x);
  return out;
}

export function decode(v: JsonValue | undefined): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$date' && typeof v.$date === 'string') return new Date(v.$date);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}

function saveSheet(s: SheetData): SheetState {
  const cells: CellState[] = [];
  s.rows.forEach((row, i) => {
    row?.forEach((c, j) => {
      if (!c) return;
      const out: CellState = { r: i + 1, c: j + 1 };
      if (c.v !== '') out.v = encode(c.v);
      if (c.f !== undefined) out.f = c.f;
      if (c.fmt !== undefined) out.fmt = c.fmt;
      if (c.dv) out.dv = encode(c.dv);
      if (c.st) out.st = { ...c.st };
      if (Object.keys(out).length > 2) cells.push(out);
    });
  });
  return {
    name: s.name,
    id: s.id,
    maxRows: s.maxRows,
    maxColumns: s.maxColumns,
    frozenRows: s.frozenRows,
    frozenColumns: s.frozenColumns,
    hidden: s.hidden,
    tabColor: s.tabColor,
    columnWidths: { ...s.columnWidths },
    rowHeights: { ...s.rowHeights },
    autoResized: [...s.autoResized],
    rules: s.rules.map(encode),
    protections: s.protections.map((p) => ({ ...p, editors: [...p.editors] })),
    cells,
    ...(s.charts.length > 0 ? { charts: s.charts.map(encode) } : {}),
  };
}

function loadSheet(st: SheetState): SheetData {
  const s = new SheetData(st.name, st.id);
  s.maxRows = st.maxRows;
  s.maxColumns = st.maxColumns;
  s.frozenRows = st.frozenRows;
  s.frozenColumns = st.frozenColumns;
  s.hidden = st.hidden;
  s.tabColor = st.tabColor;
  s.columnWidths = Object.fromEntries(Object.entries(st.columnWidths).map(([k, w]) => [Number(k), w]));
  s.rowHeights = Object.fromEntries(Object.entries(st.rowHeights).map(([k, h]) => [Number(k), h]));
  s.autoResized = [...st.autoResized];
  s.rules = st.rules.map((r) => decode(r) as RuleData);
  s.protections = st.protections.map((p) => ({ ...p, editors: [...p.editors] }));
  s.charts = (st.charts ?? []).map((c) => decode(c) as ChartData);
  for (const cs of st.cells) {
    const c: Cell = s.writable(cs.r, cs.c);
    if (cs.v !== undefined) c.v = decode(cs.v) as CellValue;
    if (cs.f !== undefined) c.f = cs.f;
    if (cs.fmt !== undefined) c.fmt = cs.fmt;
    if (cs.dv !== undefined) c.dv = decode(cs.dv) as ValidationData;
    if (cs.st !== undefined) c.st = { ...cs.st };
  }
  return s;
}

export function saveSpreadsheet(d: SpreadsheetData): SpreadsheetState {
  return {
    id: d.id,
    name: d.name,
    timeZone: d.timeZone,
    activeSheetId: d.activeSheetId,
    activeRange: d.activeRange,
    sheets: d.sheets.map(saveSheet),
  };
}

export function loadSpreadsheet(st: SpreadsheetState): SpreadsheetData {
  const d = new SpreadsheetData(st.id, st.name, st.timeZone);
  d.activeSheetId = st.activeSheetId;
  d.activeRange = st.activeRange;
  d.sheets = st.sheets.map(loadSheet);
  return d;
}
