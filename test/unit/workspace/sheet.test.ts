import { createWorkspace } from '../../../dev/workspace';
import { byHand, inspectCell } from '../../../dev/workspace/by-hand';

function setup() {
  const ws = createWorkspace();
  const ss = ws.services.SpreadsheetApp.getActiveSpreadsheet();
  return { ws, ss, s: ss.getSheets()[0], fake: ws.spreadsheet.getSheets()[0] };
}

describe('ranges', () => {
  test('1-based coordinates and Apps Script messages', () => {
    const { ws, s } = setup();
    s.getRange(2, 3, 2, 2).setValues([
      ['c2', 'd2'],
      ['c3', 'd3'],
    ]);
    s.getRange('b5').setValues([['b5']]);
    s.getRange('E1:E2').setValues([['e1'], ['e2']]);
    expect(ws.inspect().tabs[0].values).toEqual([
      ['', '', '', '', 'e1'],
      ['', '', 'c2', 'd2', 'e2'],
      ['', '', 'c3', 'd3', ''],
      ['', '', '', '', ''],
      ['', 'b5', '', '', ''],
    ]);
    expect(() => s.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => s.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => s.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => s.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
    expect(() => s.getRange(1000, 1, 2, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => s.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => s.getRange('nonsense!!')).toThrow('Range not found');
  });

  test('setValues shape errors', () => {
    const { s } = setup();
    const r = s.getRange(1, 1, 2, 3);
    expect(() => r.setValues([[1, 2, 3]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() =>
      r.setValues([
        [1, 2, 3],
        [4, 5],
      ]),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    expect(() => r.setValues([[1, 2, 3], 'abc' as unknown as unknown[]])).toThrow(
      /don't match the method signature/,
    );
    expect(s.getLastRow()).toBe(0);
  });

  test('new sheet dimensions, getLastRow/Column and getDataRange', () => {
    const { s } = setup();
    expect([s.getMaxRows(), s.getMaxColumns(), s.getLastRow(), s.getLastColumn()]).toEqual([1000, 26, 0, 0]);
    expect(s.getDataRange().getValues()).toEqual([['']]);
    s.getRange('A1:B1').setValues([['Name', 'Email']]);
    s.getRange('C5').setValues([['x']]);
    s.getRange('A8').setBackground('#ff0000'); // formatting alone is not content
    expect(s.getLastRow()).toBe(5);
    expect(s.getLastColumn()).toBe(3);
    expect(s.getDataRange().getValues()).toHaveLength(5);
    expect(s.getDataRange().getValues()[4]).toEqual(['', '', 'x']);
    s.getRange('C5').setValues([['']]);
    expect(s.getLastRow()).toBe(1);
    s.clearContents();
    expect(s.getLastRow()).toBe(0);
  });

  test('getSheetValues: one call, -1 reaches the last row or column with content', () => {
    const { ws, s } = setup();
    // Empty: a -1 extent is a range of no rows, refused as getRange refuses one.
    expect(() => s.getSheetValues(1, 1, -1, -1)).toThrow(
      'The number of rows in the range must be at least 1.',
    );
    s.getRange('A1:B1').setValues([['Name', 'Email']]);
    s.getRange('C3').setValues([['x']]);
    ws.calls.reset();
    expect(s.getSheetValues(1, 1, -1, -1)).toEqual([
      ['Name', 'Email', ''],
      ['', '', ''],
      ['', '', 'x'],
    ]);
    expect(s.getSheetValues(2, 3, 2, 1)).toEqual([[''], ['x']]);
    expect(s.getSheetValues(2, 1, -1, 2)).toEqual([
      ['', ''],
      ['', ''],
    ]);
    expect(ws.calls.count('SpreadsheetApp.Sheet.getSheetValues')).toBe(3);
    expect(ws.calls.total()).toBe(3);
    expect(() => s.getSheetValues(4, 1, -1, 1)).toThrow(
      'The number of rows in the range must be at least 1.',
    );
    expect(() => s.getSheetValues(999, 1, 5, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
  });

  test('insert and delete rows and columns shift data, formats and validations', () => {
    const { ws, s, fake } = setup();
    const app = ws.services.SpreadsheetApp;
    s.getRange('A1:C3').setValues([
      ['h1', 'h2', 'h3'],
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    s.getRange('B2').setNumberFormat('@').setBackground('#eeeeee');
    s.getRange('C2').setDataValidations([[app.newDataValidation().requireValueInList(['c', 'x']).build()]]);
    s.insertRowsAfter(1, 2);
    expect(s.getMaxRows()).toBe(1002);
    expect(s.getRange('A1:C5').getValues()).toEqual([
      ['h1', 'h2', 'h3'],
      ['', '', ''],
      ['', '', ''],
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(inspectCell(fake, 4, 2).format).toBe('@');
    expect(inspectCell(fake, 4, 3).validation?.values).toEqual([['c', 'x'], true]);
    s.deleteRows(2, 2);
    s.insertColumnsAfter(1, 1);
    expect(s.getMaxColumns()).toBe(27);
    expect(s.getRange('A1:D2').getValues()).toEqual([
      ['h1', '', 'h2', 'h3'],
      ['a', '', 'b', 'c'],
    ]);
    expect(inspectCell(fake, 2, 3).style.background).toBe('#eeeeee');
    expect(() => s.deleteRows(1, 5000)).toThrow('Those rows are out of bounds.');
  });

  test('frozen rows; a person sorts the rows below them', () => {
    const { s, fake } = setup();
    s.getRange('A1:B5').setValues([
      ['Name', 'Score'],
      ['bob', 3],
      ['Ada', 10],
      ['', 1],
      ['cy', 2],
    ]);
    s.setFrozenRows(1);
    expect(s.getFrozenRows()).toBe(1);
    byHand.sortSheet(fake, 1);
    expect(s.getRange('A1:B5').getValues()).toEqual([
      ['Name', 'Score'],
      ['Ada', 10],
      ['bob', 3],
      ['cy', 2],
      ['', 1],
    ]);
    byHand.sortSheet(fake, 2, false);
    expect(s.getRange('B2:B5').getValues().flat()).toEqual([10, 3, 2, 1]);
  });

  test('tabs: names, ids, insert and move', () => {
    const { ss, s } = setup();
    expect(s.getSheetId()).toBe(0);
    const t = ss.insertSheet('Partners');
    expect(t.getSheetId()).not.toBe(0);
    expect(ss.getActiveSheet().getName()).toBe('Partners');
    expect(() => ss.insertSheet('partners')).toThrow(
      'A sheet with the name "partners" already exists. Please enter another name.',
    );
    expect(ss.getSheetByName('partners')).toBeNull();
    expect(ss.getSheetById(t.getSheetId())?.getName()).toBe('Partners');
    expect(ss.getSheetById(12345)).toBeNull();
    ss.insertSheet('First', 0);
    expect(ss.insertSheet().getName()).toBe('Sheet4');
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['First', 'Sheet1', 'Partners', 'Sheet4']);
    ss.setActiveSheet(t);
    ss.moveActiveSheet(1);
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['Partners', 'First', 'Sheet1', 'Sheet4']);
    expect(() => ss.moveActiveSheet(5)).toThrow('Invalid argument: pos');
    // deleteSheet (the preview drops the empty Sheet1 of its demo): the active tab moves to the first.
    ss.deleteSheet(t);
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['First', 'Sheet1', 'Sheet4']);
    expect(ss.getActiveSheet().getName()).toBe('First');
    expect(() => ss.deleteSheet(t)).toThrow('Invalid argument: sheet');
    for (const x of ss.getSheets().slice(1)) ss.deleteSheet(x);
    expect(() => ss.deleteSheet(ss.getSheets()[0])).toThrow(
      "You can't remove all the visible sheets in a document.",
    );
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
  });

  test('openById and denied access', () => {
    const { ws } = setup();
    const other = ws.addSpreadsheet('Network hub');
    const app = ws.services.SpreadsheetApp;
    expect(app.openById(other.getId()).getName()).toBe('Network hub');
    expect(() => app.openById('nope')).toThrow(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
    ws.denyAccess(other.getUrl());
    expect(() => app.openById(other.getId())).toThrow(
      'You do not have permission to access the requested document.',
    );
  });

  test('formatting is recorded per cell; protections', () => {
    const { ws, s, fake } = setup();
    s.getRange('A1:B1').setFontWeight('bold').setBackground('#ccc');
    expect([1, 2, 3].map((c) => inspectCell(fake, 1, c).style)).toEqual([
      { fontWeight: 'bold', background: '#ccc' },
      { fontWeight: 'bold', background: '#ccc' },
      {},
    ]);
    s.getRange('A1:B1').setBackground(null);
    expect(inspectCell(fake, 1, 1).style).toEqual({ fontWeight: 'bold' });
    s.getRange('A1:C1').protect().setWarningOnly(true).setDescription('Managed by Partner Hub');
    expect(ws.toJSON().spreadsheets[0].sheets[0].protections).toEqual([
      {
        description: 'Managed by Partner Hub',
        warningOnly: true,
        editors: ['coordinator@school.example'],
        domainEdit: false,
        range: 'A1:C1',
      },
    ]);
  });
});

describe('data validation', () => {
  test('builder round trip and allowInvalid(false) enforcement', () => {
    const { ws: w, s, fake } = setup();
    const app = w.services.SpreadsheetApp;
    const rule = app
      .newDataValidation()
      .requireValueInList(['Active', 'Paused'], true)
      .setAllowInvalid(false)
      .setHelpText('Pick one')
      .build();
    s.getRange('B2:B3').setDataValidations([[rule], [rule]]);
    expect(inspectCell(fake, 2, 2).validation).toEqual({
      type: 'VALUE_IN_LIST',
      values: [['Active', 'Paused'], true],
      allowInvalid: false,
      helpText: 'Pick one',
    });
    s.getRange('B2').setValues([['Active']]);
    expect(() => s.getRange('B2:B3').setValues([['Active'], ['Gone']])).toThrow(
      'The data you entered in cell B3 violates the data validation rules set on this cell.',
    );
    expect(s.getRange('B3').getValues()).toEqual([['']]); // all or nothing
    expect(inspectCell(fake, 1, 2).validation).toBeNull();
    // allowInvalid defaults to true: a warning only
    s.getRange('C2').setDataValidations([[app.newDataValidation().requireDate().build()]]);
    s.getRange('C2').setValues([['not a date']]);
    expect(s.getRange('C2').getValues()).toEqual([['not a date']]);
  });

  test('checkbox and email rules', () => {
    const { ws: w, s } = setup();
    const app = w.services.SpreadsheetApp;
    s.getRange('A1').setDataValidations([
      [app.newDataValidation().requireCheckbox().setAllowInvalid(false).build()],
    ]);
    s.getRange('A1').setValues([['TRUE']]);
    expect(s.getRange('A1').getValues()).toEqual([[true]]);
    expect(() => s.getRange('A1').setValues([['yes']])).toThrow(/violates/);
    s.getRange('A2').setDataValidations([
      [app.newDataValidation().requireTextIsEmail().setAllowInvalid(false).build()],
    ]);
    s.getRange('A2').setValues([['a@b.org']]);
    expect(() => s.getRange('A2').setValues([['ab.org']])).toThrow(/cell A2/);
  });
});

describe('conditional format rules', () => {
  test('build, set, get and shift with rows', () => {
    const { ws: w, s, fake } = setup();
    const app = w.services.SpreadsheetApp;
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$C2<TODAY()')
      .setBackground('#f4cccc')
      .setRanges([s.getRange('A2:D100')])
      .build();
    s.setConditionalFormatRules([rule]);
    byHand.insertRowsBefore(fake, 1, 1);
    const [got] = s.getConditionalFormatRules();
    expect(got.getBooleanCondition()?.getCriteriaValues()).toEqual(['=$C2<TODAY()']);
    expect(w.toJSON().spreadsheets[0].sheets[0].rules).toEqual([
      {
        ranges: [{ sheetId: 0, row: 3, column: 1, numRows: 99, numColumns: 4 }],
        type: 'CUSTOM_FORMULA',
        values: ['=$C2<TODAY()'],
        format: {
          background: '#f4cccc',
          fontColor: null,
          bold: null,
          italic: null,
          underline: null,
          strikethrough: null,
        },
      },
    ]);
  });
});

describe('ui', () => {
  test('menus, sidebars and alerts are recorded', () => {
    const w = createWorkspace({ html: () => '<p>hi</p>' });
    const ui = w.services.SpreadsheetApp.getUi();
    ui.createAddonMenu().addItem('Open Partner Hub', 'showSidebar').addSeparator().addToUi();
    ui.createAddonMenu().addItem('Open Partner Hub', 'showSidebar').addToUi(); // onOpen again
    expect(w.ui.menus).toEqual([
      {
        title: 'Partner Hub',
        addon: true,
        items: [{ kind: 'item', caption: 'Open Partner Hub', functionName: 'showSidebar' }],
      },
    ]);
    const out = w.services.HtmlService.createTemplateFromFile('Sidebar').evaluate().setTitle('Partner Hub');
    ui.showSidebar(out);
    expect(w.ui.sidebars).toEqual([{ title: 'Partner Hub', html: '<p>hi</p>', width: 300 }]);
    expect(ui.alert('Saved')).toBe('OK');
    w.ui.answers.push('NO');
    expect(ui.alert('Delete?', 'Really?', ui.ButtonSet.YES_NO)).toBe('NO');
    expect(w.ui.alerts[1]).toEqual({
      title: 'Delete?',
      prompt: 'Really?',
      buttons: 'YES_NO',
      response: 'NO',
    });
  });
});
