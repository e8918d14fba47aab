// The headline figures in words: one phrasing each, for the header and the views that repeat them.
// The numbers are the server's (src/server/domain/figures.ts); nothing here counts.
import type { CheckInFigures, NeedFigures } from '../../shared/figures';
import { count } from '../common/words';

/** "8 open needs: 2 unmet, 0 pending, 6 covered" */
export function needsText(f: NeedFigures): string {
  return `${count(f.open, 'open need')}: ${f.unmet} unmet, ${f.pending} pending, ${f.covered} covered`;
}

/** "3 check-ins overdue, 1 due in the next 7 days" */
export function checkInsText(f: CheckInFigures): string {
  return `${count(f.overdue, 'check-in')} overdue, ${f.dueSoon} due in the next 7 days`;
}
