// Gatherings: plan the year or a convening, review before anything is written, then make agendas and
// calendar events with progress shown. One gathering's page is in gathering-page.ts.
import type {
  CalendarSyncItem,
  CalendarSyncResult,
  GatheringDraft,
  Listed,
  YearRequest,
} from '../../shared/contract';
import type { Gathering } from '../../shared/records';
import { TABLES } from '../../shared/schema';
import { CONVENING_GOALS } from '../../shared/convening';
import { PLAN_LIMITS, PLAN_MONTHS, PLAN_WEEKDAYS, WEEKS_OF_MONTH, YEAR_MODELS } from '../../shared/choices';
import { call } from '../common/run';
import { h, replace, safeLink } from '../common/dom';
import { awaitsAnswer, isPast, MODEL_MONTHS, schoolYearToPlan } from '../../shared/gathering-dates';
import { busy, focusHeading, merge, say, state, view } from './app';
import { partnerIdsWith, partnerPicker } from './picker';
import { edit } from './editor';
import { answerGathering, showGathering } from './gathering-page';

function gatherings(): Listed<Gathering>[] {
  return [...(state.directory?.gatherings ?? [])].sort((a, b) => a.record.date.localeCompare(b.record.date));
}

/** Where a message about a button goes: right after the row of buttons it stands in. */
export function beside(button: Element): Element {
  return button.closest('.actions') ?? button;
}

/** The row of the button an event came from, for its message. */
function nearTarget(event: Event): Element | undefined {
  return event.currentTarget instanceof Element ? beside(event.currentTarget) : undefined;
}

/** Where a view's messages go: beside the actions at its top, or beside one gathering's row. */
interface GatheringsView {
  readonly actions: Element;
  rowOf(id: string): Element | undefined;
}

export function showGatherings(): GatheringsView {
  say('');
  const today = state.directory?.today ?? '';
  const list = gatherings();
  // The bulk buttons make agendas and events for gatherings still to come: one already past gets them
  // only when the coordinator opens it and asks.
  const upcoming = list.filter((g) => g.record.status !== 'cancelled' && !isPast(g.record.date, today));
  const passed = list.filter((g) => g.record.status !== 'cancelled' && isPast(g.record.date, today));
  const unanswered = list.filter((g) => awaitsAnswer(g.record, today));
  const todo = upcoming.filter((g) => !g.record.agendaUrl || !g.record.eventId);
  const rows = new Map<string, HTMLElement>();
  const actions = h(
    'div',
    { class: 'actions' },
    h('button', { class: 'action', onclick: () => planYear() }, 'Plan the year'),
    h('button', { onclick: () => planConvening() }, 'Plan a convening'),
    h('button', { onclick: () => editGathering() }, 'Add a gathering or check-in'),
  );
  replace(
    view,
    h('h2', { tabindex: '-1', id: 'gatherings-title' }, 'Gatherings'),
    actions,
    unanswered.length ? heldOrCancelled(unanswered) : null,
    todo.length
      ? h(
          'button',
          { onclick: () => makeAll(todo.map((g) => g.record.id)) },
          `Make agendas and calendar events (${todo.length})`,
        )
      : null,
    upcoming.length ? putAllOnCalendarRow(upcoming) : null,
    passed.length && (todo.length || upcoming.length)
      ? h(
          'p',
          { class: 'help' },
          'These buttons cover gatherings still to come. For one already past, open it to make its agenda or event.',
        )
      : null,
    list.length
      ? gatheringList(list, today, rows)
      : h('p', { class: 'empty' }, 'No gatherings yet. Plan the year to start.'),
  );
  focusHeading('gatherings-title');
  return { actions, rowOf: (id) => rows.get(id) };
}

/** "Put all on the calendar" for the gatherings still to come, with whether to send invitations. */
function putAllOnCalendarRow(upcoming: readonly Listed<Gathering>[]): HTMLElement {
  const syncInvites = h('input', { type: 'checkbox', id: 'sync-invites' });
  return h(
    'div',
    { class: 'actions' },
    h(
      'div',
      { class: 'check' },
      syncInvites,
      h('label', { for: 'sync-invites' }, 'Send invitations to partner contacts'),
    ),
    h(
      'button',
      {
        onclick: () =>
          putAllOnCalendar(
            upcoming.map((g) => g.record.id),
            syncInvites.checked,
          ),
      },
      `Put all on the calendar (${upcoming.length})`,
    ),
  );
}

/** The gatherings, by date, each a button to its page; `rows` gets each one's button, for messages about it. */
function gatheringList(
  list: readonly Listed<Gathering>[],
  today: string,
  rows: Map<string, HTMLElement>,
): HTMLElement {
  return h(
    'ul',
    { class: 'partners', 'aria-label': 'Gatherings' },
    ...list.map((g) => {
      const row = h(
        'button',
        { class: 'partner', onclick: () => showGathering(g.record.id) },
        h('span', { class: 'name' }, g.record.title),
        h('span', { class: 'meta' }, `${g.record.date} ${g.record.start}–${g.record.end}`),
        h('span', { class: `badge status-${g.record.status}` }, g.record.status),
        awaitsAnswer(g.record, today) ? h('span', { class: 'badge status-ask' }, 'held or cancelled?') : null,
        g.record.agendaUrl ? h('span', { class: 'meta' }, 'agenda') : null,
        g.record.eventId ? h('span', { class: 'meta' }, 'on calendar') : null,
      );
      // A message about this gathering goes inside its list item, right after it.
      rows.set(g.record.id, row);
      return h('li', {}, row);
    }),
  );
}

export function editGathering(entry?: Listed<Gathering>): void {
  say('');
  edit({
    table: TABLES.gatherings,
    fn: 'saveGathering',
    entry,
    defaults: {
      kind: '1-on-1 check-in',
      status: 'planned',
      start: '15:30',
      end: '16:30',
      date: state.directory?.today ?? '',
    },
    idPickers: { invited: partnerPicker },
    // Partner Hub's own record of what it last wrote to the event: kept as it is, not shown.
    fixed: { eventSync: entry?.record.eventSync ?? '' },
    done: (record) => showGathering(String(record.id)),
    back: () => (entry ? showGathering(entry.record.id) : showGatherings()),
  });
}

// ---- Plan ----------------------------------------------------------------------------------------------

function field(label: string, control: HTMLElement, id: string): HTMLElement {
  control.id = id;
  return h('div', { class: 'filter' }, h('label', { for: id }, label), control);
}

/** One month's checkbox, for a plan of months chosen one by one. */
interface MonthBox {
  readonly month: (typeof PLAN_MONTHS)[number];
  readonly box: HTMLInputElement;
  readonly el: HTMLElement;
}

/** The controls of "Plan the year". */
interface YearControls {
  readonly model: HTMLSelectElement;
  readonly year: HTMLInputElement;
  readonly weekday: HTMLSelectElement;
  readonly week: HTMLSelectElement;
  readonly start: HTMLInputElement;
  readonly minutes: HTMLInputElement;
  readonly location: HTMLInputElement;
  readonly monthBoxes: readonly MonthBox[];
  readonly months: HTMLFieldSetElement;
  readonly invite: HTMLInputElement;
}

function planYear(): void {
  say('');
  const c = yearControls(state.directory?.today ?? '');
  const review = h('div', {});
  replace(
    view,
    h('h2', { tabindex: '-1', id: 'plan-title' }, 'Plan the year'),
    field('Model', c.model, 'plan-model'),
    field('School year starting in', c.year, 'plan-year'),
    field('Day of the week', c.weekday, 'plan-weekday'),
    field('Which one in the month', c.week, 'plan-week'),
    field('Start time', c.start, 'plan-start'),
    field('Minutes', c.minutes, 'plan-minutes'),
    field('Location or video link', c.location, 'plan-location'),
    c.months,
    h('div', { class: 'check' }, c.invite, h('label', { for: 'plan-invite' }, 'Invite all active partners')),
    h(
      'div',
      { class: 'actions' },
      previewYearButton(c, review),
      h('button', { onclick: () => showGatherings() }, 'Cancel'),
    ),
    review,
  );
  focusHeading('plan-title');
}

/** The controls of "Plan the year" with their defaults: the second Tuesday, 15:30, 90 minutes. */
function yearControls(today: string): YearControls {
  const model = h('select', {}, ...YEAR_MODELS.map((m) => h('option', { value: m.value }, m.label)));
  // The school year still to come from today, until the coordinator types another.
  const year = h('input', {
    type: 'number',
    ...PLAN_LIMITS.startYear,
    value: today ? schoolYearToPlan(today, MODEL_MONTHS.five) : 2026,
  });
  const weekday = h(
    'select',
    {},
    ...PLAN_WEEKDAYS.map((d) => h('option', { value: d.value, selected: d.value === 2 }, d.label)),
  );
  const week = h(
    'select',
    {},
    ...WEEKS_OF_MONTH.map((w) => h('option', { value: w.value, selected: w.value === 2 }, w.label)),
  );
  const start = h('input', { type: 'time', value: '15:30' });
  const minutes = h('input', { type: 'number', ...PLAN_LIMITS.minutes, value: 90 });
  const location = h('input', { type: 'text', value: '' });
  const monthBoxes = monthChoices();
  const months = h('fieldset', { hidden: true }, h('legend', {}, 'Months'), ...monthBoxes.map((b) => b.el));
  const invite = h('input', { type: 'checkbox', id: 'plan-invite', checked: true });
  const controls = { model, year, weekday, week, start, minutes, location, monthBoxes, months, invite };
  followChosenMonths(controls, today);
  return controls;
}

/** A checkbox for each month a plan may use, labelled with the month's name. */
function monthChoices(): MonthBox[] {
  return PLAN_MONTHS.map((month) => {
    const id = `plan-month-${month}`;
    const box = h('input', { type: 'checkbox', id, value: month });
    return {
      month,
      box,
      el: h(
        'div',
        { class: 'check' },
        box,
        h(
          'label',
          { for: id },
          new Date(Date.UTC(2026, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' }),
        ),
      ),
    };
  });
}

/**
 * The months show for the custom model only; until the coordinator types a school year, the one proposed
 * is the one still to come for the months chosen.
 */
function followChosenMonths(c: YearControls, today: string): void {
  let yearTyped = false;
  c.year.addEventListener('input', () => (yearTyped = true));
  const proposeYear = () => {
    if (!yearTyped && today) c.year.value = String(schoolYearToPlan(today, chosenMonths(c)));
  };
  c.model.addEventListener('change', () => {
    c.months.hidden = c.model.value !== 'custom';
    proposeYear();
  });
  c.months.addEventListener('change', proposeYear);
}

/** The months of the model chosen, or the months ticked for a custom one. */
function chosenMonths(c: YearControls): readonly number[] {
  return c.model.value === 'five' || c.model.value === 'three'
    ? MODEL_MONTHS[c.model.value]
    : checkedMonths(c.monthBoxes);
}

/** The months ticked, in school-year order. */
function checkedMonths(monthBoxes: readonly MonthBox[]): number[] {
  return monthBoxes.filter((b) => b.box.checked).map((b) => b.month);
}

/** The plan the controls say, as the server asks for it. */
function yearRequest(c: YearControls): YearRequest {
  return {
    model: YEAR_MODELS[c.model.selectedIndex].value,
    startYear: Number(c.year.value),
    weekday: PLAN_WEEKDAYS[c.weekday.selectedIndex].value,
    week: WEEKS_OF_MONTH[c.week.selectedIndex].value,
    start: c.start.value,
    minutes: Number(c.minutes.value),
    location: c.location.value,
    months: c.model.value === 'custom' ? checkedMonths(c.monthBoxes) : undefined,
  };
}

/** Plans the year on the server (nothing written) and shows the drafts for review under the form. */
function previewYearButton(c: YearControls, review: HTMLElement): HTMLElement {
  return h(
    'button',
    {
      class: 'action',
      onclick: async (event: Event) => {
        const drafts = await busy('Planning…', () => call('planYear', yearRequest(c)), nearTarget(event));
        if (drafts)
          reviewDrafts(review, drafts, async () => (c.invite.checked ? partnerIdsWith(['active']) : []));
      },
    },
    'Preview',
  );
}

function planConvening(): void {
  say('');
  const boxes = CONVENING_GOALS.map((goal, i) => {
    const id = `goal-${i}`;
    const box = h('input', { type: 'checkbox', id, value: goal, checked: i < 3 });
    return { box, el: h('div', { class: 'check' }, box, h('label', { for: id }, goal)) };
  });
  const date = h('input', { type: 'date', value: state.directory?.today ?? '' });
  const days = h('select', {}, h('option', { value: 2 }, 'Two days'), h('option', { value: 1 }, 'One day'));
  const start = h('input', { type: 'time', value: '09:00' });
  const location = h('input', { type: 'text' });
  const co = h('input', { type: 'text', placeholder: 'e.g. the public library' });
  const invite = h('input', { type: 'checkbox', id: 'conv-invite', checked: true });
  const review = h('div', {});
  replace(
    view,
    h('h2', { tabindex: '-1', id: 'conv-title' }, 'Plan a goal-setting convening'),
    h('fieldset', {}, h('legend', {}, 'Goals (two to four)'), ...boxes.map((b) => b.el)),
    field('First day', date, 'conv-date'),
    field('Length', days, 'conv-days'),
    field('Start time', start, 'conv-start'),
    field('Location', location, 'conv-location'),
    field('Co-conveners', co, 'conv-co'),
    h('div', { class: 'check' }, invite, h('label', { for: 'conv-invite' }, 'Invite all active partners')),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          class: 'action',
          onclick: async (event: Event) => {
            const drafts = await busy(
              'Planning…',
              () =>
                call('planConvening', {
                  goals: boxes.filter((b) => b.box.checked).map((b) => b.box.value),
                  date: date.value,
                  days: Number(days.value) === 1 ? 1 : 2,
                  start: start.value,
                  location: location.value,
                  coConveners: co.value,
                }),
              nearTarget(event),
            );
            if (drafts)
              reviewDrafts(review, drafts, async () => (invite.checked ? partnerIdsWith(['active']) : []));
          },
        },
        'Preview',
      ),
      h('button', { onclick: () => showGatherings() }, 'Cancel'),
    ),
    review,
  );
  focusHeading('conv-title');
}

/** "September 8" for '2026-09-08'. */
function dayName(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleString('en-US', {
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The drafts, editable, before anything is written. A date already past is marked and left unchecked:
 * it is added (and later gets an agenda or event) only when the coordinator checks it.
 */
function reviewDrafts(
  box: HTMLElement,
  drafts: GatheringDraft[],
  invited: () => Promise<string[] | undefined>,
): void {
  const today = state.directory?.today ?? '';
  const rows = drafts.map((d, i) => {
    const past = isPast(d.date, today);
    const keep = h('input', { type: 'checkbox', id: `draft-keep-${i}`, checked: !past });
    const title = h('input', { type: 'text', id: `draft-title-${i}`, value: d.title });
    const date = h('input', { type: 'date', id: `draft-date-${i}`, value: d.date });
    const start = h('input', { type: 'time', id: `draft-start-${i}`, value: d.start });
    const end = h('input', { type: 'time', id: `draft-end-${i}`, value: d.end });
    const mark = h('span', { class: 'badge status-past', hidden: !past }, 'already past');
    // Until Keep is touched, it follows the date: checked for a date ahead, unchecked for one past.
    let kept = false;
    keep.addEventListener('change', () => (kept = true));
    date.addEventListener('change', () => {
      const now = isPast(date.value, today);
      mark.hidden = !now;
      if (!kept) keep.checked = !now;
    });
    const el = h(
      'fieldset',
      {},
      h('legend', {}, `Gathering ${i + 1} `, mark),
      h('div', { class: 'check' }, keep, h('label', { for: `draft-keep-${i}` }, 'Keep')),
      h('label', { for: `draft-title-${i}` }, 'Title'),
      title,
      h('label', { for: `draft-date-${i}` }, 'Date'),
      date,
      h('label', { for: `draft-start-${i}` }, 'Start'),
      start,
      h('label', { for: `draft-end-${i}` }, 'End'),
      end,
    );
    return {
      el,
      read: () =>
        keep.checked
          ? { ...d, title: title.value, date: date.value, start: start.value, end: end.value }
          : null,
    };
  });
  const past = drafts.filter((d) => isPast(d.date, today)).map((d) => dayName(d.date));
  const add: HTMLButtonElement = h(
    'button',
    {
      class: 'action',
      onclick: async () => {
        const chosen = rows.map((r) => r.read()).filter((d): d is GatheringDraft => d !== null);
        const guests = await invited();
        if (!guests) return;
        const added = await busy('Adding…', () => call('addGatherings', chosen, guests), add);
        if (!added) return;
        for (const entry of added) merge('gatherings', entry);
        const { actions } = showGatherings();
        // Only what this call added is counted: a gathering already in the tab is not added again.
        const fresh = added.filter((g) => g.added);
        const past = fresh.filter((g) => isPast(g.record.date, today)).length;
        say(addedMessage(fresh.length, added.length - fresh.length, past), 'info', actions);
      },
    },
    'Add these gatherings',
  );
  replace(
    box,
    h('h3', {}, 'Review'),
    h('p', { class: 'help' }, 'Change what you need. Nothing is written until you add them.'),
    past.length
      ? h(
          'p',
          { class: 'warning' },
          `${listed(past)} ${past.length === 1 ? 'is' : 'are'} already past: left unchecked, so ${
            past.length === 1 ? 'it is' : 'they are'
          } not added unless you check Keep.`,
        )
      : null,
    ...rows.map((r) => r.el),
    add,
  );
}

/** What adding did: the server's count, and what happens to dates already past that were chosen. */
function addedMessage(added: number, already: number, past: number): string {
  const what = `Added ${count(added, 'gathering')}.${
    already
      ? ` ${count(already, 'gathering')} ${already === 1 ? 'was' : 'were'} already in the Gatherings tab.`
      : ''
  }`;
  if (!past) return what;
  return `${what} ${past === 1 ? 'One is' : `${past} are`} already past: open ${
    past === 1 ? 'it' : 'each'
  } to make its agenda or event (“Make agendas and calendar events” makes them for gatherings still to come).`;
}

/** Makes the gatherings' agendas (when asked) and calendar events, many per call, showing n of N. */
async function syncAll(
  ids: string[],
  agendas: boolean,
  sendInvites: boolean,
  heading: string,
): Promise<void> {
  const progress = h('p', { class: 'progress', role: 'status', 'aria-live': 'polite' }, `0 of ${ids.length}`);
  const made = h('ul', { class: 'plain', 'aria-label': 'Made' });
  say('');
  replace(view, h('h2', { tabindex: '-1', id: 'make-title' }, heading), progress, made);
  focusHeading('make-title');
  let remaining = ids;
  let unchanged = 0;
  let waits = 0;
  while (remaining.length) {
    const before = remaining.length;
    let result: CalendarSyncResult;
    try {
      result = await call('syncGatherings', { ids: remaining, sendInvites, agendas });
    } catch (error) {
      made.append(h('li', { class: 'field-error' }, error instanceof Error ? error.message : String(error)));
      break;
    }
    for (const entry of result.gatherings) merge('gatherings', entry);
    for (const item of result.items) {
      if (item.event === 'unchanged' && !item.agenda) unchanged += 1;
      else made.append(itemLine(item));
    }
    remaining = [...result.remaining];
    progress.textContent = `${ids.length - remaining.length} of ${ids.length}`;
    if (result.stoppedBy === 'rate') {
      // Calendar asked for a pause: wait, then go on where it stopped (a few times at most).
      waits += 1;
      if (waits > 5) break;
      progress.textContent = `${ids.length - remaining.length} of ${ids.length}: Google Calendar asked for a pause, going on in a minute…`;
      await new Promise((resolve) => setTimeout(resolve, 60_000));
    } else if (remaining.length >= before) break;
  }
  const done = ids.length - remaining.length;
  progress.textContent = remaining.length
    ? `Stopped at ${done} of ${ids.length}: press again to go on.`
    : `Done: ${done} of ${ids.length}${unchanged ? `; ${unchanged} already up to date on the calendar` : ''}.`;
  view.append(h('button', { onclick: () => showGatherings() }, 'Back to gatherings'));
}

/** One line of what a sync did: the agenda made and the event, or what went wrong. */
function itemLine(item: CalendarSyncItem): HTMLElement {
  if (item.event === 'failed' || item.event === 'skipped')
    return h('li', { class: item.event === 'failed' ? 'field-error' : '' }, `${item.title}: ${item.error}`);
  const event =
    item.event === 'created'
      ? 'event added'
      : item.event === 'updated'
        ? 'event updated'
        : 'event already up to date';
  // Whom Google Calendar was asked to email, exactly.
  const emailed = [
    item.invited.length ? `invitations sent to ${count(item.invited.length, 'guest')}` : '',
    item.updated.length ? `the changes sent to ${count(item.updated.length, 'guest')} already invited` : '',
    item.cancelled.length ? `a cancellation sent to ${count(item.cancelled.length, 'guest')}` : '',
  ].filter(Boolean);
  return h(
    'li',
    {},
    `${item.title}: `,
    item.agenda ? safeLink(item.agenda.url, 'agenda') : '',
    item.agenda ? ', ' : '',
    event,
    emailed.length ? `: ${emailed.join('; ')}` : '',
    item.agenda?.notes.length ? `. ${item.agenda.notes.join(' ')}` : '',
  );
}

const makeAll = (ids: string[]) => syncAll(ids, true, false, 'Making agendas and events');
const putAllOnCalendar = (ids: string[], sendInvites: boolean) =>
  syncAll(ids, false, sendInvites, 'Putting gatherings on the calendar');

/** "3 gatherings", "1 guest". */
export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

// ---- Held or cancelled -----------------------------------------------------------------------------------

/** "Held or cancelled?" for the gatherings whose day has passed, each with its two answers. */
function heldOrCancelled(list: readonly Listed<Gathering>[]): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'ask-title' },
    h('h3', { id: 'ask-title' }, 'Held or cancelled?'),
    h(
      'p',
      { class: 'help' },
      `${list.length === 1 ? 'This gathering is' : 'These gatherings are'} over. Say whether each took place: a follow-up email goes only after a gathering that was held.`,
    ),
    h(
      'ul',
      { class: 'plain', 'aria-label': 'Gatherings to answer' },
      ...list.map((g) =>
        h('li', {}, h('strong', {}, g.record.title), ` · ${g.record.date}`, answerGathering(g, 'list')),
      ),
    ),
  );
}
