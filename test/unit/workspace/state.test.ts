import { createWorkspace } from '../../../dev/workspace';
import { inspectCell } from '../../../dev/workspace/by-hand';

test('toJSON -> createWorkspace({state}) keeps the world', () => {
  const w = createWorkspace({ timeZone: 'America/Denver' });
  const app = w.services.SpreadsheetApp;
  const ss = app.getActiveSpreadsheet();
  const s = ss.insertSheet('Partners');
  s.getRange('A1:D2').setValues([
    ['Name', 'Since', 'Active', 'Zip'],
    ['Food Bank', '2026-09-15', true, "'02134"],
  ]);
  s.getRange('D:D').setNumberFormat('@');
  s.setFrozenRows(1);
  s.getRange('C2').setDataValidations([
    [app.newDataValidation().requireCheckbox().setAllowInvalid(false).build()],
  ]);
  s.setConditionalFormatRules([
    app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$B2<TODAY()')
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
  const rs = r.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Partners');
  const fake = r.spreadsheet.getSheetByName('Partners');
  if (!rs || !fake) throw new Error('tab lost');
  expect(rs.getSheetId()).toBe(s.getSheetId());
  expect(rs.getRange('A1:D2').getValues()).toEqual(s.getRange('A1:D2').getValues());
  expect(rs.getRange('B2:B2').getValues()[0][0]).toBeInstanceOf(Date);
  const tab = (ws: typeof w) => ws.inspect().tabs.find((t) => t.name === 'Partners');
  expect(tab(r)?.display).toEqual(tab(w)?.display);
  expect(inspectCell(fake, 5, 4).format).toBe('@');
  expect(rs.getFrozenRows()).toBe(1);
  expect(inspectCell(fake, 2, 3).validation?.allowInvalid).toBe(false);
  expect(() => rs.getRange('C2').setValues([['maybe']])).toThrow(/violates/);
  expect(rs.getConditionalFormatRules()[0].getBooleanCondition()?.getCriteriaValues()).toEqual([
    '=$B2<TODAY()',
  ]);
  const rules = (ws: typeof w) => ws.toJSON().spreadsheets[0].sheets[1].rules;
  expect(rules(r)).toEqual(rules(w));
  expect(inspectCell(fake, 1, 1).style.fontWeight).toBe('bold');
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
