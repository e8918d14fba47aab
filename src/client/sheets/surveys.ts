// Partner surveys: choose and edit the questions, create the Form, send personal links with progress,
// remind, and read the summary.
import type { SendResult, SurveyView } from '../../shared/contract';
import { SURVEY_SEND_BATCH, type Question, type QuestionType } from '../../shared/survey';
import { SURVEY_KINDS, type SurveyKind } from '../../shared/schema';
import { call } from '../common/run';
import { h, replace, safeLink } from '../common/dom';
import { askToConfirm } from '../common/dialog';
import { busy, focusHeading, reload, say, state, view } from './app';

export function showSurveys(): void {
  const surveys = [...(state.directory?.surveys ?? [])].sort((a, b) =>
    b.record.created.localeCompare(a.record.created),
  );
  replace(
    view,
    h('h2', { tabindex: '-1', id: 'surveys-title' }, 'Surveys'),
    h('button', { class: 'action', onclick: () => newSurvey() }, 'New survey'),
    surveys.length
      ? h(
          'ul',
          { class: 'partners', 'aria-label': 'Surveys' },
          ...surveys.map((s) =>
            h(
              'li',
              {},
              h(
                'button',
                { class: 'partner', onclick: () => showSurvey(s.record.id) },
                h('span', { class: 'name' }, s.record.title),
                h('span', { class: 'meta' }, s.record.kind),
                h('span', { class: `badge status-${s.record.status}` }, s.record.status),
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No surveys yet.'),
  );
  focusHeading('surveys-title');
}

function field(label: string, control: HTMLElement, id: string, help?: string): HTMLElement {
  control.id = id;
  return h(
    'div',
    { class: 'filter' },
    h('label', { for: id }, label),
    control,
    help ? h('div', { class: 'help' }, help) : null,
  );
}

async function newSurvey(kind: SurveyKind = 'end-of-year partnership survey'): Promise<void> {
  const bank = await busy('Loading questions…', () => call('surveyQuestions', kind));
  if (!bank) return;
  let questions: (Question & { keep: boolean })[] = bank.questions.map((q) => ({ ...q, keep: true }));
  const kindSelect = h(
    'select',
    { onchange: () => newSurvey(kindSelect.value as SurveyKind) },
    ...SURVEY_KINDS.map((k) => h('option', { value: k, selected: k === kind }, k)),
  );
  const title = h('input', {
    type: 'text',
    value: `${kind[0].toUpperCase()}${kind.slice(1)} ${state.directory?.today.slice(0, 4) ?? ''}`,
  });
  const opens = h('input', { type: 'date', value: state.directory?.today ?? '' });
  const closes = h('input', { type: 'date' });
  const threshold = h('input', { type: 'number', min: 1, max: 5, step: 0.1, value: 3 });
  const list = h('ol', { class: 'plain', 'aria-label': 'Questions' });
  const render = () =>
    replace(
      list,
      ...questions.map((q, i) => {
        const id = `q-keep-${i}`;
        const keep = h('input', {
          type: 'checkbox',
          id,
          checked: q.keep,
          onchange: () => (questions[i] = { ...q, keep: keep.checked }),
        });
        const move = (by: number) => {
          const j = i + by;
          if (j < 0 || j >= questions.length) return;
          [questions[i], questions[j]] = [questions[j], questions[i]];
          render();
          (
            list.querySelectorAll('button')[Math.max(0, j * 2 + (by > 0 ? 1 : 0))] as HTMLElement | undefined
          )?.focus();
        };
        return h(
          'li',
          {},
          h('div', { class: 'check' }, keep, h('label', { for: id }, q.title)),
          h('span', { class: 'meta' }, q.type === 'scale' ? 'scale 1–5' : q.type),
          h('button', { class: 'link', 'aria-label': `Move up: ${q.title}`, onclick: () => move(-1) }, '↑'),
          h('button', { class: 'link', 'aria-label': `Move down: ${q.title}`, onclick: () => move(1) }, '↓'),
        );
      }),
    );
  render();
  const ownType = h(
    'select',
    {},
    ...(['text', 'paragraph', 'scale', 'number', 'choice'] as QuestionType[]).map((t) =>
      h('option', { value: t }, t),
    ),
  );
  const ownTitle = h('input', { type: 'text', maxlength: 300 });
  const ownChoices = h('input', { type: 'text', placeholder: 'For a choice: options separated by commas' });
  let custom = 0;
  replace(
    view,
    h('h2', { tabindex: '-1', id: 'new-survey-title' }, 'New survey'),
    field('Kind', kindSelect, 'survey-kind'),
    field('Title', title, 'survey-title'),
    field('Opens', opens, 'survey-opens'),
    field('Closes', closes, 'survey-closes'),
    field(
      'Flag partners whose average is below',
      threshold,
      'survey-threshold',
      'On the 1–5 scales; flagged partners are marked for the annual review.',
    ),
    h('h3', {}, 'Questions'),
    h(
      'p',
      { class: 'help' },
      'Untick to drop, use the arrows to reorder. Ask about the partnership, never about individual students or families.',
    ),
    list,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Add your own question'),
      field('Type', ownType, 'own-type'),
      field('Question', ownTitle, 'own-title'),
      field('Choices', ownChoices, 'own-choices'),
      h(
        'button',
        {
          onclick: () => {
            if (!ownTitle.value.trim()) return say('Type the question first.', 'error');
            custom += 1;
            const type = ownType.value as QuestionType;
            const choices =
              type === 'choice'
                ? ownChoices.value
                    .split(',')
                    .map((c) => c.trim())
                    .filter(Boolean)
                : undefined;
            questions = [
              ...questions,
              {
                id: `custom-${Date.now().toString(36)}-${custom}`,
                type,
                title: ownTitle.value.trim(),
                required: false,
                choices,
                keep: true,
              },
            ];
            ownTitle.value = '';
            ownChoices.value = '';
            render();
            say('Question added at the end.');
          },
        },
        'Add question',
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          class: 'action',
          onclick: async () => {
            const chosen: Question[] = questions.filter((q) => q.keep).map(({ keep: _keep, ...q }) => q);
            const made = await busy('Creating the Form…', () =>
              call('createSurvey', {
                kind,
                title: title.value,
                questions: chosen,
                opens: opens.value,
                closes: closes.value,
                threshold: threshold.value === '' ? null : Number(threshold.value),
              }),
            );
            if (!made) return;
            await reload();
            await showSurvey(made.record.id);
            say('The Form is ready. Preview the email, then send it.');
          },
        },
        'Create the Form',
      ),
      h('button', { onclick: () => showSurveys() }, 'Cancel'),
    ),
  );
  focusHeading('new-survey-title');
}

const round = (n: number | null, digits = 2) =>
  n === null ? '–' : String(Math.round(n * 10 ** digits) / 10 ** digits);
const percent = (n: number) => `${Math.round(n * 100)}%`;

export async function showSurvey(id: string): Promise<void> {
  const surveyView = await busy('Loading the survey…', () => call('getSurvey', id));
  if (!surveyView) return;
  renderSurvey(surveyView);
}

function renderSurvey(v: SurveyView): void {
  const s = v.survey.record;
  const sum = v.summary;
  const invited = new Set(v.recipients.map((r) => r.partnerId));
  const partners = (state.directory?.partners ?? []).filter(
    (p) => p.record.status === 'active' || p.record.status === 'onboarding',
  );
  const boxes = partners.map((p, i) => {
    const boxId = `send-p-${i}`;
    const box = h('input', {
      type: 'checkbox',
      id: boxId,
      value: p.record.id,
      checked: !invited.has(p.record.id),
    });
    return {
      box,
      el: h(
        'div',
        { class: 'check' },
        box,
        h('label', { for: boxId }, p.record.name, invited.has(p.record.id) ? ' (invited)' : ''),
      ),
    };
  });
  const audience = h(
    'select',
    {},
    h('option', { value: 'primary' }, 'Primary contact of each partner'),
    h('option', { value: 'all' }, 'All contacts of each partner'),
  );
  const subject = h('input', { type: 'text' });
  const message = h('textarea', { rows: 6 });
  void call('surveyQuestions', s.kind as SurveyKind).then((d) => {
    subject.value ||= d.subject;
    message.value ||= d.message;
  });
  const output = h('div', { 'aria-live': 'polite' });
  const request = (batch: number) => ({
    surveyId: s.id,
    subject: subject.value,
    message: message.value,
    audience: audience.value as 'primary' | 'all',
    partnerIds: boxes.filter((b) => b.box.checked).map((b) => b.box.value),
    batch,
  });
  const days = h('input', { type: 'number', min: 0, max: 365, value: 7 });
  const closed = s.status === 'closed';
  replace(
    view,
    h('button', { class: 'link', onclick: () => showSurveys() }, '← All surveys'),
    h('h2', { tabindex: '-1', id: 'survey-title' }, s.title),
    h('p', {}, h('span', { class: `badge status-${s.status}` }, s.status), ` · ${s.kind}`),
    h('p', {}, safeLink(s.formUrl, 'Open the Form'), ' · ', safeLink(s.editUrl, 'Edit the Form')),
    h('p', {}, `${sum.responded} of ${sum.invited} answered (${percent(sum.rate)}).`),
    closed
      ? null
      : h(
          'section',
          { 'aria-label': 'Send' },
          h('h3', {}, 'Send'),
          field('Who gets it', audience, 'send-audience'),
          h(
            'fieldset',
            { class: boxes.length > 8 ? 'long' : undefined },
            h('legend', {}, 'Partners'),
            ...boxes.map((b) => b.el),
          ),
          field('Subject', subject, 'send-subject'),
          field(
            'Message',
            message,
            'send-message',
            'Placeholders: {{contact.name}}, {{partner.name}}, {{survey.title}}, {{survey.link}}, {{survey.closes}}',
          ),
          h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                onclick: async () => {
                  const p = await busy('Preparing a preview…', () => call('previewSurveyMail', request(10)));
                  if (!p) return;
                  replace(
                    output,
                    h('h4', {}, 'Preview'),
                    h(
                      'p',
                      {},
                      `${p.recipients} recipients (${p.alreadySent} already sent). ${p.quota} emails can go today.`,
                    ),
                    p.unknownPlaceholders.length
                      ? h(
                          'p',
                          { class: 'error' },
                          `Unknown placeholders: ${p.unknownPlaceholders.map((x) => `{{${x}}}`).join(', ')}`,
                        )
                      : null,
                    p.domainOnly
                      ? h(
                          'p',
                          { class: 'error' },
                          'Only people signed in with an account in your school’s domain can answer this Form: ' +
                            'partners without such an account cannot answer it. To let them answer, open the ' +
                            'Form and change who can respond to anyone with the link, then send.',
                        )
                      : null,
                    h('p', {}, h('strong', {}, p.subject)),
                    h('pre', { class: 'mail' }, p.body),
                  );
                },
              },
              'Preview the email',
            ),
            h('button', { class: 'action', onclick: () => sendAll(request, output, s.id) }, 'Send'),
          ),
          output,
          h('h3', {}, 'Remind'),
          field('Only if the last email was at least this many days ago', days, 'remind-days'),
          h(
            'button',
            {
              onclick: async () => {
                const r = await busy('Sending reminders…', () =>
                  call('remindSurvey', s.id, Number(days.value), 100),
                );
                if (r)
                  say(
                    `Reminded ${r.sent.length}${r.queued ? `; ${r.queued} wait for tomorrow's quota` : ''}.`,
                  );
              },
            },
            'Remind those who have not answered',
          ),
        ),
    h('h3', {}, 'Summary'),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          onclick: async () => {
            const r = await busy('Reading responses…', () => call('refreshResponses', s.id));
            if (!r) return;
            await showSurvey(s.id);
            say(
              `${r.responses} responses: ${r.matched} matched to partners; ${r.flaggedAnswers} answers flagged (no code or a reused one); ${r.flaggedPartners} partners below the threshold, marked for review.`,
            );
          },
        },
        'Refresh responses',
      ),
      h(
        'button',
        {
          onclick: async () => {
            const r = await busy('Writing the Summary tab…', () => call('writeSurveySummary', s.id));
            if (r) say(`The ${r.tab} tab has the figures for ${r.rows - 1} partners and a chart.`);
          },
        },
        'Write the Summary tab',
      ),
    ),
    sum.scales.length
      ? h(
          'table',
          { class: 'compare' },
          h('caption', {}, 'Scales, all partners (1–5)'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Question'),
              h('th', { scope: 'col' }, 'Mean'),
              h('th', { scope: 'col' }, 'SD'),
              h('th', { scope: 'col' }, 'n'),
            ),
          ),
          h(
            'tbody',
            {},
            ...sum.scales.map((x) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, x.title),
                h('td', {}, round(x.mean)),
                h('td', {}, round(x.sd)),
                h('td', {}, String(x.n)),
              ),
            ),
          ),
        )
      : null,
    h(
      'table',
      { class: 'compare' },
      h('caption', {}, 'By partner'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Partner'),
          h('th', { scope: 'col' }, 'Answered'),
          h('th', { scope: 'col' }, 'Average'),
        ),
      ),
      h(
        'tbody',
        {},
        ...sum.partners.map((p) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, p.name, p.flagged ? ' ⚠ review' : ''),
            h('td', {}, `${p.responded}/${p.invited}`),
            h('td', {}, round(p.overall)),
          ),
        ),
      ),
    ),
    ...sum.open
      .filter((o) => o.answers.length)
      .flatMap((o) => [
        h('h4', {}, o.title),
        h('ul', { class: 'plain' }, ...o.answers.map((a) => h('li', {}, a))),
      ]),
    v.flags.length
      ? h(
          'div',
          {},
          h('h4', {}, 'Flagged responses'),
          h('ul', { class: 'warnings' }, ...v.flags.map((f) => h('li', {}, f))),
        )
      : null,
    closed
      ? null
      : h(
          'button',
          {
            onclick: async () => {
              const sure = await askToConfirm({
                title: 'Close the survey?',
                body: ['The Form stops accepting answers. The answers already in stay in the sheet.'],
                confirm: 'Close the survey',
                cancel: 'Keep it open',
              });
              if (!sure) return;
              const r = await busy('Closing…', () => call('closeSurvey', s.id));
              if (!r) return;
              await reload();
              await showSurvey(s.id);
              say('Closed.');
            },
          },
          'Close the survey',
        ),
  );
  focusHeading('survey-title');
}

/** Sends in batches, showing n of N, then who got it, who waits, and who failed and why. */
async function sendAll(
  request: (batch: number) => Parameters<typeof call<'sendSurvey'>>[1],
  output: HTMLElement,
  surveyId: string,
): Promise<void> {
  const progress = h('p', { class: 'progress', role: 'status' }, 'Sending…');
  replace(output, progress);
  const sent: string[] = [];
  const failed: SendResult['failed'][number][] = [];
  let last: SendResult | undefined;
  let first = true;
  for (;;) {
    const batch = first ? request(SURVEY_SEND_BATCH) : { ...request(SURVEY_SEND_BATCH), partnerIds: [] };
    first = false;
    try {
      last = await call('sendSurvey', batch);
    } catch (error) {
      say(error instanceof Error ? error.message : String(error), 'error');
      break;
    }
    sent.push(...last.sent);
    failed.push(...last.failed);
    progress.textContent = `${sent.length} of ${sent.length + last.queued + failed.length} sent`;
    if (last.queued === 0 || last.stoppedBy !== 'batch') break;
  }
  await reload();
  const waiting = last?.queued ?? 0;
  replace(
    output,
    h(
      'p',
      { class: 'progress', role: 'status' },
      `Done: ${sent.length} sent${waiting ? `, ${waiting} queued` : ''}${failed.length ? `, ${failed.length} failed` : ''}.`,
    ),
    waiting
      ? h(
          'p',
          {},
          last?.stoppedBy === 'quota'
            ? `Today's email quota is used up: the other ${waiting} go out automatically tomorrow.`
            : `The other ${waiting} go out in the background in an hour or so; send again to go on now.`,
        )
      : null,
    sent.length
      ? h(
          'details',
          {},
          h('summary', {}, `Sent (${sent.length})`),
          h('ul', { class: 'plain' }, ...sent.map((e) => h('li', {}, e))),
        )
      : null,
    failed.length
      ? h(
          'div',
          {},
          h('h4', {}, 'Failed'),
          h('ul', { class: 'warnings' }, ...failed.map((f) => h('li', {}, `${f.email}: ${f.error}`))),
        )
      : null,
    h('button', { onclick: () => showSurvey(surveyId) }, 'Back to the survey'),
  );
}
