import { isDeepStrictEqual } from 'node:util';
import { loadAddOn, type AddOn } from '../../dev/gas';
import type { AgendaResult, Directory, GatheringDraft, Listed, SaveResult } from '../../src/shared/contract';
import type { FieldValue, Gathering, Partner } from '../../src/shared/records';
import { DEMO_YEAR } from '../../dev/preview/demo';

export function ok<T>(addOn: AddOn, name: string, ...args: unknown[]): T {
  const outcome = addOn.run(name, ...args);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.message}`);
  return outcome.value as T;
}

export function failure(addOn: AddOn, name: string, ...args: unknown[]): string {
  const outcome = addOn.run(name, ...args);
  if (outcome.ok) throw new Error(`${name} should have failed`);
  return outcome.message;
}

export function setUpAddOn(): AddOn {
  const addOn = loadAddOn();
  ok(addOn, 'setUpDatabase');
  return addOn;
}

/**
 * `expect(actual).toEqual(expected)` for large values (whole tabs, a spreadsheet's state): Node's deep
 * equality first, which takes milliseconds where jest's takes seconds; jest's, with its diff, only when
 * that differs (it is the looser of the two, so the verdict is jest's).
 */
export function expectSame(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

export const directory = (addOn: AddOn) => ok<Directory>(addOn, 'getDirectory');

export function partnerValues(over: Record<string, FieldValue> = {}): Record<string, FieldValue> {
  return { name: 'Reading Buddies', status: 'active', focusAreas: ['tutoring'], cadence: 'monthly', ...over };
}

export function addPartner(addOn: AddOn, over: Record<string, FieldValue> = {}) {
  const result = ok<SaveResult<Partner>>(addOn, 'savePartner', { values: partnerValues(over) });
  if (result.status !== 'saved') throw new Error(`not saved: ${JSON.stringify(result)}`);
  return result.entry;
}

/** Every tab's cells as Apps Script would give them, without counting calls. */
export function snapshot(addOn: AddOn) {
  return addOn.workspace
    .inspect()
    .tabs.map((t) => ({ name: t.name, values: t.values, formulas: t.formulas }));
}

/** The demo year ("Plan the year", five gatherings) added with every active partner invited. */
export function plannedYear(addOn: AddOn): Listed<Gathering>[] {
  const drafts = ok<GatheringDraft[]>(addOn, 'planYear', DEMO_YEAR);
  const invited = directory(addOn)
    .partners.filter((p) => p.record.status === 'active')
    .map((p) => p.record.id);
  return ok<Listed<Gathering>[]>(addOn, 'addGatherings', drafts, invited);
}

export type MadeAgenda = Extract<AgendaResult, { status: 'made' }>;

/** makeAgenda, which must make one. */
export function madeAgenda(addOn: AddOn, gatheringId: string, replace = false): MadeAgenda {
  const result = ok<AgendaResult>(addOn, 'makeAgenda', gatheringId, replace);
  if (result.status !== 'made') throw new Error(`no agenda made: ${JSON.stringify(result)}`);
  return result;
}

/** The file id in a Docs or Drive URL. */
export const docIdOf = (url: string): string => /\/d\/([^/?]+)/.exec(url)?.[1] ?? '';

/** Google Docs in Drive and not in the trash. */
export const liveDocs = (addOn: AddOn) =>
  addOn.workspace
    .inspectDrive()
    .files.filter((f) => f.mimeType === 'application/vnd.google-apps.document' && !f.trashed);

/** The day after the gathering, with it marked held: a follow-up goes only after a held gathering. */
export function held(addOn: AddOn, gathering: Listed<Gathering>): void {
  addOn.workspace.clock.set(new Date(`${gathering.record.date}T15:00:00Z`));
  addOn.workspace.clock.advance(24 * 60 * 60 * 1000);
  ok(addOn, 'markHeld', gathering.record.id);
}
