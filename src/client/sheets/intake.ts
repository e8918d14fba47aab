// The partner intake Form in Settings: make it (once; then its link is shown), the prospects it added
// this week, and the answers kept for the coordinator: possible duplicates ("Add as new" or "It is
// <partner>") and those beyond the day's cap. Every answer is the applicant's text, shown as text (dom.ts
// builds no markup from it).
import type { IntakeAnswerView, IntakeView } from '../../shared/contract';
import type { IntakeDecision } from '../../shared/choices';
import { call } from '../common/run';
import { h, replace, safeLink } from '../common/dom';
import { busy, say } from './app';
import { plural } from './signature';

/** The Settings section, filled in once its data arrives. */
export function intakeSection(): HTMLElement {
  const box = h('section', { id: 'intake', 'aria-labelledby': 'intake-title' });
  replace(box, h('h3', { id: 'intake-title' }, 'Partner intake Form'), h('p', { class: 'meta' }, 'Loading…'));
  void (async () => {
    const data = await busy('Loading the intake Form…', () => call('getIntake'), box);
    if (data) render(box, data);
  })();
  return box;
}

function render(box: HTMLElement, data: IntakeView): void {
  const make: HTMLButtonElement = h(
    'button',
    {
      class: 'action',
      onclick: async () => {
        make.disabled = true;
        const form = await busy('Making the intake Form…', () => call('makeIntakeForm'), make);
        make.disabled = false;
        if (!form) return;
        const again = await busy('Loading…', () => call('getIntake'), make);
        if (again) render(box, again);
        say(
          data.form
            ? 'This is your intake Form: the same link as before.'
            : 'Intake Form made. Put its link on your website or in your newsletter.',
          'info',
          box.querySelector('#intake-link') ?? box,
        );
      },
    },
    data.form ? 'Show the intake Form again' : 'Make the partner intake Form',
  );
  const recent = data.recent.length
    ? h(
        'div',
        {},
        h(
          'p',
          { id: 'intake-recent' },
          `${plural(data.recent.length, 'new applicant')} from the intake Form this week, added as prospects with a vetting checklist:`,
        ),
        h('ul', { class: 'plain' }, ...data.recent.map((r) => h('li', {}, r.name))),
      )
    : data.form
      ? h('p', { id: 'intake-recent', class: 'meta' }, 'No new applicants from the intake Form this week.')
      : null;
  replace(
    box,
    h('h3', { id: 'intake-title' }, 'Partner intake Form'),
    h(
      'p',
      { class: 'help' },
      'A public Form for organizations that want to work with your school: link it from your website or ' +
        'newsletter. Each answer becomes a prospect with its main contact and a vetting checklist, unless ' +
        `it may already be in your sheet, or more than ${data.dailyCap} arrive in a day: those wait for you here.`,
    ),
    data.form
      ? h(
          'p',
          { id: 'intake-link' },
          safeLink(data.form.url, 'Open the intake Form (link to share)'),
          ' · ',
          safeLink(data.form.editUrl, 'Edit it in Google Forms'),
        )
      : null,
    data.form
      ? h(
          'p',
          { id: 'intake-trigger', class: 'meta' },
          data.ownTrigger
            ? 'New answers are taken as they arrive, by your form-submit trigger (it runs as you).'
            : 'New answers are taken as they arrive by the form-submit trigger of the coordinator who made ' +
                'the Form (a trigger runs as the person who made it, not as you); any it missed are taken ' +
                'when you open this view.',
        )
      : null,
    data.form ? null : make,
    recent,
    data.form ? digest(box, data) : null,
    data.review.length
      ? h(
          'div',
          {},
          h(
            'p',
            { id: 'intake-review', class: 'attention' },
            `${plural(data.review.length, 'answer')} to review:`,
          ),
          h(
            'ul',
            { class: 'plain', 'aria-label': 'Intake answers to review' },
            ...data.review.map((a) => item(box, a)),
          ),
        )
      : null,
  );
}

/** The daily digest: on (to an address) or off. */
function digest(box: HTMLElement, data: IntakeView): HTMLElement {
  const to = h('input', { id: 'intake-digest-to', type: 'email', maxlength: 320, autocomplete: 'off' });
  to.value = data.digestTo;
  const set = async (on: boolean, button: HTMLButtonElement) => {
    const after = await busy('Saving…', () => call('setIntakeDigest', on, to.value.trim()), button);
    if (!after) return;
    render(box, after);
    say(
      on
        ? `A digest goes to ${after.digestTo} once a day after a day with intake answers, signed with your signature.`
        : 'No more digest emails.',
      'info',
      box.querySelector('#intake-digest') ?? box,
    );
  };
  const on: HTMLButtonElement = h(
    'button',
    { onclick: () => void set(true, on) },
    data.digestTo ? 'Change the address' : 'Email me a daily digest',
  );
  const off: HTMLButtonElement = h('button', { onclick: () => void set(false, off) }, 'Stop the digest');
  return h(
    'div',
    { id: 'intake-digest' },
    h(
      'p',
      { class: 'meta' },
      data.digestTo
        ? `Daily digest: on, to ${data.digestTo}.`
        : 'Daily digest: off. It lists once a day the answers of the day before (only when there were some).',
    ),
    h(
      'div',
      { class: 'filter' },
      h('label', { for: 'intake-digest-to' }, 'Digest goes to (empty: your own address)'),
      to,
    ),
    h('div', { class: 'actions' }, on, data.digestTo ? off : null),
  );
}

function item(box: HTMLElement, a: IntakeAnswerView): HTMLElement {
  const decide = async (decision: IntakeDecision, partnerId: string, button: HTMLButtonElement) => {
    button.disabled = true;
    const after = await busy('Saving…', () => call('decideIntake', a.id, decision, partnerId), button);
    button.disabled = false;
    if (!after) return;
    render(box, after);
    const done =
      decision === 'add'
        ? `${a.name || 'The applicant'} added as a prospect.`
        : decision === 'same'
          ? `Noted as ${a.duplicateOf?.name ?? 'that partner'}: nothing added.`
          : 'Set aside: nothing added.';
    say(done, 'info', box.querySelector('#intake-title') ?? box);
  };
  const button = (label: string, decision: IntakeDecision, partnerId = '', action = false) => {
    const b: HTMLButtonElement = h(
      'button',
      { class: action ? 'action' : '', onclick: () => void decide(decision, partnerId, b) },
      label,
    );
    return b;
  };
  return h(
    'li',
    { class: 'change' },
    h('strong', {}, a.name || '(no organization name)'),
    h(
      'p',
      { class: 'meta' },
      a.status === 'waiting' ? 'Waiting: ' + a.reason : 'Possible duplicate: ' + a.reason,
    ),
    h(
      'details',
      {},
      h('summary', {}, 'The answer'),
      h('dl', {}, ...a.answers.flatMap((x) => [h('dt', {}, x.question), h('dd', {}, x.answer)])),
    ),
    h(
      'div',
      { class: 'actions' },
      button(a.status === 'waiting' ? 'Add as a prospect' : 'Add as new', 'add', '', true),
      a.duplicateOf ? button(`It is ${a.duplicateOf.name}`, 'same', a.duplicateOf.id) : null,
      button('Set aside', 'dismiss'),
    ),
  );
}
