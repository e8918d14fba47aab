// The Sheets sidebar: a few views behind one navigation row, opened with the data the page came with.
import type { SidebarBoot } from '../../shared/boot';
import { h, replace } from '../common/dom';
import { bootData } from '../common/run';
import { ensure, markView, say, setHome, view } from './app';
import { reloadHome, showDirectory } from './partners';
import { showStart } from './first-run';
import { showGatherings } from './gatherings';
import { showSettings } from './settings';
import { showSurveys } from './surveys';
import { showNeeds } from './needs';
import { showDashboard } from './dashboard';

/**
 * Each view fetches the tables it shows when it is opened (once; saves merge into them). The Dashboard,
 * first, shows what the page opened with.
 */
const VIEWS: [string, () => unknown][] = [
  ['Dashboard', showDashboard],
  ['Partners', () => showDirectory()],
  ['Needs', async () => (await ensure('needs', 'schools')) && showNeeds()],
  // Partners are found with a search where these views pick them (picker.ts), never loaded whole.
  ['Gatherings', async () => (await ensure('gatherings', 'actionItems')) && showGatherings()],
  ['Surveys', async () => (await ensure('surveys')) && showSurveys()],
  ['Settings', showSettings],
];

function nav(): HTMLElement {
  const buttons = VIEWS.map(([label, show]) =>
    h(
      'button',
      {
        onclick: () => {
          markView(label);
          say('');
          show();
        },
      },
      label,
    ),
  );
  buttons[0].setAttribute('aria-current', 'page');
  return h('nav', { class: 'tabs', 'aria-label': 'Partner Hub' }, ...buttons);
}

function start(): void {
  const boot = bootData<SidebarBoot>();
  view.before(nav());
  if (boot?.home) {
    setHome(boot.home);
    showStart();
  } else {
    say(boot?.error ?? 'Partner Hub could not load its data.', 'error');
    replace(
      view,
      h('button', { class: 'action', onclick: async () => (await reloadHome()) && showStart() }, 'Try again'),
    );
  }
}

start();
