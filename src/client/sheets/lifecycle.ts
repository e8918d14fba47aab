// A partner's place in the lifecycle (vetting, onboarding, annual review), the check-ins due this week,
// and the headline figures on the home screen.
import type { Listed, PartnerEntry, ProfilePart } from '../../shared/contract';
import type { Onboarding, Review, Vetting } from '../../shared/records';
import { ONBOARDING_STEPS, TABLES } from '../../shared/schema';
import { onboardingProgress, vettingConcerns } from '../../shared/lifecycle';
import { call } from '../common/run';
import { h, safeLink } from '../common/dom';
import { busy, say, sayInView, state } from './app';
import { edit } from './editor';
import { count } from '../common/words';
import { checkInsText, needsText } from './figures';

/** Shows a partner's profile again, fetching only the parts a save changed (all when none are given). */
type Show = (id: string, parts?: readonly ProfilePart[]) => unknown;

/** The lifecycle rows of the open profile. */
interface Lifecycle {
  readonly vetting: readonly Listed<Vetting>[];
  readonly onboarding: readonly Listed<Onboarding>[];
  readonly reviews: readonly Listed<Review>[];
}

/** Makes a partner's Doc; the link and what to know about it stand beside the button pressed. */
async function makeDoc(kind: 'vetting' | 'agreement', partnerId: string, button: Element): Promise<void> {
  const made = await busy('Making the Doc…', () => call('makePartnerDoc', kind, partnerId), button);
  if (!made) return;
  say(['Doc made.', ...made.notes].join(' '), 'info', button);
  (button.nextElementSibling ?? button).after(
    h(
      'p',
      {},
      safeLink(
        made.url,
        kind === 'vetting' ? 'Open the vetting checklist Doc' : 'Open the partnership agreement Doc',
      ),
    ),
  );
}

export function lifecycleSection(entry: PartnerEntry, rows: Lifecycle, show: Show): HTMLElement | null {
  const p = entry.record;
  const box = h('section', { 'aria-label': 'Partnership lifecycle' }, h('h3', {}, 'Partnership'));
  const vetting = rows.vetting[0];
  const onboarding = rows.onboarding[0];
  const reviews = rows.reviews;
  if (p.status === 'prospect') box.append(startVettingButton(p.id, show));
  if (vetting && (p.status === 'vetting' || vetting.record.decision))
    box.append(...vettingLines(p.id, vetting, show));
  if (p.status === 'onboarding' || onboarding) box.append(...onboardingLines(entry, onboarding, show));
  if (p.status === 'active' || p.status === 'paused' || reviews.length)
    box.append(...reviewLines(p.id, reviews, show));
  // An ended partner with no history has nothing here: no empty heading.
  return box.childElementCount > 1 ? box : null;
}

/** For a prospect: starts vetting, then opens the checklist. */
function startVettingButton(partnerId: string, show: Show): HTMLElement {
  return h(
    'button',
    {
      onclick: async (e: Event) => {
        const v = await busy(
          'Starting vetting…',
          () => call('startVetting', partnerId),
          e.currentTarget as Element,
        );
        if (!v) return;
        // The partner is now in vetting: a need it serves may have become pending.
        state.needsStale = true;
        editVetting(v, show);
      },
    },
    'Start vetting',
  );
}

/** Where vetting stands (its decision, or in progress, and any concerns), its checklist and its Doc. */
function vettingLines(partnerId: string, vetting: Listed<Vetting>, show: Show): HTMLElement[] {
  const concerns = vettingConcerns(vetting.record);
  return [
    h(
      'p',
      {},
      `Vetting: ${vetting.record.decision ? `${vetting.record.decision} (${vetting.record.decidedBy} ${vetting.record.decidedOn})` : 'in progress'}${concerns.length ? `; concerns: ${concerns.join(', ')}` : ''}`,
    ),
    h('button', { onclick: () => editVetting(vetting, show) }, 'Vetting checklist'),
    h(
      'button',
      { onclick: (e) => makeDoc('vetting', partnerId, e.currentTarget as Element) },
      'Checklist as a Doc',
    ),
  ];
}

/** The onboarding steps done, their form and the agreement Doc; "Mark active" once every step is done. */
function onboardingLines(
  entry: PartnerEntry,
  onboarding: Listed<Onboarding> | undefined,
  show: Show,
): HTMLElement[] {
  const p = entry.record;
  const back = () => show(p.id, []);
  const progress = onboarding
    ? onboardingProgress(onboarding.record)
    : { done: 0, needed: ONBOARDING_STEPS.length };
  return [
    h('p', {}, `Onboarding: ${progress.done} of ${progress.needed} steps done.`),
    h(
      'button',
      {
        onclick: () =>
          edit({
            table: TABLES.onboarding,
            fn: 'saveOnboarding',
            entry: onboarding,
            title: 'Onboarding steps',
            fixed: { partnerId: p.id },
            done: () => show(p.id, ['onboarding']),
            back,
          }),
      },
      'Onboarding steps',
    ),
    h(
      'button',
      { onclick: (e) => makeDoc('agreement', p.id, e.currentTarget as Element) },
      'Partnership agreement Doc',
    ),
    ...(p.status === 'onboarding' && progress.done === progress.needed
      ? [markActiveButton(entry, show)]
      : []),
  ];
}

/** Makes an onboarded partner active: only its status is sent, against the version the profile loaded. */
function markActiveButton(entry: PartnerEntry, show: Show): HTMLElement {
  const p = entry.record;
  return h(
    'button',
    {
      class: 'action',
      onclick: async (e: Event) => {
        const button = e.currentTarget as Element;
        // Only the status changes: nothing else of the partner's row is sent or rewritten.
        const r = await busy(
          'Saving…',
          () => call('savePartner', { id: p.id, version: entry.version, values: { status: 'active' } }),
          button,
        );
        if (!r || r.status !== 'saved')
          return say(r?.status === 'conflict' ? r.message : 'Could not mark active.', 'error', button);
        state.needsStale = true;
        await show(p.id, []);
        sayInView(`${p.name} is active.`);
      },
    },
    'Mark active',
  );
}

/** The annual review button, and each year's review with its decision. */
function reviewLines(partnerId: string, reviews: Lifecycle['reviews'], show: Show): HTMLElement[] {
  return [
    h(
      'button',
      { onclick: (e) => annualReview(partnerId, show, e.currentTarget as Element) },
      'Annual review',
    ),
    ...reviews.map((r) =>
      h(
        'p',
        { class: 'meta' },
        `${r.record.year}: ${r.record.decision || 'no decision yet'}${r.record.forward ? `. Next: ${r.record.forward}` : ''}`,
      ),
    ),
  ];
}

function editVetting(v: Listed<Vetting>, show: Show): void {
  // Starting vetting may have changed the partner's status too: the list row comes back with the part.
  const back = () => show(v.record.partnerId, ['vetting']);
  edit({
    table: TABLES.vetting,
    fn: 'saveVetting',
    entry: v,
    title: 'Vetting checklist',
    fixed: { partnerId: v.record.partnerId },
    done: back,
    back,
  });
}

async function annualReview(partnerId: string, show: Show, button: Element): Promise<void> {
  const context = await busy('Gathering the year…', () => call('reviewContext', partnerId), button);
  if (!context) return;
  const back = () => show(partnerId, []);
  edit({
    table: TABLES.reviews,
    fn: 'saveReview',
    title: 'Annual review',
    defaults: { year: context.year, evidence: context.evidence.join('\n') },
    fixed: { partnerId },
    done: () => show(partnerId, ['reviews']),
    back,
  });
}

/**
 * The headline figures, as the server last counted them: the one list the Partners view's header and
 * the Dashboard view show. While a save may have changed which needs are covered, the needs line waits
 * for the server's new count (`counting`).
 */
export function figureList(counting = false): HTMLElement {
  const home = state.home;
  if (!home) return h('ul', { class: 'figures' });
  const g = home.glance;
  return h(
    'ul',
    { class: 'figures' },
    h('li', {}, count(g.active, 'active partner')),
    h('li', {}, counting ? 'Open needs: counting…' : needsText(home.needs)),
    h('li', {}, `${count(g.expiring, 'agreement')} expiring`),
    h('li', {}, checkInsText(g)),
  );
}

/**
 * The partners whose check-in is overdue or due soon, each a link to its profile: the first few the
 * first screen brought, and how many more there are.
 */
export function dueList(show: Show, most = Infinity): HTMLElement[] {
  const g = state.home?.glance;
  if (!g) return [];
  const due = g.overdue + g.dueSoon;
  const listed = g.due.slice(0, most);
  return [
    h(
      'ul',
      { class: 'plain', 'aria-label': 'Check-ins overdue or due soon' },
      ...listed.map((p) =>
        h(
          'li',
          {},
          h(
            'button',
            { class: 'link', onclick: () => show(p.id) },
            `${p.name}: ${p.overdue ? `overdue since ${p.nextCheckIn}` : `due ${p.nextCheckIn}`}`,
          ),
        ),
      ),
    ),
    ...(due > listed.length ? [h('p', { class: 'meta' }, `and ${due - listed.length} more.`)] : []),
  ];
}

/**
 * The home screen's headline figures, and the partners due for a check-in folded under them (`due`
 * unfolds them: the Dashboard's link to them).
 */
export function glance(show: Show, counting = false, due = false): HTMLElement {
  const home = state.home;
  if (!home) return h('div', {});
  const g = home.glance;
  return h(
    'section',
    { class: 'glance', 'aria-label': 'At a glance' },
    figureList(counting),
    g.overdue + g.dueSoon
      ? h('details', { open: due }, h('summary', {}, 'Check-ins overdue or due soon'), ...dueList(show))
      : null,
  );
}
