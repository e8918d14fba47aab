import { createWorkspace } from '../../../dev/workspace';

test('every call counts once, under its service and method', () => {
  const w = createWorkspace();
  const s = w.services.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  w.calls.reset();
  const r = s.getRange(1, 1, 10, 3);
  r.getValues();
  expect(w.calls.byMethod()).toEqual({
    'SpreadsheetApp.Sheet.getRange': 1,
    'SpreadsheetApp.Range.getValues': 1,
  });
  s.getLastRow();
  expect(w.calls.count('SpreadsheetApp.Sheet.getLastRow')).toBe(1);
  w.services.PropertiesService.getDocumentProperties().getProperty('x');
  w.services.SpreadsheetApp.getUi().alert('hi');
  // getUi() is a SpreadsheetApp call; alert() is a Ui call.
  expect(w.calls.byService()).toEqual({ PropertiesService: 2, SpreadsheetApp: 4, Ui: 1 });
  expect(w.calls.total()).toBe(7);
  expect(w.calls.total('SpreadsheetApp')).toBe(4);
  w.inspect();
  w.toJSON();
  expect(w.calls.total()).toBe(7);
  w.calls.reset();
  expect(w.calls.total()).toBe(0);
});
