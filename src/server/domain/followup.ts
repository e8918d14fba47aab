// The follow-up email after a gathering: the agenda and notes link, the recipient's own action items,
// and everything else still open from the gathering, signed by the sender (name, role, school). Pure;
// every value is escaped in the HTML part.
import type { Sender } from '../../shared/contract';
import type { ActionItem, Gathering } from '../../shared/records';
import { signatureHtml, signatureLines } from './signature';
import { escapeHtml, headerText, longDate } from './text';

export interface FollowUpMail {
  readonly subject: string;
  readonly body: string;
  readonly htmlBody: string;
}

export function followUpMail(
  gathering: Gathering,
  recipient: { name: string; partnerId: string },
  items: readonly ActionItem[],
  sender: Sender,
): FollowUpMail {
  const mine = items.filter((a) => a.status === 'open' && a.partnerId === recipient.partnerId);
  const others = items.filter((a) => a.status === 'open' && a.partnerId !== recipient.partnerId);
  const line = (a: ActionItem) =>
    `${a.what}${a.who ? ` (${a.who})` : ''}${a.byWhen ? `, by ${a.byWhen}` : ''}`;
  const link = /^https:\/\//.test(gathering.agendaUrl) ? gathering.agendaUrl : '';
  const text = [
    `Hello ${recipient.name},`,
    '',
    `Thank you for joining "${gathering.title}" on ${longDate(gathering.date)}.`,
    link ? `The agenda and notes: ${link}` : '',
    '',
    mine.length ? 'Your action steps:' : '',
    ...mine.map((a) => `- ${line(a)}`),
    others.length ? '' : '',
    others.length ? 'Other action steps from the gathering:' : '',
    ...others.map((a) => `- ${line(a)}`),
    '',
    `With thanks,`,
    ...signatureLines(sender),
  ].filter((l, i, all) => l !== '' || (all[i - 1] ?? '') !== '');
  const li = (a: ActionItem) => `<li>${escapeHtml(line(a))}</li>`;
  const html = [
    `<p>Hello ${escapeHtml(recipient.name)},</p>`,
    `<p>Thank you for joining “${escapeHtml(gathering.title)}” on ${escapeHtml(longDate(gathering.date))}.</p>`,
    link ? `<p><a href="${escapeHtml(link)}">The agenda and notes</a></p>` : '',
    mine.length ? `<p>Your action steps:</p><ul>${mine.map(li).join('')}</ul>` : '',
    others.length ? `<p>Other action steps from the gathering:</p><ul>${others.map(li).join('')}</ul>` : '',
    `<p>With thanks,<br>${signatureHtml(sender)}</p>`,
  ].join('');
  return {
    subject: headerText(`Follow-up: ${gathering.title} (${gathering.date})`),
    body: text.join('\n'),
    htmlBody: html,
  };
}
