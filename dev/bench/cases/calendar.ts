// Gatherings on Calendar and the year plan (issue 11), as the sidebar drives them: "Put all on the
// calendar" and "Make agendas and calendar events" call syncGatherings again and again while the person
// watches (the clock moves a minute when Calendar asks for a pause), each call within a time budget.
import { action, within, type Action, type Session } from '../action';
import { fresh, mustRun, TODAY } from '../action';
import { seeded } from './core';
import { DEMO_YEAR, seedDemoSchool } from '../../preview/demo';

const YEAR = DEMO_YEAR;

interface SyncResult {
  remaining: string[];
  stoppedBy: string | null;
}

/** One click: syncGatherings until nothing remains. */
function syncAll(s: Session, ids: string[], agendas = false): void {
  let remaining = ids;
  for (let guard = 0; remaining.length && guard < 100; guard++) {
    const r = s.run<SyncResult>('syncGatherings', { ids: remaining, sendInvites: false, agendas });
    remaining = r.remaining;
    if (r.stoppedBy === 'rate') s.addOn.workspace.clock.advance(60_000);
  }
  if (remaining.length) throw new Error(`${remaining.length} gatherings never synced`);
}

/** `n` one-hour check-ins over the school year, 5 active partners invited to each. */
function withGatherings(n: number): { addOn: ReturnType<typeof fresh>; ids: string[] } {
  const addOn = fresh();
  seedDemoSchool(addOn, TODAY);
  const d = mustRun<{ partners: { record: { id: string; status: string } }[] }>(addOn, 'getDirectory');
  const invited = d.partners
    .filter((p) => p.record.status === 'active')
    .slice(0, 5)
    .map((p) => p.record.id);
  const ids: string[] = [];
  const start = Date.parse('2026-12-01T12:00:00Z');
  for (let i = 0; i < n; i += 60) {
    const drafts = Array.from({ length: Math.min(60, n - i) }, (_, j) => {
      const day = new Date(start + (i + j) * 12 * 60 * 60 * 1000).toISOString().slice(0, 10);
      return {
        kind: '1-on-1 check-in',
        title: `Check-in ${i + j + 1}`,
        date: day,
        start: `${String(8 + ((i + j) % 8)).padStart(2, '0')}:00`,
        end: `${String(9 + ((i + j) % 8)).padStart(2, '0')}:00`,
        location: 'Library',
        objectives: '',
        topic: '',
      };
    });
    const rows = mustRun<{ record: { id: string } }[]>(addOn, 'addGatherings', drafts, invited);
    ids.push(...rows.map((r) => r.record.id));
  }
  return { addOn, ids };
}

const COUNTS = [50, 500] as const;

export const CALENDAR: Action[] = [
  ...COUNTS.map((n) =>
    action({
      name: `put ${n} gatherings on Calendar`,
      row: 'put 500 gatherings on Calendar',
      prepare: () => {
        const made = withGatherings(n);
        return { addOn: made.addOn, state: made.ids };
      },
      run: (s, ids: string[]) => syncAll(s, ids),
      budget: within({ executions: 10, service: { Calendar: 2 * n }, perExecution: { SpreadsheetApp: 10 } }),
    }),
  ),
  action({
    name: 're-sync 500 gatherings, nothing changed',
    row: 're-sync 500 with nothing changed',
    prepare: () => {
      const made = withGatherings(500);
      let remaining = made.ids;
      while (remaining.length) {
        const r = mustRun<SyncResult>(made.addOn, 'syncGatherings', {
          ids: remaining,
          sendInvites: false,
          agendas: false,
        });
        remaining = r.remaining;
        if (r.stoppedBy === 'rate') made.addOn.workspace.clock.advance(60_000);
      }
      return { addOn: made.addOn, state: made.ids };
    },
    run: (s, ids: string[]) => syncAll(s, ids),
    budget: within({ service: { Calendar: 0, CalendarApp: 0 } }),
  }),
  action({
    name: "a year's plan: 5 gatherings with agendas and events",
    row: "a year's plan with agendas and events",
    prepare: () => ({ addOn: seeded(50), state: null }),
    // Plan, add the five; then "Make agendas and calendar events".
    run: (s) => {
      const drafts = s.run('planYear', YEAR);
      const rows = s.run<{ record: { id: string } }[]>('addGatherings', drafts, []);
      syncAll(
        s,
        rows.map((r) => r.record.id),
        true,
      );
    },
    budget: within({ executions: 3 }),
  }),
];
