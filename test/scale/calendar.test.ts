// Calendar sync at scale, counted on the built bundle: 500 gatherings go on the calendar in a few
// executions, a re-sync with nothing changed makes no Calendar call, one change writes one event, the
// burst limit and a lost write end in exactly one event per gathering, and a year's plan takes three
// executions, as the sidebar drives them.
import type { AddOn } from '../../dev/gas';
import { loadAddOn } from '../../dev/gas';
import { DEMO_YEAR, seedDemoSchool } from '../../dev/preview/demo';
import type {
  CalendarSyncItem,
  CalendarSyncResult,
  GatheringDraft,
  Listed,
  SaveResult,
} from '../../src/shared/contract';
import type { Gathering } from '../../src/shared/records';
import { directory, ok } from '../integration/helpers';
import { tally } from '../report';

const NOW = new Date('2026-08-20T15:00:00Z');
const N = 500;

function demo(): AddOn {
  const addOn = loadAddOn({ now: () => NOW });
  seedDemoSchool(addOn, '2026-08-20');
  return addOn;
}

/** N gatherings over the school year, five partners invited to each (set-up, not counted). */
function manyGatherings(addOn: AddOn, n = N): string[] {
  const invited = directory(addOn)
    .partners.filter((p) => p.record.status === 'active')
    .slice(0, 5)
    .map((p) => p.record.id);
  const drafts: GatheringDraft[] = Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2026, 8, 1) + Math.floor(i / 3) * 86_400_000).toISOString().slice(0, 10);
    const hour = 9 + (i % 3) * 2;
    return {
      kind: '1-on-1 check-in',
      title: `Check-in ${i + 1}`,
      date: day,
      start: `${String(hour).padStart(2, '0')}:00`,
      end: `${String(hour + 1).padStart(2, '0')}:00`,
      location: 'Room 4',
      objectives: 'How is it going?',
      topic: '',
    };
  });
  const ids: string[] = [];
  for (let i = 0; i < drafts.length; i += 60)
    ids.push(
      ...ok<Listed<Gathering>[]>(addOn, 'addGatherings', drafts.slice(i, i + 60), invited).map(
        (g) => g.record.id,
      ),
    );
  return ids;
}

interface Figures {
  executions: number;
  calendar: number;
  /** Spreadsheet calls of each execution. */
  spreadsheet: number[];
  results: CalendarSyncResult[];
}

/** What the sidebar does: syncGatherings again with what is left, waiting a minute when Calendar asks. */
function syncAll(addOn: AddOn, ids: readonly string[], agendas = false, limit = 50): Figures {
  const calls = addOn.workspace.calls;
  calls.reset();
  const figures: Figures = { executions: 0, calendar: 0, spreadsheet: [], results: [] };
  let remaining = [...ids];
  while (remaining.length && figures.executions < limit) {
    const before = calls.total('SpreadsheetApp');
    const result = ok<CalendarSyncResult>(addOn, 'syncGatherings', {
      ids: remaining,
      sendInvites: false,
      agendas,
    });
    figures.executions += 1;
    figures.spreadsheet.push(calls.total('SpreadsheetApp') - before);
    figures.results.push(result);
    remaining = [...result.remaining];
    if (result.stoppedBy === 'rate') addOn.workspace.clock.advance(60_000);
  }
  figures.calendar = calls.total('CalendarApp') + calls.total('Calendar');
  return figures;
}

const events = (addOn: AddOn) => addOn.workspace.calendar.inspect();

/** Exactly one event per gathering, each recorded on its row. */
function expectOneEventEach(addOn: AddOn, ids: readonly string[]): void {
  const all = events(addOn);
  const marked = all.map((e) => /Partner Hub gathering (\S+)$/.exec(e.description)?.[1] ?? '');
  expect(marked.sort()).toEqual([...ids].sort());
  const rows = directory(addOn).gatherings;
  const recorded = new Set(rows.map((g) => g.record.eventId));
  expect(all.every((e) => recorded.has(e.id))).toBe(true);
}

describe('Calendar sync of 500 gatherings', () => {
  let addOn: AddOn;
  let ids: string[];
  let first: Figures;

  beforeAll(() => {
    addOn = demo();
    ids = manyGatherings(addOn);
    first = syncAll(addOn, ids);
  });

  it('puts them on the calendar in ≤ 10 executions, ≤ 2 Calendar calls per event, ≤ 10 Spreadsheet calls per execution', () => {
    tally(
      `put ${N}: ${first.executions} executions, ${first.calendar} Calendar calls, Spreadsheet calls per execution ${first.spreadsheet.join(', ')}`,
    );
    expect(first.executions).toBeLessThanOrEqual(10);
    expect(first.calendar).toBeLessThanOrEqual(2 * N);
    // Opening (getActiveSpreadsheet, the time zone) 2, Gatherings and Contacts read once each 2 + 2,
    // and one write under the document lock: the pre-write check that no row moved 1, one block of
    // event ids, fingerprints and statuses 2, flush 1.
    expect(Math.max(...first.spreadsheet)).toBeLessThanOrEqual(10);
    expect(first.results.flatMap((r) => r.items).filter((i) => i.event === 'created')).toHaveLength(N);
    expectOneEventEach(addOn, ids);
    expect(addOn.workspace.calendar.invitations).toEqual([]);
  });

  it('re-syncs with nothing changed in one execution and no Calendar call', () => {
    const again = syncAll(addOn, ids);
    tally(
      `re-sync ${N} unchanged: ${again.executions} executions, ${again.calendar} Calendar calls, Spreadsheet ${again.spreadsheet.join(', ')}`,
    );
    expect(again.calendar).toBe(0);
    expect(again.executions).toBe(1);
    expect(again.results[0].items.every((i) => i.event === 'unchanged')).toBe(true);
    expect(addOn.workspace.calls.count('SpreadsheetApp.Range.setValues')).toBe(0);
  });

  it('after one time changed, writes only that event: ≤ 5 Calendar calls', () => {
    const row = directory(addOn).gatherings.find((g) => g.record.id === ids[7]);
    if (!row) throw new Error('no row');
    const { id, created: _c, updated: _u, ...values } = row.record;
    const saved = ok<SaveResult<Gathering>>(addOn, 'saveGathering', {
      id,
      version: row.version,
      values: { ...values, start: '16:00', end: '17:30' },
    });
    expect(saved.status).toBe('saved');
    const again = syncAll(addOn, ids);
    tally(
      `re-sync ${N}, one changed: ${again.executions} executions, ${again.calendar} Calendar calls, Spreadsheet ${again.spreadsheet.join(', ')}`,
    );
    expect(again.calendar).toBeLessThanOrEqual(5);
    expect(again.executions).toBe(1);
    const items = again.results[0].items;
    expect(items.filter((i) => i.event === 'updated').map((i) => i.id)).toEqual([ids[7]]);
    const moved = events(addOn).find((e) => e.description.endsWith(ids[7]));
    expect(moved?.start).toBe('2026-09-03T21:00:00.000Z');
    expectOneEventEach(addOn, ids);
  });
});

describe('with invitations', () => {
  it('invites each guest of 200 new events once, in the insert itself: ≤ 2 Calendar calls per event, and says so', () => {
    const addOn = demo();
    const ids = manyGatherings(addOn, 200);
    const calls = addOn.workspace.calls;
    calls.reset();
    let remaining = ids;
    const items: CalendarSyncItem[] = [];
    let executions = 0;
    while (remaining.length) {
      const r = ok<CalendarSyncResult>(addOn, 'syncGatherings', {
        ids: remaining,
        sendInvites: true,
        agendas: false,
      });
      executions += 1;
      items.push(...r.items);
      remaining = [...r.remaining];
    }
    expect(executions).toBeLessThanOrEqual(4);
    expect(calls.total('CalendarApp') + calls.total('Calendar')).toBeLessThanOrEqual(2 * 200);
    const said = items.flatMap((i) => i.invited.map((email) => `${i.id} ${email}`)).sort();
    const sent = addOn.workspace.calendar.invitations
      .map((inv) => {
        const e = events(addOn).find((x) => x.id === inv.eventId);
        return `${/Partner Hub gathering (\S+)$/.exec(e?.description ?? '')?.[1]} ${inv.email}`;
      })
      .sort();
    expect(said.length).toBeGreaterThan(200);
    expect(said).toEqual(sent);
    expect(directory(addOn).gatherings.every((g) => g.record.status === 'invited')).toBe(true);
    // Asked again: everyone knows, nothing is sent, no Calendar call.
    calls.reset();
    const again = ok<CalendarSyncResult>(addOn, 'syncGatherings', { ids, sendInvites: true, agendas: false });
    expect(calls.total('CalendarApp') + calls.total('Calendar')).toBe(0);
    expect(again.items.every((i) => i.event === 'unchanged' && i.invited.length === 0)).toBe(true);
    expect(addOn.workspace.calendar.invitations).toHaveLength(sent.length);
  });
});

describe('Calendar refusing a burst, and a write that never happened', () => {
  it('backs off, stops, resumes a minute later, and makes exactly one event per gathering', () => {
    const addOn = demo();
    const ids = manyGatherings(addOn, 120);
    addOn.workspace.calendar.setRateLimit(40, 60_000);
    const run = syncAll(addOn, ids);
    expect(run.results.some((r) => r.stoppedBy === 'rate')).toBe(true);
    expect(addOn.workspace.slept.length).toBeGreaterThan(0);
    expect(run.results.at(-1)?.remaining).toEqual([]);
    expectOneEventEach(addOn, ids);
  });

  it('a single refusal costs a pause, not a stop', () => {
    const addOn = demo();
    const ids = manyGatherings(addOn, 10);
    addOn.workspace.calendar.failAfter(4);
    const run = syncAll(addOn, ids);
    expect(run.executions).toBe(1);
    expect(addOn.workspace.slept).toEqual([2000]);
    expectOneEventEach(addOn, ids);
  });

  it('finds the events an execution made but could not record, by their marker: no duplicates', () => {
    const addOn = demo();
    const ids = manyGatherings(addOn, 30);
    addOn.workspace.calls.before('SpreadsheetApp.Range.setValues', () => {
      throw new Error('Exceeded maximum execution time');
    });
    expect(addOn.run('syncGatherings', { ids, sendInvites: false, agendas: false }).ok).toBe(false);
    expect(events(addOn)).toHaveLength(30);
    expect(directory(addOn).gatherings.every((g) => g.record.eventId === '')).toBe(true);
    const resumed = syncAll(addOn, ids);
    expect(resumed.calendar).toBeLessThanOrEqual(3);
    expectOneEventEach(addOn, ids);
  });
});

describe("a year's plan, as the sidebar does it", () => {
  it('previews, adds, then makes five agendas and events: three executions', () => {
    const addOn = demo();
    const invited = directory(addOn)
      .partners.filter((p) => p.record.status === 'active')
      .map((p) => p.record.id);
    let executions = 0;
    const run = <T>(name: string, ...args: unknown[]): T => {
      executions += 1;
      return ok<T>(addOn, name, ...args);
    };
    const drafts = run<GatheringDraft[]>('planYear', DEMO_YEAR);
    const added = run<Listed<Gathering>[]>('addGatherings', drafts, invited);
    addOn.workspace.calls.reset();
    const made = run<CalendarSyncResult>('syncGatherings', {
      ids: added.map((g) => g.record.id),
      sendInvites: false,
      agendas: true,
    });
    expect(executions).toBeLessThanOrEqual(3);
    // The agendas share one read of each table and their links are written together (141 calls when each
    // agenda read and wrote on its own): the rest is a Doc's own spreadsheet link and id.
    expect(addOn.workspace.calls.total('SpreadsheetApp')).toBeLessThanOrEqual(40);
    expect(
      addOn.workspace.calls.count('SpreadsheetApp.Range.getValues') +
        addOn.workspace.calls.count('SpreadsheetApp.Sheet.getSheetValues'),
    ).toBeLessThanOrEqual(8);
    expect(made.remaining).toEqual([]);
    expect(made.items.map((i) => [i.event, Boolean(i.agenda?.url)])).toEqual(
      added.map(() => ['created', true]),
    );
    // The rows it returns are what the sheet holds: the sidebar merges them instead of reloading.
    const rows = directory(addOn).gatherings;
    for (const g of made.gatherings) expect(rows.find((r) => r.record.id === g.record.id)).toEqual(g);
    expect(rows.every((g) => g.record.agendaUrl && g.record.eventId)).toBe(true);
    for (const e of events(addOn)) expect(e.description).toMatch(/Agenda: https:\/\/docs\.google\.com\//);
  });
});
