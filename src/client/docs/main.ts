// The Docs sidebar, inside an agenda Doc: what its gathering is, tables to insert at the cursor, and the
// action steps written in the Doc captured back to the partner spreadsheet.
import type { AgendaInfo } from '../../shared/contract';
import type { DocsBoot } from '../../shared/boot';
import { bootData, call } from '../common/run';
import { h, replace, safeLink } from '../common/dom';
import { count } from '../common/words';

const view = document.getElementById('app') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

function say(message: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = message;
  status.className = kind === 'error' ? 'status error' : 'status';
  status.hidden = !message;
}

async function run<T>(message: string, work: () => Promise<T>): Promise<T | undefined> {
  say(message);
  try {
    return await work();
  } catch (error) {
    say(error instanceof Error ? error.message : String(error), 'error');
    return undefined;
  }
}

const INSERTS = [
  ['partners', 'Insert the partner roster'],
  ['actionItems', 'Insert open action items'],
  ['upcoming', 'Insert upcoming gatherings'],
  ['actionSteps', 'Insert an action-steps table'],
] as const;

function show(info: AgendaInfo): void {
  const g = info.gathering;
  replace(
    view,
    h('h2', {}, g.title),
    h('p', {}, `${g.date} ${g.start}–${g.end}`, g.location ? ` · ${g.location}` : ''),
    h('p', {}, safeLink(info.spreadsheetUrl, 'Open the partner spreadsheet')),
    h('h3', {}, 'Insert at the cursor'),
    ...INSERTS.map(([what, label]) =>
      h(
        'button',
        {
          onclick: async () => {
            const result = await run('Inserting…', () => call('insertIntoAgenda', what));
            if (result) say(`Inserted a table with ${result.rows} rows.`);
          },
        },
        label,
      ),
    ),
    h('h3', {}, 'Action steps'),
    h(
      'p',
      { class: 'help' },
      'Write action steps in a table headed What | Who | By when, then capture them to the Action Items tab. Capturing again adds only new rows.',
    ),
    h(
      'button',
      {
        class: 'action',
        onclick: async () => {
          const result = await run('Capturing…', () => call('captureActionItems'));
          if (!result) return;
          const fresh = await run('Loading…', () => call('getAgendaInfo'));
          if (fresh) show(fresh);
          const parts = [
            `Captured ${count(result.added, 'new action item')}`,
            result.alreadyThere ? `${count(result.alreadyThere, 'was', 'were')} already in the sheet` : '',
            ...result.skipped,
          ];
          say(`${parts.filter(Boolean).join('; ')}.`);
        },
      },
      'Capture action items to the sheet',
    ),
    h('h3', {}, 'Invited partners'),
    info.partners.length
      ? h(
          'ul',
          { class: 'plain', 'aria-label': 'Invited partners' },
          ...info.partners.map(([name, focus, contact]) =>
            h(
              'li',
              {},
              h('strong', {}, name),
              focus ? ` · ${focus}` : '',
              contact ? h('div', { class: 'meta' }, contact) : null,
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No partners invited.'),
    h('h3', {}, 'Open action items'),
    info.actionItems.length
      ? h(
          'ul',
          { class: 'plain', 'aria-label': 'Open action items' },
          ...info.actionItems.map((a) =>
            h(
              'li',
              {},
              h('strong', {}, a.what),
              a.who ? ` · ${a.who}` : '',
              a.byWhen ? ` · by ${a.byWhen}` : '',
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'None open.'),
    h('h3', {}, 'Upcoming'),
    info.upcoming.length
      ? h(
          'ul',
          { class: 'plain', 'aria-label': 'Upcoming gatherings' },
          ...info.upcoming.map((u) => h('li', {}, `${u.date} · ${u.title}`)),
        )
      : h('p', { class: 'empty' }, 'Nothing scheduled after this one.'),
  );
}

const boot = bootData<DocsBoot>();
if (boot?.info) show(boot.info);
else say(boot?.error ?? 'Partner Hub could not load this agenda’s gathering.', 'error');
