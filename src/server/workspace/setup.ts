// "Set up partner database": adds what is missing (a tab, a column, the frozen header, a highlight
// rule, a row id) and changes nothing else, so it is safe to run on a hand-edited spreadsheet.
import { TABLE_KEYS, TABLES, type Column, type TableKey } from '../../shared/schema';
import type { SetUpReport } from '../../shared/contract';
import { highlightRules, numberFormatFor, validationFor, type ValidationSpec } from '../domain/formats';
import { newId } from '../domain/ids';
import { sheetsApi, type Database, type TableData } from './database';
import { HEADER_BACKGROUND, HEADER_PROTECTION, makeTabs } from './setup-batch';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function setUp(db: Database, keys: readonly TableKey[] = TABLE_KEYS): SetUpReport {
  const created: string[] = [];
  const addedColumns: string[] = [];
  const tabIds: Partial<Record<TableKey, number>> = {};
  const rules = new Rules();
  let idsAssigned = 0;
  // Every table read first; the tabs missing are made together in one request of the Sheets API (with
  // their headers, formats, dropdowns, protection and highlights). Without that service (a copy of the
  // script whose manifest does not enable it) each is made through SpreadsheetApp below, as are the
  // columns missing from tabs that exist.
  const tables = keys.map((key) => ({ key, read: db.read(key) }));
  const missing = tables.filter((t) => !t.read.sheet).map((t) => t.key);
  const made = missing.length && sheetsApi() ? makeTabs(db, missing) : {};
  for (const { key, read } of tables) {
    const table = TABLES[key];
    const madeId = made[key];
    if (madeId !== undefined) {
      created.push(table.tab);
      tabIds[key] = madeId;
      continue;
    }
    // A tab found missing is made and known to be empty: nothing to read back.
    let data = read;
    let sheet = data.sheet;
    const isNew = !sheet;
    if (!sheet) {
      sheet = db.spreadsheet.insertSheet(table.tab);
      db.added(sheet, table.tab);
      created.push(table.tab);
      data = db.parse(key, sheet, []);
    }
    tabIds[key] = data.sheetId ?? sheet.getSheetId();
    // The tab's height, asked once for the dropdowns, formats and highlights that reach its last row.
    const tab = sheet;
    let height: number | undefined;
    const maxRows = () => (height ??= tab.getMaxRows());
    if (data.map.missing.length > 0) {
      const headerRow = data.map.headerRow + 1;
      const width = data.values[data.map.headerRow]?.length ?? 0;
      addColumns(sheet, headerRow, width, data.map.missing, isNew, rules, maxRows);
      if (!isNew) addedColumns.push(...data.map.missing.map((c) => `${table.tab}: ${c.header}`));
      // What the tab holds now, without reading it again: the new headers after the old.
      const headers = data.map.missing.map((c) => c.header);
      const values = data.values.length
        ? data.values.map((row, i) =>
            i === data.map.headerRow ? [...row, ...headers] : [...row, ...headers.map(() => '')],
          )
        : [headers];
      data = db.parse(key, sheet, values);
    }
    addHighlights(sheet, data, isNew, maxRows);
    if (isNew || sheet.getFrozenRows() === 0) sheet.setFrozenRows(data.map.headerRow + 1);
    idsAssigned += assignIds(db, data);
  }
  db.recordTabs(tabIds);
  return {
    created,
    addedColumns,
    idsAssigned,
    unchanged: !created.length && !addedColumns.length && !idsAssigned,
  };
}

/**
 * Appends the missing columns after the last used one: their headers in one write, their dropdowns in
 * one write over the whole block, their number formats in one more.
 */
function addColumns(
  sheet: Sheet,
  headerRow: number,
  width: number,
  columns: readonly Column[],
  isNew: boolean,
  rules: Rules,
  maxRows: () => number,
): void {
  const first = width + 1;
  const header = widened(sheet, headerRow, first, columns.length);
  header.setValues([columns.map((c) => c.header)]);
  header.setFontWeight('bold').setBackground(HEADER_BACKGROUND);
  if (isNew) {
    // Warning-only: people can still edit, but are asked first.
    header.protect().setWarningOnly(true).setDescription(HEADER_PROTECTION);
  }
  const rows = maxRows() - headerRow;
  if (rows < 1) return;
  // The new columns' body, below the header: dropdowns in one write, number formats in one more (a column
  // with no format of its own gets "General", Sheets' automatic format, which a new column has anyway).
  const body = sheet.getRange(headerRow + 1, first, rows, columns.length);
  const specs = columns.map((c) => validationFor(c));
  if (specs.some(Boolean)) {
    const row = specs.map((spec) => (spec ? rules.get(spec) : null));
    body.setDataValidations(Array.from({ length: rows }, () => row));
  }
  const formats = columns.map((c) => numberFormatFor(c) ?? '');
  if (formats.some(Boolean)) {
    const row = formats.map((f) => f || 'General');
    body.setNumberFormats(Array.from({ length: rows }, () => row));
  }
}

/**
 * The header cells of the new columns. A tab is usually wide enough already: its width is asked, and
 * columns added, only when Sheets refuses the range (nothing is written by then).
 */
function widened(
  sheet: Sheet,
  row: number,
  first: number,
  count: number,
): GoogleAppsScript.Spreadsheet.Range {
  try {
    return sheet.getRange(row, first, 1, count);
  } catch {
    const maxColumns = sheet.getMaxColumns();
    const needed = first + count - 1;
    if (needed > maxColumns) sheet.insertColumnsAfter(maxColumns, needed - maxColumns);
    return sheet.getRange(row, first, 1, count);
  }
}

/**
 * Dropdown and date rules, each built once per execution from one builder (a rule keeps what it was
 * built with; the builder changes only what differs from the rule before).
 */
class Rules {
  private readonly built = new Map<string, GoogleAppsScript.Spreadsheet.DataValidation>();
  private builder: GoogleAppsScript.Spreadsheet.DataValidationBuilder | null = null;
  private allowInvalid = true;
  private help = '';

  get(spec: ValidationSpec): GoogleAppsScript.Spreadsheet.DataValidation {
    const key = JSON.stringify(spec);
    let rule = this.built.get(key);
    if (!rule) {
      rule = this.build(spec);
      this.built.set(key, rule);
    }
    return rule;
  }

  private build(spec: ValidationSpec): GoogleAppsScript.Spreadsheet.DataValidation {
    const b = (this.builder ??= SpreadsheetApp.newDataValidation());
    const allowInvalid = spec.kind === 'list' ? !spec.strict : true;
    const help = spec.kind === 'checkbox' ? '' : spec.help;
    switch (spec.kind) {
      case 'list':
        b.requireValueInList([...spec.values], true);
        break;
      case 'checkbox':
        b.requireCheckbox();
        break;
      case 'date':
        b.requireDate();
        break;
      case 'email':
        b.requireTextIsEmail();
        break;
    }
    if (allowInvalid !== this.allowInvalid) b.setAllowInvalid((this.allowInvalid = allowInvalid));
    if (help !== this.help) b.setHelpText((this.help = help));
    return b.build();
  }
}

/** Adds each highlight rule the tab does not have yet; rules people made are kept as they are. */
function addHighlights(sheet: Sheet, data: TableData, isNew: boolean, maxRows: () => number): void {
  const wanted = highlightRules(data.table, (key) => {
    const at = data.map.index[key];
    return at === undefined ? undefined : at + 1;
  });
  if (!wanted.length) return;
  const existing = isNew ? [] : sheet.getConditionalFormatRules();
  const formulas = new Set(
    existing.flatMap((r) => r.getBooleanCondition()?.getCriteriaValues().map(String) ?? []),
  );
  const rows = maxRows() - 1;
  const added = wanted
    .filter((rule) => !formulas.has(rule.formula))
    .map((rule) =>
      SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(rule.formula)
        .setBackground(rule.background)
        .setRanges([sheet.getRange(2, (data.map.index[rule.column] ?? 0) + 1, Math.max(rows, 1), 1)])
        .build(),
    );
  if (added.length) sheet.setConditionalFormatRules([...existing, ...added]);
}

/** Gives a stable id to each row people added by hand (or whose id repeats another row's). */
export function assignIds(db: Database, data: TableData): number {
  if (!data.needsId.length || data.map.index.id === undefined) return 0;
  const taken = new Set(data.rows.map((r) => String(r.record.id)));
  const changes = data.needsId.map((row) => {
    const id = newId(data.table.idPrefix, () => Utilities.getUuid(), taken);
    taken.add(id);
    return { row, values: { id } };
  });
  db.write(data, changes);
  return changes.length;
}
