// The intake Form's trigger: one answer that becomes a prospect (partner, main contact, vetting
// checklist), and one kept as a possible duplicate of a partner already in the sheet, at 400 and 5,000
// partners, with 20 answers taken in the hours before on the Intake Answers tab.
import type { AddOn } from '../../gas';
import type { IntakeForm } from '../../../src/shared/contract';
import { action, mustRun, within, type Action } from '../action';
import { seeded } from './core';

export const INTAKE_SIZES = [400, 5000] as const;

/** An applicant's answer, as a person fills in the intake Form. */
export function intakeAnswer(name: string, domain: string): Record<string, string | string[]> {
  return {
    'Organization name': name,
    Website: `${domain}`,
    'Focus areas': ['tutoring', 'family engagement'],
    'Services you offer': 'After-school homework help, twice a week.',
    'Populations you serve': 'English learners',
    'Grades you serve': ['3', '4', '5'],
    'When are you available?': 'Tuesdays and Thursdays after 3 pm',
    'Do you carry liability insurance?': 'We are getting it',
    'Are your staff and volunteers background-checked?': 'Some of our people are checked',
    References: 'Oak Street Elementary, principal Lee',
    'How did you hear about our school?': 'Newsletter',
    'Main contact: name': 'Rosa Ortiz',
    'Main contact: role': 'Director',
    'Main contact: email': `rosa@${domain}`,
    'Main contact: phone': '555-0100',
  };
}

interface Ready {
  readonly url: string;
  /** The name of a partner already in the sheet. */
  readonly existing: string;
}

/** Seeded with `partners`, the intake Form made, 20 answers taken an hour apart before. */
function withIntake(partners: number): { addOn: AddOn; state: Ready } {
  const addOn = seeded(partners);
  const form = mustRun<IntakeForm>(addOn, 'makeIntakeForm');
  // An hour apart, as answers come; the last one four hours before the one measured.
  for (let i = 0; i < 20; i++) {
    addOn.workspace.forms.submit(form.url, intakeAnswer(`Earlier applicant ${i}`, `earlier${i}.example.org`));
    addOn.workspace.clock.advance(60 * 60 * 1000);
  }
  addOn.workspace.clock.advance(3 * 60 * 60 * 1000);
  const d = mustRun<{ partners: { record: { name: string; source: string } }[] }>(addOn, 'getDirectory');
  const existing = d.partners.find((p) => p.record.source !== 'intake Form')?.record.name ?? '';
  return { addOn, state: { url: form.url, existing } };
}

/** The trigger's run for one answer; fails unless it did what it should (checked uncounted). */
function submitted(addOn: AddOn, url: string, answer: Record<string, string | string[]>): number {
  const { fired } = addOn.workspace.forms.submit(url, answer);
  for (const f of fired) if (f.error) throw new Error(`the trigger failed: ${f.error}`);
  return fired.length;
}

function lastStatus(addOn: AddOn): string {
  const t = addOn.workspace.inspect().tabs.find((x) => x.name === 'Intake Answers');
  const values = t?.values ?? [];
  return String(values[values.length - 1]?.[values[0]?.indexOf('Status') ?? -1] ?? '');
}

export const INTAKE: Action[] = INTAKE_SIZES.flatMap((n) => [
  action({
    name: `one intake answer adding a prospect, ${n.toLocaleString('en-US')} partners (trigger)`,
    partners: n,
    prepare: () => withIntake(n),
    run: (s, st: Ready) => {
      s.triggers(
        () => submitted(s.addOn, st.url, intakeAnswer('Hillside Homework Club', 'hillsidehomework.org')),
        (fired) => fired,
      );
      if (lastStatus(s.addOn) !== 'added') throw new Error(`the answer is ${lastStatus(s.addOn)}`);
    },
    // The Form's responses since the newest answer taken 2 + 1 each (2) + 1; the answer as typed 1 (its
    // prefilled link, read by the entry ids kept in the user's properties 2; item by item it was 45);
    // Intake Answers, Partners, Contacts and Vetting found by name and read 8; four rows written, each a
    // re-check, a block and its place 16; the tab, spreadsheet and Form of the trigger's answer 3, the
    // lock 3, ids 4, the zone and a flush 2.
    budget: within({ calls: 44, executions: 1 }),
  }),
  action({
    name: `one intake answer that is a possible duplicate, ${n.toLocaleString('en-US')} partners (trigger)`,
    partners: n,
    prepare: () => withIntake(n),
    run: (s, st: Ready) => {
      s.triggers(
        () => submitted(s.addOn, st.url, intakeAnswer(st.existing, 'elsewhere.example.org')),
        (fired) => fired,
      );
      if (lastStatus(s.addOn) !== 'possible duplicate')
        throw new Error(`the answer is ${lastStatus(s.addOn)}`);
    },
    // As above, without the Partners, Contacts and Vetting writes and the ids of the new rows.
    budget: within({ calls: 27, executions: 1 }),
  }),
]);
