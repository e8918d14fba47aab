// What the server says when a gathering cannot yet be marked held, or cannot have a follow-up: the
// decision is shared with the sidebar (src/shared/gathering-dates.ts), the words are here. Pure.
import type { Gathering } from '../../shared/records';
import { followUpState } from '../../shared/gathering-dates';
import { longDate, oneLine } from './text';

type Asked = Pick<Gathering, 'title' | 'date' | 'status'>;

const named = (g: Asked) => `"${oneLine(g.title)}"`;

/** Why it cannot be marked held now, or '' when it can: only once its day has come. */
export function heldRefusal(g: Asked, today: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(g.date) && g.date > today
    ? `${named(g)} is on ${longDate(g.date)}, still to come: mark it held once it has taken place.`
    : '';
}

/** Why its follow-up ("thank you for joining") cannot go, or '' when it can. */
export function followUpRefusal(g: Asked, today: string): string {
  switch (followUpState(g, today)) {
    case 'ready':
      return '';
    case 'cancelled':
      return `${named(g)} was cancelled, so no follow-up is sent for it.`;
    case 'upcoming':
      return `${named(g)} is on ${longDate(g.date)}, still to come: the follow-up goes once it has been held.`;
    case 'unanswered':
      return `${named(g)} is not marked as held. Answer "Held or cancelled?" for it in Gatherings first; the follow-up goes only after a gathering that was held.`;
  }
}
