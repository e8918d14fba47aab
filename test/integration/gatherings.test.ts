// Gatherings on the built bundle: the year's plan, agenda Docs, Calendar events, follow-up emails.
import type { AddOn } from '../../dev/gas';
import type {
  AgendaResult,
  EventResult,
  FollowUpResult,
  GatheringDraft,
  Listed,
  SaveResult,
} from '../../src/shared/contract';
import type { Gathering } from '../../src/shared/records';
import { DEMO_YEAR, seedDemoSchool, signEmails } from '../../dev/preview/demo';
import { loadAddOn } from '../../dev/gas';
import { directory, failure, ok, snapshot } from './helpers';
import { inspectCell } from '../../dev/workspace/by-hand';

const YEAR = DEMO_YEAR;

function demo(): AddOn {
  const addOn = loadAddOn({ now: () => new Date('2026-08-20T15:00:00Z') });
  seedDemoSchool(addOn, '2026-08-20');
  return addOn;
}

function planned(addOn: AddOn, model = 'five'): Listed<Gathering>[] {
  const drafts = ok<GatheringDraft[]>(addOn, 'planYear', {
    ...YEAR,
    model,
    months: model === 'custom' ? [10, 2] : undefined,
  });
  const d = directory(addOn);
  const invited = d.partners.filter((p) => p.record.status === 'active').map((p) => p.record.id);
  return ok<Listed<Gathering>[]>(addOn, 'addGatherings', drafts, invited);
}

const event = (addOn: AddOn) => addOn.workspace.calendar.inspect();

describe('plan the year', () => {
  it.each([
    ['five', 5],
    ['three', 3],
    ['custom', 2],
  ])('the %s model previews without writing, then adds every gathering in one block', (model, count) => {
    const addOn = demo();
    const before = snapshot(addOn);
    const drafts = ok<GatheringDraft[]>(addOn, 'planYear', {
      ...YEAR,
      model,
      months: model === 'custom' ? [10, 2] : undefined,
    });
    expect(drafts).toHaveLength(count);
    expect(snapshot(addOn)).toEqual(before);
    addOn.workspace.calls.reset();
    const rows = ok<Listed<Gathering>[]>(addOn, 'addGatherings', drafts, []);
    expect(rows.map((r) => [r.record.date, r.record.status])).toEqual(drafts.map((d) => [d.date, 'planned']));
    expect(addOn.workspace.calls.byMethod()['SpreadsheetApp.Range.setValues']).toBe(1);
    expect(directory(addOn).gatherings).toHaveLength(count);
  });

  it('refuses a bad draft and writes none of them', () => {
    const addOn = demo();
    const drafts = ok<GatheringDraft[]>(addOn, 'planYear', YEAR);
    const before = snapshot(addOn);
    const bad = [...drafts.slice(0, 2), { ...drafts[2], end: '10:00', start: '11:00' }];
    expect(failure(addOn, 'addGatherings', bad, [])).toMatch(/Gathering 3 .* ends before it starts/);
    expect(failure(addOn, 'addGatherings', drafts, ['P-0000000000'])).toMatch(
      /No partner with id P-0000000000/,
    );
    expect(failure(addOn, 'planYear', { ...YEAR, weekday: 6 })).toMatch(
      /weekday must be a whole number from 1 to 5/,
    );
    // The sidebar offers the first to the fourth weekday of a month, and September to June.
    expect(failure(addOn, 'planYear', { ...YEAR, week: 5 })).toMatch(
      /week must be a whole number from 1 to 4/,
    );
    expect(failure(addOn, 'planYear', { ...YEAR, model: 'custom', months: [9, 7] })).toMatch(
      /months\[1\] must be one of 9, 10, 11, 12, 1, 2, 3, 4, 5, 6/,
    );
    expect(snapshot(addOn)).toEqual(before);
  });
});

describe('agenda Docs', () => {
  it('makes the built-in agenda with placeholders and tables filled, links it on the row, and asks before replacing', () => {
    const addOn = demo();
    const [first] = planned(addOn);
    addOn.workspace.calls.reset();
    const made = ok<AgendaResult>(addOn, 'makeAgenda', first.record.id, false);
    expect(made.status).toBe('made');
    const doc = addOn.workspace.inspectDocument(made.url);
    const text = JSON.stringify(doc.tree);
    expect(text).toContain('Fall partner gathering');
    expect(text).toContain('Riverside Community School');
    expect(text).toContain('Tuesday, September 8, 2026');
    expect(text).not.toMatch(/\{\{/);
    const tables = (doc.tree.children ?? []).filter((n) => n.type === 'TABLE');
    const roster = tables[0].rows ?? [];
    expect(roster[0]).toEqual(['Partner', 'Focus areas', 'Contact']);
    expect(roster.length - 1).toBe(first.record.invited.length);
    expect(directory(addOn).gatherings[0].record.agendaUrl).toBe(made.url);
    const again = ok<AgendaResult>(addOn, 'makeAgenda', first.record.id, false);
    expect(again).toEqual({ status: 'exists', url: made.url });
    const replaced = ok<AgendaResult>(addOn, 'makeAgenda', first.record.id, true);
    expect(replaced.status).toBe('made');
    expect(replaced.url).not.toBe(made.url);
  });

  it('is designed for the room: a title block, clock times for each part, roles, no contact details and no internal id', () => {
    const addOn = demo();
    const [first] = planned(addOn);
    const saved = ok<SaveResult<Gathering>>(addOn, 'saveGathering', {
      id: first.record.id,
      version: first.version,
      values: { facilitator: 'Ms. Rivera' },
    });
    expect(saved.status).toBe('saved');
    const made = ok<AgendaResult>(addOn, 'makeAgenda', first.record.id, false);
    const doc = addOn.workspace.inspectDocument(made.url);
    const nodes = doc.tree.children ?? [];
    const texts = nodes.map((n) => n.text);
    expect(texts.slice(0, 3)).toEqual([
      'Riverside Community School',
      'Fall partner gathering',
      'Tuesday, September 8, 2026 · 3:30–5:00 PM · Library',
    ]);
    expect(nodes[1].heading).toBe('HEADING1');
    expect(texts).toContain('Facilitator: Ms. Rivera');
    expect(texts).toContain('Note-taker: ______________________');
    // The five parts of a 90-minute gathering, each with its start and end on a 12-hour clock.
    expect(
      nodes.filter((n) => n.heading === 'HEADING2' && /[AP]M · /.test(n.text)).map((n) => n.text),
    ).toEqual([
      '3:30–3:40 PM · Community building',
      '3:40–4:20 PM · Timely topic',
      '4:20–4:40 PM · Coming up',
      '4:40–4:50 PM · Action steps',
      '4:50–5:00 PM · Closing',
    ]);
    // What the Doc reads (the link's address aside).
    expect(doc.tree.text).not.toMatch(/G-[A-Za-z0-9]{4,}/);
    expect(doc.tree.text).not.toMatch(/@/);
    // The last line leads back to the gathering, which the Docs sidebar finds through it.
    const last = nodes.filter((n) => n.text).at(-1);
    expect(last?.text).toBe('Open this gathering in the partner spreadsheet');
    expect(JSON.stringify(last?.runs)).toContain(`#ph-gathering=${first.record.id}`);
  });

  it('spreads the parts over a gathering of another length', () => {
    const addOn = demo();
    const [first] = planned(addOn);
    ok(addOn, 'saveGathering', {
      id: first.record.id,
      version: first.version,
      values: { start: '09:00', end: '10:00' },
    });
    const made = ok<AgendaResult>(addOn, 'makeAgenda', first.record.id, false);
    const texts = (addOn.workspace.inspectDocument(made.url).tree.children ?? []).map((n) => n.text);
    expect(texts).toContain('9:00–9:07 AM · Community building');
    expect(texts).toContain('9:53–10:00 AM · Closing');
  });

  it('costs the same number of Docs and Drive calls for 3 partners as for 20', () => {
    const cost = (n: number) => {
      const addOn = demo();
      const drafts = ok<GatheringDraft[]>(addOn, 'planYear', YEAR);
      const ids = directory(addOn)
        .partners.slice(0, n)
        .map((p) => p.record.id);
      const [g] = ok<Listed<Gathering>[]>(addOn, 'addGatherings', drafts.slice(0, 1), ids);
      addOn.workspace.calls.reset();
      ok(addOn, 'makeAgenda', g.record.id, false);
      const calls = addOn.workspace.calls.byService();
      return [calls.DocumentApp, calls.Drive];
    };
    expect(cost(3)).toEqual(cost(20));
  });

  it('fills a school’s own template Doc and reports its unknown placeholders', () => {
    const addOn = demo();
    const [g] = planned(addOn);
    const template = addOn.workspace.addDocument('Our agenda template', [
      'Agenda for {{gathering.title}} at {{school.name}}',
      'When: {{gathering.date}}, {{gathering.time}}',
      '{{table:partners}}',
      'Bring: {{gathering.snacks}}',
    ]);
    ok(addOn, 'saveSettings', { templates: { 'multi-partner gathering': template.getUrl() } });
    const made = ok<AgendaResult>(addOn, 'makeAgenda', g.record.id, false);
    expect(made).toMatchObject({ status: 'made', unknownPlaceholders: ['gathering.snacks'] });
    const doc = addOn.workspace.inspectDocument((made as { url: string }).url);
    const nodes = doc.tree.children ?? [];
    expect(nodes[0].text).toBe('Agenda for Fall partner gathering at Riverside Community School');
    expect(nodes[1].text).toBe('When: Tuesday, September 8, 2026, 3:30–5:00 PM');
    expect(nodes[2].type).toBe('TABLE');
    expect(nodes[3].text).toBe('Bring: {{gathering.snacks}}');
    expect(
      failure(addOn, 'saveSettings', {
        templates: { 'multi-partner gathering': 'https://docs.google.com/document/d/nope-nope-nope/edit' },
      }),
    ).toMatch(/cannot open the multi-partner gathering template/);
  });

  it('puts values holding $ and \\ into a school’s template exactly as typed (replaceText reads Java rules)', () => {
    const addOn = demo();
    const [g] = planned(addOn);
    const row = directory(addOn).gatherings.find((x) => x.record.id === g.record.id)!;
    const { id, created: _c, updated: _u, ...values } = row.record;
    const title = 'Room $5 \\ Ca$h Academy $1';
    ok(addOn, 'saveGathering', { id, version: row.version, values: { ...values, title } });
    const template = addOn.workspace.addDocument('Our agenda template', ['Agenda: {{gathering.title}}!']);
    ok(addOn, 'saveSettings', { templates: { 'multi-partner gathering': template.getUrl() } });
    const made = ok<AgendaResult>(addOn, 'makeAgenda', g.record.id, false);
    const nodes = addOn.workspace.inspectDocument((made as { url: string }).url).tree.children ?? [];
    expect(nodes[0].text).toBe(`Agenda: ${title}!`);
  });
});

describe('Google Calendar', () => {
  /** Saves the gathering with some of its values changed, as the sidebar's editor does. */
  function edit(addOn: AddOn, id: string, change: (g: Gathering) => Partial<Gathering>): void {
    const row = directory(addOn).gatherings.find((x) => x.record.id === id);
    if (!row) throw new Error(`no gathering ${id}`);
    const { id: _id, created: _c, updated: _u, ...values } = row.record;
    const saved = ok<{ status: string }>(addOn, 'saveGathering', {
      id,
      version: row.version,
      values: { ...values, ...change(row.record) },
    });
    expect(saved.status).toBe('saved');
  }
  const statusOf = (addOn: AddOn, id: string) =>
    directory(addOn).gatherings.find((x) => x.record.id === id)?.record.status;
  const invitedTo = (addOn: AddOn) => addOn.workspace.calendar.invitations.map((i) => i.email).sort();
  const notices = (addOn: AddOn) =>
    addOn.workspace.calendar.notices.map((n) => `${n.kind} ${n.email}`).sort();

  it('creates, updates (time, guests) and cancels with exactly one event at every step', () => {
    const addOn = demo();
    const [g] = planned(addOn);
    const made = ok<EventResult>(addOn, 'putOnCalendar', g.record.id, false);
    expect(made).toMatchObject({ created: true, changed: true, invited: [], invitationsSent: false });
    expect(event(addOn)).toHaveLength(1);
    expect(event(addOn)[0]).toMatchObject({
      title: 'Fall partner gathering',
      start: '2026-09-08T20:30:00.000Z',
      end: '2026-09-08T22:00:00.000Z',
      location: 'Library',
    });
    expect(event(addOn)[0].guests.sort()).toEqual([...made.guests].sort());
    expect(addOn.workspace.calendar.invitations).toHaveLength(0);

    // Move it across the daylight-saving change and drop a partner: the same event changes, silently.
    edit(addOn, g.record.id, (r) => ({ date: '2026-11-10', invited: r.invited.slice(1) }));
    const updated = ok<EventResult>(addOn, 'putOnCalendar', g.record.id, false);
    expect(updated).toMatchObject({ created: false, changed: true, invited: [], updated: [], cancelled: [] });
    expect(event(addOn)).toHaveLength(1);
    expect(event(addOn)[0].start).toBe('2026-11-10T21:30:00.000Z');
    expect(event(addOn)[0].guests).toHaveLength(made.guests.length - 1);
    expect(addOn.workspace.calendar.invitations).toEqual([]);
    expect(addOn.workspace.calendar.notices).toEqual([]);
    expect(statusOf(addOn, g.record.id)).toBe('planned');

    ok(addOn, 'cancelGathering', g.record.id);
    expect(event(addOn)).toHaveLength(0);
    expect(directory(addOn).gatherings[0].record).toMatchObject({ status: 'cancelled', eventId: '' });
    expect(failure(addOn, 'putOnCalendar', g.record.id, false)).toMatch(/is cancelled/);
  });

  it('invites every guest of an event put on without invitations exactly once, then the row says invited', () => {
    const addOn = demo();
    const [g] = planned(addOn);
    const made = ok<EventResult>(addOn, 'putOnCalendar', g.record.id, false);
    expect(addOn.workspace.calendar.invitations).toEqual([]);

    addOn.workspace.calls.reset();
    const invited = ok<EventResult>(addOn, 'putOnCalendar', g.record.id, true);
    expect(invited).toMatchObject({ created: false, changed: true, invitationsSent: true, cancelled: [] });
    expect([...invited.invited].sort()).toEqual([...made.guests].sort());
    expect(invitedTo(addOn)).toEqual([...made.guests].sort());
    // Guests who were never emailed are not sent an "update" or a cancellation either.
    expect(addOn.workspace.calendar.notices).toEqual([]);
    expect(event(addOn)[0].invitesSent).toBe(true);
    expect(statusOf(addOn, g.record.id)).toBe('invited');
    // CalendarApp adds no guest here; the advanced service does it in one list and two patches.
    expect(addOn.workspace.calls.count('CalendarApp.CalendarEvent.addGuest')).toBe(0);
    expect(addOn.workspace.calls.count('Calendar.Events.list')).toBe(1);
    expect(addOn.workspace.calls.count('Calendar.Events.patch')).toBe(2);

    // Asked again with nothing changed: nothing is sent, the row stays invited.
    const again = ok<EventResult>(addOn, 'putOnCalendar', g.record.id, true);
    expect(again).toMatchObject({ changed: false, invited: [], updated: [], invitationsSent: false });
    expect(invitedTo(addOn)).toEqual([...made.guests].sort());
    expect(statusOf(addOn, g.record.id)).toBe('invited');
  });

  it('without invitations asked, an existing event changes and nobody is emailed', () => {
    const addOn = demo();
    const [g] = planned(addOn);
    const [first, second] = g.record.invited;
    edit(addOn, g.record.id, (r) => ({ invited: r.invited.slice(1) }));
    const made = ok<EventResult>(addOn, 'putOnCalendar', g.record.id, false);
    // A new time, one partner back in and another out.
    edit(addOn, g.record.id, (r) => ({
      start: '16:00',
      end: '17:30',
      invited: [first, ...r.invited.filter((id) => id !== second)],
    }));
    const result = ok<EventResult>(addOn, 'putOnCalendar', g.record.id, false);
    expect(result).toMatchObject({ changed: true, invited: [], updated: [], cancelled: [] });
    expect(result.guests.filter((e) => !made.guests.includes(e))).toHaveLength(1);
    expect(made.guests.filter((e) => !result.guests.includes(e))).toHaveLength(1);
    expect(event(addOn)[0].start).toBe('2026-09-08T21:00:00.000Z');
    expect(event(addOn)[0].guests.sort()).toEqual([...result.guests].sort());
    expect(addOn.workspace.calendar.invitations).toEqual([]);
    expect(addOn.workspace.calendar.notices).toEqual([]);
    expect(statusOf(addOn, g.record.id)).toBe('planned');
  });

  it('creates with invitations: each guest invited once; a partner added later is invited, the others sent the change', () => {
    const addOn = demo();
    const [g] = planned(addOn);
    const later = g.record.invited[0];
    edit(addOn, g.record.id, (r) => ({ invited: r.invited.slice(1) }));
    const made = ok<EventResult>(addOn, 'putOnCalendar', g.record.id, true);
    expect(made).toMatchObject({ created: true, invitationsSent: true, updated: [], cancelled: [] });
    expect([...made.invited].sort()).toEqual([...made.guests].sort());
    expect(invitedTo(addOn)).toEqual([...made.guests].sort());
    expect(addOn.workspace.calendar.notices).toEqual([]);
    expect(statusOf(addOn, g.record.id)).toBe('invited');

    edit(addOn, g.record.id, (r) => ({ invited: [later, ...r.invited] }));
    addOn.workspace.calls.reset();
    const grown = ok<EventResult>(addOn, 'putOnCalendar', g.record.id, true);
    const [newcomer] = grown.guests.filter((e) => !made.guests.includes(e));
    expect(newcomer).toBeDefined();
    expect(grown).toMatchObject({
      created: false,
      invited: [newcomer],
      invitationsSent: true,
      cancelled: [],
    });
    expect([...grown.updated].sort()).toEqual([...made.guests].sort());
    // Every guest has exactly one invitation; the others were sent the update.
    expect(invitedTo(addOn)).toEqual([...grown.guests].sort());
    expect(notices(addOn)).toEqual(made.guests.map((e) => `update ${e}`).sort());
    // One patch for the whole change, not a call per guest.
    expect(addOn.workspace.calls.count('Calendar.Events.patch')).toBe(1);
    expect(addOn.workspace.calls.total('CalendarApp')).toBeLessThan(5);
  });

  it('sends no invitations for a gathering that is over', () => {
    const addOn = demo();
    const [g] = planned(addOn);
    addOn.workspace.clock.set(new Date('2026-09-09T00:00:00Z'));
    expect(failure(addOn, 'putOnCalendar', g.record.id, true)).toMatch(/is over/);
    expect(event(addOn)).toEqual([]);
    expect(ok<EventResult>(addOn, 'putOnCalendar', g.record.id, false).created).toBe(true);
    expect(addOn.workspace.calendar.invitations).toEqual([]);
  });
});

/** The workspace clock moved to 15:00 UTC on that day (the demo spreadsheet is in New York: morning). */
const moveTo = (addOn: AddOn, day: string) => addOn.workspace.clock.set(new Date(`${day}T15:00:00Z`));

describe('held or cancelled', () => {
  it('marks a gathering held once its day has come, writing its status alone, with the new version', () => {
    const addOn = demo();
    const [fall, november] = planned(addOn);
    // Still to come on 20 August: refused in plain words, nothing written.
    const before = snapshot(addOn);
    expect(failure(addOn, 'markHeld', fall.record.id)).toBe(
      '"Fall partner gathering" is on Tuesday, September 8, 2026, still to come: mark it held once it has taken place.',
    );
    expect(snapshot(addOn)).toEqual(before);

    moveTo(addOn, '2026-11-30');
    const held = ok<Listed<Gathering>>(addOn, 'markHeld', fall.record.id);
    expect(held.record.status).toBe('held');
    // Two cells changed in the whole workbook: that row's Status and Updated.
    const changed = snapshot(addOn).flatMap((tab, t) =>
      tab.values.flatMap((cells, r) =>
        cells.flatMap((v, c) =>
          String(v) === String(before[t].values[r]?.[c]) ? [] : [`${tab.name}!${tab.values[0][c]}`],
        ),
      ),
    );
    expect(changed.sort()).toEqual(['Gatherings!Status', 'Gatherings!Updated']);
    const after = directory(addOn).gatherings.find((g) => g.record.id === fall.record.id)!;
    expect(after.version).toBe(held.version);
    const { updated: _u1, status: _s1, ...rest } = after.record;
    const { updated: _u2, status: _s2, ...was } = fall.record;
    expect(rest).toEqual(was);
    // The version it returned is the row's: an edit made with it saves.
    const { id, created: _c, updated: _u, ...values } = held.record;
    const saved = ok<{ status: string }>(addOn, 'saveGathering', {
      id,
      version: held.version,
      values: { ...values, notes: 'Good turnout' },
    });
    expect(saved.status).toBe('saved');
    // Asked again: still held, nothing else happens.
    expect(ok<Listed<Gathering>>(addOn, 'markHeld', fall.record.id).record.status).toBe('held');
    // November 10 passed as well; "cancelled" is the cancel there is.
    ok(addOn, 'cancelGathering', november.record.id);
    expect(directory(addOn).gatherings.map((g) => g.record.status)).toEqual([
      'held',
      'cancelled',
      'planned',
      'planned',
      'planned',
    ]);
  });

  it('can be marked held on its own day, and refuses a gathering that is gone', () => {
    const addOn = demo();
    const [fall] = planned(addOn);
    moveTo(addOn, '2026-09-08');
    expect(ok<Listed<Gathering>>(addOn, 'markHeld', fall.record.id).record.status).toBe('held');
    expect(failure(addOn, 'markHeld', 'G-000000000000')).toMatch(/^No gathering with id G-000000000000/);
  });

  it('the Status dropdown of the Gatherings tab offers held', () => {
    const addOn = demo();
    const sheet = addOn.workspace.spreadsheet.getSheetByName('Gatherings')!;
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    const rule = inspectCell(sheet, 2, headers.indexOf('Status') + 1).validation!;
    expect(rule.values[0]).toEqual(['planned', 'invited', 'held', 'cancelled']);
  });
});

describe('follow-up emails', () => {
  it('sends each attendee their action items once; a quota-exhausted run resumes without sending twice', () => {
    const addOn = demo();
    signEmails(addOn);
    const [g] = planned(addOn);
    const d = directory(addOn);
    const partnerId = g.record.invited[0];
    ok(addOn, 'saveActionItem', {
      values: {
        what: 'Share spring calendar',
        who: 'Marisol',
        byWhen: '2026-09-30',
        gatheringId: g.record.id,
        partnerId,
        status: 'open',
      },
    });
    ok(addOn, 'saveActionItem', {
      values: {
        what: '<b>Bring</b> flyers',
        who: '',
        byWhen: '',
        gatheringId: g.record.id,
        partnerId: '',
        status: 'open',
      },
    });
    const guests = ok<EventResult>(addOn, 'putOnCalendar', g.record.id, false).guests;
    moveTo(addOn, '2026-09-09');
    ok(addOn, 'markHeld', g.record.id);
    addOn.workspace.mail.setQuota(2);
    const first = ok<FollowUpResult>(addOn, 'sendFollowUp', g.record.id);
    expect(first.sent).toHaveLength(2);
    expect(first.queued).toHaveLength(guests.length - 2);
    expect(addOn.workspace.triggers.list().map((t) => t.handler)).toEqual(['resumeJobs']);
    const again = ok<FollowUpResult>(addOn, 'sendFollowUp', g.record.id);
    expect(again.sent).toHaveLength(0);
    expect(again.alreadySent).toHaveLength(2);

    addOn.workspace.mail.setQuota(100);
    addOn.workspace.clock.advance(25 * 60 * 60 * 1000);
    addOn.workspace.triggers.runDue();
    const to = addOn.workspace.mail.sent.flatMap((m) => m.to);
    expect(to.sort()).toEqual([...guests].sort());
    expect(new Set(to).size).toBe(to.length);
    expect(addOn.workspace.triggers.list()).toHaveLength(0);
    // The trigger ran outside the spreadsheet, and still recorded everyone on the row.
    const row = directory(addOn).gatherings.find((x) => x.record.id === g.record.id)!;
    expect(row.record.followedUp.split(', ').sort()).toEqual([...guests].sort());
    const mine = addOn.workspace.mail.sent.find(
      (m) => m.htmlBody?.includes('Share spring calendar') && m.htmlBody.includes('Your action steps'),
    );
    expect(mine).toBeDefined();
    expect(addOn.workspace.mail.sent.every((m) => !m.htmlBody?.includes('<b>Bring</b>'))).toBe(true);
    expect(d.partners.length).toBeGreaterThan(0);
  });

  it('goes only after a gathering that was held: refused, in plain words and writing nothing, otherwise', () => {
    const addOn = demo();
    signEmails(addOn);
    const [fall, november, january] = planned(addOn);
    moveTo(addOn, '2026-11-30');
    ok(addOn, 'cancelGathering', november.record.id);
    const before = snapshot(addOn);
    expect(failure(addOn, 'sendFollowUp', november.record.id)).toBe(
      '"November partner gathering" was cancelled, so no follow-up is sent for it.',
    );
    expect(failure(addOn, 'sendFollowUp', january.record.id)).toBe(
      '"Mid-year partner gathering" is on Tuesday, January 12, 2027, still to come: the follow-up goes once it has been held.',
    );
    expect(failure(addOn, 'sendFollowUp', fall.record.id)).toBe(
      '"Fall partner gathering" is not marked as held. Answer "Held or cancelled?" for it in Gatherings first; the follow-up goes only after a gathering that was held.',
    );
    expect(addOn.workspace.mail.sent).toEqual([]);
    expect(snapshot(addOn)).toEqual(before);

    ok(addOn, 'markHeld', fall.record.id);
    expect(ok<FollowUpResult>(addOn, 'sendFollowUp', fall.record.id).sent.length).toBeGreaterThan(0);
  });

  it('a send the quota stopped ends without another email when the gathering is cancelled meanwhile', () => {
    const addOn = demo();
    signEmails(addOn);
    const [g] = planned(addOn);
    moveTo(addOn, '2026-09-09');
    ok(addOn, 'markHeld', g.record.id);
    addOn.workspace.mail.setQuota(1);
    const first = ok<FollowUpResult>(addOn, 'sendFollowUp', g.record.id);
    expect(first.sent).toHaveLength(1);
    expect(first.queued.length).toBeGreaterThan(0);
    expect(addOn.workspace.triggers.list()).toHaveLength(1);

    // Marked cancelled after all (by hand in the sheet, or from the sidebar): the trigger sends nothing.
    ok(addOn, 'cancelGathering', g.record.id);
    addOn.workspace.mail.setQuota(100);
    addOn.workspace.clock.advance(25 * 60 * 60 * 1000);
    addOn.workspace.triggers.runDue();
    expect(addOn.workspace.mail.sent).toHaveLength(1);
    expect(addOn.workspace.triggers.list()).toHaveLength(0);
  });
});
