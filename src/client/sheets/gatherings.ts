// Gatherings: plan the year or a convening, review before anything is written, then make agendas and
// calendar events with progress shown; one gathering's page has its agenda, event, follow-up and actions.
import type {
  CalendarSyncItem,
  CalendarSyncResult,
  EventResult,
  GatheringDraft,
  Listed,
} from '../../shared/contract';
import type { ActionItem, Gathering } from '../../shared/records';
import { TABLES } from '../../shared/schema';
import { CONVENING_GOALS } from '../../shared/convening';
import { call } from '../common/run';
import { h, replace, safeLink } from '../common/dom';
import type { Choice } from '../common/form';
import { askToConfirm } from '../common/dialog';
import { busy, focusHeading, merge, partnerName, reload, say, state, view } from './app';
import { confirmMail, plural } from './signature';
import { edit } from './editor';

function partnerChoices(): Choice[] {
  return (state.directory?.partners ?? [])
    .filter((p) => p.record.status !== 'ended')
    .map((p) => ({ value: p.record.id, label: p.record.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

function activePartnerIds(): string[] {
  return (state.directory?.partners ?? [])
    .filter((p) => p.record.status === 'active')
    .map((p) => p.record.id);
}

function gatherings(): Listed<Gathering>[] {
  return [...(state.directory?.gatherings ?? [])].sort((a, b) => a.record.date.localeCompare(b.record.date));
}

export function showGatherings(): void {
  const list = gatherings();
  const live = list.filter((g) => g.record.status !== 'cancelled');
  const syncInvites = h('input', { type: 'checkbox', id: 'sync-invites' });
  const todo = live.filter((g) => !g.record.agendaUrl || !g.record.eventId);
  replace(
    view,
    h('h2', { tabindex: '-1', id: 'gatherings-title' }, 'Gatherings'),
    h(
      'div',
      { class: 'actions' },
      h('button', { class: 'action', onclick: () => planYear() }, 'Plan the year'),
      h('button', { onclick: () => planConvening() }, 'Plan a convening'),
      h('button', { onclick: () => editGathering() }, 'Add a gathering or check-in'),
    ),
    todo.length
      ? h(
          'button',
          { onclick: () => makeAll(todo.map((g) => g.record.id)) },
          `Make agendas and calendar events (${todo.length})`,
        )
      : null,
    live.length
      ? h(
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
                  live.map((g) => g.record.id),
                  syncInvites.checked,
                ),
            },
            `Put all on the calendar (${live.length})`,
          ),
        )
      : null,
    list.length
      ? h(
          'ul',
          { class: 'partners', 'aria-label': 'Gatherings' },
          ...list.map((g) =>
            h(
              'li',
              {},
              h(
                'button',
                { class: 'partner', onclick: () => showGathering(g.record.id) },
                h('span', { class: 'name' }, g.record.title),
                h('span', { class: 'meta' }, `${g.record.date} ${g.record.start}–${g.record.end}`),
                h('span', { class: `badge status-${g.record.status}` }, g.record.status),
                g.record.agendaUrl ? h('span', { class: 'meta' }, 'agenda') : null,
                g.record.eventId ? h('span', { class: 'meta' }, 'on calendar') : null,
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No gatherings yet. Plan the year to start.'),
  );
  focusHeading('gatherings-title');
}

function editGathering(entry?: Listed<Gathering>): void {
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
    choices: { invited: partnerChoices() },
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

function planYear(): void {
  const today = state.directory?.today ?? '2026-08-01';
  const thisYear = Number(today.slice(0, 4)) + (Number(today.slice(5, 7)) >= 7 ? 0 : -1);
  const model = h(
    'select',
    {},
    h('option', { value: 'five' }, 'Five 90-minute gatherings (Sept, Nov, Jan, Mar, May)'),
    h('option', { value: 'three' }, 'Three: meet and greet, mid-year, celebration'),
    h('option', { value: 'custom' }, 'Custom months'),
  );
  const year = h('input', { type: 'number', min: 2000, max: 2100, value: thisYear });
  const weekday = h(
    'select',
    {},
    ...['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((d, i) =>
      h('option', { value: i + 1, selected: i === 1 }, d),
    ),
  );
  const week = h(
    'select',
    {},
    ...['first', 'second', 'third', 'fourth'].map((w, i) =>
      h('option', { value: i + 1, selected: i === 1 }, w),
    ),
  );
  const start = h('input', { type: 'time', value: '15:30' });
  const minutes = h('input', { type: 'number', min: 15, max: 600, value: 90 });
  const location = h('input', { type: 'text', value: '' });
  const monthBoxes = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6].map((m) => {
    const id = `plan-month-${m}`;
    const box = h('input', { type: 'checkbox', id, value: m });
    return {
      box,
      el: h(
        'div',
        { class: 'check' },
        box,
        h(
          'label',
          { for: id },
          new Date(Date.UTC(2026, m - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' }),
        ),
      ),
    };
  });
  const months = h('fieldset', { hidden: true }, h('legend', {}, 'Months'), ...monthBoxes.map((b) => b.el));
  model.addEventListener('change', () => (months.hidden = model.value !== 'custom'));
  const invite = h('input', { type: 'checkbox', id: 'plan-invite', checked: true });
  const review = h('div', {});
  replace(
    view,
    h('h2', { tabindex: '-1', id: 'plan-title' }, 'Plan the year'),
    field('Model', model, 'plan-model'),
    field('School year starting in', year, 'plan-year'),
    field('Day of the week', weekday, 'plan-weekday'),
    field('Which one in the month', week, 'plan-week'),
    field('Start time', start, 'plan-start'),
    field('Minutes', minutes, 'plan-minutes'),
    field('Location or video link', location, 'plan-location'),
    months,
    h('div', { class: 'check' }, invite, h('label', { for: 'plan-invite' }, 'Invite all active partners')),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          class: 'action',
          onclick: async () => {
            const drafts = await busy('Planning…', () =>
              call('planYear', {
                model: model.value as 'five' | 'three' | 'custom',
                startYear: Number(year.value),
                weekday: Number(weekday.value),
                week: Number(week.value),
                start: start.value,
                minutes: Number(minutes.value),
                location: location.value,
                months:
                  model.value === 'custom'
                    ? monthBoxes.filter((b) => b.box.checked).map((b) => Number(b.box.value))
                    : undefined,
              }),
            );
            if (drafts) reviewDrafts(review, drafts, () => (invite.checked ? activePartnerIds() : []));
          },
        },
        'Preview',
      ),
      h('button', { onclick: () => showGatherings() }, 'Cancel'),
    ),
    review,
  );
  focusHeading('plan-title');
}

function planConvening(): void {
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
          onclick: async () => {
            const drafts = await busy('Planning…', () =>
              call('planConvening', {
                goals: boxes.filter((b) => b.box.checked).map((b) => b.box.value),
                date: date.value,
                days: Number(days.value) === 1 ? 1 : 2,
                start: start.value,
                location: location.value,
                coConveners: co.value,
              }),
            );
            if (drafts) reviewDrafts(review, drafts, () => (invite.checked ? activePartnerIds() : []));
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

/** The drafts, editable, before anything is written. */
function reviewDrafts(box: HTMLElement, drafts: GatheringDraft[], invited: () => string[]): void {
  const rows = drafts.map((d, i) => {
    const keep = h('input', { type: 'checkbox', id: `draft-keep-${i}`, checked: true });
    const title = h('input', { type: 'text', id: `draft-title-${i}`, value: d.title });
    const date = h('input', { type: 'date', id: `draft-date-${i}`, value: d.date });
    const start = h('input', { type: 'time', id: `draft-start-${i}`, value: d.start });
    const end = h('input', { type: 'time', id: `draft-end-${i}`, value: d.end });
    const el = h(
      'fieldset',
      {},
      h('legend', {}, `Gathering ${i + 1}`),
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
  replace(
    box,
    h('h3', {}, 'Review'),
    h('p', { class: 'help' }, 'Change what you need. Nothing is written until you add them.'),
    ...rows.map((r) => r.el),
    h(
      'button',
      {
        class: 'action',
        onclick: async () => {
          const chosen = rows.map((r) => r.read()).filter((d): d is GatheringDraft => d !== null);
          const added = await busy('Adding…', () => call('addGatherings', chosen, invited()));
          if (!added) return;
          for (const entry of added) merge('gatherings', entry);
          showGatherings();
          say(`Added ${added.length} gatherings.`);
        },
      },
      'Add these gatherings',
    ),
  );
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

// ---- One gathering ---------------------------------------------------------------------------------------

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** What putting a gathering on the calendar did, and whom Google Calendar was asked to email. */
function eventOutcome(r: EventResult, asked: boolean): string {
  const what = r.created
    ? `Added to the calendar with ${count(r.guests.length, 'guest')}`
    : r.changed
      ? `Updated on the calendar (${count(r.guests.length, 'guest')})`
      : 'The calendar event was already up to date';
  const emailed = [
    r.invited.length ? `invitations sent to ${count(r.invited.length, 'guest')}` : '',
    r.updated.length ? `the changes sent to ${count(r.updated.length, 'guest')} already invited` : '',
    r.cancelled.length ? `a cancellation sent to ${count(r.cancelled.length, 'guest')} taken off it` : '',
  ].filter(Boolean);
  if (emailed.length) return `${what}: ${emailed.join('; ')}.`;
  if (!asked) return `${what}; no invitations or updates were sent (“Send invitations” was not checked).`;
  if (!r.guests.length) return `${what}; it has no guests to invite.`;
  return `${what}; its guests had already been invited, so nothing was sent.`;
}

export function showGathering(id: string): void {
  const entry = state.directory?.gatherings.find((g) => g.record.id === id);
  if (!entry) return showGatherings();
  const g = entry.record;
  const items = (state.directory?.actionItems ?? []).filter((a) => a.record.gatheringId === id);
  const invites = h('input', { type: 'checkbox', id: 'send-invites' });
  const row = (label: string, value: string | HTMLElement) =>
    value ? [h('dt', {}, label), h('dd', {}, value)] : [];
  replace(
    view,
    h('button', { class: 'link', onclick: () => showGatherings() }, '← All gatherings'),
    h('h2', { tabindex: '-1', id: 'gathering-title' }, g.title),
    h('p', {}, h('span', { class: `badge status-${g.status}` }, g.status), ` · ${g.kind}`),
    h(
      'dl',
      {},
      ...row('When', `${g.date} ${g.start}–${g.end}`),
      ...row('Where', g.location),
      ...row('Objectives', g.objectives),
      ...row('Topic', g.topic),
      ...row(
        'Roles',
        [
          g.facilitator && `Facilitator: ${g.facilitator}`,
          g.noteTaker && `Notes: ${g.noteTaker}`,
          g.closer && `Closing: ${g.closer}`,
        ]
          .filter(Boolean)
          .join('; '),
      ),
      ...row('Invited', g.invited.map(partnerName).join(', ')),
      ...row('Agenda', g.agendaUrl ? safeLink(g.agendaUrl, 'Open the agenda Doc') : ''),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { class: 'action', onclick: () => editGathering(entry) }, 'Edit'),
      h('button', { onclick: () => agenda(g) }, g.agendaUrl ? 'Make the agenda again' : 'Make the agenda'),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'div',
        { class: 'check' },
        invites,
        h('label', { for: 'send-invites' }, 'Send invitations to partner contacts'),
      ),
      h(
        'button',
        {
          onclick: async () => {
            const asked = invites.checked;
            const result = await busy('Saving the event…', () => call('putOnCalendar', g.id, asked));
            if (!result) return;
            await reload();
            showGathering(g.id);
            say(eventOutcome(result, asked));
          },
        },
        g.eventId ? 'Update the calendar event' : 'Put on the calendar',
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          onclick: async (event: Event) => {
            // Asks first: how many, the day's quota, the signature (signature.ts).
            const button = event.currentTarget as HTMLElement;
            const plan = await busy('Counting who gets it…', () => call('previewFollowUp', g.id), button);
            if (!plan) return;
            if (!plan.emails) return say('Every invited partner already has the follow-up.', 'info', button);
            const go = await confirmMail(
              plan,
              {
                title: `Email the follow-up to ${plural(plan.emails, 'partner')}?`,
                body: ['Each invited partner’s contact gets the agenda link and the open action steps.'],
                confirm: `Send ${plural(plan.emails, 'email')}`,
              },
              button,
            );
            if (!go) return;
            const result = await busy('Sending follow-up…', () => call('sendFollowUp', g.id));
            if (!result) return;
            await reload();
            const parts = [
              `Follow-up sent to ${result.sent.length}`,
              result.alreadySent.length ? `${result.alreadySent.length} had it already` : '',
              result.queued.length
                ? result.stoppedBy === 'quota'
                  ? `${result.queued.length} wait for the email quota and go out by themselves in about 24 hours`
                  : `${result.queued.length} go out in the background in an hour or so`
                : '',
              result.failed.length
                ? `failed: ${result.failed.map((f) => `${f.email} (${f.error})`).join(', ')}`
                : '',
            ].filter(Boolean);
            say(`${parts.join('; ')}.`, result.failed.length ? 'error' : 'info');
          },
        },
        'Email the follow-up',
      ),
      g.status !== 'cancelled'
        ? h(
            'button',
            {
              onclick: async () => {
                const sure = await askToConfirm({
                  title: `Cancel "${g.title}"?`,
                  body: [
                    g.eventId
                      ? 'Its event is deleted from Google Calendar and the gathering is marked cancelled.'
                      : 'The gathering is marked cancelled.',
                  ],
                  confirm: 'Cancel the gathering',
                  cancel: 'Keep it',
                  danger: true,
                });
                if (!sure) return;
                const result = await busy('Cancelling…', () => call('cancelGathering', g.id));
                if (!result) return;
                await reload();
                showGathering(g.id);
                say('Cancelled.');
              },
            },
            'Cancel the gathering',
          )
        : null,
    ),
    h('h3', {}, 'Action items'),
    items.length
      ? h('ul', { class: 'plain', 'aria-label': 'Action items' }, ...items.map((a) => actionItem(a, g.id)))
      : h('p', { class: 'empty' }, 'No action items yet.'),
    h(
      'button',
      {
        onclick: () =>
          edit({
            table: TABLES.actionItems,
            fn: 'saveActionItem',
            defaults: { status: 'open' },
            fixed: { gatheringId: g.id },
            done: () => showGathering(g.id),
            back: () => showGathering(g.id),
          }),
      },
      'Add action item',
    ),
  );
  focusHeading('gathering-title');
}

function actionItem(a: Listed<ActionItem>, gatheringId: string): HTMLElement {
  const r = a.record;
  return h(
    'li',
    {},
    h('strong', {}, r.what),
    r.who ? ` · ${r.who}` : '',
    r.byWhen ? ` · by ${r.byWhen}` : '',
    ` · ${r.status}`,
    h(
      'button',
      {
        class: 'link',
        onclick: () =>
          edit({
            table: TABLES.actionItems,
            fn: 'saveActionItem',
            entry: a,
            fixed: { gatheringId },
            done: () => showGathering(gatheringId),
            back: () => showGathering(gatheringId),
          }),
      },
      `Edit ${r.what}`,
    ),
  );
}

async function agenda(g: Gathering): Promise<void> {
  let result = await busy('Making the agenda…', () => call('makeAgenda', g.id, false));
  if (result?.status === 'exists') {
    const sure = await askToConfirm({
      title: 'Replace the agenda?',
      body: [
        'This gathering has an agenda already. A new agenda Doc is made from the template, and the old one is moved to the trash if Partner Hub made it.',
      ],
      confirm: 'Make a new agenda',
      cancel: 'Keep the agenda',
    });
    if (!sure) return;
    result = await busy('Making the agenda…', () => call('makeAgenda', g.id, true));
  }
  if (!result || result.status !== 'made') return;
  await reload();
  showGathering(g.id);
  say(
    [
      result.unknownPlaceholders.length
        ? `Agenda made. Unknown placeholders left as typed: ${result.unknownPlaceholders.map((p) => `{{${p}}}`).join(', ')}.`
        : 'Agenda made.',
      ...result.notes,
    ].join(' '),
  );
}
