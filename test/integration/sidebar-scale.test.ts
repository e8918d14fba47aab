// Issue 11, "a sidebar whose data does not grow with the network": at 5,000 partners the sidebar opens
// with its first screen only, and a save brings back only what changed. Service calls are counted on the
// in-memory Workspace (deterministic); bytes are the JSON of what reaches the page.
import { loadAddOn, type AddOn } from '../../dev/gas';
import { seedDemoSchool } from '../../dev/preview/demo';
import { scaledData } from '../../dev/demo-data';
import type { SidebarBoot } from '../../src/shared/boot';
import type {
  PartnerPage,
  PartnerProfile,
  PartnerQuery,
  SaveResult,
  ViewTables,
} from '../../src/shared/contract';
import type { Partner } from '../../src/shared/records';
import { NO_FILTERS } from '../../src/shared/partner-filter';
import { ok } from './helpers';

const TODAY = '2026-11-23';
const PARTNERS = 5000;
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const query = (over: Partial<PartnerQuery> = {}): PartnerQuery => ({
  ...NO_FILTERS,
  offset: 0,
  limit: 100,
  ...over,
});

function openSidebar(addOn: AddOn): { boot: SidebarBoot; size: number } {
  addOn.call('openSidebar');
  const html = addOn.workspace.ui.sidebars.at(-1)!.html;
  const json = /window\.__BOOT__ = (.*);\n/.exec(html)![1];
  return { boot: JSON.parse(json) as SidebarBoot, size: Buffer.byteLength(json) };
}

describe(`the sidebar at ${PARTNERS} partners`, () => {
  let addOn: AddOn;
  beforeAll(() => {
    addOn = loadAddOn({ now: () => new Date(`${TODAY}T15:00:00Z`) });
    seedDemoSchool(addOn, TODAY, scaledData(PARTNERS, TODAY));
  });

  it('opens with its first screen: ≤ 30 service calls and ≤ 300 KB in the page', () => {
    addOn.workspace.calls.reset();
    const { boot, size } = openSidebar(addOn);
    const calls = addOn.workspace.calls.total();
    console.log(`open the sidebar, ${PARTNERS} partners: ${calls} calls, ${size} bytes`);
    expect(calls).toBeLessThanOrEqual(30);
    expect(size).toBeLessThanOrEqual(300 * 1024);
    const home = boot.home!;
    expect(home.page.total).toBe(PARTNERS);
    expect(home.glance.total).toBe(PARTNERS);
    expect(home.page.matched).toBe(PARTNERS);
    expect(home.page.rows).toHaveLength(100);
    expect(home.page.search).toBeUndefined();
    expect(home.glance.due.length).toBeLessThanOrEqual(home.glance.overdue + home.glance.dueSoon);
  });

  it('searches, filters and pages on the server, and the counts agree with getDirectory', () => {
    const all = ok<{ partners: { record: Partner; attention: string[] }[] }>(addOn, 'getDirectory');
    const active = all.partners.filter((p) => p.record.status === 'active');
    const page = ok<PartnerPage>(addOn, 'findPartners', query({ status: 'active' }));
    expect(page.matched).toBe(active.length);
    expect(page.rows.every((r) => r.status === 'active')).toBe(true);
    const next = ok<PartnerPage>(addOn, 'findPartners', query({ status: 'active', offset: 100 }));
    expect(next.rows[0]?.id).not.toBe(page.rows[0].id);
    const name = active[7].record.name;
    const found = ok<PartnerPage>(addOn, 'findPartners', query({ query: name }));
    expect(found.rows.map((r) => r.name)).toContain(name);
    const flagged = ok<PartnerPage>(addOn, 'findPartners', query({ attention: true }));
    expect(flagged.matched).toBe(all.partners.filter((p) => p.attention.length).length);
    addOn.workspace.calls.reset();
    const sized = ok<PartnerPage>(addOn, 'findPartners', query({ query: 'a' }));
    expect(bytes(sized)).toBeLessThanOrEqual(50 * 1024);
    expect(addOn.workspace.calls.total()).toBeLessThanOrEqual(15);
  });

  it('saves one partner and brings back only what changed: ≤ 20 KB, the refresh ≤ 10 calls', () => {
    const { boot } = openSidebar(addOn);
    const row = boot.home!.page.rows[40];
    const opened = ok<PartnerProfile>(addOn, 'getPartner', row.id, [
      'contacts',
      'agreements',
      'checkIns',
      'vetting',
      'onboarding',
      'reviews',
    ]);
    expect(bytes(opened)).toBeLessThanOrEqual(20 * 1024);
    const { id, created: _c, updated: _u, ...values } = opened.entry.record;
    addOn.workspace.calls.reset();
    const saved = ok<SaveResult<Partner>>(addOn, 'savePartner', {
      id,
      version: opened.entry.version,
      values: { ...values, notes: 'Scale edit', status: 'paused' },
    });
    expect(saved.status).toBe('saved');
    const saveCalls = addOn.workspace.calls.total();
    addOn.workspace.calls.reset();
    // What the sidebar then asks (partners.ts, after a partner save): its list row and the figures.
    const after = ok<PartnerProfile>(addOn, 'getPartner', row.id, []);
    const refreshCalls = addOn.workspace.calls.total();
    const size = bytes(saved) + bytes(after);
    console.log(
      `save one partner, ${PARTNERS} partners: ${saveCalls} + ${refreshCalls} calls, ${size} bytes back`,
    );
    expect(refreshCalls).toBeLessThanOrEqual(10);
    expect(size).toBeLessThanOrEqual(20 * 1024);
    expect(after.row.status).toBe('paused');
    expect(after.entry.record.notes).toBe('Scale edit');
    expect(after.contacts).toBeUndefined();
    expect(after.glance.total).toBe(PARTNERS);
    expect(after.glance.active).toBe(boot.home!.glance.active - (row.status === 'active' ? 1 : 0));
  });

  // savePartner alone is 19–21 calls (lock 3, open 4, read 3, row check 2, 2 per changed block, flush,
  // read-back 2): the save path itself has to shrink before save + refresh fits 15.
  it.todo('saves one partner with what the sidebar then needs in ≤ 15 service calls');

  it('fetches the tables a view shows when it is opened, partners as briefs', () => {
    const tables = ok<Partial<ViewTables>>(addOn, 'getTables', ['partners', 'surveys']);
    expect(tables.partners).toHaveLength(PARTNERS);
    expect(Object.keys(tables.partners![0].record).sort()).toEqual(['id', 'name', 'status']);
    expect(tables.gatherings).toBeUndefined();
  });
});

describe('the sidebar of a small school', () => {
  it('opens with every partner and what search looks at, so search runs in the page', () => {
    const addOn = loadAddOn({ now: () => new Date(`${TODAY}T15:00:00Z`) });
    seedDemoSchool(addOn, TODAY, scaledData(40, TODAY));
    const { boot } = openSidebar(addOn);
    const page = boot.home!.page;
    expect(page.rows).toHaveLength(40);
    expect(page.search).toHaveLength(40);
    expect(page.matched).toBe(40);
    expect(boot.home!.glance.total).toBe(40);
    const names = page.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    // A profile fetched with its contacts carries the same search text the page has.
    const at = 3;
    const profile = ok<PartnerProfile>(addOn, 'getPartner', page.rows[at].id, ['contacts']);
    expect(profile.search).toBe(page.search![at]);
  });
});
