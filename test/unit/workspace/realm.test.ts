import vm from 'node:vm';
import { createWorkspace } from '../../../dev/workspace';

test('the bundle in a vm context sees its own Error and Date after bindRealm', () => {
  const w = createWorkspace();
  const context = vm.createContext({ ...w.globals });
  w.bindRealm(context);
  w.spreadsheet.getSheets()[0].getRange('A1').setValue('2026-09-15');
  const result = vm.runInContext(
    `(() => {
      const sheet = SpreadsheetApp.getActive().getSheets()[0];
      const v = sheet.getRange('A1').getValues()[0][0];
      let caught;
      try { sheet.getRange(0, 1); } catch (e) { caught = e instanceof Error && e.message; }
      sheet.getRange('B1:C1').setValues([[new Date(Date.UTC(2026, 0, 1)), [1, 2].length]]);
      const t = HtmlService.createTemplate('<?!= helper() ?>').evaluate().getContent();
      return { isDate: v instanceof Date, caught, isArray: Array.isArray(sheet.getRange('B1:C1').getValues()), t };
    })()`,
    Object.assign(context, { helper: () => 'from the bundle' }),
  );
  expect(result).toEqual({
    isDate: true,
    caught: 'The starting row of the range is too small.',
    isArray: true,
    t: 'from the bundle',
  });
  expect(w.spreadsheet.getSheets()[0].getRange('B1').getValue()).toEqual(new Date(Date.UTC(2026, 0, 1)));
});
