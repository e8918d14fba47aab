// The Dashboard view, the sidebar's first screen: the headline figures and what needs attention this
// week, each a sentence with a link to the view that deals with it, and the Dashboard tab one click away.
// Everything here comes from what the page opened with (SidebarHome) or has loaded since: the figures are
// the server's (src/server/domain/figures.ts), the gatherings counted by src/shared/gathering-dates.ts as
// the server counted them; nothing is counted here.
import { gatheringGlance, type GatheringBrief } from '../../shared/gathering-dates';
import { EXPIRING_WITHIN_DAYS } from '../../shared/partner-status';
import { addDays } from '../../shared/dates';
import { h } from '../common/dom';
import { call } from '../common/run';
import { busy, ensure, focusHeading, isLoaded, markView, say, setNeedFigures, showView, state } from './app';
import { count } from '../common/words';
import { dueList, figureList } from './lifecycle';
import { showDirectory, showProfile } from './partners';
import { showNeeds } from './needs';
import { showGatherings } from './gatherings';
import { showGathering } from './gathering-page';

/** How many partners due for a check-in the Dashboard names (the Partners view lists the rest). */
const DUE_NAMED = 3;

// ---- Links to the other views --------------------------------------------------------------------------

function toPartners(due: boolean): void {
  markView('Partners');
  say('');
  showDirectory({ due });
}

function toProfile(id: string, near?: Element): void {
  markView('Partners');
  say('');
  void showProfile(id, undefined, near);
}

async function toNeeds(): Promise<void> {
  markView('Needs');
  say('');
  if (await ensure('needs', 'schools')) await showNeeds();
}

async function toGatherings(id?: string): Promise<void> {
  markView('Gatherings');
  say('');
  if (!(await ensure('gatherings', 'actionItems'))) return;
  if (id) showGathering(id);
  else showGatherings();
}

// ---- Sentences -----------------------------------------------------------------------------------------

/** "Thursday, December 3" for '2026-12-03'; "today" and "tomorrow" for those. */
function dayOf(iso: string, today: string): string {
  if (iso === today) return 'today';
  if (iso === addDays(today, 1)) return 'tomorrow';
  return new Date(`${iso}T00:00:00Z`).toLocaleString('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** One gathering of the week: when, and whether its agenda and calendar event are made. */
function gatheringSentence(g: GatheringBrief, today: string): string {
  const when = `${dayOf(g.date, today)}${g.start ? ` at ${g.start}` : ''}`;
  const agenda = g.agenda ? 'its agenda is made' : 'no agenda yet';
  const calendar = g.onCalendar ? 'it is on the calendar' : 'not on the calendar yet';
  return `${g.title || '(no title)'}: ${when}; ${agenda}, ${calendar}.`;
}

/** One thing to look at: a sentence, then what leads to it. */
function item(sentence: string, ...actions: (HTMLElement | null)[]): HTMLElement {
  return h('li', {}, h('p', { class: 'said' }, sentence), ...actions);
}

function link(label: string, onclick: (e: Event) => unknown): HTMLElement {
  return h('button', { class: 'link', onclick: (e: Event) => void onclick(e) }, label);
}

function attentionItems(counting: boolean): HTMLElement[] {
  const home = state.home;
  const today = state.directory?.today ?? home?.today ?? '';
  if (!home) return [];
  const g = home.glance;
  const items: HTMLElement[] = [];
  if (!g.total)
    items.push(
      item(
        'No partners yet.',
        link('Add them in Partners', () => toPartners(false)),
      ),
    );
  const due = g.overdue + g.dueSoon;
  if (due) {
    const sentence =
      g.overdue && g.dueSoon
        ? `${count(g.overdue, 'check-in is', 'check-ins are')} overdue, and ${g.dueSoon} more due in the next 7 days.`
        : g.overdue
          ? `${count(g.overdue, 'check-in is', 'check-ins are')} overdue.`
          : `${count(g.dueSoon, 'check-in is', 'check-ins are')} due in the next 7 days.`;
    items.push(
      item(
        sentence,
        ...dueList((id) => toProfile(id), DUE_NAMED),
        link(`See all ${due} in Partners`, () => toPartners(true)),
      ),
    );
  }
  // The gatherings the page holds: as loaded by the Gatherings view when it has been opened (an action
  // there may have changed them), else as the page opened with.
  const gatherings =
    isLoaded('gatherings') && state.directory
      ? gatheringGlance(
          state.directory.gatherings.map((e) => e.record),
          today,
        )
      : home.gatherings;
  for (const gathering of gatherings.week) {
    items.push(
      item(
        gatheringSentence(gathering, today),
        link(`Open ${gathering.title || 'the gathering'}`, () => toGatherings(gathering.id)),
      ),
    );
  }
  if (gatherings.unanswered) {
    items.push(
      item(
        `${count(gatherings.unanswered, 'gathering is', 'gatherings are')} over and not yet marked held or cancelled.`,
        link('Answer in Gatherings', () => toGatherings()),
      ),
    );
  }
  if (counting) {
    items.push(item('Open needs: counting…'));
  } else {
    const { unmet, pending } = home.needs;
    if (unmet)
      items.push(
        item(
          `${count(unmet, 'open need has', 'open needs have')} no partner covering ${unmet === 1 ? 'it' : 'them'}.`,
          link('See the gaps in Needs', toNeeds),
        ),
      );
    if (pending)
      items.push(
        item(
          `${count(pending, 'open need is', 'open needs are')} covered only by partners not yet or no longer active.`,
          link('See them in Needs', toNeeds),
        ),
      );
  }
  if (g.expiring) {
    items.push(
      item(
        `${count(g.expiring, 'agreement ends', 'agreements end')} within ${EXPIRING_WITHIN_DAYS} days, not yet renewed.`,
        link('See which in Needs', toNeeds),
      ),
    );
  }
  return items;
}

// ---- The view ------------------------------------------------------------------------------------------

export function showDashboard(): void {
  const home = state.home;
  if (!home) return;
  const counting = Boolean(state.needsStale);
  const items = attentionItems(counting);
  const open = h(
    'button',
    { class: 'action', onclick: (e: Event) => void openTab(e) },
    'Open the Dashboard tab',
  );
  const figures = h(
    'section',
    { class: 'glance', 'aria-labelledby': 'dashboard-figures' },
    h('h3', { id: 'dashboard-figures' }, 'Figures'),
    figureList(counting),
  );
  showView(
    h('h2', { id: 'dashboard-title', tabindex: '-1' }, 'Dashboard'),
    figures,
    h(
      'section',
      { 'aria-labelledby': 'dashboard-attention' },
      h('h3', { id: 'dashboard-attention' }, 'This week'),
      items.length
        ? h('ul', { class: 'plain attention-list', 'aria-label': 'Needs attention this week' }, ...items)
        : h('p', { class: 'empty' }, 'Nothing needs attention this week.'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'dashboard-tab' },
      h('h3', { id: 'dashboard-tab' }, 'Dashboard tab'),
      h(
        'p',
        { class: 'help' },
        'These figures with Sheets charts (partners by focus area, needs by coverage, survey scores, check-ins), in a tab of this spreadsheet.',
      ),
      open,
    ),
  );
  focusHeading('dashboard-title');
  if (counting) void recount();
}

/** After a save that may change which needs are covered: the server counts again, then the view is drawn again. */
async function recount(): Promise<void> {
  const title = document.getElementById('dashboard-title');
  try {
    const figures = await call('getNeedFigures');
    setNeedFigures(figures);
    if (title?.isConnected) showDashboard();
  } catch (error) {
    if (title?.isConnected) say(error instanceof Error ? error.message : String(error), 'error', title);
  }
}

async function openTab(e: Event): Promise<void> {
  const button = e.currentTarget as Element;
  const done = await busy('Writing the Dashboard tab…', () => call('openDashboard'), button);
  if (done) say(`The ${done.tab} tab is up to date and open in the spreadsheet.`, 'info', button);
}
