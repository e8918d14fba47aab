// Partner surveys: choose and edit the questions, create the Form, preview the email as a partner gets
// it, send a test to yourself, send personal links with progress and remind (each after a confirmation
// that names how many go, the day's quota and the signature), and read the summary. Messages stand
// beside the action that caused them.
import { count } from '../common/words';
import type { SendRequest, SendResult, SurveyMailPreview, SurveyView } from '../../shared/contract';
import type { Survey } from '../../shared/records';
import { SURVEY_SEND_BATCH } from '../../shared/survey';
import type { SurveyKind } from '../../shared/schema';
import { call } from '../common/run';
import { h, replace, safeLink } from '../common/dom';
import { askToConfirm } from '../common/dialog';
import { busy, focusHeading, reload, say, state, view } from './app';
import { confirmMail, plural, signatureInputs } from './signature';
import { partnerIdsWith, partnerPicker } from './picker';
import { summaryCards } from './survey-summary';
import { newSurvey } from './new-survey';

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

export function field(label: string, control: HTMLElement, id: string, help?: string): HTMLElement {
  control.id = id;
  return h(
    'div',
    { class: 'filter' },
    h('label', { for: id }, label),
    control,
    help ? h('div', { class: 'help' }, help) : null,
  );
}

const percent = (n: number) => `${Math.round(n * 100)}%`;

export async function showSurvey(id: string): Promise<void> {
  const surveyView = await busy('Loading the survey…', () => call('getSurvey', id));
  if (!surveyView) return;
  renderSurvey(surveyView);
}

/** An element of the view by id, once drawn (for a message beside it). */
export function byId(id: string): Element | undefined {
  return document.getElementById(id) ?? undefined;
}

/** The coordinator's address typed for "Send a test to me" when Google gave none; kept for this page. */
let typedAddress = '';

function renderSurvey(v: SurveyView): void {
  const s = v.survey.record;
  const sum = v.summary;
  const closed = s.status === 'closed';
  // Built even for a closed survey, as before: it asks the server for the default subject and message.
  const send = sendSection(s, new Set(v.recipients.map((r) => r.partnerId)));
  replace(
    view,
    h('button', { class: 'link', onclick: () => showSurveys() }, '← All surveys'),
    h('h2', { tabindex: '-1', id: 'survey-title' }, s.title),
    h('p', {}, h('span', { class: `badge status-${s.status}` }, s.status), ` · ${s.kind}`),
    h('p', {}, safeLink(s.formUrl, 'Open the Form'), ' · ', safeLink(s.editUrl, 'Edit the Form')),
    h('p', {}, `${sum.responded} of ${sum.invited} answered (${percent(sum.rate)}).`),
    closed ? null : send,
    h('h3', {}, 'Summary'),
    responseButtons(s.id),
    reportButton(s.id),
    ...summaryCards(sum),
    v.flags.length
      ? h(
          'div',
          {},
          h('h4', {}, 'Flagged responses'),
          h('ul', { class: 'warnings' }, ...v.flags.map((f) => h('li', {}, f))),
        )
      : null,
    closed ? null : closeButton(s.id),
  );
  focusHeading('survey-title');
}

/** The Send and Remind section of a survey's page. */
function sendSection(s: Survey, invited: ReadonlySet<string>): HTMLElement {
  const recipients = recipientsChoice(invited);
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
    const ids = await recipients.partnerIds();
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
  const buttons = sendButtons(s.id, request, output);
  const remindButton = h(
    'button',
    { id: 'remind', onclick: () => confirmAndRemind(s.id, Number(days.value), remindButton) },
    'Remind those who have not answered',
  );
  return h(
    'section',
    { 'aria-label': 'Send' },
    h('h3', {}, 'Send'),
    field('Who gets it', audience, 'send-audience'),
    recipients.fieldset,
    recipients.picker,
    field('Subject', subject, 'send-subject'),
    field(
      'Message',
      message,
      'send-message',
      'Placeholders: {{contact.name}}, {{partner.name}}, {{survey.title}}, {{survey.link}}, {{survey.closes}}. ' +
        'Your signature (name, role, school) is added at the end.',
    ),
    buttons,
    output,
    h('h3', {}, 'Remind'),
    field('Only if the last email was at least this many days ago', days, 'remind-days'),
    remindButton,
  );
}

/**
 * Whom to send to: every active or onboarding partner not yet invited, or the partners a search finds
 * and the person ticks (the page never holds the whole directory).
 */
function recipientsChoice(invited: ReadonlySet<string>): {
  fieldset: HTMLElement;
  picker: HTMLElement;
  partnerIds: () => Promise<string[] | undefined>;
} {
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
  const fieldset = h(
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
  );
  return { fieldset, picker: picker.element, partnerIds };
}

/** Preview the email, Send a test to me, and Send. */
function sendButtons(
  surveyId: string,
  request: (batch: number) => Promise<SendRequest | undefined>,
  output: HTMLElement,
): HTMLElement {
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
    {
      id: 'send-mail',
      class: 'action',
      onclick: () => confirmAndSend(request, output, surveyId, sendButton),
    },
    'Send',
  );
  return h('div', { class: 'actions' }, previewButton, testButton, sendButton);
}

/** Refresh responses and Write the Summary tab. */
function responseButtons(surveyId: string): HTMLElement {
  return h(
    'div',
    { class: 'actions' },
    h(
      'button',
      {
        id: 'refresh-responses',
        onclick: async () => {
          const r = await busy(
            'Reading responses…',
            () => call('refreshResponses', surveyId),
            byId('refresh-responses'),
          );
          if (!r) return;
          await showSurvey(surveyId);
          say(
            `${count(r.responses, 'response')}: ${r.matched} matched to partners; ${count(r.flaggedAnswers, 'answer')} flagged (no code or a reused one); ${count(r.flaggedPartners, 'partner')} below the threshold, marked for review.`,
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
            () => call('writeSurveySummary', surveyId),
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
  );
}

/** Make the survey report (a Doc for the principal), optionally naming partners beside open answers. */
function reportButton(surveyId: string): HTMLElement {
  return h(
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
            () => call('makeSurveyReport', surveyId, names),
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
  );
}

function closeButton(surveyId: string): HTMLElement {
  return h(
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
        const r = await busy('Closing…', () => call('closeSurvey', surveyId), byId('close-survey'));
        if (!r) return;
        await reload();
        await showSurvey(surveyId);
        say('Closed: the Form takes no more answers.', 'info', byId('survey-title'));
      },
    },
    'Close the survey',
  );
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
