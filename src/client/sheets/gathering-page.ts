// One gathering's page: its details, agenda, calendar event, follow-up email, "held or cancelled?" and
// action items. Each action's message stands beside it.
import type { EventResult, FollowUpResult, Listed } from '../../shared/contract';
import type { ActionItem, Gathering } from '../../shared/records';
import { TABLES } from '../../shared/schema';
import { call } from '../common/run';
import { h, replace, safeLink } from '../common/dom';
import { askToConfirm } from '../common/dialog';
import { canAnswer, followUpState } from '../../shared/gathering-dates';
import { busy, focusHeading, merge, namesOf, reload, say, state, view } from './app';
import { confirmMail, plural } from './signature';
import { edit } from './editor';
import { beside, count, editGathering, showGatherings } from './gatherings';

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

/** Where one gathering's messages go: beside the action that caused them. */
interface GatheringView {
  readonly status: Element;
  readonly agenda: Element;
  readonly calendar: Element;
  readonly followUp: Element;
}

export function showGathering(id: string): GatheringView | undefined {
  const entry = state.directory?.gatherings.find((g) => g.record.id === id);
  if (!entry) {
    showGatherings();
    return undefined;
  }
  say('');
  const today = state.directory?.today ?? '';
  const g = entry.record;
  const ask = canAnswer(g, today);
  const items = (state.directory?.actionItems ?? []).filter((a) => a.record.gatheringId === id);
  const invites = h('input', { type: 'checkbox', id: 'send-invites' });
  const status = h('p', {}, h('span', { class: `badge status-${g.status}` }, g.status), ` · ${g.kind}`);
  const agendaButton: HTMLButtonElement = h(
    'button',
    { onclick: () => agenda(g, agendaButton) },
    g.agendaUrl ? 'Make the agenda again' : 'Make the agenda',
  );
  const calendarButton = putOnCalendarButton(g, invites);
  const followUp = followUpActions(g, today, ask);
  replace(
    view,
    h('button', { class: 'link', onclick: () => showGatherings() }, '← All gatherings'),
    h('h2', { tabindex: '-1', id: 'gathering-title' }, g.title),
    status,
    ask ? askBanner(entry, today) : null,
    gatheringDetails(g),
    h(
      'div',
      { class: 'actions' },
      h('button', { class: 'action', onclick: () => editGathering(entry) }, 'Edit'),
      agendaButton,
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
      calendarButton,
    ),
    followUp,
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
  return { status, agenda: beside(agendaButton), calendar: beside(calendarButton), followUp };
}

/** "Held or cancelled?" on the page of a gathering whose day has come or passed. */
function askBanner(entry: Listed<Gathering>, today: string): HTMLElement {
  return h(
    'section',
    { class: 'banner', 'aria-labelledby': 'ask-title' },
    h('h3', { id: 'ask-title' }, 'Held or cancelled?'),
    h(
      'p',
      { class: 'help' },
      entry.record.date === today
        ? 'It is today. Once it has taken place, say whether it was held: the follow-up email goes only after a gathering that was held.'
        : 'Its day has passed. Say whether it took place: the follow-up email goes only after a gathering that was held.',
    ),
    answerGathering(entry, 'page'),
  );
}

/** When, where, objectives, topic, roles, who is invited and the agenda: each line only when it has a value. */
function gatheringDetails(g: Gathering): HTMLElement {
  const row = (label: string, value: string | HTMLElement) =>
    value ? [h('dt', {}, label), h('dd', {}, value)] : [];
  return h(
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
    ...row('Invited', g.invited.length ? namesOf(g.invited, 50) : ''),
    ...row('Agenda', g.agendaUrl ? safeLink(g.agendaUrl, 'Open the agenda Doc') : ''),
  );
}

/** "Put on the calendar" (or update the event), sending invitations when `invites` is checked. */
function putOnCalendarButton(g: Gathering, invites: HTMLInputElement): HTMLButtonElement {
  const calendarButton: HTMLButtonElement = h(
    'button',
    {
      onclick: async () => {
        const asked = invites.checked;
        const result = await busy(
          'Saving the event…',
          () => call('putOnCalendar', g.id, asked),
          beside(calendarButton),
        );
        if (!result) return;
        await reload();
        const shown = showGathering(g.id);
        say(eventOutcome(result, asked), 'info', shown?.calendar);
      },
    },
    g.eventId ? 'Update the calendar event' : 'Put on the calendar',
  );
  return calendarButton;
}

/** The follow-up row: its button once the gathering was held (or why not yet), and "Cancel the gathering". */
function followUpActions(g: Gathering, today: string, ask: boolean): HTMLElement {
  const followUpNow = followUpState(g, today);
  return h(
    'div',
    { class: 'actions' },
    // A "thank you for joining" goes only after a gathering that was held.
    followUpNow === 'ready' ? followUpButton(g) : null,
    followUpNow === 'upcoming'
      ? h('p', { class: 'help' }, 'The follow-up email can be sent once the gathering has been held.')
      : null,
    // Over: the question above answers it; held or cancelled: nothing is left to cancel.
    !ask && (g.status === 'planned' || g.status === 'invited') ? cancelButton(g) : null,
  );
}

function followUpButton(g: Gathering): HTMLButtonElement {
  const button: HTMLButtonElement = h(
    'button',
    {
      onclick: async () => {
        // Asks first: how many, the day's quota, the signature (signature.ts).
        const plan = await busy('Counting who gets it…', () => call('previewFollowUp', g.id), beside(button));
        if (!plan) return;
        if (!plan.emails)
          return say('Every invited partner already has the follow-up.', 'info', beside(button));
        const go = await confirmMail(
          plan,
          {
            title: `Email the follow-up to ${plural(plan.emails, 'partner')}?`,
            body: ['Each invited partner’s contact gets the agenda link and the open action steps.'],
            confirm: `Send ${plural(plan.emails, 'email')}`,
          },
          beside(button),
        );
        if (!go) return;
        const result = await busy('Sending follow-up…', () => call('sendFollowUp', g.id), beside(button));
        if (!result) return;
        await reload();
        const shown = showGathering(g.id);
        say(followUpOutcome(result), result.failed.length ? 'error' : 'info', shown?.followUp);
      },
    },
    'Email the follow-up',
  );
  return button;
}

/** What sending the follow-up did: sent, had it already, waiting (for the quota or the background), failed. */
function followUpOutcome(result: FollowUpResult): string {
  const parts = [
    `Follow-up sent to ${result.sent.length}`,
    result.alreadySent.length ? `${result.alreadySent.length} had it already` : '',
    result.queued.length
      ? result.stoppedBy === 'quota'
        ? `${result.queued.length} wait for the email quota and go out by themselves in about 24 hours`
        : `${result.queued.length} go out in the background in an hour or so`
      : '',
    result.failed.length ? `failed: ${result.failed.map((f) => `${f.email} (${f.error})`).join(', ')}` : '',
  ].filter(Boolean);
  return `${parts.join('; ')}.`;
}

function cancelButton(g: Gathering): HTMLButtonElement {
  const button: HTMLButtonElement = h(
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
        const result = await busy('Cancelling…', () => call('cancelGathering', g.id), beside(button));
        if (!result) return;
        await reload();
        const shown = showGathering(g.id);
        say('Cancelled.', 'info', shown?.status);
      },
    },
    'Cancel the gathering',
  );
  return button;
}

/**
 * The two answers for one gathering, in the list or on its page. "Held" sets the status; "Cancelled"
 * cancels it as the page's button does (its calendar event, if any, is deleted).
 */
export function answerGathering(entry: Listed<Gathering>, where: 'list' | 'page'): HTMLElement {
  const g = entry.record;
  // In the list, each button names its gathering for screen readers; the visible word comes first.
  const label = (word: string) => (where === 'list' ? { 'aria-label': `${word}: ${g.title}` } : {});
  const shown = (after: 'held' | 'cancelled') =>
    where === 'list'
      ? showGatherings().rowOf(g.id)
      : after === 'held'
        ? showGathering(g.id)?.followUp
        : showGathering(g.id)?.status;
  const held: HTMLButtonElement = h(
    'button',
    {
      class: 'action',
      ...label('Held'),
      onclick: async () => {
        const saved = await busy('Saving…', () => call('markHeld', g.id), beside(held));
        if (!saved) return;
        merge('gatherings', saved);
        say(
          where === 'list'
            ? `"${g.title}" is marked held. Open it to email the follow-up.`
            : 'Marked held. The follow-up email can go now.',
          'info',
          shown('held'),
        );
      },
    },
    'Held',
  );
  const cancelled: HTMLButtonElement = h(
    'button',
    {
      ...label('Cancelled'),
      onclick: async () => {
        const done = await busy('Saving…', () => call('cancelGathering', g.id), beside(cancelled));
        if (!done) return;
        await reload();
        const event = g.eventId ? ' Its calendar event was deleted.' : '';
        say(
          where === 'list' ? `"${g.title}" is marked cancelled.${event}` : `Marked cancelled.${event}`,
          'info',
          shown('cancelled'),
        );
      },
    },
    'Cancelled',
  );
  return h('div', { class: 'actions' }, held, cancelled);
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

async function agenda(g: Gathering, button: HTMLElement): Promise<void> {
  let result = await busy('Making the agenda…', () => call('makeAgenda', g.id, false), beside(button));
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
    result = await busy('Making the agenda…', () => call('makeAgenda', g.id, true), beside(button));
  }
  if (!result || result.status !== 'made') return;
  await reload();
  const shown = showGathering(g.id);
  say(
    [
      result.unknownPlaceholders.length
        ? `Agenda made. Unknown placeholders left as typed: ${result.unknownPlaceholders.map((p) => `{{${p}}}`).join(', ')}.`
        : 'Agenda made.',
      ...result.notes,
    ].join(' '),
    'info',
    shown?.agenda,
  );
}
