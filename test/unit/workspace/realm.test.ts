import vm from 'node:vm';
import { createWorkspace } from '../../../dev/workspace';

test('the bundle in a vm context sees its own Error and Date after bindRealm', () => {
  const w = createWorkspace({ html: () => '<?!= helper() ?>' });
  const context = vm.createContext({ ...w.globals });
  w.bindRealm(context);
  w.spreadsheet
    .getSheets()[0]
    .getRange('A1')
    .setValues([['2026-09-15']]);
  const result = vm.runInContext(
    `(() => {
      const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      const v = sheet.getRange('A1').getValues()[0][0];
      let caught;
      try { sheet.getRange(0, 1); } catch (e) { caught = e instanceof Error && e.message; }
      sheet.getRange('B1:C1').setValues([[new Date(Date.UTC(2026, 0, 1)), [1, 2].length]]);
      SpreadsheetApp.getUi().showSidebar(HtmlService.createTemplateFromFile('Page').evaluate());
      return { isDate: v instanceof Date, caught, isArray: Array.isArray(sheet.getRange('B1:C1').getValues()) };
    })()`,
    Object.assign(context, { helper: () => 'from the bundle' }),
  );
  expect(result).toEqual({
    isDate: true,
    caught: 'The starting row of the range is too small.',
    isArray: true,
  });
  // Template scriptlets see the bundle's globals.
  expect(w.ui.sidebars.map((s) => s.html)).toEqual(['from the bundle']);
  expect(w.inspect().tabs[0].values[0][1]).toEqual(new Date(Date.UTC(2026, 0, 1)));
});
