import { createWorkspace } from '../../../dev/workspace';

function setup() {
  const ws = createWorkspace();
  const ss = ws.services.SpreadsheetApp.getActive();
  return { ws, ss, s: ss.getSheets()[0] };
}

describe('ranges', () => {
  test('1-based coordinates and Apps Script messages', () => {
    const { s } = setup();
    expect(s.getRange(2, 3, 4, 5).getA1Notation()).toBe('C2:G5');
    expect(s.getRange(2, 3).getA1Notation()).toBe('C2');
    expect(s.getRange('B2:D4').getNumRows()).toBe(3);
    expect(s.getRange('b2').getColumn()).toBe(2);
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
    expect(s.getDataRange().getA1Notation()).toBe('A1');
    s.getRange('A1:B1').setValues([['Name', 'Email']]);
    s.getRange('C5').setValue('x');
    s.getRange('A8').setBackground('#ff0000'); // formatting alone is not content
    expect(s.getLastRow()).toBe(5);
    expect(s.getLastColumn()).toBe(3);
    expect(s.getDataRange().getA1Notation()).toBe('A1:C5');
    s.getRange('C5').clearContent();
    expect(s.getLastRow()).toBe(1);
  });

  test('getSheetValues: one call, -1 reaches the last row or column with content', () => {
    const { ws, s } = setup();
    // Empty: a -1 extent is a range of no rows, refused as getRange refuses one.
    expect(() => s.getSheetValues(1, 1, -1, -1)).toThrow(
      'The number of rows in the range must be at least 1.',
    );
    s.getRange('A1:B1').setValues([['Name', 'Email']]);
    s.getRange('C3').setValue('x');
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

  test('appendRow writes after the last row and parses', () => {
    const { s } = setup();
    s.appendRow(['Name', 'Zip']);
    s.getRange('A3').setValue('gap row');
    s.appendRow(['Ada', '02134']);
    expect(s.getRange('A4:B4').getValues()).toEqual([['Ada', 2134]]);
    expect(s.getLastRow()).toBe(4);
  });

  test('appendRow grows a full sheet', () => {
    const { s } = setup();
    s.deleteRows(3, 998);
    s.getRange('A2').setValue(1);
    s.appendRow([2]);
    expect(s.getMaxRows()).toBe(3);
    expect(s.getRange('A3').getValue()).toBe(2);
  });

  test('insert and delete rows and columns shift data, formats and validations', () => {
    const { ws, s } = setup();
    const app = ws.services.SpreadsheetApp;
    s.getRange('A1:C3').setValues([
      ['h1', 'h2', 'h3'],
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    s.getRange('B2').setNumberFormat('@').setBackground('#eeeeee');
    s.getRange('C2').setDataValidation(app.newDataValidation().requireValueInList(['c', 'x']).build());
    s.insertRowsAfter(1, 2);
    expect(s.getMaxRows()).toBe(1002);
    expect(s.getRange('A1:C5').getValues()).toEqual([
      ['h1', 'h2', 'h3'],
      ['', '', ''],
      ['', '', ''],
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(s.getRange('B4').getNumberFormat()).toBe('@');
    expect(s.getRange('C4').getDataValidation()?.getCriteriaValues()).toEqual([['c', 'x'], true]);
    s.deleteRows(2, 2);
    s.insertColumnBefore(1);
    expect(s.getMaxColumns()).toBe(27);
    expect(s.getRange('A1:D2').getValues()).toEqual([
      ['', 'h1', 'h2', 'h3'],
      ['', 'a', 'b', 'c'],
    ]);
    expect(s.getRange('C2').getBackground()).toBe('#eeeeee');
    s.deleteColumn(2);
    expect(s.getRange('A1:C1').getValues()).toEqual([['', 'h2', 'h3']]);
    s.insertColumnsAfter(3, 2);
    s.deleteRow(1);
    expect(s.getRange('B1:C1').getValues()).toEqual([['b', 'c']]);
    expect(() => s.deleteRows(1, 5000)).toThrow('Those rows are out of bounds.');
  });

  test('frozen rows and sort below them', () => {
    const { s } = setup();
    s.getRange('A1:B5').setValues([
      ['Name', 'Score'],
      ['bob', 3],
      ['Ada', 10],
      ['', 1],
      ['cy', 2],
    ]);
    s.setFrozenRows(1);
    expect(s.getFrozenRows()).toBe(1);
    s.sort(1);
    expect(s.getRange('A1:B5').getValues()).toEqual([
      ['Name', 'Score'],
      ['Ada', 10],
      ['bob', 3],
      ['cy', 2],
      ['', 1],
    ]);
    s.sort(2, false);
    expect(s.getRange('B2:B5').getValues().flat()).toEqual([10, 3, 2, 1]);
  });

  test('tabs: names, ids, insert and delete', () => {
    const { ss, s } = setup();
    expect(s.getSheetId()).toBe(0);
    const t = ss.insertSheet('Partners');
    expect(t.getSheetId()).not.toBe(0);
    expect(ss.getActiveSheet().getName()).toBe('Partners');
    expect(() => ss.insertSheet('partners')).toThrow(
      'A sheet with the name "partners" already exists. Please enter another name.',
    );
    expect(ss.getSheetByName('Partners')?.getIndex()).toBe(2);
    expect(ss.getSheetByName('partners')).toBeNull();
    expect(ss.getSheetById(t.getSheetId())?.getName()).toBe('Partners');
    expect(ss.getSheetById(12345)).toBeNull();
    const first = ss.insertSheet('First', 0);
    expect(first.getIndex()).toBe(1);
    expect(ss.insertSheet().getName()).toBe('Sheet4');
    ss.deleteSheet(t);
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['First', 'Sheet1', 'Sheet4']);
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
    expect(ss.getRange('Sheet1!B2').getA1Notation()).toBe('B2');
  });

  test('openById, openByUrl and denied access', () => {
    const { ws } = setup();
    const other = ws.addSpreadsheet('Network hub');
    const app = ws.services.SpreadsheetApp;
    expect(app.openById(other.getId()).getName()).toBe('Network hub');
    expect(app.openByUrl(other.getUrl()).getId()).toBe(other.getId());
    expect(() => app.openById('nope')).toThrow(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
    ws.denyAccess(other.getUrl());
    expect(() => app.openById(other.getId())).toThrow(
      'You do not have permission to access the requested document.',
    );
  });

  test('formatting is recorded per cell; notes; protections', () => {
    const { ws: w, s } = setup();
    s.getRange('A1:B1').setFontWeight('bold').setBackground('#ccc').setNote('hi');
    expect(s.getRange('A1:C1').getFontWeights()).toEqual([['bold', 'bold', 'normal']]);
    expect(s.getRange('A1:C1').getBackgrounds()).toEqual([['#ccc', '#ccc', '#ffffff']]);
    expect(s.getRange('A1').getNote()).toBe('hi');
    const p = s.protect().setWarningOnly(true).setDescription('Managed by Partner Hub');
    expect(p.isWarningOnly()).toBe(true);
    expect(s.getProtections(w.services.SpreadsheetApp.ProtectionType.SHEET)[0].getDescription()).toBe(
      'Managed by Partner Hub',
    );
  });
});

describe('data validation', () => {
  test('builder round trip and allowInvalid(false) enforcement', () => {
    const { ws: w, s } = setup();
    const app = w.services.SpreadsheetApp;
    const rule = app
      .newDataValidation()
      .requireValueInList(['Active', 'Paused'], true)
      .setAllowInvalid(false)
      .setHelpText('Pick one')
      .build();
    expect(rule.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(rule.getAllowInvalid()).toBe(false);
    expect(rule.getHelpText()).toBe('Pick one');
    s.getRange('B2:B3').setDataValidation(rule);
    s.getRange('B2').setValue('Active');
    expect(() => s.getRange('B2:B3').setValues([['Active'], ['Gone']])).toThrow(
      'The data you entered in cell B3 violates the data validation rules set on this cell.',
    );
    expect(s.getRange('B3').getValue()).toBe(''); // all or nothing
    expect(s.getRange('B1:B2').getDataValidations()[0][0]).toBeNull();
    // allowInvalid defaults to true: a warning only
    s.getRange('C2').setDataValidation(app.newDataValidation().requireDate().build());
    s.getRange('C2').setValue('not a date');
    expect(s.getRange('C2').getValue()).toBe('not a date');
    s.getRange('B2:B3').clearDataValidations();
    s.getRange('B3').setValue('Gone');
  });

  test('checkbox and email rules', () => {
    const { ws: w, s } = setup();
    const app = w.services.SpreadsheetApp;
    s.getRange('A1').setDataValidation(
      app.newDataValidation().requireCheckbox().setAllowInvalid(false).build(),
    );
    s.getRange('A1').setValue('TRUE');
    expect(s.getRange('A1').getValue()).toBe(true);
    expect(() => s.getRange('A1').setValue('yes')).toThrow(/violates/);
    s.getRange('A2').setDataValidation(
      app.newDataValidation().requireTextIsEmail().setAllowInvalid(false).build(),
    );
    s.getRange('A2').setValue('a@b.org');
    expect(() => s.getRange('A2').setValue('ab.org')).toThrow(/cell A2/);
  });
});

describe('conditional format rules', () => {
  test('build, set, get and shift with rows', () => {
    const { ws: w, s } = setup();
    const app = w.services.SpreadsheetApp;
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$C2<TODAY()')
      .setBackground('#f4cccc')
      .setRanges([s.getRange('A2:D100')])
      .build();
    s.setConditionalFormatRules([rule]);
    s.insertRowsBefore(1, 1);
    const [got] = s.getConditionalFormatRules();
    expect(got.getRanges().map((r) => r.getA1Notation())).toEqual(['A3:D101']);
    const cond = got.getBooleanCondition();
    expect(cond?.getCriteriaType()).toBe(app.BooleanCriteria.CUSTOM_FORMULA);
    expect(cond?.getCriteriaValues()).toEqual(['=$C2<TODAY()']);
    expect(cond?.getBackground()).toBe('#f4cccc');
  });
});

describe('ui', () => {
  test('menus, sidebars, alerts and toasts are recorded', () => {
    const { ws: w, ss } = setup();
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
    const out = w.services.HtmlService.createHtmlOutput('<p>hi</p>').setTitle('Partner Hub').setWidth(500);
    ui.showSidebar(out);
    expect(w.ui.sidebars).toEqual([{ title: 'Partner Hub', html: '<p>hi</p>', width: 300 }]);
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    w.ui.answers.push('NO');
    expect(ui.alert('Delete?', 'Really?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(w.ui.alerts[1]).toEqual({
      title: 'Delete?',
      prompt: 'Really?',
      buttons: 'YES_NO',
      response: 'NO',
    });
    ss.toast('Done', 'Partner Hub');
    expect(w.ui.toasts).toEqual([{ message: 'Done', title: 'Partner Hub', timeoutSeconds: 5 }]);
  });
});
