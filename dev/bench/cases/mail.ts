// Emails to partners through the one mail loop (src/server/workspace/mail-loop.ts): a survey's
// reminders and a gathering's follow-ups, each one server call measured alone (the survey send is in
// core.ts, as the sidebar drives it). Held at their figures so that the loop never costs more calls.
import type { AddOn } from '../../gas';
import { signEmails } from '../../preview/demo';
import { action, mustRun, within, type Action } from '../action';
import { withSurvey, withYear } from './core';

const SEND = { subject: 'Survey', message: 'Dear {{contact.name}}: {{survey.link}}', audience: 'all' };

/** The survey sent to `recipients`, then a day later: everyone is due a reminder. */
function sentSurvey(recipients: number): { addOn: AddOn; state: string } {
  const made = withSurvey(recipients);
  mustRun(made.addOn, 'sendSurvey', { ...SEND, ...made.state, batch: 500 });
  made.addOn.workspace.clock.advance(24 * 60 * 60 * 1000);
  return { addOn: made.addOn, state: made.state.surveyId };
}

/** A year planned with 40 partners invited to its last gathering, which was held yesterday; emails signed. */
function heldYear(): { addOn: AddOn; state: string } {
  const year = withYear(50, 40);
  // A follow-up goes only after a held gathering: the day after it, marked held.
  const { gatherings } = mustRun<{ gatherings: { record: { id: string; date: string } }[] }>(
    year.addOn,
    'getTables',
    ['gatherings'],
  );
  const g = gatherings.find((x) => x.record.id === year.state);
  if (!g) throw new Error('the planned gathering is missing');
  year.addOn.workspace.clock.set(new Date(`${g.record.date}T15:00:00Z`));
  year.addOn.workspace.clock.advance(24 * 60 * 60 * 1000);
  mustRun(year.addOn, 'markHeld', g.record.id);
  signEmails(year.addOn);
  return year;
}

export const MAIL: Action[] = [
  // What each send's confirmation costs: one call before anything goes (the count, the quota, the signature).
  action({
    name: 'survey send confirmation, 400 recipients (previewSurveyMail)',
    prepare: () => withSurvey(400),
    run: (s, st: { surveyId: string; partnerIds: string[] }) => {
      const p = s.run<{ emails: number }>('previewSurveyMail', { ...SEND, ...st, batch: 10 });
      if (p.emails !== 400) throw new Error(`counted ${p.emails}`);
    },
    budget: within({ calls: 22, executions: 1 }),
  }),
  action({
    name: 'reminder confirmation, 100 due (previewReminder)',
    prepare: () => sentSurvey(100),
    run: (s, surveyId: string) => {
      const p = s.run<{ emails: number }>('previewReminder', surveyId, 0);
      if (p.emails !== 100) throw new Error(`counted ${p.emails}`);
    },
    budget: within({ calls: 33, executions: 1 }),
  }),
  action({
    name: 'follow-up confirmation, 26 guests (previewFollowUp)',
    prepare: heldYear,
    run: (s, gathering: string) => {
      const p = s.run<{ emails: number }>('previewFollowUp', gathering);
      if (p.emails !== 26) throw new Error(`counted ${p.emails}`);
    },
    budget: within({ calls: 17, executions: 1 }),
  }),
  action({
    name: 'survey reminders to 100 (one call)',
    prepare: () => sentSurvey(100),
    run: (s, surveyId: string) => {
      const r = s.run<{ sent: string[] }>('remindSurvey', surveyId, 0, 500);
      if (r.sent.length !== 100) throw new Error(`reminded ${r.sent.length}`);
    },
    // 100 emails; reading the answers, the recipients, partners and contacts; two progress writes per 25.
    budget: within({ calls: 171 }),
  }),
  action({
    name: 'gathering follow-up to 40 partners, 26 with an email (one call)',
    prepare: heldYear,
    run: (s, gathering: string) => {
      const r = s.run<{ sent: string[] }>('sendFollowUp', gathering);
      if (r.sent.length !== 26) throw new Error(`followed up ${r.sent.length}`);
    },
    // 26 emails; two progress writes per 25 (one write per email before the one mail loop: 87 calls).
    budget: within({ calls: 63 }),
  }),
];
