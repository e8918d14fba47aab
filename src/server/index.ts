// The add-on's entry: every function here becomes a top-level function of the built script, which is
// what menus, triggers and google.script.run can call. Keep it to one line each.
import { serve } from './api';
import { buildMenu, showHelp, showSidebar, runSetUpFromMenu } from './ui';

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(e);
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function openSidebar(): void {
  showSidebar();
}

export function setUpFromMenu(): void {
  runSetUpFromMenu();
}

export function openHelp(): void {
  showHelp();
}

export function getDirectory(...args: unknown[]): unknown {
  return serve('getDirectory', args);
}

export function setUpDatabase(...args: unknown[]): unknown {
  return serve('setUpDatabase', args);
}

export function savePartner(...args: unknown[]): unknown {
  return serve('savePartner', args);
}

export function saveContact(...args: unknown[]): unknown {
  return serve('saveContact', args);
}

export function saveAgreement(...args: unknown[]): unknown {
  return serve('saveAgreement', args);
}

export function saveSchool(...args: unknown[]): unknown {
  return serve('saveSchool', args);
}

export function logCheckIn(...args: unknown[]): unknown {
  return serve('logCheckIn', args);
}

export function getImportSources(...args: unknown[]): unknown {
  return serve('getImportSources', args);
}

export function previewImport(...args: unknown[]): unknown {
  return serve('previewImport', args);
}

export function runImport(...args: unknown[]): unknown {
  return serve('runImport', args);
}
