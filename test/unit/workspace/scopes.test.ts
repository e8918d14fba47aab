import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { BUILD_DIR, loadAddOn } from '../../../dev/gas';
import { createWorkspace } from '../../../dev/workspace';
import { manifestScopes, scopeTable } from '../../../dev/workspace/scopes';
import { recordedCalls } from './recorded-calls';

const AUTH = 'https://www.googleapis.com/auth/';
const ROOT = path.resolve(__dirname, '../../..');
const MANIFEST = manifestScopes(path.join(ROOT, 'appsscript.json'));
const without = (...drop: string[]) => MANIFEST.filter((s) => !drop.some((d) => s === `${AUTH}${d}`));

describe('a call none of whose scopes is declared', () => {
  test('throws Apps Script message, naming the class of a returned object, and writes nothing', () => {
    const w = createWorkspace({ scopes: without('spreadsheets') });
    const sheet = w.spreadsheet.getSheets()[0];
    expect(() => sheet.getRange(1, 1).setValues([['x']])).toThrow(
      'Specified permissions are not sufficient to call Sheet.getRange. Required permissions: ' +
        `(${AUTH}spreadsheets.currentonly || ${AUTH}spreadsheets)`,
    );
    expect(w.inspect().tabs[0].values).toEqual([]);
  });

  test('names the service for a method on the service object; one scope is given bare', () => {
    const w = createWorkspace({ scopes: without('script.send_mail') });
    expect(() => w.services.MailApp.sendEmail('partner@example.org', 'Hi', 'Body')).toThrow(
      `Specified permissions are not sufficient to call MailApp.sendEmail. Required permissions: ${AUTH}script.send_mail`,
    );
    expect(w.mail.sent).toEqual([]);
    const noForms = createWorkspace({ scopes: without('forms') });
    expect(() => noForms.services.FormApp.create('Survey')).toThrow(
      `Specified permissions are not sufficient to call FormApp.create. Required permissions: ${AUTH}forms`,
    );
    // Session.getActiveUser lists userinfo.email alone (declared for "Send a test to me").
    expect(() =>
      createWorkspace({ scopes: without('userinfo.email') }).services.Session.getActiveUser(),
    ).toThrow(
      `Specified permissions are not sufficient to call Session.getActiveUser. Required permissions: ${AUTH}userinfo.email`,
    );
  });

  test('is refused before it does anything, like a failing service call (it still counts)', () => {
    const w = createWorkspace({ scopes: without('script.scriptapp') });
    expect(() => w.services.ScriptApp.newTrigger('resumeJobs')).toThrow(/ScriptApp\.newTrigger/);
    expect(w.triggers.list()).toEqual([]);
    expect(w.calls.count('ScriptApp.newTrigger')).toBe(1);
  });
});

test('a call one of whose scopes is declared runs; a method whose page lists none always does', () => {
  const w = createWorkspace({ scopes: [`${AUTH}spreadsheets.currentonly`, `${AUTH}calendar.readonly`] });
  w.services.SpreadsheetApp.getActiveSpreadsheet()
    .getSheets()[0]
    .getRange(1, 1)
    .setValues([['x']]);
  expect(w.inspect().tabs[0].values).toEqual([['x']]);
  expect(w.services.CalendarApp.getDefaultCalendar().getId()).toBe('coordinator@school.example');
  w.services.PropertiesService.getDocumentProperties().setProperty('k', 'v');
  expect(w.services.Utilities.formatDate(new Date(0), 'UTC', 'yyyy')).toBe('1970');
  // openById lists only spreadsheets: currentonly is not enough.
  expect(() => w.services.SpreadsheetApp.openById(w.spreadsheet.getId())).toThrow(/SpreadsheetApp\.openById/);
});

test('a call with no table entry is a developer error in plain node, not an Apps Script error', () => {
  const addOn = loadAddOn();
  const realmError = vm.runInContext('Error', addOn.context) as ErrorConstructor;
  let thrown: unknown;
  try {
    addOn.workspace.calls.record('MailApp', 'getFoo');
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(Error);
  expect(thrown).not.toBeInstanceOf(realmError);
  expect(thrown).toHaveProperty(
    'message',
    'in-memory Workspace: no scope entry for MailApp.getFoo; add it to dev/workspace/scopes.ts',
  );
  // A refusal, by contrast, is made in the script's realm.
  const refused = loadAddOn({ scopes: without('script.send_mail') });
  const refusedError = vm.runInContext('Error', refused.context) as ErrorConstructor;
  expect(() => refused.workspace.services.MailApp.getRemainingDailyQuota()).toThrow(refusedError);
});

test('every call a fake records has a table entry, and every entry is a call some fake records', () => {
  const calls = recordedCalls(path.join(ROOT, 'dev/workspace'));
  const table = new Set(scopeTable().map(([key]) => key));
  const keys = new Set(calls.map((c) => `${c.service}.${c.key}`));
  // A few the scan must see, as a check on the scan itself.
  for (const k of [
    'SpreadsheetApp.Range.getValues',
    'MailApp.sendEmail',
    'CalendarApp.EventGuest.getEmail',
    'Ui.showSidebar',
  ])
    expect(keys).toContain(k);
  const unscoped = calls
    .filter((c) => !table.has(`${c.service}.${c.key}`))
    .map((c) => `${c.service}.${c.key} (${c.where})`);
  expect([...new Set(unscoped)]).toEqual([]);
  expect([...table].filter((k) => !keys.has(k))).toEqual([]);
});

test('every scope appsscript.json declares is needed by some call (no scope declared for nothing)', () => {
  const needed = new Set(scopeTable().flatMap(([, scopes]) => scopes));
  expect(MANIFEST.filter((s) => !needed.has(s))).toEqual([]);
});

test('the built add-on runs under the built manifest and refuses what it does not declare', () => {
  const built = manifestScopes(path.join(BUILD_DIR, 'appsscript.json'));
  expect(built).toEqual(MANIFEST);
  const addOn = loadAddOn({ scopes: without('script.container.ui') });
  expect(() => addOn.call('openSidebar')).toThrow(
    `Specified permissions are not sufficient to call Ui.showSidebar. Required permissions: ${AUTH}script.container.ui`,
  );
  expect(addOn.workspace.ui.sidebars).toEqual([]);
  // Declared, the same function opens its sidebar.
  const full = loadAddOn();
  full.call('openSidebar');
  expect(full.workspace.ui.sidebars).toHaveLength(1);
  expect(fs.existsSync(path.join(ROOT, 'appsscript.json'))).toBe(true);
});
