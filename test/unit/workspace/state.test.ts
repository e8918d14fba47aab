import { createWorkspace } from '../../../dev/workspace';

test('toJSON -> createWorkspace({state}) keeps the world', () => {
  const w = createWorkspace({ timeZone: 'America/Denver' });
  const app = w.services.SpreadsheetApp;
  const ss = app.getActive();
  const s = ss.insertSheet('Partners');
  s.getRange('A1:D2').setValues([
    ['Name', 'Since', 'Active', 'Zip'],
    ['Food Bank', '2026-09-15', true, "'02134"],
  ]);
  s.getRange('D:D').setNumberFormat('@');
  s.setFrozenRows(1);
  s.getRange('C2').setDataValidation(
    app.newDataValidation().requireCheckbox().setAllowInvalid(false).build(),
  );
  s.setConditionalFormatRules([
    app
      .newConditionalFormatRule()
      .whenDateBefore(app.RelativeDate.TODAY)
      .setBackground('#f00')
      .setRanges([s.getRange('B2:B')])
      .build(),
  ]);
  s.getRange('A1').setFontWeight('bold');
  w.services.PropertiesService.getDocumentProperties().setProperty('schemaVersion', '3');
  const other = w.addSpreadsheet('Hub');
  w.denyAccess(other.getId());

  const json = JSON.parse(JSON.stringify(w.toJSON()));
  const r = createWorkspace({ state: json });
  const rs = r.services.SpreadsheetApp.getActive().getSheetByName('Partners');
  if (!rs) throw new Error('tab lost');
  expect(rs.getSheetId()).toBe(s.getSheetId());
  expect(rs.getRange('A1:D2').getValues()).toEqual(s.getRange('A1:D2').getValues());
  expect(rs.getRange('B2').getValue()).toBeInstanceOf(Date);
  expect(rs.getRange('A1:D2').getDisplayValues()).toEqual(s.getRange('A1:D2').getDisplayValues());
  expect(rs.getRange('D5').getNumberFormat()).toBe('@');
  expect(rs.getFrozenRows()).toBe(1);
  expect(rs.getRange('C2').getDataValidation()?.getAllowInvalid()).toBe(false);
  expect(() => rs.getRange('C2').setValue('maybe')).toThrow(/violates/);
  expect(rs.getConditionalFormatRules()[0].getRanges()[0].getA1Notation()).toBe('B2:B1000');
  expect(rs.getRange('A1').getFontWeight()).toBe('bold');
  expect(r.services.PropertiesService.getDocumentProperties().getProperty('schemaVersion')).toBe('3');
  expect(r.spreadsheet.getSpreadsheetTimeZone()).toBe('America/Denver');
  expect(() => r.services.SpreadsheetApp.openById(other.getId())).toThrow(/permission/);
  // fresh ids do not collide with restored ones
  expect(r.addSpreadsheet('Next').getId()).not.toBe(other.getId());
});

test('inspect shows every tab without counting', () => {
  const w = createWorkspace();
  w.spreadsheet
    .getSheets()[0]
    .getRange('A1:B2')
    .setValues([
      ['a', '=SUM(1,2)'],
      [1.5, '7/4/2026'],
    ]);
  w.calls.reset();
  const { tabs } = w.inspect();
  expect(tabs[0].display).toEqual([
    ['a', '#ERROR!'],
    ['1.5', '7/4/2026'],
  ]);
  expect(tabs[0].formulas[0][1]).toBe('=SUM(1,2)');
  expect(w.calls.total()).toBe(0);
});
