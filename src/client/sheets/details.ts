// Partners keep their own details current: the profile's "Ask to check details" button, and the review
// of the changes partners proposed, old → new, each accepted (one cell written) or rejected. Every value
// a partner typed is shown as text (dom.ts builds no markup from it).
import type { DetailsAskResult, ProposedChangeView, SendResult } from '../../shared/contract';
import type { ChangeDecision } from '../../shared/choices';
import { call } from '../common/run';
import { h, replace } from '../common/dom';
import { busy, say, view as app } from './app';
import { confirmMail, plural } from './signature';

/** What an ask did, in plain words. */
export function askSummary(r: DetailsAskResult): string {
  const parts: string[] = [];
  if (r.sent.length) parts.push(`Sent to ${r.sent.join(', ')}.`);
  else parts.push('No new email went: this partner was already asked and has not answered yet.');
  if (r.queued)
    parts.push(
      r.stoppedBy === 'quota'
        ? `${r.queued} wait for tomorrow's email quota; Partner Hub sends them then.`
        : `${r.queued} still to send; Partner Hub finishes them in the background.`,
    );
  for (const f of r.failed) parts.push(`Not sent to ${f.email}: ${f.error}`);
  if (r.skipped.length) parts.push(`No contact with an email for ${r.skipped.join(', ')}.`);
  return parts.join(' ');
}

/** The profile's button: asks this partner's main contact to check its details. */
export function askButton(partnerId: string): HTMLElement {
  const button: HTMLButtonElement = h(
    'button',
    {
      onclick: async () => {
        button.disabled = true;
        const result = await busy('Sending…', () => call('askToCheckDetails', [partnerId], 50), button);
        button.disabled = false;
        if (result) say(askSummary(result), result.failed.length ? 'error' : 'info', button);
      },
    },
    'Ask to check details',
  );
  return button;
}

/** Reminds the partners asked who have not answered: asks first, naming how many and the quota. */
function remindButton(): HTMLElement {
  const button: HTMLButtonElement = h(
    'button',
    {
      onclick: async () => {
        const plan = await busy(
          'Counting who is due a reminder…',
          () => call('previewDetailsReminder'),
          button,
        );
        if (!plan) return;
        if (!plan.emails) {
          say('No one is due a reminder: everyone asked has answered or was reminded today.', 'info', button);
          return;
        }
        const go = await confirmMail(
          plan,
          {
            title: `Remind ${plural(plan.emails, 'partner')}?`,
            body: [
              'A reminder with its own link goes to the main contact of each partner asked to check its details who has not answered.',
            ],
            confirm: `Send ${plural(plan.emails, 'reminder')}`,
          },
          button,
        );
        if (!go) return;
        button.disabled = true;
        let reminded = 0;
        let last: SendResult | undefined;
        for (;;) {
          last = await busy(
            `Sending reminders… ${reminded} of ${plan.emails}`,
            () => call('remindDetails', 50),
            button,
          );
          if (!last) break;
          reminded += last.sent.length;
          if (last.queued === 0 || last.stoppedBy !== 'batch') break;
        }
        button.disabled = false;
        if (!last) return;
        say(
          `Reminded ${reminded}.` +
            (last.failed.length ? ` Not sent to ${last.failed.map((f) => f.email).join(', ')}.` : '') +
            (last.queued
              ? last.stoppedBy === 'quota'
                ? ` ${last.queued} wait for tomorrow's email quota; Partner Hub sends them then.`
                : ` ${last.queued} still to send; Partner Hub finishes them in the background.`
              : ''),
          last.failed.length ? 'error' : 'info',
          button,
        );
      },
    },
    'Remind those who have not answered',
  );
  return button;
}

/** The changes partners proposed, by partner, each with Accept and Reject. */
export async function showProposedChanges(back: () => void): Promise<void> {
  const data = await busy('Loading…', () => call('getProposedChanges'));
  if (!data) return;
  const heading = h('h2', { tabindex: '-1', id: 'changes-title' }, 'Changes proposed by partners');
  replace(
    app,
    h('button', { class: 'link', onclick: back }, '← All partners'),
    heading,
    h(
      'p',
      { class: 'meta' },
      `${data.answered} answered · ${data.waiting} asked and not answered yet. Ask a partner from its profile.`,
    ),
    data.waiting ? remindButton() : null,
    data.partners.length
      ? h(
          'ul',
          { class: 'plain', 'aria-label': 'Proposed changes' },
          ...data.partners.map((p) =>
            h(
              'li',
              {},
              h('h3', {}, p.name),
              h('ul', { class: 'plain' }, ...p.changes.map((c) => changeItem(c, back))),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'No changes waiting.'),
  );
  heading.focus();
}

function changeItem(c: ProposedChangeView, back: () => void): HTMLElement {
  const decide = async (decision: ChangeDecision, button: HTMLElement) => {
    const result = await busy('Saving…', () => call('decideChange', c.id, decision), button);
    if (!result) return;
    if ('message' in result) return say(result.message, 'error', button);
    await showProposedChanges(back);
    say(`${c.label}: ${result.status}.`);
  };
  const accept: HTMLButtonElement = h(
    'button',
    { class: 'action', onclick: () => void decide('accept', accept) },
    'Accept',
  );
  const reject: HTMLButtonElement = h('button', { onclick: () => void decide('reject', reject) }, 'Reject');
  return h(
    'li',
    { class: 'change' },
    h('strong', {}, c.label),
    h('div', {}, h('del', {}, c.oldValue || '(empty)'), ' → ', h('ins', {}, c.newValue || '(empty)')),
    c.conflict
      ? h(
          'p',
          { class: 'attention' },
          `Changed in the sheet since the partner was asked: it now says "${c.current || '(empty)'}". Accepting will not overwrite it.`,
        )
      : null,
    h('div', { class: 'actions' }, accept, reject),
  );
}
