// The first screen in a spreadsheet that has no partner database yet: set it up empty, or try Partner Hub
// with a made-up demo school. While demo rows are in the spreadsheet a bar above every view says so and
// offers to remove them (only rows whose id says "demo"; nothing a person added).
import type { SidebarHome } from '../../shared/contract';
import { h, replace } from '../common/dom';
import { call } from '../common/run';
import { busy, focusHeading, markView, sayInView, showView, state, view } from './app';
import { reloadHome } from './partners';
import { showDashboard } from './dashboard';

const bar = h('div', { class: 'banner demo', role: 'region', 'aria-label': 'Demo data', hidden: true });

/** No partner database yet: tabs or columns missing and not one partner. */
export function isFirstRun(home: SidebarHome): boolean {
  return home.missing.length > 0 && home.glance.total === 0;
}

/** Where the sidebar opens: the first-run screen, or the Dashboard. */
export function showStart(): void {
  if (!bar.isConnected) view.before(bar);
  updateDemoBar();
  markView('Dashboard');
  const home = state.home;
  if (home && isFirstRun(home)) showFirstRun();
  else showDashboard();
}

function updateDemoBar(): void {
  bar.hidden = !state.home?.demo;
  if (bar.hidden) return;
  replace(
    bar,
    h(
      'p',
      {},
      'This spreadsheet holds demo data: a made-up school and partners whose notes say "Demo data".',
    ),
    h('button', { class: 'action', onclick: removeDemo }, 'Remove demo data'),
  );
}

function showFirstRun(): void {
  showView(
    h('h2', { id: 'first-run-heading', tabindex: '-1' }, 'Welcome to Partner Hub'),
    h(
      'p',
      {},
      'Partner Hub keeps your partner database in this spreadsheet: a tab each for partners, contacts, ' +
        'agreements, check-ins, needs and more.',
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('button', { class: 'action', onclick: setUpEmpty }, 'Set up this spreadsheet'),
      h('button', { onclick: fillDemo }, 'Try with demo data'),
    ),
    h(
      'p',
      { class: 'meta' },
      'Set up adds the tabs and columns, empty. Demo data adds them and fills them with a made-up school ' +
        'and its partners, which you can remove in one click; what you add yourself stays.',
    ),
  );
  focusHeading('first-run-heading');
}

// Each action's progress and failure stand beside its button; its result, at the top of the view it
// leads to (the buttons are gone by then).
async function setUpEmpty(e: Event): Promise<void> {
  const near = e.currentTarget as Element;
  const report = await busy('Setting up…', () => call('setUpDatabase'), near);
  if (!report || !(await reloadHome(near))) return;
  showStart();
  sayInView(`Set up: ${report.created.length ? report.created.join(', ') : 'columns added'}.`);
}

async function fillDemo(e: Event): Promise<void> {
  const near = e.currentTarget as Element;
  const filled = await busy('Adding the demo school…', () => call('fillDemoData'), near);
  if (!filled || !(await reloadHome(near))) return;
  showStart();
  sayInView(`Demo data added: ${filled.tabs.map((t) => `${t.rows} in ${t.tab}`).join(', ')}.`);
}

async function removeDemo(e: Event): Promise<void> {
  const near = e.currentTarget as Element;
  const removed = await busy('Removing the demo data…', () => call('removeDemoData'), near);
  if (!removed || !(await reloadHome(near))) return;
  showStart();
  const rows = removed.tabs.reduce((n, t) => n + t.rows, 0);
  sayInView(
    (rows ? `Removed ${rows} demo rows.` : 'No demo rows were left to remove.') +
      (removed.kept
        ? ` ${removed.kept} row${removed.kept === 1 ? '' : 's'} you added still point at a removed demo partner: kept.`
        : ''),
  );
}
