// The sidebar's data (issue 11): opening it and saving from it, as the sidebar now does (the first
// screen carries a page of the directory and the counts; a partner save brings back the partner as saved
// and the figures, and nothing is fetched after it).
import { action, within, type Action } from '../action';
import { NO_FILTERS } from '../../../src/shared/partner-filter';
import { seeded, SIZES } from './core';

interface Listed {
  record: Record<string, unknown>;
  version: string;
}

const PARTS = ['contacts', 'agreements', 'checkIns', 'vetting', 'onboarding', 'reviews'];

export const SIDEBAR: Action[] = [
  ...SIZES.map((n) =>
    action({
      name: `open the sidebar, ${n.toLocaleString('en-US')} partners`,
      row: 'open the sidebar',
      partners: n,
      prepare: () => ({ addOn: seeded(n), state: null }),
      run: (s) => s.openSidebar(),
      budget: within({ calls: 30, bytes: 300 * 1024 }),
      // A school of 100 partners or fewer gets everyone in the page, with their contacts for search; the
      // header's need figures read the Schools tab (one school or a network decides what covers a need),
      // and the Dashboard's gatherings of the week the Gatherings tab (one call: the tab is found anyway): 32.
      ...(n <= 100 ? { ceiling: { calls: 32, executions: 1 } } : {}),
    }),
  ),
  ...SIZES.map((n) =>
    action({
      name: `save one partner, ${n.toLocaleString('en-US')} partners`,
      row: 'save one partner, with what the sidebar then needs',
      partners: n,
      prepare: () => {
        const addOn = seeded(n);
        const d = addOn.run('getDirectory');
        if (!d.ok) throw new Error(d.message);
        const id = String((d.value as { partners: Listed[] }).partners[Math.floor(n / 2)].record.id);
        const profile = addOn.run('getPartner', id, PARTS);
        if (!profile.ok) throw new Error(profile.message);
        return { addOn, state: (profile.value as { entry: Listed }).entry };
      },
      // The editor's Save: savePartner, which brings back the partner as saved and the figures; the
      // sidebar works out the list row from them and the profile it holds (partners.ts showSaved).
      run: (s, p: Listed) => {
        const { id, created: _c, updated: _u, ...values } = p.record;
        const r = s.run<{ status: string }>('savePartner', {
          id,
          version: p.version,
          values: { ...values, notes: 'Bench edit' },
        });
        if (r.status !== 'saved') throw new Error(`save: ${r.status}`);
      },
      budget: within({ calls: 15, executions: 1, bytes: 20 * 1024 }),
    }),
  ),
  ...SIZES.map((n) =>
    action({
      name: `open Gatherings and find a partner to invite, ${n.toLocaleString('en-US')} partners`,
      row: 'partner pickers (Gatherings, Surveys)',
      partners: n,
      prepare: () => ({ addOn: seeded(n), state: null }),
      // The view's tables, then one search of the picker (picker.ts): partners are never loaded whole.
      run: (s) => {
        s.run('getTables', ['gatherings', 'actionItems']);
        s.run('findPartners', { ...NO_FILTERS, query: 'tutoring', offset: 0, limit: 20 });
      },
      budget: within({ executions: 2, bytes: 50 * 1024 }),
    }),
  ),
];
