// Partner surveys: choose and edit the questions, create the Form, preview the email as a partner gets
// it, send a test to yourself, send personal links with progress and remind (each after a confirmation
// that names how many go, the day's quota and the signature), and read the summary. Messages stand
// beside the action that caused them.
import type { SendRequest, SendResult, SurveyMailPreview, SurveyView } from '../../shared/contract';
import { SURVEY_SEND_BATCH, type Question, type QuestionType } from '../../shared/survey';
import { SURVEY_KINDS, type SurveyKind } from '../../shared/schema';
import { call } from '../common/run';
import { h, replace, safeLink } from '../common/dom';
import { askToConfirm } from '../common/dialog';
import { busy, focusHeading, reload, say, state, view } from './app';
import { confirmMail, plural, signatureInputs } from './signature';
import { partnerIdsWith, partnerPicker } from './picker';
import { summaryCards } from './survey-summary';

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
            if (!ownTitle.value.trim()) return say('Type the question first.', 'error', byId('add-question'));
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
            say('Question added at the end.', 'info', byId('add-question'));
          },
          id: 'add-question',
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
            const made = await busy(
              'Creating the Form…',
              () =>
                call('createSurvey', {
                  kind,
                  title: title.value,
                  questions: chosen,
                  opens: opens.value,
                  closes: closes.value,
                  threshold: threshold.value === '' ? null : Number(threshold.value),
                }),
              byId('create-form'),
            );
            if (!made) return;
            await reload();
            await showSurvey(made.record.id);
            say('The Form is ready. Preview the email, then send it.', 'info', byId('preview-mail'));
          },
          id: 'create-form',
        },
        'Create the Form',
      ),
      h('button', { onclick: () => showSurveys() }, 'Cancel'),
    ),
  );
  focusHeading('new-survey-title');
}

const percent = (n: number) => `${Math.round(n * 100)}%`;

export async function showSurvey(id: string): Promise<void> {
  const surveyView = await busy('Loading the survey…', () => call('getSurvey', id));
  if (!surveyView) return;
  renderSurvey(surveyView);
}

/** An element of the view by id, once drawn (for a message beside it). */
function byId(id: string): Element | undefined {
  return document.getElementById(id) ?? undefined;
}

/** The coordinator's address typed for "Send a test to me" when Google gave none; kept for this page. */
let typedAddress = '';

function renderSurvey(v: SurveyView): void {
  const s = v.survey.record;
  const sum = v.summary;
  const invited = new Set(v.recipients.map((r) => r.partnerId));
  // Every active or onboarding partner not yet invited, or the partners a search finds and the person
  // ticks: the page never holds the whole directory.
  const everyone = h('input', { type: 'radio', name: 'send-who', id: 'send-everyone', checked: true });
  const some = h('input', { type: 'radio', name: 'send-who', id: 'send-some' });
  const picker = partnerPicker([], 'Partners to send to');
  picker.element.hidden = true;
  for (const radio of [everyone, some])
    radio.addEventListener('change', () => (picker.element.hidden = !some.checked));
  const partnerIds = async (): Promise<string[] | undefined> => {
    if (some.checked) return picker.chosen();
    const ids = await partnerIdsWith(['active', 'onboarding']);
    return ids?.filter((id) => !invited.has(id));
  };
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
  const request = async (batch: number): Promise<SendRequest | undefined> => {
    const ids = await partnerIds();
    return ids
      ? {
          surveyId: s.id,
          subject: subject.value,
          message: message.value,
          audience: audience.value as 'primary' | 'all',
          partnerIds: ids,
          batch,
        }
      : undefined;
  };
  const days = h('input', { type: 'number', min: 0, max: 365, value: 7 });
  const closed = s.status === 'closed';
  const previewButton = h(
    'button',
    {
      id: 'preview-mail',
      onclick: async () => {
        const asked = await request(SURVEY_SEND_BATCH);
        if (!asked) return;
        const p = await busy('Preparing a preview…', () => call('previewSurveyMail', asked), previewButton);
        if (p) showPreview(output, p);
      },
    },
    'Preview the email',
  );
  const testButton = h(
    'button',
    {
      id: 'test-mail',
      onclick: async () => {
        const asked = await request(SURVEY_SEND_BATCH);
        if (asked) await sendTest(asked, testButton);
      },
    },
    'Send a test to me',
  );
  const sendButton = h(
    'button',
    { id: 'send-mail', class: 'action', onclick: () => confirmAndSend(request, output, s.id, sendButton) },
    'Send',
  );
  const remindButton = h(
    'button',
    { id: 'remind', onclick: () => confirmAndRemind(s.id, Number(days.value), remindButton) },
    'Remind those who have not answered',
  );
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
            {},
            h('legend', {}, 'Partners'),
            h(
              'div',
              { class: 'check' },
              everyone,
              h('label', { for: 'send-everyone' }, 'Every active or onboarding partner not yet invited'),
            ),
            h('div', { class: 'check' }, some, h('label', { for: 'send-some' }, 'Partners I choose')),
          ),
          picker.element,
          field('Subject', subject, 'send-subject'),
          field(
            'Message',
            message,
            'send-message',
            'Placeholders: {{contact.name}}, {{partner.name}}, {{survey.title}}, {{survey.link}}, {{survey.closes}}. ' +
              'Your signature (name, role, school) is added at the end.',
          ),
          h('div', { class: 'actions' }, previewButton, testButton, sendButton),
          output,
          h('h3', {}, 'Remind'),
          field('Only if the last email was at least this many days ago', days, 'remind-days'),
          remindButton,
        ),
    h('h3', {}, 'Summary'),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          id: 'refresh-responses',
          onclick: async () => {
            const r = await busy(
              'Reading responses…',
              () => call('refreshResponses', s.id),
              byId('refresh-responses'),
            );
            if (!r) return;
            await showSurvey(s.id);
            say(
              `${r.responses} responses: ${r.matched} matched to partners; ${r.flaggedAnswers} answers flagged (no code or a reused one); ${r.flaggedPartners} partners below the threshold, marked for review.`,
              'info',
              byId('refresh-responses'),
            );
          },
        },
        'Refresh responses',
      ),
      h(
        'button',
        {
          id: 'write-summary',
          onclick: async () => {
            const r = await busy(
              'Writing the Summary tab…',
              () => call('writeSurveySummary', s.id),
              byId('write-summary'),
            );
            if (r)
              say(
                `The ${r.tab} tab has the figures for ${r.rows - 1} partners and a chart.`,
                'info',
                byId('write-summary'),
              );
          },
        },
        'Write the Summary tab',
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'div',
        { class: 'check' },
        h('input', { type: 'checkbox', id: 'report-names' }),
        h('label', { for: 'report-names' }, 'Put partners’ names beside their open answers'),
      ),
      h(
        'button',
        {
          id: 'survey-report',
          onclick: async () => {
            const names = (byId('report-names') as HTMLInputElement | null)?.checked ?? false;
            const r = await busy(
              'Making the survey report…',
              () => call('makeSurveyReport', s.id, names),
              byId('survey-report'),
            );
            if (!r) return;
            replace(
              byId('survey-report-link') ?? h('span'),
              safeLink(r.url, 'Open the survey report'),
              ...r.notes.map((n) => h('p', { class: 'meta' }, n)),
            );
            say('The survey report is ready: a Doc for the principal.', 'info', byId('survey-report'));
          },
        },
        'Make the survey report',
      ),
      h('div', { id: 'survey-report-link' }),
    ),
    ...summaryCards(sum),
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
            id: 'close-survey',
            onclick: async () => {
              const sure = await askToConfirm({
                title: 'Close the survey?',
                body: ['The Form stops accepting answers. The answers already in stay in the sheet.'],
                confirm: 'Close the survey',
                cancel: 'Keep it open',
              });
              if (!sure) return;
              const r = await busy('Closing…', () => call('closeSurvey', s.id), byId('close-survey'));
              if (!r) return;
              await reload();
              await showSurvey(s.id);
              say('Closed: the Form takes no more answers.', 'info', byId('survey-title'));
            },
          },
          'Close the survey',
        ),
  );
  focusHeading('survey-title');
}

/** The email exactly as the first chosen partner would get it: the HTML most mail programs show, and its plain text. */
function showPreview(output: HTMLElement, p: SurveyMailPreview): void {
  replace(
    output,
    h('h4', {}, 'Preview'),
    h('p', {}, `${p.recipients} recipients (${p.alreadySent} already sent). ${p.quota} emails can go today.`),
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
    // Sandboxed: no script runs in it, and it reaches nothing of the sidebar.
    h('iframe', {
      class: 'mail',
      title: 'The email as a partner sees it',
      sandbox: '',
      srcdoc: `<!doctype html><html><head><meta charset="utf-8"><style>body{font:13px/1.4 Arial,sans-serif;margin:8px;overflow-wrap:anywhere}</style></head><body>${p.htmlBody}</body></html>`,
    }),
    p.sender
      ? null
      : h(
          'p',
          { class: 'help' },
          'Your name, role and school go at the end: Partner Hub asks for them when you send.',
        ),
    h('details', {}, h('summary', {}, 'Plain-text version'), h('pre', { class: 'mail' }, p.body)),
  );
}

/** "Send a test to me": one email to the coordinator alone, asking first for what is missing. */
async function sendTest(request: SendRequest, button: HTMLElement): Promise<void> {
  let r = await busy('Sending a test to you…', () => call('sendSurveyTest', request, typedAddress), button);
  if (r?.status === 'needs') {
    const signature = r.sender ? signatureInputs({}, r.school) : null;
    const address = h('input', { id: 'test-address', type: 'email', autocomplete: 'email' });
    const go = await askToConfirm({
      title: 'Send a test to you',
      body: [
        ...(r.address
          ? ['Google does not give Partner Hub your email address. Type it, and the test goes there.']
          : []),
        ...(signature
          ? [
              'Each email ends with your name, role and school. Give them once: Partner Hub keeps them in Settings.',
            ]
          : []),
      ],
      fields: [
        ...(r.address
          ? [
              h(
                'div',
                { class: 'filter' },
                h('label', { for: 'test-address' }, 'Your email address'),
                address,
              ),
            ]
          : []),
        ...(signature?.fields ?? []),
      ],
      check: () =>
        (r?.status === 'needs' && r.address && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address.value.trim())
          ? 'Type your email address, like name@school.org. '
          : '') + (signature?.check() ?? ''),
      confirm: 'Send the test',
    });
    if (!go) return;
    if (r.address) typedAddress = address.value.trim();
    if (signature) {
      const saved = await busy(
        'Saving your signature…',
        () => call('saveSettings', { sender: signature.read() }),
        button,
      );
      if (!saved) return;
    }
    r = await busy('Sending a test to you…', () => call('sendSurveyTest', request, typedAddress), button);
  }
  if (r?.status === 'sent') say(`Test sent to ${r.to}. Nothing went to partners.`, 'info', button);
}

/** Asks first (how many, the quota, when the rest go, who signs), then sends with progress. */
async function confirmAndSend(
  request: (batch: number) => Promise<SendRequest | undefined>,
  output: HTMLElement,
  surveyId: string,
  button: HTMLElement,
): Promise<void> {
  const asked = await request(SURVEY_SEND_BATCH);
  if (!asked) return;
  const plan = await busy('Counting who gets it…', () => call('previewSurveyMail', asked), button);
  if (!plan) return;
  if (!plan.emails) {
    say(
      plan.recipients
        ? 'Everyone chosen already has the survey: nothing to send.'
        : 'Choose at least one partner with a contact email.',
      'info',
      button,
    );
    return;
  }
  const go = await confirmMail(
    plan,
    {
      title: `Send the survey to ${plural(plan.emails, 'person', 'people')}?`,
      body: [
        `${plural(plan.emails, 'email goes', 'emails go')} out, each with its own link` +
          (plan.alreadySent ? `; ${plan.alreadySent} chosen already have it and get nothing.` : '.'),
      ],
      confirm: `Send ${plural(plan.emails, 'email')}`,
    },
    button,
  );
  if (go) await sendAll(asked, output, surveyId, button);
}

/** Asks first, then reminds those due, in batches until all have gone or the quota stops them. */
async function confirmAndRemind(surveyId: string, minDays: number, button: HTMLElement): Promise<void> {
  const plan = await busy(
    'Counting who is due a reminder…',
    () => call('previewReminder', surveyId, minDays),
    button,
  );
  if (!plan) return;
  if (!plan.emails) {
    say(
      `No one is due a reminder: everyone has answered or was emailed in the last ${plural(minDays, 'day')}.`,
      'info',
      button,
    );
    return;
  }
  const go = await confirmMail(
    plan,
    {
      title: `Remind ${plural(plan.emails, 'person', 'people')}?`,
      body: [
        `A reminder with their own link goes to each contact who has not answered and was last emailed at least ${plural(minDays, 'day')} ago.`,
      ],
      confirm: `Send ${plural(plan.emails, 'reminder')}`,
    },
    button,
  );
  if (!go) return;
  let reminded = 0;
  let last: SendResult | undefined;
  for (;;) {
    last = await busy(
      `Sending reminders… ${reminded} of ${plan.emails}`,
      () => call('remindSurvey', surveyId, minDays, SURVEY_SEND_BATCH),
      button,
    );
    if (!last) return;
    reminded += last.sent.length;
    if (last.queued === 0 || last.stoppedBy !== 'batch') break;
  }
  say(
    `Reminded ${reminded}.` +
      (last.failed.length
        ? ` ${last.failed.length} failed: ${last.failed.map((f) => f.email).join(', ')}.`
        : '') +
      (last.queued ? ` ${waitingWords(last)}` : ''),
    last.failed.length ? 'error' : 'info',
    button,
  );
}

/** What happens to emails a run left, in words that are true of why it stopped. */
function waitingWords(last: SendResult): string {
  return last.stoppedBy === 'quota'
    ? `Today's email quota is used up: Partner Hub sends the other ${last.queued} by itself about 24 hours from now, as the quota renews.`
    : `The other ${last.queued} go out in the background in an hour or so; send again to go on now.`;
}

/** Sends in batches, showing n of N, then who got it, who waits, and who failed and why. */
async function sendAll(
  asked: SendRequest,
  output: HTMLElement,
  surveyId: string,
  button: HTMLElement,
): Promise<void> {
  const progress = h('p', { class: 'progress', role: 'status' }, 'Sending…');
  replace(output, progress);
  const sent: string[] = [];
  const failed: SendResult['failed'][number][] = [];
  let last: SendResult | undefined;
  let first = true;
  for (;;) {
    const batch = first ? asked : { ...asked, partnerIds: [] };
    first = false;
    try {
      last = await call('sendSurvey', batch);
    } catch (error) {
      say(error instanceof Error ? error.message : String(error), 'error', button);
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
    waiting && last ? h('p', {}, waitingWords(last)) : null,
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
