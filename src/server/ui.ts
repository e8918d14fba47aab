// Menus and sidebars. The sidebar page is an HtmlService template: its first data is evaluated into the
// page itself, so it opens without a second round trip.
import type { DocsBoot, SidebarBoot } from '../shared/boot';
import { agendaInfo } from './workspace/agenda-link';
import { scriptJson } from './domain/html';
import { sidebarHome } from './workspace/sidebar';
import { FIRST_PAGE } from '../shared/boot';
import { UserError } from './domain/errors';
import { openDatabase, withSheetLock } from './workspace/database';
import { setUp } from './workspace/setup';

export function buildMenu(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  // Menu items only: in AuthMode.NONE (before the add-on is enabled in this file) no data may be read,
  // and nothing here reads any in the other modes either. The same add-on runs in Sheets and in Docs.
  let sheetsUi: GoogleAppsScript.Base.Ui | null = null;
  try {
    sheetsUi = SpreadsheetApp.getUi();
  } catch {
    sheetsUi = null;
  }
  if (!sheetsUi) {
    DocumentApp.getUi().createAddonMenu().addItem('Open Partner Hub', 'openDocsSidebar').addToUi();
    return;
  }
  sheetsUi
    .createAddonMenu()
    .addItem('Open Partner Hub', 'openSidebar')
    .addItem('Set up partner database', 'setUpFromMenu')
    .addSeparator()
    .addItem('Help', 'openHelp')
    .addToUi();
}

export function showDocsSidebar(): void {
  let boot: DocsBoot;
  try {
    boot = { info: agendaInfo() };
  } catch (error) {
    boot = { error: error instanceof Error ? error.message : String(error) };
  }
  const template = HtmlService.createTemplateFromFile('DocsSidebar');
  template.boot = scriptJson(boot);
  DocumentApp.getUi().showSidebar(template.evaluate().setTitle('Partner Hub'));
}

export function sidebarBoot(): SidebarBoot {
  try {
    return { home: sidebarHome(openDatabase(), FIRST_PAGE) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export function showSidebar(): void {
  const template = HtmlService.createTemplateFromFile('SheetsSidebar');
  template.boot = scriptJson(sidebarBoot());
  SpreadsheetApp.getUi().showSidebar(template.evaluate().setTitle('Partner Hub'));
}

export function runSetUpFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  try {
    const db = openDatabase();
    const report = withSheetLock(db, () => setUp(db));
    const lines = report.unchanged
      ? ['Everything was already set up; nothing changed.']
      : [
          report.created.length ? `Tabs added: ${report.created.join(', ')}.` : '',
          report.addedColumns.length ? `Columns added: ${report.addedColumns.join(', ')}.` : '',
          report.idsAssigned ? `Ids given to ${report.idsAssigned} rows added by hand.` : '',
        ].filter(Boolean);
    ui.alert('Partner database', lines.join('\n'), ui.ButtonSet.OK);
  } catch (error) {
    const message = error instanceof UserError || error instanceof Error ? error.message : String(error);
    ui.alert('Partner database', message, ui.ButtonSet.OK);
  }
}

export function showHelp(): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(
    'Partner Hub',
    [
      'Partner Hub keeps your community partners in this spreadsheet.',
      '1. Extensions > Partner Hub > Set up partner database adds the tabs it needs (your own tabs and columns are left alone).',
      '2. Open Partner Hub starts on the Dashboard: the figures and what needs attention this week.',
      '3. Its Partners view is the partner directory: search, filter, add and edit partners, log check-ins.',
      'You can keep editing the tabs by hand: columns are found by their header, in any order.',
    ].join('\n'),
    ui.ButtonSet.OK,
  );
}
