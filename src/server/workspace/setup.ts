// "Set up partner database": adds what is missing (a tab, a column, the frozen header, a highlight
// rule, a row id) and changes nothing else, so it is safe to run on a hand-edited spreadsheet.
import { TABLE_KEYS, type Column, type TableKey } from '../../shared/schema';
import type { SetUpReport } from '../../shared/contract';
import { highlightRules, numberFormatFor, validationFor, type ValidationSpec } from '../domain/formats';
import { newId } from '../domain/ids';
import type { Database, TableData } from './database';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function setUp(db: Database, keys: readonly TableKey[] = TABLE_KEYS): SetUpReport {
  const created: string[] = [];
  const addedColumns: string[] = [];
  let idsAssigned = 0;
  for (const key of keys) {
    let data = db.read(key);
    let sheet = data.sheet;
    if (!sheet) {
      sheet = db.spreadsheet.insertSheet(data.table.tab);
      db.forgetSheets();
      created.push(data.table.tab);
    }
    if (db.recordedTabs()[key] !== sheet.getSheetId()) db.recordTab(key, sheet);
    if (data.map.missing.length > 0) {
      const isNew = created.includes(data.table.tab);
      addColumns(
        sheet,
        data.map.headerRow + 1,
        data.values[data.map.headerRow]?.length ?? 0,
        data.map.missing,
        isNew,
      );
      if (!isNew) addedColumns.push(...data.map.missing.map((c) => `${data.table.tab}: ${c.header}`));
      data = db.read(key);
    }
    addHighlights(sheet, data);
    if (sheet.getFrozenRows() === 0) sheet.setFrozenRows(data.map.headerRow + 1);
    idsAssigned += assignIds(db, data);
  }
  return {
    created,
    addedColumns,
    idsAssigned,
    unchanged: !created.length && !addedColumns.length && !idsAssigned,
  };
}

/** Appends the missing columns after the last used one, with their header, dropdown and format. */
function addColumns(
  sheet: Sheet,
  headerRow: number,
  width: number,
  columns: readonly Column[],
  isNew: boolean,
): void {
  const first = width + 1;
  const needed = first + columns.length - 1;
  const maxColumns = sheet.getMaxColumns();
  if (needed > maxColumns) sheet.insertColumnsAfter(maxColumns, needed - maxColumns);
  const header = sheet.getRange(headerRow, first, 1, columns.length);
  header.setValues([columns.map((c) => c.header)]);
  header.setFontWeight('bold').setBackground('#e8f0fe');
  if (isNew) {
    // Warning-only: people can still edit, but are asked first.
    sheet
      .getRange(1, 1, 1, columns.length)
      .protect()
      .setWarningOnly(true)
      .setDescription('Partner Hub finds columns by these headers. Rename with care.');
  }
  const rows = sheet.getMaxRows() - headerRow;
  if (rows < 1) return;
  columns.forEach((column, i) => {
    const body = sheet.getRange(headerRow + 1, first + i, rows, 1);
    const spec = validationFor(column);
    if (spec) body.setDataValidation(buildValidation(spec));
    const format = numberFormatFor(column);
    if (format) body.setNumberFormat(format);
  });
}

function buildValidation(spec: ValidationSpec): GoogleAppsScript.Spreadsheet.DataValidation {
  const builder = SpreadsheetApp.newDataValidation();
  switch (spec.kind) {
    case 'list':
      return builder
        .requireValueInList([...spec.values], true)
        .setAllowInvalid(!spec.strict)
        .setHelpText(spec.help)
        .build();
    case 'checkbox':
      return builder.requireCheckbox().build();
    case 'date':
      return builder.requireDate().setAllowInvalid(true).setHelpText(spec.help).build();
    case 'email':
      return builder.requireTextIsEmail().setAllowInvalid(true).setHelpText(spec.help).build();
  }
}

/** Adds each highlight rule the tab does not have yet; rules people made are kept as they are. */
function addHighlights(sheet: Sheet, data: TableData): void {
  const wanted = highlightRules(data.table, (key) => {
    const at = data.map.index[key];
    return at === undefined ? undefined : at + 1;
  });
  if (!wanted.length) return;
  const existing = sheet.getConditionalFormatRules();
  const formulas = new Set(
    existing.flatMap((r) => r.getBooleanCondition()?.getCriteriaValues().map(String) ?? []),
  );
  const rows = sheet.getMaxRows() - 1;
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
