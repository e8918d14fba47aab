// The Sheets sidebar: a few views behind one navigation row, opened with the data the page came with.
import type { SidebarBoot } from '../../shared/boot';
import { h, replace } from '../common/dom';
import { bootData } from '../common/run';
import { reload, say, state, view } from './app';
import { showDirectory } from './partners';
import { showGatherings } from './gatherings';
import { showSettings } from './settings';
import { showSurveys } from './surveys';
import { showNeeds } from './needs';

const VIEWS: [string, () => void][] = [
  ['Partners', showDirectory],
  ['Needs', showNeeds],
  ['Gatherings', showGatherings],
  ['Surveys', showSurveys],
  ['Settings', showSettings],
];

function nav(): HTMLElement {
  const buttons = VIEWS.map(([label, show]) =>
    h(
      'button',
      {
        onclick: () => {
          for (const b of buttons) b.removeAttribute('aria-current');
          button(label).setAttribute('aria-current', 'page');
          say('');
          show();
        },
      },
      label,
    ),
  );
  const button = (label: string) => buttons[VIEWS.findIndex(([l]) => l === label)];
  buttons[0].setAttribute('aria-current', 'page');
  return h('nav', { class: 'tabs', 'aria-label': 'Partner Hub' }, ...buttons);
}

function start(): void {
  const boot = bootData<SidebarBoot>();
  view.before(nav());
  if (boot?.directory) {
    state.directory = boot.directory;
    showDirectory();
  } else {
    say(boot?.error ?? 'Partner Hub could not load its data.', 'error');
    replace(
      view,
      h('button', { class: 'action', onclick: async () => (await reload(), showDirectory()) }, 'Try again'),
    );
  }
}

start();
