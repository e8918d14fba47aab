import { loadAddOn, type AddOn } from '../../dev/gas';
import type { Directory, SaveResult } from '../../src/shared/contract';
import type { FieldValue, Partner } from '../../src/shared/records';

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
