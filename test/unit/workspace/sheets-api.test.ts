// The Sheets advanced service (Sheets API v4) fake: Spreadsheets.batchUpdate with the request kinds the
// add-on sends, applied to the spreadsheets SpreadsheetApp's fake keeps, with the API's rules and errors.
import vm from 'node:vm';
import { createWorkspace, type Workspace } from '../../../dev/workspace';
import { a1 } from '../../../dev/workspace/a1';
import { inspectCell } from '../../../dev/workspace/by-hand';

type Request = GoogleAppsScript.Sheets.Schema.Request;

const AUTH = 'https://www.googleapis.com/auth/';
const failed = (message: string) =>
  `API call to sheets.spreadsheets.batchUpdate failed with error: ${message}`;

function batch(w: Workspace, requests: Request[], id = w.spreadsheet.getId()) {
  return w.services.Sheets.Spreadsheets.batchUpdate({ requests }, id);
}

const tab = (w: Workspace, name: string) => {
  const sheet = w.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no tab ${name}`);
  return sheet;
};

const addTab = (title: string, sheetId?: number): Request => ({
  addSheet: { properties: { title, ...(sheetId === undefined ? {} : { sheetId }) } },
});

describe('Sheets.Spreadsheets.batchUpdate', () => {
  test('adds sheets with the ids and sizes asked, replies in request order, and counts one call', () => {
    const w = createWorkspace();
    const id = w.spreadsheet.getId();
    w.calls.reset();
    const reply = batch(
      w,
      [
        {
          addSheet: {
            properties: {
              sheetId: 42,
              title: 'Partners',
              gridProperties: { rowCount: 50, columnCount: 5, frozenRowCount: 1 },
            },
          },
        },
        { repeatCell: { range: { sheetId: 42 }, cell: { note: 'x' }, fields: 'note' } },
        addTab('Other'),
      ],
      id,
    );
    expect(w.calls.total()).toBe(1);
    expect(w.calls.count('Sheets.Spreadsheets.batchUpdate')).toBe(1);
    expect(reply.spreadsheetId).toBe(w.spreadsheet.getId());
    expect(reply.replies).toHaveLength(3);
    expect(reply.replies?.[0]).toEqual({
      addSheet: {
        properties: {
          sheetId: 42,
          title: 'Partners',
          index: 1,
          sheetType: 'GRID',
          gridProperties: { rowCount: 50, columnCount: 5, frozenRowCount: 1 },
        },
      },
    });
    expect(reply.replies?.[1]).toEqual({});
    // Without an id, one is made up; without a size, 1000 rows and 26 columns.
    const other = reply.replies?.[2].addSheet?.properties;
    expect(other?.sheetId).toEqual(expect.any(Number));
    expect(other?.gridProperties).toEqual({ rowCount: 1000, columnCount: 26 });
    const partners = tab(w, 'Partners');
    expect([
      partners.getSheetId(),
      partners.getMaxRows(),
      partners.getMaxColumns(),
      partners.getFrozenRows(),
    ]).toEqual([42, 50, 5, 1]);
    expect(w.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Partners', 'Other']);
    // A batch does not change the tab the user is on.
    expect(w.spreadsheet.getActiveSheet().getName()).toBe('Sheet1');
    // The new tabs are in the workspace's state.
    const restored = createWorkspace({ state: JSON.parse(JSON.stringify(w.toJSON())) });
    expect(restored.spreadsheet.getSheetByName('Partners')?.getFrozenRows()).toBe(1);
  });

  test('refuses a title in use (in any case) or a sheet id in use, also one added earlier in the batch', () => {
    const w = createWorkspace();
    expect(() => batch(w, [addTab('sheet1')])).toThrow(
      failed(
        'Invalid requests[0].addSheet: A sheet with the name "sheet1" already exists. Please enter another name.',
      ),
    );
    expect(() => batch(w, [addTab('A', 7), addTab('B', 7)])).toThrow(
      failed('Invalid requests[1].addSheet: A sheet with id 7 already exists. Please enter another id.'),
    );
    expect(() => batch(w, [addTab('A', 0)])).toThrow(/A sheet with id 0 already exists/);
    expect(() => batch(w, [addTab('A'), addTab('a')])).toThrow(/A sheet with the name "a" already exists/);
    expect(w.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
  });

  test('is atomic: one invalid request and nothing of the batch is applied', () => {
    const w = createWorkspace();
    const sheet1 = tab(w, 'Sheet1');
    sheet1.getRange('A1').setValues([['kept']]);
    const state = JSON.stringify(w.toJSON());
    expect(() =>
      batch(w, [
        addTab('New', 5),
        {
          updateCells: {
            start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
            rows: [{ values: [{ userEnteredValue: { stringValue: 'changed' } }] }],
            fields: 'userEnteredValue',
          },
        },
        {
          repeatCell: {
            range: { sheetId: 5, startRowIndex: 0, endRowIndex: 1001 },
            cell: {},
            fields: 'note',
          },
        },
      ]),
    ).toThrow(
      failed(
        "Invalid requests[2].repeatCell: Range ('New'!A1:Z1001) exceeds grid limits. Max rows: 1000, max columns: 26",
      ),
    );
    expect(JSON.stringify(w.toJSON())).toBe(state);
    expect(sheet1.getRange('A1').getValues()).toEqual([['kept']]);
  });

  test('GridRanges are 0-based and half open; a missing index is unbounded, a missing sheetId is sheet 0', () => {
    const w = createWorkspace();
    batch(w, [
      {
        repeatCell: {
          range: { startRowIndex: 1, endRowIndex: 3, startColumnIndex: 2, endColumnIndex: 3 },
          cell: { userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } },
          fields: 'userEnteredFormat.numberFormat',
        },
      },
      {
        repeatCell: {
          range: { sheetId: 0, startColumnIndex: 25 },
          cell: { userEnteredFormat: { numberFormat: { type: 'TEXT' } } },
          fields: 'userEnteredFormat.numberFormat',
        },
      },
    ]);
    const sheet = tab(w, 'Sheet1');
    // '' is General.
    const format = (row: number, column: number) => inspectCell(sheet, row, column).format;
    expect([1, 2, 3, 4].map((row) => format(row, 3))).toEqual(['', 'yyyy-mm-dd', 'yyyy-mm-dd', '']);
    expect(format(2, 2)).toBe('');
    expect(format(1, 26)).toBe('@');
    expect(format(1000, 26)).toBe('@');
    const repeat = (range: GoogleAppsScript.Sheets.Schema.GridRange): Request => ({
      repeatCell: { range, cell: {}, fields: 'note' },
    });
    expect(() => batch(w, [repeat({ sheetId: 9 })])).toThrow(
      failed('Invalid requests[0].repeatCell: No grid with id: 9'),
    );
    expect(() => batch(w, [repeat({ startRowIndex: 3, endRowIndex: 2 })])).toThrow(
      /start index must be less than or equal to the end index/,
    );
    expect(() => batch(w, [repeat({ startColumnIndex: 0, endColumnIndex: 27 })])).toThrow(
      /exceeds grid limits. Max rows: 1000, max columns: 26/,
    );
  });

  test('updateCells writes strings as they are and the fields the mask names, nothing else', () => {
    const w = createWorkspace();
    const sheet = tab(w, 'Sheet1');
    // A note on each cell, a red background on A1; then C1's value.
    batch(w, [
      {
        repeatCell: {
          range: { sheetId: 0, endRowIndex: 1, endColumnIndex: 3 },
          cell: { note: 'n' },
          fields: 'note',
        },
      },
    ]);
    sheet.getRange('A1').setBackground('#ff0000');
    sheet.getRange('C1').setValues([['old']]);
    batch(w, [
      {
        updateCells: {
          start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
          rows: [
            {
              values: [
                {
                  userEnteredValue: { stringValue: '0123' },
                  userEnteredFormat: { textFormat: { bold: true } },
                },
                {
                  userEnteredValue: { stringValue: '=1+1' },
                  userEnteredFormat: {
                    backgroundColor: { red: 232 / 255, green: 240 / 255, blue: 254 / 255 },
                  },
                },
              ],
            },
          ],
          fields: 'userEnteredValue,user_entered_format(text_format.bold,backgroundColor)',
        },
      },
    ]);
    // No parsing: '0123' and '=1+1' stay text.
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['0123', '=1+1', 'old']]);
    const cells = [1, 2, 3].map((column) => inspectCell(sheet, 1, column));
    expect(cells.map((c) => c.formula)).toEqual(['', '', '']);
    // The mask names bold and the background: A1's red goes (the cell gives none), B1 is not bold. The
    // note is not named by the mask: kept.
    expect(cells.map((c) => c.style)).toEqual([
      { note: 'n', fontWeight: 'bold' },
      { note: 'n', background: '#e8f0fe' },
      { note: 'n' },
    ]);
  });

  test('updateCells stores a formulaValue as a formula; one without "=" is refused as not modelled', () => {
    const w = createWorkspace();
    const write = (formulaValue: string): Request => ({
      updateCells: {
        start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
        rows: [
          { values: [{ userEnteredValue: { formulaValue } }, { userEnteredValue: { stringValue: '=2' } }] },
        ],
        fields: 'userEnteredValue',
      },
    });
    batch(w, [write('="linked"')]);
    const sheet1 = () => w.inspect().tabs.find((t) => t.name === 'Sheet1')!;
    expect(sheet1().values[0].slice(0, 2)).toEqual(['linked', '=2']);
    expect(sheet1().formulas[0].slice(0, 2)).toEqual(['="linked"', '']);
    expect(() => batch(w, [write('1+1')])).toThrow(
      /does not support a formulaValue that does not start with "="/,
    );
    expect(sheet1().formulas[0][0]).toBe('="linked"');
  });

  test("Spreadsheets.get gives the tabs' ids and titles under a mask, one call; anything else is not modelled", () => {
    const w = createWorkspace();
    batch(w, [addTab('Partners', 42)]);
    w.calls.reset();
    const got = w.services.Sheets.Spreadsheets.get(w.spreadsheet.getId(), {
      fields: 'sheets.properties(sheetId,title)',
    });
    expect(got.sheets?.map((s) => s.properties)).toEqual([
      { sheetId: 0, title: 'Sheet1' },
      { sheetId: 42, title: 'Partners' },
    ]);
    expect(w.calls.count('Sheets.Spreadsheets.get')).toBe(1);
    expect(
      w.services.Sheets.Spreadsheets.get(w.spreadsheet.getId(), { fields: 'sheets.properties.title' })
        .sheets?.[1],
    ).toEqual({ properties: { title: 'Partners' } });
    expect(() => w.services.Sheets.Spreadsheets.get(w.spreadsheet.getId())).toThrow(/does not support/);
    expect(() =>
      w.services.Sheets.Spreadsheets.get(w.spreadsheet.getId(), { fields: 'sheets.data' }),
    ).toThrow(/does not support/);
    expect(() => w.services.Sheets.Spreadsheets.get('nope', { fields: 'sheets.properties.title' })).toThrow(
      'API call to sheets.spreadsheets.get failed with error: Requested entity was not found.',
    );
  });

  test('a mask naming a whole object clears what the cell does not give', () => {
    const w = createWorkspace();
    const sheet = tab(w, 'Sheet1');
    sheet
      .getRange('A1')
      .setFontWeight('bold')
      .setBackground('#ff0000')
      .setValues([['v']]);
    batch(w, [
      {
        repeatCell: {
          range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 },
          cell: { userEnteredFormat: { numberFormat: { type: 'TEXT', pattern: '@' } } },
          fields: 'userEnteredFormat',
        },
      },
    ]);
    const cell = inspectCell(sheet, 1, 1);
    // Bold and the background go; the value stays.
    expect([cell.format, cell.style, cell.value]).toEqual(['@', {}, 'v']);
  });

  test('refuses a missing or bad field mask, unknown fields and a request with no kind or two', () => {
    const w = createWorkspace();
    const range = { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 };
    expect(() => batch(w, [{ repeatCell: { range, cell: { note: 'x' } } }])).toThrow(
      failed("Invalid requests[0].repeatCell: at least one field must be specified in 'fields'."),
    );
    expect(() => batch(w, [{ repeatCell: { range, cell: {}, fields: 'userEnteredFormat.colour' } }])).toThrow(
      failed('Invalid requests[0].repeatCell: Invalid field mask: userEnteredFormat.colour'),
    );
    expect(() => batch(w, [{ repeatCell: { range, cell: {}, fields: 'note(' } }])).toThrow(
      /Invalid field mask/,
    );
    const unknownCell = JSON.parse(
      '{"repeatCell":{"range":{},"cell":{"colour":1},"fields":"note"}}',
    ) as Request;
    expect(() => batch(w, [unknownCell])).toThrow(
      failed(
        `Invalid JSON payload received. Unknown name "colour" at 'requests[0].repeat_cell.cell': Cannot find field.`,
      ),
    );
    const unknownKind = JSON.parse('{"addTab":{}}') as Request;
    expect(() => batch(w, [unknownKind])).toThrow(
      failed(`Invalid JSON payload received. Unknown name "addTab" at 'requests[0]': Cannot find field.`),
    );
    expect(() => batch(w, [{ addSheet: {}, repeatCell: { range, cell: {}, fields: 'note' } }])).toThrow(
      failed(
        "Invalid value at 'requests[0]' (oneof), oneof field 'kind' is already set. Cannot overwrite with 'repeat_cell'",
      ),
    );
    // What Sheets has and the fake does not model is refused as such, never ignored.
    expect(() => batch(w, [{ deleteSheet: { sheetId: 0 } }])).toThrow(
      'The in-memory Sheets API does not support the deleteSheet request.',
    );
    expect(() =>
      batch(w, [
        { repeatCell: { range, cell: { userEnteredFormat: { borders: {} } }, fields: 'userEnteredFormat' } },
      ]),
    ).toThrow(/in-memory Sheets API does not support/);
  });

  test('setDataValidation sets the rule SpreadsheetApp reads back, and a strict rule refuses what breaks it', () => {
    const w = createWorkspace();
    const column = {
      sheetId: 0,
      startRowIndex: 1,
      endRowIndex: 1000,
      startColumnIndex: 0,
      endColumnIndex: 1,
    };
    batch(w, [
      {
        setDataValidation: {
          range: column,
          rule: {
            condition: {
              type: 'ONE_OF_LIST',
              values: [{ userEnteredValue: 'active' }, { userEnteredValue: 'paused' }],
            },
            strict: true,
            showCustomUi: true,
            inputMessage: 'Choose a status.',
          },
        },
      },
      {
        setDataValidation: {
          range: { ...column, startColumnIndex: 1, endColumnIndex: 2 },
          rule: { condition: { type: 'BOOLEAN' } },
        },
      },
    ]);
    const sheet = tab(w, 'Sheet1');
    const rule = inspectCell(sheet, 1000, 1).validation;
    expect(inspectCell(sheet, 1, 1).validation).toBeNull();
    expect([rule?.type, rule?.values, rule?.allowInvalid, rule?.helpText]).toEqual([
      'VALUE_IN_LIST',
      [['active', 'paused'], true],
      false,
      'Choose a status.',
    ]);
    const check = inspectCell(sheet, 2, 2).validation;
    expect([check?.type, check?.allowInvalid, check?.helpText]).toEqual(['CHECKBOX', true, '']);
    expect(() => sheet.getRange('A2').setValues([['closed']])).toThrow(/violates the data validation rules/);
    expect(() =>
      batch(w, [
        addTab('Kept out'),
        {
          updateCells: {
            start: { sheetId: 0, rowIndex: 1, columnIndex: 0 },
            rows: [{ values: [{ userEnteredValue: { stringValue: 'closed' } }] }],
            fields: 'userEnteredValue',
          },
        },
      ]),
    ).toThrow(
      failed(
        'Invalid requests[1].updateCells: The data you entered in cell A2 violates the data validation rules set on this cell.',
      ),
    );
    expect(w.spreadsheet.getSheetByName('Kept out')).toBeNull();
    expect(() =>
      batch(w, [
        { setDataValidation: { range: column, rule: { condition: { type: 'ONE_OF_LIST', values: [] } } } },
      ]),
    ).toThrow(/ONE_OF_LIST condition needs at least one value/);
    expect(() =>
      batch(w, [
        {
          setDataValidation: {
            range: column,
            rule: { condition: { type: 'DATE_IS_VALID', values: [{ userEnteredValue: 'x' }] } },
          },
        },
      ]),
    ).toThrow(/DATE_IS_VALID condition takes no condition values/);
    // No rule clears.
    batch(w, [{ setDataValidation: { range: column } }]);
    expect(inspectCell(sheet, 2, 1).validation).toBeNull();
  });

  test('addProtectedRange protects a range (or a whole sheet); editors do not go with warning-only', () => {
    const w = createWorkspace();
    const header = { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 3 };
    const reply = batch(w, [
      { addProtectedRange: { protectedRange: { range: header, description: 'Headers', warningOnly: true } } },
      { addProtectedRange: { protectedRange: { range: { sheetId: 0 } } } },
    ]);
    expect(reply.replies?.[0].addProtectedRange?.protectedRange).toEqual(
      expect.objectContaining({ range: header, description: 'Headers', warningOnly: true }),
    );
    // The user who protects may edit; a protection with no range is the whole sheet's.
    const byUser = { editors: ['coordinator@school.example'], domainEdit: false };
    expect(w.toJSON().spreadsheets[0].sheets[0].protections).toEqual([
      { description: 'Headers', warningOnly: true, ...byUser, range: 'A1:C1' },
      { description: '', warningOnly: false, ...byUser },
    ]);
    expect(() =>
      batch(w, [
        {
          addProtectedRange: {
            protectedRange: { range: header, warningOnly: true, editors: { users: ['a@school.example'] } },
          },
        },
      ]),
    ).toThrow(
      failed(
        'Invalid requests[0].addProtectedRange: Editors are not supported with warning_only protection.',
      ),
    );
  });

  test('addConditionalFormatRule inserts at its index among the sheet rules, its ranges on one grid', () => {
    const w = createWorkspace();
    const column = (c: number, sheetId = 0) => ({
      sheetId,
      startRowIndex: 1,
      endRowIndex: 1000,
      startColumnIndex: c,
      endColumnIndex: c + 1,
    });
    const rule = (formula: string, ranges = [column(0)], index?: number): Request => ({
      addConditionalFormatRule: {
        ...(index === undefined ? {} : { index }),
        rule: {
          ranges,
          booleanRule: {
            condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: formula }] },
            format: { backgroundColor: { red: 252 / 255, green: 232 / 255, blue: 230 / 255 } },
          },
        },
      },
    });
    // Without an index a rule goes first: the add-on gives one.
    batch(w, [rule('=A2>1'), rule('=A2>2'), rule('=A2>3', [column(1)], 2)]);
    const rules = tab(w, 'Sheet1').getConditionalFormatRules();
    expect(rules.map((r) => r.getBooleanCondition()?.getCriteriaValues()[0])).toEqual([
      '=A2>2',
      '=A2>1',
      '=A2>3',
    ]);
    const third = rules[2].data;
    expect(third.format.background).toBe('#fce8e6');
    expect(third.ranges.map((r) => a1(r.row, r.column, r.numRows, r.numColumns))).toEqual(['B2:B1000']);
    expect(() => batch(w, [rule('=A2>1', [column(0)], 5)])).toThrow(/index 5 is out of range/);
    expect(() => batch(w, [addTab('Two', 2), rule('=A2>1', [column(0), column(0, 2)])])).toThrow(
      failed(
        'Invalid requests[1].addConditionalFormatRule: All ranges of a conditional format rule must be on the same grid.',
      ),
    );
    expect(() => batch(w, [rule('A2>1')])).toThrow(
      /CUSTOM_FORMULA takes one value, a formula starting with "="/,
    );
  });

  test('an unknown spreadsheet is 404, one the user cannot open 403; the scopes are those of the page', () => {
    const w = createWorkspace();
    const { Sheets } = w.services;
    expect(() => Sheets.Spreadsheets.batchUpdate({ requests: [addTab('A')] }, '1missing')).toThrow(
      failed('Requested entity was not found.'),
    );
    const other = w.addSpreadsheet('Other');
    w.denyAccess(other.getId());
    expect(() => Sheets.Spreadsheets.batchUpdate({ requests: [addTab('A')] }, other.getId())).toThrow(
      failed('The caller does not have permission'),
    );
    const narrow = createWorkspace({ scopes: [`${AUTH}spreadsheets.currentonly`] });
    expect(() => batch(narrow, [addTab('A')])).toThrow(
      'Specified permissions are not sufficient to call Spreadsheets.batchUpdate. Required permissions: ' +
        `(${AUTH}drive || ${AUTH}drive.file || ${AUTH}spreadsheets)`,
    );
    expect(narrow.spreadsheet.getSheetByName('A')).toBeNull();
  });

  test("works on the script's own objects in a vm context, and throws errors of that realm", () => {
    const w = createWorkspace();
    const context = vm.createContext({ ...w.globals });
    w.bindRealm(context);
    const result: unknown = vm.runInContext(
      `(() => {
        const id = SpreadsheetApp.getActiveSpreadsheet().getId();
        const reply = Sheets.Spreadsheets.batchUpdate({ requests: [{ addSheet: { properties: { title: 'A' } } }] }, id);
        let caught;
        try { Sheets.Spreadsheets.batchUpdate({ requests: [{ addSheet: { properties: { title: 'A' } } }] }, id); }
        catch (e) { caught = e instanceof Error; }
        return { title: reply.replies[0].addSheet.properties.title, caught };
      })()`,
      context,
    );
    expect(result).toEqual({ title: 'A', caught: true });
  });
});
