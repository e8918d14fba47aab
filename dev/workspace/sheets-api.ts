// The Sheets advanced service (global `Sheets`, Sheets API v4): `Sheets.Spreadsheets.batchUpdate` with
// the request kinds Partner Hub sends, applied to the same spreadsheets SpreadsheetApp's fake keeps
// (model.ts). Calls count under 'Sheets' ('Sheets.Spreadsheets.batchUpdate'), one per batch.
//
// Real behaviour kept, each from the page named (under developers.google.com/):
// - Arguments are the request body, then the spreadsheet id (apps-script/guides/services/advanced, "How
//   method signatures are determined"; apps-script/advanced/sheets).
// - The batch is atomic: every request is checked before any is applied, and one invalid request fails
//   the whole batch with nothing applied; replies mirror the requests, in order, an empty reply for a
//   request that has none (sheets/api/reference/rest/v4/spreadsheets/batchUpdate;
//   sheets/api/guides/batchupdate).
// - An API error reaches the script as "API call to sheets.spreadsheets.batchUpdate failed with error:
//   <message>" (the advanced services' GoogleJsonResponseException), a request's own error as
//   "Invalid requests[i].<kind>: …".
// - Ranges are GridRanges: 0-based, half open, a missing index unbounded on that side, a missing sheetId
//   the sheet with id 0; start ≤ end; past the sheet's size "exceeds grid limits" (GridRange on the
//   batchUpdate page; the wording as the API reports it, e.g. nithinmurali/pygsheets#124).
// - A Request sets exactly one kind (Request, "Union field kind"); an unknown field is refused with the
//   JSON parser's "Unknown name … Cannot find field.".
// - Field masks (sheets/api/guides/field-masks): `fields` is required for updateCells and repeatCell;
//   comma-separated, dot-separated subfields, parentheses for several subfields, camelCase or
//   snake_case, "*" for all; what the mask names is written (cleared when the cell gives no value),
//   what it does not name is left as it was.
// Anything the fake does not model is refused as such ("The in-memory Sheets API does not support …"),
// never ignored. Messages: "A sheet with the name … already exists. Please enter another name.",
// "… exceeds grid limits …", "No grid with id: N", "Unknown name … Cannot find field." and the oneof
// message are the API's as scripts report them; the others put the rule its page states in the fake's
// own words.
import { a1 } from './a1';
import type { RuleData, RuleFormat } from './conditional';
import { Counted, Env } from './env';
import {
  Cell,
  CellStyle,
  DEFAULT_COLUMNS,
  DEFAULT_ROWS,
  ProtectionData,
  SheetData,
  SpreadsheetData,
} from './model';
import type { SpreadsheetRegistry } from './spreadsheet-app';
import { satisfies, ValidationData } from './validation';
import { parseInput, type CellValue, type Parsed } from './values';

type Json = Record<string, unknown>;

/** A request the API refuses: its message, as the API words it. */
class Refusal {
  constructor(readonly message: string) {}
}

/** Something real Sheets accepts that this fake does not model. */
class Unsupported {
  constructor(readonly what: string) {}
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The fields of `value` that are set (proto JSON: null is unset). */
function setKeys(value: Json): string[] {
  return Object.keys(value).filter((k) => value[k] !== undefined && value[k] !== null);
}

/** CellFormat's fields (…/spreadsheets/cells#CellFormat), for cells and conditional formats alike. */
const CELL_FORMAT = [
  'numberFormat',
  'backgroundColor',
  'backgroundColorStyle',
  'borders',
  'padding',
  'horizontalAlignment',
  'verticalAlignment',
  'wrapStrategy',
  'textDirection',
  'textFormat',
  'hyperlinkDisplayType',
  'textRotation',
];
/** TextFormat's fields (…/spreadsheets/other#TextFormat). */
const TEXT_FORMAT = [
  'foregroundColor',
  'foregroundColorStyle',
  'fontFamily',
  'fontSize',
  'bold',
  'italic',
  'strikethrough',
  'underline',
  'link',
];

/** fieldsOf for a format: of all its fields, `modelled` are applied and the others refused if set. */
function formatFields(value: unknown, where: string, all: readonly string[], modelled: string[]): Json {
  return fieldsOf(
    value,
    where,
    modelled,
    all.filter((f) => !modelled.includes(f)),
  );
}

/**
 * Checks an object's fields: `modelled` are those the fake applies, `known` the API's others for it
 * (from its reference page), refused as unsupported when set; a field the API does not have is refused
 * as the API refuses it.
 */
function fieldsOf(value: unknown, where: string, modelled: string[], known: string[] = []): Json {
  if (value === undefined || value === null) return {};
  if (!isRecord(value))
    throw new Refusal(`Invalid value at '${where}', expected an object: ${JSON.stringify(value)}`);
  for (const key of setKeys(value)) {
    if (modelled.includes(key)) continue;
    if (known.includes(key)) throw new Unsupported(`the field ${key} (at ${where})`);
    throw new Refusal(
      `Invalid JSON payload received. Unknown name "${key}" at '${where}': Cannot find field.`,
    );
  }
  return value;
}

function integer(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new Refusal(`Invalid value at '${what}' (TYPE_INT32), ${JSON.stringify(value)}`);
  return value;
}

// --- request kinds -------------------------------------------------------------------------------------

// The kinds of Request (sheets/api/reference/rest/v4/spreadsheets/request#Request): those the fake applies
// first, then the rest, refused as unsupported.
const MODELLED_KINDS = [
  'addSheet',
  'updateCells',
  'repeatCell',
  'setDataValidation',
  'addProtectedRange',
  'addConditionalFormatRule',
];
const OTHER_KINDS = [
  'updateSpreadsheetProperties',
  'updateSheetProperties',
  'updateDimensionProperties',
  'updateNamedRange',
  'addNamedRange',
  'deleteNamedRange',
  'deleteSheet',
  'autoFill',
  'cutPaste',
  'copyPaste',
  'mergeCells',
  'unmergeCells',
  'updateBorders',
  'addFilterView',
  'appendCells',
  'clearBasicFilter',
  'deleteDimension',
  'deleteEmbeddedObject',
  'deleteFilterView',
  'duplicateFilterView',
  'duplicateSheet',
  'findReplace',
  'insertDimension',
  'insertRange',
  'moveDimension',
  'updateEmbeddedObjectPosition',
  'pasteData',
  'textToColumns',
  'updateFilterView',
  'deleteRange',
  'appendDimension',
  'updateConditionalFormatRule',
  'deleteConditionalFormatRule',
  'sortRange',
  'setBasicFilter',
  'updateProtectedRange',
  'deleteProtectedRange',
  'autoResizeDimensions',
  'addChart',
  'updateChartSpec',
  'updateBanding',
  'addBanding',
  'deleteBanding',
  'createDeveloperMetadata',
  'updateDeveloperMetadata',
  'deleteDeveloperMetadata',
  'randomizeRange',
  'addDimensionGroup',
  'deleteDimensionGroup',
  'updateDimensionGroup',
  'trimWhitespace',
  'deleteDuplicates',
  'updateEmbeddedObjectBorder',
  'addSlicer',
  'updateSlicerSpec',
  'addDataSource',
  'updateDataSource',
  'deleteDataSource',
  'refreshDataSource',
  'cancelDataSourceRefresh',
  'addTable',
  'updateTable',
  'deleteTable',
];

/** What the checks know of a sheet: the spreadsheet's sheets as the batch will have made them so far. */
interface Grid {
  title: string;
  rows: number;
  columns: number;
  rules: number;
}

/** A checked GridRange, 0-based and half open. */
interface Box {
  sheetId: number;
  startRow: number;
  endRow: number;
  startColumn: number;
  endColumn: number;
  /** True when the range gave no index at all: the whole sheet. */
  whole: boolean;
  /** True when every index was given. */
  bounded: boolean;
}

type Apply = () => Json;

// --- cells ---------------------------------------------------------------------------------------------

/** What one masked leaf of a CellData does to a cell. */
type CellWrite = (cell: Cell) => void;

/** A CellData under a mask: its writes, and the value it writes when the mask names userEnteredValue. */
interface CellWrites {
  writes: CellWrite[];
  value: CellValue | undefined;
}

/** The CellData leaves the model holds (model.ts Cell), as field-mask paths. */
const STYLE_LEAVES: Record<string, keyof CellStyle> = {
  'userEnteredFormat.backgroundColor': 'background',
  'userEnteredFormat.textFormat.bold': 'fontWeight',
  'userEnteredFormat.textFormat.italic': 'fontStyle',
  'userEnteredFormat.textFormat.fontSize': 'fontSize',
  'userEnteredFormat.textFormat.fontFamily': 'fontFamily',
  'userEnteredFormat.textFormat.foregroundColor': 'fontColor',
  'userEnteredFormat.wrapStrategy': 'wrap',
  'userEnteredFormat.horizontalAlignment': 'horizontalAlignment',
  'userEnteredFormat.verticalAlignment': 'verticalAlignment',
  note: 'note',
};
const LEAVES = [
  'userEnteredValue',
  'userEnteredFormat.numberFormat',
  'dataValidation',
  ...Object.keys(STYLE_LEAVES),
];
/** CellData's own fields that the model has no place for (a request setting one is refused). */
const UNMODELLED_CELL_FIELDS = [
  'hyperlink',
  'textFormatRuns',
  'pivotTable',
  'dataSourceTable',
  'dataSourceFormula',
  'chipRuns',
  'effectiveValue',
  'formattedValue',
  'effectiveFormat',
];
/** CellData paths the API has and the model does not (a mask may name them: nothing to clear). */
const UNMODELLED = [
  'userEnteredFormat.borders',
  'userEnteredFormat.padding',
  'userEnteredFormat.textDirection',
  'userEnteredFormat.textRotation',
  'userEnteredFormat.hyperlinkDisplayType',
  'userEnteredFormat.backgroundColorStyle',
  'userEnteredFormat.textFormat.strikethrough',
  'userEnteredFormat.textFormat.underline',
  'userEnteredFormat.textFormat.link',
  'userEnteredFormat.textFormat.foregroundColorStyle',
  ...UNMODELLED_CELL_FIELDS,
];

/** Expands "a(b,c.d),e" into ["a.b", "a.c.d", "e"], names in camelCase. */
export function expandMask(mask: string): string[] {
  const out: string[] = [];
  const parse = (text: string, prefix: string): void => {
    let depth = 0;
    let start = 0;
    const parts: string[] = [];
    for (let i = 0; i <= text.length; i++) {
      const ch = text[i];
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      if (depth < 0) throw new Refusal(`Invalid field mask: ${mask}`);
      if ((ch === ',' && depth === 0) || i === text.length) {
        parts.push(text.slice(start, i).trim());
        start = i + 1;
      }
    }
    if (depth !== 0) throw new Refusal(`Invalid field mask: ${mask}`);
    for (const part of parts) {
      const open = part.indexOf('(');
      if (open >= 0) {
        if (!part.endsWith(')')) throw new Refusal(`Invalid field mask: ${mask}`);
        parse(part.slice(open + 1, -1), `${prefix}${part.slice(0, open)}.`);
      } else {
        const path = `${prefix}${part}`;
        if (!/^(\*|[A-Za-z_]+(\.[A-Za-z_]+)*)$/.test(path)) throw new Refusal(`Invalid field mask: ${mask}`);
        out.push(path.split('.').map(camel).join('.'));
      }
    }
  };
  parse(mask, '');
  return out;
}

function at(value: unknown, path: string): unknown {
  let v = value;
  for (const part of path.split('.')) v = isRecord(v) ? v[part] : undefined;
  return v === null ? undefined : v;
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

/** Whether a mask names a leaf (or everything). */
function masks(mask: string[], leaf: string): boolean {
  return mask.some((path) => path === '*' || under(leaf, path));
}

/** An API Color as the model keeps colours: '#rrggbb' (sheets/api/reference/rest/v4/other#Color). */
function hexColor(value: unknown, where: string): string {
  const c = fieldsOf(value, where, ['red', 'green', 'blue'], ['alpha']);
  const channel = (k: string): string => {
    const x = c[k] ?? 0;
    if (typeof x !== 'number' || x < 0 || x > 1)
      throw new Refusal(`Invalid value at '${where}.${k}': ${JSON.stringify(x)}`);
    return Math.round(x * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel('red')}${channel('green')}${channel('blue')}`;
}

// NumberFormat (sheets/api/reference/rest/v4/spreadsheets/cells#NumberFormat): type is required when
// writing; without a pattern the locale's default is used, which the fake knows only for TEXT ('@').
const NUMBER_FORMAT_TYPES = [
  'TEXT',
  'NUMBER',
  'PERCENT',
  'CURRENCY',
  'DATE',
  'TIME',
  'DATE_TIME',
  'SCIENTIFIC',
];
function numberFormat(value: unknown, where: string): string {
  const f = fieldsOf(value, where, ['type', 'pattern']);
  const type = f.type;
  if (typeof type !== 'string' || !NUMBER_FORMAT_TYPES.includes(type))
    throw new Refusal(`the number format's type must be set (got ${JSON.stringify(type)}).`);
  const pattern = typeof f.pattern === 'string' ? f.pattern : '';
  if (pattern) return pattern;
  if (type === 'TEXT') return '@';
  throw new Unsupported(`a ${type} number format without a pattern (the locale's default)`);
}

/**
 * ExtendedValue (sheets/api/reference/rest/v4/other#ExtendedValue): one kind of value. A formulaValue
 * is stored as the formula, its value computed as a formula typed into the cell is (values.ts).
 */
function extendedValue(value: unknown, where: string): Parsed {
  const v = fieldsOf(
    value,
    where,
    ['stringValue', 'numberValue', 'boolValue', 'formulaValue'],
    ['errorValue'],
  );
  const kinds = setKeys(v);
  if (kinds.length > 1)
    throw new Refusal(
      `Invalid value at '${where}' (oneof), oneof field 'value' is already set. Cannot overwrite with '${snake(kinds[1])}'`,
    );
  if (kinds.length === 0) return { value: '' };
  const x = v[kinds[0]];
  if (kinds[0] === 'stringValue' && typeof x === 'string') return { value: x };
  if (kinds[0] === 'numberValue' && typeof x === 'number' && Number.isFinite(x)) return { value: x };
  if (kinds[0] === 'boolValue' && typeof x === 'boolean') return { value: x };
  if (kinds[0] === 'formulaValue' && typeof x === 'string') {
    if (!x.startsWith('=')) throw new Unsupported('a formulaValue that does not start with "="');
    return parseInput(x, '', 'UTC', (message) => {
      throw new Refusal(message);
    });
  }
  throw new Refusal(`Invalid value at '${where}.${snake(kinds[0])}': ${JSON.stringify(x)}`);
}

/**
 * DataValidationRule (sheets/api/reference/rest/v4/spreadsheets/other#DataValidationRule) as
 * SpreadsheetApp's DataValidation keeps it: strict is "invalid data rejected" (allowInvalid false),
 * showCustomUi shows a list as a dropdown, inputMessage is the help text. Conditions
 * (…/other#ConditionType): ONE_OF_LIST takes its items as values; BOOLEAN (a checkbox) zero to two;
 * DATE_IS_VALID and TEXT_IS_EMAIL none.
 */
function validationRule(value: unknown, where: string): ValidationData {
  const rule = fieldsOf(
    value,
    where,
    ['condition', 'inputMessage', 'strict', 'showCustomUi'],
    ['filteredRowsIncluded'],
  );
  const condition = fieldsOf(rule.condition, `${where}.condition`, ['type', 'values']);
  const type = condition.type;
  if (typeof type !== 'string') throw new Refusal("the data validation condition's type must be set.");
  const raw = condition.values ?? [];
  if (!Array.isArray(raw))
    throw new Refusal(`Invalid value at '${where}.condition.values': expected a list.`);
  const values = raw.map((x, i) => {
    const cv = fieldsOf(x, `${where}.condition.values[${i}]`, ['userEnteredValue'], ['relativeDate']);
    if (typeof cv.userEnteredValue !== 'string')
      throw new Refusal(`condition value ${i} must have a userEnteredValue.`);
    return cv.userEnteredValue;
  });
  const base = {
    allowInvalid: rule.strict !== true,
    helpText: typeof rule.inputMessage === 'string' ? rule.inputMessage : '',
  };
  const none = (kind: string): void => {
    if (values.length) throw new Refusal(`the ${kind} condition takes no condition values.`);
  };
  switch (type) {
    case 'ONE_OF_LIST':
      if (!values.length) throw new Refusal('the ONE_OF_LIST condition needs at least one value.');
      if (values.some((v) => v.startsWith('=')))
        throw new Refusal('formulas are not supported in ONE_OF_LIST values.');
      return { type: 'VALUE_IN_LIST', values: [values, rule.showCustomUi === true], ...base };
    case 'BOOLEAN':
      if (values.length > 2) throw new Refusal('the BOOLEAN condition takes at most two values.');
      return { type: 'CHECKBOX', values, ...base };
    case 'DATE_IS_VALID':
      none(type);
      return { type: 'DATE_IS_VALID_DATE', values: [], ...base };
    case 'TEXT_IS_EMAIL':
      none(type);
      return { type: 'TEXT_IS_VALID_EMAIL', values: [], ...base };
    default:
      throw new Unsupported(`the data validation condition ${type}`);
  }
}

/** What a field mask names: the model's leaves it writes, and the API's paths the model does not hold. */
interface MaskPlan {
  readonly leaves: readonly string[];
  readonly unmodelled: readonly string[];
}

/** Each mask's plan, worked out at its first cell: one request applies one mask to many cells. */
const maskPlans = new WeakMap<string[], MaskPlan>();

function maskPlan(mask: string[]): MaskPlan {
  const planned = maskPlans.get(mask);
  if (planned) return planned;
  const paths = mask.filter((path) => path !== '*');
  for (const path of paths) {
    const known = [...LEAVES, ...UNMODELLED].some((leaf) => under(leaf, path) || under(path, leaf));
    if (!known) throw new Refusal(`Invalid field mask: ${path}`);
    // A mask below a leaf (numberFormat.pattern, userEnteredValue.stringValue) updates part of one.
    if (LEAVES.some((leaf) => path !== leaf && under(path, leaf)))
      throw new Unsupported(`the field mask ${path}`);
  }
  const plan = {
    leaves: LEAVES.filter((leaf) => masks(mask, leaf)),
    unmodelled: UNMODELLED.filter((other) => paths.some((path) => under(other, path) || under(path, other))),
  };
  maskPlans.set(mask, plan);
  return plan;
}

/**
 * What a CellData does to each cell under a field mask: for every leaf the model holds that the mask
 * names, the cell's value there, or a clearing when the CellData gives none.
 */
function cellWrites(cellData: unknown, mask: string[], where: string): CellWrites {
  const cell = fieldsOf(
    cellData,
    where,
    ['userEnteredValue', 'userEnteredFormat', 'dataValidation', 'note'],
    UNMODELLED_CELL_FIELDS,
  );
  const format = formatFields(cell.userEnteredFormat, `${where}.user_entered_format`, CELL_FORMAT, [
    'numberFormat',
    'backgroundColor',
    'textFormat',
  ]);
  formatFields(format.textFormat, `${where}.user_entered_format.text_format`, TEXT_FORMAT, ['bold']);
  const plan = maskPlan(mask);
  // A path the model does not hold, named with a value to write: nothing to apply it to.
  for (const other of plan.unmodelled)
    if (at(cell, other) !== undefined) throw new Unsupported(`writing ${other}`);
  const writes: CellWrite[] = [];
  let value: CellValue | undefined;
  for (const leaf of plan.leaves) {
    const given = at(cell, leaf);
    if (leaf === 'userEnteredValue') {
      const v = given === undefined ? { value: '' } : extendedValue(given, `${where}.user_entered_value`);
      value = v.value;
      writes.push((c) => {
        c.v = v.value;
        if (v.formula === undefined) delete c.f;
        else c.f = v.formula;
      });
    } else if (leaf === 'userEnteredFormat.numberFormat') {
      const fmt =
        given === undefined ? undefined : numberFormat(given, `${where}.user_entered_format.number_format`);
      writes.push((c) => {
        if (fmt === undefined) delete c.fmt;
        else c.fmt = fmt;
      });
    } else if (leaf === 'dataValidation') {
      const dv = given === undefined ? undefined : validationRule(given, `${where}.data_validation`);
      writes.push((c) => {
        if (dv) c.dv = dv;
        else delete c.dv;
      });
    } else {
      const key = STYLE_LEAVES[leaf];
      let style: string | undefined;
      if (given !== undefined) {
        if (leaf === 'userEnteredFormat.backgroundColor')
          style = hexColor(given, `${where}.user_entered_format.background_color`);
        else if (leaf === 'userEnteredFormat.textFormat.bold') {
          if (typeof given !== 'boolean')
            throw new Refusal(
              `Invalid value at '${where}.user_entered_format.text_format.bold': ${JSON.stringify(given)}`,
            );
          style = given ? 'bold' : 'normal';
        } else if (leaf === 'note') {
          if (typeof given !== 'string')
            throw new Refusal(`Invalid value at '${where}.note': ${JSON.stringify(given)}`);
          style = given || undefined;
        } else throw new Unsupported(`writing ${leaf}`);
      }
      writes.push((c) => {
        if (style === undefined) {
          if (c.st) {
            delete c.st[key];
            if (Object.keys(c.st).length === 0) delete c.st;
          }
        } else c.st = { ...c.st, [key]: style };
      });
    }
  }
  return { writes, value };
}

// --- the service ---------------------------------------------------------------------------------------

/** Checks a batch against the spreadsheet as the batch will have changed it, and plans its changes. */
class Batch {
  private readonly grids = new Map<number, Grid>();
  /** Where this batch sets validations (or writes them in cells). */
  private readonly validated: Box[] = [];

  constructor(
    private readonly env: Env,
    private readonly data: SpreadsheetData,
  ) {
    for (const s of data.sheets)
      this.grids.set(s.id, { title: s.name, rows: s.maxRows, columns: s.maxColumns, rules: s.rules.length });
  }

  plan(resource: unknown): Apply[] {
    const body = fieldsOf(
      resource,
      'resource',
      ['requests'],
      ['includeSpreadsheetInResponse', 'responseRanges', 'responseIncludeGridData'],
    );
    const requests = body.requests;
    if (!Array.isArray(requests) || requests.length === 0) throw new Unsupported('a batch with no requests');
    return requests.map((request, i) => {
      const where = `requests[${i}]`;
      if (!isRecord(request)) throw new Refusal(`Invalid value at '${where}', expected an object.`);
      const kinds = setKeys(request);
      for (const k of kinds)
        if (!MODELLED_KINDS.includes(k) && !OTHER_KINDS.includes(k))
          throw new Refusal(
            `Invalid JSON payload received. Unknown name "${k}" at '${where}': Cannot find field.`,
          );
      if (kinds.length > 1)
        throw new Refusal(
          `Invalid value at '${where}' (oneof), oneof field 'kind' is already set. Cannot overwrite with '${snake(kinds[1])}'`,
        );
      const kind = kinds[0];
      if (kind === undefined) throw new Refusal(`Invalid ${where}: no kind of request is set.`);
      if (!MODELLED_KINDS.includes(kind)) throw new Unsupported(`the ${kind} request`);
      const inner = `${where}.${snake(kind)}`;
      try {
        return this.request(kind, request[kind], inner);
      } catch (e) {
        // A request's own error names it the way the API does: "Invalid requests[i].addSheet: …".
        if (e instanceof Refusal && !/^Invalid (JSON payload|value at)/.test(e.message))
          throw new Refusal(`Invalid ${where}.${kind}: ${e.message}`);
        throw e;
      }
    });
  }

  private request(kind: string, value: unknown, where: string): Apply {
    switch (kind) {
      case 'addSheet':
        return this.addSheet(value, where);
      case 'updateCells':
        return this.updateCells(value, where);
      case 'repeatCell':
        return this.repeatCell(value, where);
      case 'setDataValidation':
        return this.setDataValidation(value, where);
      case 'addProtectedRange':
        return this.addProtectedRange(value, where);
      default:
        return this.addConditionalFormatRule(value, where);
    }
  }

  private sheet(id: number): SheetData {
    const d = this.data.sheetById(id);
    if (!d) throw new Error(`in-memory Sheets API: sheet ${id} vanished between check and apply`);
    return d;
  }

  /** A GridRange (sheets/api/reference/rest/v4/spreadsheets/other#GridRange) checked against its sheet. */
  private box(value: unknown, where: string): Box {
    const r = fieldsOf(value, where, [
      'sheetId',
      'startRowIndex',
      'endRowIndex',
      'startColumnIndex',
      'endColumnIndex',
    ]);
    const sheetId = integer(r.sheetId, `${where}.sheet_id`) ?? 0;
    const grid = this.grids.get(sheetId);
    if (!grid) throw new Refusal(`No grid with id: ${sheetId}`);
    const index = (k: string) => integer(r[k], `${where}.${snake(k)}`);
    const [sr, er, sc, ec] = ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'].map(
      index,
    );
    const box: Box = {
      sheetId,
      startRow: sr ?? 0,
      endRow: er ?? grid.rows,
      startColumn: sc ?? 0,
      endColumn: ec ?? grid.columns,
      whole: [sr, er, sc, ec].every((x) => x === undefined),
      bounded: [sr, er, sc, ec].every((x) => x !== undefined),
    };
    if ([box.startRow, box.endRow, box.startColumn, box.endColumn].some((x) => x < 0))
      throw new Refusal("a range's indexes cannot be negative.");
    if (box.startRow > box.endRow || box.startColumn > box.endColumn)
      throw new Refusal('the start index must be less than or equal to the end index.');
    if (box.endRow > grid.rows || box.endColumn > grid.columns) {
      const notation = a1(
        box.startRow + 1,
        box.startColumn + 1,
        Math.max(box.endRow - box.startRow, 1),
        Math.max(box.endColumn - box.startColumn, 1),
      );
      throw new Refusal(
        `Range ('${grid.title}'!${notation}) exceeds grid limits. Max rows: ${grid.rows}, max columns: ${grid.columns}`,
      );
    }
    return box;
  }

  private eachCell(box: Box, f: (d: SheetData, row: number, column: number) => void): void {
    const d = this.sheet(box.sheetId);
    for (let row = box.startRow + 1; row <= box.endRow; row++)
      for (let column = box.startColumn + 1; column <= box.endColumn; column++) f(d, row, column);
  }

  private static mask(value: unknown): string[] {
    // "At least one field must be specified" (RepeatCellRequest, UpdateCellsRequest: fields).
    if (typeof value !== 'string' || value.trim() === '')
      throw new Refusal("at least one field must be specified in 'fields'.");
    return expandMask(value);
  }

  /**
   * AddSheetRequest (…/spreadsheets/request#AddSheetRequest): every property optional; a sheetId not
   * given is made up, one that exists is an error, as is a title in use (ignoring case, as in Sheets);
   * the sheet goes at `index` or at the end. The reply carries the new sheet's properties.
   */
  private addSheet(value: unknown, where: string): Apply {
    const req = fieldsOf(value, where, ['properties']);
    const p = fieldsOf(
      req.properties,
      `${where}.properties`,
      ['sheetId', 'title', 'index', 'sheetType', 'gridProperties'],
      ['hidden', 'tabColor', 'tabColorStyle', 'rightToLeft', 'dataSourceSheetProperties'],
    );
    if (p.sheetType !== undefined && p.sheetType !== 'GRID')
      throw new Unsupported(`a sheet of type ${String(p.sheetType)}`);
    const g = fieldsOf(
      p.gridProperties,
      `${where}.properties.grid_properties`,
      ['rowCount', 'columnCount', 'frozenRowCount', 'frozenColumnCount'],
      ['hideGridlines', 'rowGroupControlAfter', 'columnGroupControlAfter'],
    );
    let id = integer(p.sheetId, `${where}.properties.sheet_id`);
    if (id !== undefined && id < 0)
      throw new Refusal(`Invalid sheet id ${id}: sheet ids cannot be negative.`);
    if (id !== undefined && this.grids.has(id))
      throw new Refusal(`A sheet with id ${id} already exists. Please enter another id.`);
    if (id === undefined) {
      id = this.env.nextRandom() % 2147483647;
      while (this.grids.has(id)) id = this.env.nextRandom() % 2147483647;
    }
    const titles = [...this.grids.values()].map((grid) => grid.title.toLowerCase());
    let title = typeof p.title === 'string' && p.title !== '' ? p.title : '';
    if (p.title !== undefined && typeof p.title !== 'string')
      throw new Refusal(`Invalid value at '${where}.properties.title'`);
    if (!title) {
      let n = this.grids.size + 1;
      while (titles.includes(`sheet${n}`)) n++;
      title = `Sheet${n}`;
    }
    if (title.length > 100) throw new Refusal('The sheet name cannot be longer than 100 characters.');
    if (titles.includes(title.toLowerCase()))
      throw new Refusal(`A sheet with the name "${title}" already exists. Please enter another name.`);
    const count = this.grids.size;
    const index = integer(p.index, `${where}.properties.index`);
    if (index !== undefined && (index < 0 || index > count))
      throw new Refusal(`Invalid index ${index}: the spreadsheet has ${count} sheets.`);
    const rows = integer(g.rowCount, `${where}.properties.grid_properties.row_count`) ?? DEFAULT_ROWS;
    const columns =
      integer(g.columnCount, `${where}.properties.grid_properties.column_count`) ?? DEFAULT_COLUMNS;
    if (rows < 1 || columns < 1) throw new Refusal('A sheet must have at least one row and one column.');
    const frozenRows = integer(g.frozenRowCount, `${where}.properties.grid_properties.frozen_row_count`) ?? 0;
    const frozenColumns =
      integer(g.frozenColumnCount, `${where}.properties.grid_properties.frozen_column_count`) ?? 0;
    // Sheets keeps one row and one column out of the frozen pane (as the UI: "You can't freeze all
    // visible rows on the sheet.").
    if (frozenRows < 0 || frozenRows >= rows)
      throw new Refusal("You can't freeze all visible rows on the sheet.");
    if (frozenColumns < 0 || frozenColumns >= columns)
      throw new Refusal("You can't freeze all visible columns on the sheet.");
    const sheetId = id;
    this.grids.set(sheetId, { title, rows, columns, rules: 0 });
    return () => {
      const d = new SheetData(title, sheetId);
      d.maxRows = rows;
      d.maxColumns = columns;
      d.frozenRows = frozenRows;
      d.frozenColumns = frozenColumns;
      this.data.sheets.splice(index ?? this.data.sheets.length, 0, d);
      return {
        addSheet: {
          properties: {
            sheetId,
            title,
            index: this.data.sheets.indexOf(d),
            sheetType: 'GRID',
            gridProperties: {
              rowCount: rows,
              columnCount: columns,
              ...(frozenRows ? { frozenRowCount: frozenRows } : {}),
              ...(frozenColumns ? { frozenColumnCount: frozenColumns } : {}),
            },
          },
        },
      };
    };
  }

  /**
   * UpdateCellsRequest (…/spreadsheets/request#UpdateCellsRequest): rows of cells written from `start`
   * (a GridCoordinate), the fields of each named in `fields`; the rows must fit the sheet.
   */
  private updateCells(value: unknown, where: string): Apply {
    const req = fieldsOf(value, where, ['rows', 'fields', 'start'], ['range']);
    const mask = Batch.mask(req.fields);
    const start = fieldsOf(req.start, `${where}.start`, ['sheetId', 'rowIndex', 'columnIndex']);
    if (req.start === undefined) throw new Refusal("one of 'start' or 'range' must be set.");
    const rows = req.rows ?? [];
    if (!Array.isArray(rows)) throw new Refusal(`Invalid value at '${where}.rows': expected a list.`);
    const writes = rows.map((row, i) => {
      const r = fieldsOf(row, `${where}.rows[${i}]`, ['values']);
      const cells = r.values ?? [];
      if (!Array.isArray(cells))
        throw new Refusal(`Invalid value at '${where}.rows[${i}].values': expected a list.`);
      return cells.map((cell, j) => cellWrites(cell, mask, `${where}.rows[${i}].values[${j}]`));
    });
    const width = Math.max(0, ...writes.map((r) => r.length));
    const row0 = integer(start.rowIndex, `${where}.start.row_index`) ?? 0;
    const column0 = integer(start.columnIndex, `${where}.start.column_index`) ?? 0;
    const box = this.box(
      {
        sheetId: start.sheetId ?? 0,
        startRowIndex: row0,
        endRowIndex: row0 + writes.length,
        startColumnIndex: column0,
        endColumnIndex: column0 + width,
      },
      `${where}.start`,
    );
    const apply = this.cellsApply(box, (i, j) => writes[i]?.[j]);
    if (masks(mask, 'dataValidation')) this.validated.push(box);
    return apply;
  }

  /** RepeatCellRequest (…/spreadsheets/request#RepeatCellRequest): one cell's fields over a whole range. */
  private repeatCell(value: unknown, where: string): Apply {
    const req = fieldsOf(value, where, ['range', 'cell', 'fields']);
    const mask = Batch.mask(req.fields);
    const box = this.box(req.range, `${where}.range`);
    const writes = cellWrites(req.cell, mask, `${where}.cell`);
    const apply = this.cellsApply(box, () => writes);
    if (masks(mask, 'dataValidation')) this.validated.push(box);
    return apply;
  }

  /**
   * Checks each value written against the validation of its cell, as the batch found it: a value a
   * strict rule refuses fails the batch (the page does not say: the harsher reading, as SpreadsheetApp
   * refuses such a write). A value written under a validation set earlier in the same batch is not
   * modelled and refused as such.
   */
  private checkValues(box: Box, at: (i: number, j: number) => CellWrites | undefined): void {
    const d = this.data.sheetById(box.sheetId);
    for (let i = 0; i < box.endRow - box.startRow; i++)
      for (let j = 0; j < box.endColumn - box.startColumn; j++) {
        const value = at(i, j)?.value;
        if (value === undefined) continue;
        const row = box.startRow + i;
        const column = box.startColumn + j;
        const inside = (b: Box) =>
          b.sheetId === box.sheetId &&
          row >= b.startRow &&
          row < b.endRow &&
          column >= b.startColumn &&
          column < b.endColumn;
        if (this.validated.some(inside))
          throw new Unsupported('writing a value under a validation set in the same batch');
        const dv = d?.cell(row + 1, column + 1)?.dv;
        if (dv && !dv.allowInvalid && !satisfies(dv, value))
          throw new Refusal(
            `The data you entered in cell ${a1(row + 1, column + 1)} violates the data validation rules set on this cell.`,
          );
      }
  }

  /** Applies each cell's writes over a box (cells with nothing to write are left alone). */
  private cellsApply(box: Box, at: (i: number, j: number) => CellWrites | undefined): Apply {
    this.checkValues(box, at);
    return () => {
      this.eachCell(box, (d, row, column) => {
        const w = at(row - 1 - box.startRow, column - 1 - box.startColumn);
        if (!w?.writes.length) return;
        const c = d.writable(row, column);
        for (const write of w.writes) write(c);
        d.tidy(row, column);
      });
      return {};
    };
  }

  /** SetDataValidationRequest (…/spreadsheets/request#SetDataValidationRequest): no rule clears. */
  private setDataValidation(value: unknown, where: string): Apply {
    const req = fieldsOf(value, where, ['range', 'rule'], ['filteredRowsIncluded']);
    const box = this.box(req.range, `${where}.range`);
    const rule = req.rule === undefined ? undefined : validationRule(req.rule, `${where}.rule`);
    this.validated.push(box);
    return () => {
      this.eachCell(box, (d, row, column) => {
        if (!rule && !d.cell(row, column)) return;
        const c = d.writable(row, column);
        if (rule) c.dv = rule;
        else delete c.dv;
        d.tidy(row, column);
      });
      return {};
    };
  }

  /**
   * AddProtectedRangeRequest (…/spreadsheets/request#AddProtectedRangeRequest; ProtectedRange on
   * …/spreadsheets/sheets#ProtectedRange): a range, or a whole sheet when the range is unbounded;
   * "Editors are not supported with warning_only protection". The user who protects can edit it, as
   * Range.protect() in this fake. The reply carries the protected range with its new id.
   */
  private addProtectedRange(value: unknown, where: string): Apply {
    const req = fieldsOf(value, where, ['protectedRange']);
    const p = fieldsOf(
      req.protectedRange,
      `${where}.protected_range`,
      ['range', 'description', 'warningOnly', 'editors'],
      ['namedRangeId', 'unprotectedRanges', 'protectedRangeId', 'requestingUserCanEdit'],
    );
    if (p.range === undefined) throw new Refusal('the protected range needs a range.');
    const box = this.box(p.range, `${where}.protected_range.range`);
    if (!box.whole && !box.bounded) throw new Unsupported('a protected range unbounded on some sides only');
    if (box.bounded && (box.startRow === box.endRow || box.startColumn === box.endColumn))
      throw new Unsupported('an empty protected range');
    const warningOnly = p.warningOnly === true;
    if (p.editors !== undefined && warningOnly)
      throw new Refusal('Editors are not supported with warning_only protection.');
    if (p.editors !== undefined) throw new Unsupported('editors of a protected range');
    const description = typeof p.description === 'string' ? p.description : '';
    return () => {
      const d = this.sheet(box.sheetId);
      const data: ProtectionData = {
        description,
        warningOnly,
        editors: [this.env.userEmail],
        domainEdit: false,
        ...(box.whole
          ? {}
          : {
              range: a1(
                box.startRow + 1,
                box.startColumn + 1,
                box.endRow - box.startRow,
                box.endColumn - box.startColumn,
              ),
            }),
      };
      d.protections.push(data);
      const protectedRangeId = this.env.nextRandom() % 2147483647;
      return {
        addProtectedRange: {
          protectedRange: {
            protectedRangeId,
            range: {
              sheetId: box.sheetId,
              ...(box.whole
                ? {}
                : {
                    startRowIndex: box.startRow,
                    endRowIndex: box.endRow,
                    startColumnIndex: box.startColumn,
                    endColumnIndex: box.endColumn,
                  }),
            },
            ...(description ? { description } : {}),
            ...(warningOnly ? { warningOnly } : {}),
            requestingUserCanEdit: true,
          },
        },
      };
    };
  }

  /**
   * AddConditionalFormatRuleRequest (…/spreadsheets/request#AddConditionalFormatRuleRequest): the rule
   * goes in at `index` (0 when not given) among its sheet's rules; all its ranges on one grid
   * (ConditionalFormatRule, …/spreadsheets/sheets#ConditionalFormatRule); a boolean rule's format only
   * bold, italic, strikethrough, foreground and background colour (BooleanRule.format).
   */
  private addConditionalFormatRule(value: unknown, where: string): Apply {
    const req = fieldsOf(value, where, ['rule', 'index']);
    const rule = fieldsOf(req.rule, `${where}.rule`, ['ranges', 'booleanRule'], ['gradientRule']);
    const ranges = rule.ranges;
    if (!Array.isArray(ranges) || ranges.length === 0)
      throw new Refusal('the rule needs at least one range.');
    const boxes = ranges.map((r, i) => this.box(r, `${where}.rule.ranges[${i}]`));
    const sheetId = boxes[0].sheetId;
    if (boxes.some((b) => b.sheetId !== sheetId))
      throw new Refusal('All ranges of a conditional format rule must be on the same grid.');
    if (boxes.some((b) => !b.bounded || b.startRow === b.endRow || b.startColumn === b.endColumn))
      throw new Unsupported('a conditional format range that is unbounded or empty');
    const boolean = fieldsOf(rule.booleanRule, `${where}.rule.boolean_rule`, ['condition', 'format']);
    if (rule.booleanRule === undefined) throw new Refusal('the rule needs a booleanRule or a gradientRule.');
    const condition = fieldsOf(boolean.condition, `${where}.rule.boolean_rule.condition`, ['type', 'values']);
    if (condition.type !== 'CUSTOM_FORMULA')
      throw new Unsupported(`the conditional format condition ${String(condition.type)}`);
    const values = Array.isArray(condition.values) ? condition.values : [];
    const formula = values.length === 1 ? at(values[0], 'userEnteredValue') : undefined;
    if (typeof formula !== 'string' || !formula.startsWith('='))
      throw new Refusal('CUSTOM_FORMULA takes one value, a formula starting with "=".');
    const fmt = formatFields(boolean.format, `${where}.rule.boolean_rule.format`, CELL_FORMAT, [
      'backgroundColor',
      'textFormat',
    ]);
    for (const key of setKeys(fmt))
      if (key !== 'backgroundColor' && key !== 'textFormat')
        throw new Refusal(
          'a conditional format can only set bold, italic, strikethrough, foreground color and background color.',
        );
    const text = formatFields(fmt.textFormat, `${where}.rule.boolean_rule.format.text_format`, TEXT_FORMAT, [
      'bold',
    ]);
    const format: RuleFormat = {
      background:
        fmt.backgroundColor === undefined
          ? null
          : hexColor(fmt.backgroundColor, `${where}.rule.boolean_rule.format.background_color`),
      fontColor: null,
      bold: typeof text.bold === 'boolean' ? text.bold : null,
      italic: null,
      underline: null,
      strikethrough: null,
    };
    const grid = this.grids.get(sheetId);
    if (!grid) throw new Refusal(`No grid with id: ${sheetId}`);
    const index = integer(req.index, `${where}.index`) ?? 0;
    if (index < 0 || index > grid.rules)
      throw new Refusal(`index ${index} is out of range: the sheet has ${grid.rules} rules.`);
    grid.rules += 1;
    const data: RuleData = {
      ranges: boxes.map((b) => ({
        sheetId,
        row: b.startRow + 1,
        column: b.startColumn + 1,
        numRows: b.endRow - b.startRow,
        numColumns: b.endColumn - b.startColumn,
      })),
      type: 'CUSTOM_FORMULA',
      values: [formula],
      format,
    };
    return () => {
      this.sheet(sheetId).rules.splice(index, 0, data);
      return {};
    };
  }
}

export class FakeSheetsSpreadsheets extends Counted {
  constructor(
    env: Env,
    private readonly registry: SpreadsheetRegistry,
  ) {
    super(env, 'Sheets', 'Spreadsheets');
  }

  /**
   * Spreadsheets.get(spreadsheetId, { fields }) (sheets/api/reference/rest/v4/spreadsheets/get): the
   * spreadsheet resource under a field mask. Only the tabs' ids and titles are modelled
   * ('sheets.properties(sheetId,title)'); a request without a mask (the whole resource), for grid data
   * or ranges, is refused as not modelled.
   */
  get(spreadsheetId: unknown, optionalArgs?: unknown): Json {
    this.rec('get');
    const fail = (message: string): never =>
      this.env.fail(`API call to sheets.spreadsheets.get failed with error: ${message}`);
    const id = String(spreadsheetId);
    if (this.registry.denied.has(id)) return fail('The caller does not have permission');
    const book = this.registry.books.get(id);
    if (!book) return fail('Requested entity was not found.');
    const args = isRecord(optionalArgs) ? optionalArgs : {};
    const others = Object.keys(args).filter((k) => k !== 'fields');
    if (others.length || typeof args.fields !== 'string')
      return this.env.fail(
        `The in-memory Sheets API does not support spreadsheets.get without a fields mask or with ${others.join(', ') || 'a non-text mask'}.`,
      );
    let paths: string[];
    try {
      paths = expandMask(args.fields);
    } catch (e) {
      if (e instanceof Refusal) return fail(e.message);
      throw e;
    }
    const wanted = TAB_PROPERTIES.filter((f) => paths.some((p) => under(`sheets.properties.${f}`, p)));
    const modelled = (p: string) => TAB_PROPERTIES.some((f) => under(`sheets.properties.${f}`, p));
    const unknown = paths.find((p) => !modelled(p) || !under(p, 'sheets'));
    if (unknown)
      return this.env.fail(`The in-memory Sheets API does not support spreadsheets.get of ${unknown}.`);
    return {
      sheets: book.data.sheets.map((d) => ({
        properties: Object.fromEntries(wanted.map((f) => [f, f === 'sheetId' ? d.id : d.name])),
      })),
    };
  }

  /** Spreadsheets.batchUpdate(resource, spreadsheetId). */
  batchUpdate(resource: unknown, spreadsheetId: unknown): Json {
    this.rec('batchUpdate');
    const fail = (message: string): never =>
      this.env.fail(`API call to sheets.spreadsheets.batchUpdate failed with error: ${message}`);
    const id = String(spreadsheetId);
    // A spreadsheet the user cannot open is 403, one that does not exist 404, in Google's usual words.
    if (this.registry.denied.has(id)) return fail('The caller does not have permission');
    const book = this.registry.books.get(id);
    if (!book) return fail('Requested entity was not found.');
    let planned: Apply[];
    try {
      planned = new Batch(this.env, book.data).plan(resource);
    } catch (e) {
      if (e instanceof Refusal) return fail(e.message);
      if (e instanceof Unsupported)
        return this.env.fail(`The in-memory Sheets API does not support ${e.what}.`);
      throw e;
    }
    return { spreadsheetId: id, replies: planned.map((apply) => apply()) };
  }
}

/** The fields of a tab's properties that spreadsheets.get can give here (a mask naming others is refused). */
const TAB_PROPERTIES = ['sheetId', 'title'] as const;

/** The `Sheets` global: the advanced service's collections the add-on uses. */
export class FakeSheetsAdvanced {
  readonly Spreadsheets: FakeSheetsSpreadsheets;
  constructor(env: Env, registry: SpreadsheetRegistry) {
    this.Spreadsheets = new FakeSheetsSpreadsheets(env, registry);
  }
}
