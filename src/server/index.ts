// The add-on's entry: every function here becomes a top-level function of the built script, which is
// what menus, triggers and google.script.run can call. Keep it to one line each. Each server function of
// the table (SERVER_FUNCTIONS in api.ts) has a stub `return serve('<its name>', args)` here, and every other
// function is a menu item or a trigger: test/unit/server-functions.test.ts holds both.
import { intakeDigestDue, runQueuedJobs, serve, surveySubmitted } from './api';
import { buildMenu, showDocsSidebar, showHelp, showSidebar, runSetUpFromMenu } from './ui';

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(e);
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function openSidebar(): void {
  showSidebar();
}

export function openDocsSidebar(): void {
  showDocsSidebar();
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

export function getHome(...args: unknown[]): unknown {
  return serve('getHome', args);
}

export function findPartners(...args: unknown[]): unknown {
  return serve('findPartners', args);
}

export function getPartner(...args: unknown[]): unknown {
  return serve('getPartner', args);
}

export function getTables(...args: unknown[]): unknown {
  return serve('getTables', args);
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

export function planYear(...args: unknown[]): unknown {
  return serve('planYear', args);
}

export function planConvening(...args: unknown[]): unknown {
  return serve('planConvening', args);
}

export function addGatherings(...args: unknown[]): unknown {
  return serve('addGatherings', args);
}

export function saveGathering(...args: unknown[]): unknown {
  return serve('saveGathering', args);
}

export function saveActionItem(...args: unknown[]): unknown {
  return serve('saveActionItem', args);
}

export function makeAgenda(...args: unknown[]): unknown {
  return serve('makeAgenda', args);
}

export function putOnCalendar(...args: unknown[]): unknown {
  return serve('putOnCalendar', args);
}

export function syncGatherings(...args: unknown[]): unknown {
  return serve('syncGatherings', args);
}

export function cancelGathering(...args: unknown[]): unknown {
  return serve('cancelGathering', args);
}

export function markHeld(...args: unknown[]): unknown {
  return serve('markHeld', args);
}

export function previewFollowUp(...args: unknown[]): unknown {
  return serve('previewFollowUp', args);
}

export function sendFollowUp(...args: unknown[]): unknown {
  return serve('sendFollowUp', args);
}

export function getSettings(...args: unknown[]): unknown {
  return serve('getSettings', args);
}

export function saveSettings(...args: unknown[]): unknown {
  return serve('saveSettings', args);
}

/** The time-driven trigger that finishes long jobs (follow-ups, survey sends) the quota stopped. */
export function resumeJobs(): void {
  runQueuedJobs();
}

export function getAgendaInfo(...args: unknown[]): unknown {
  return serve('getAgendaInfo', args);
}

export function insertIntoAgenda(...args: unknown[]): unknown {
  return serve('insertIntoAgenda', args);
}

export function captureActionItems(...args: unknown[]): unknown {
  return serve('captureActionItems', args);
}

export function surveyQuestions(...args: unknown[]): unknown {
  return serve('surveyQuestions', args);
}

export function createSurvey(...args: unknown[]): unknown {
  return serve('createSurvey', args);
}

export function previewSurveyMail(...args: unknown[]): unknown {
  return serve('previewSurveyMail', args);
}

export function sendSurveyTest(...args: unknown[]): unknown {
  return serve('sendSurveyTest', args);
}

export function sendSurvey(...args: unknown[]): unknown {
  return serve('sendSurvey', args);
}

export function previewReminder(...args: unknown[]): unknown {
  return serve('previewReminder', args);
}

export function remindSurvey(...args: unknown[]): unknown {
  return serve('remindSurvey', args);
}

export function refreshResponses(...args: unknown[]): unknown {
  return serve('refreshResponses', args);
}

export function getSurvey(...args: unknown[]): unknown {
  return serve('getSurvey', args);
}

export function writeSurveySummary(...args: unknown[]): unknown {
  return serve('writeSurveySummary', args);
}

export function makeSurveyReport(...args: unknown[]): unknown {
  return serve('makeSurveyReport', args);
}

export function closeSurvey(...args: unknown[]): unknown {
  return serve('closeSurvey', args);
}

export function askToCheckDetails(...args: unknown[]): unknown {
  return serve('askToCheckDetails', args);
}

export function getProposedChanges(...args: unknown[]): unknown {
  return serve('getProposedChanges', args);
}

export function decideChange(...args: unknown[]): unknown {
  return serve('decideChange', args);
}

export function previewDetailsReminder(...args: unknown[]): unknown {
  return serve('previewDetailsReminder', args);
}

export function remindDetails(...args: unknown[]): unknown {
  return serve('remindDetails', args);
}

export function makeIntakeForm(...args: unknown[]): unknown {
  return serve('makeIntakeForm', args);
}

export function setIntakeDigest(...args: unknown[]): unknown {
  return serve('setIntakeDigest', args);
}

/** The daily time-driven trigger that emails the intake digest to those who asked for it. */
export function sendIntakeDigest(): void {
  intakeDigestDue();
}

export function getIntake(...args: unknown[]): unknown {
  return serve('getIntake', args);
}

export function decideIntake(...args: unknown[]): unknown {
  return serve('decideIntake', args);
}

/** The spreadsheet's onFormSubmit trigger: a survey answer arrived, match it to its partner by code. */
export function onSurveySubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  surveySubmitted(e);
}

export function saveNeed(...args: unknown[]): unknown {
  return serve('saveNeed', args);
}

export function getGaps(...args: unknown[]): unknown {
  return serve('getGaps', args);
}

export function getNeedFigures(...args: unknown[]): unknown {
  return serve('getNeedFigures', args);
}

export function writeGapsTab(...args: unknown[]): unknown {
  return serve('writeGapsTab', args);
}

export function rollupNetwork(...args: unknown[]): unknown {
  return serve('rollupNetwork', args);
}

export function writeDashboard(...args: unknown[]): unknown {
  return serve('writeDashboard', args);
}

export function openDashboard(...args: unknown[]): unknown {
  return serve('openDashboard', args);
}

export function startVetting(...args: unknown[]): unknown {
  return serve('startVetting', args);
}

export function saveVetting(...args: unknown[]): unknown {
  return serve('saveVetting', args);
}

export function saveOnboarding(...args: unknown[]): unknown {
  return serve('saveOnboarding', args);
}

export function reviewContext(...args: unknown[]): unknown {
  return serve('reviewContext', args);
}

export function saveReview(...args: unknown[]): unknown {
  return serve('saveReview', args);
}

export function makePartnerDoc(...args: unknown[]): unknown {
  return serve('makePartnerDoc', args);
}

export function makeSchoolDoc(...args: unknown[]): unknown {
  return serve('makeSchoolDoc', args);
}

export function fillDemoData(...args: unknown[]): unknown {
  return serve('fillDemoData', args);
}

export function removeDemoData(...args: unknown[]): unknown {
  return serve('removeDemoData', args);
}
