// Puts a payload in every text field a person can type, through the server functions the sidebars
// call: the school, a partner with its contact and check-in, a need, a gathering with roles and action
// items, and a survey with the payload as its title, a question, a choice, the email and an answer.
import type { AddOn } from '../../dev/gas';
import type { Directory, Listed, SaveResult, SendResult } from '../../src/shared/contract';
import type { FieldValue, Gathering, Partner, Survey } from '../../src/shared/records';
import { TABLES, type Table } from '../../src/shared/schema';
import type { Question } from '../../src/shared/survey';
import { ok, saved } from './fixture';
import { fit, type Payload } from './payloads';

/** A field's value as the sheet keeps it: trimmed, and on one line unless it is long text. */
export function stored(table: Table, key: string, text: string): string {
  const column = table.columns.find((c) => c.key === key);
  const cut = fit(text, column?.max ?? 500);
  return column?.type === 'longtext' ? cut.trim() : cut.trim().replace(/\s+/g, ' ');
}

/** Every editable field of a record, for a save that changes only some of them. */
export function editable(table: Table, record: object): Record<string, FieldValue> {
  const r = record as Record<string, FieldValue>;
  return Object.fromEntries(
    table.columns.filter((c) => c.type !== 'id' && c.type !== 'timestamp').map((c) => [c.key, r[c.key]]),
  );
}

/** The payload in each of these fields, cut to the field's length. */
export function texts(table: Table, keys: readonly string[], text: string): Record<string, string> {
  return Object.fromEntries(
    keys.map((k) => [k, fit(text, table.columns.find((c) => c.key === k)?.max ?? 500)]),
  );
}

/** Every contact email of the spreadsheet: the only addresses an email or an invitation may go to. */
export function contactEmails(addOn: AddOn): Set<string> {
  return new Set(
    ok<Directory>(addOn, 'getDirectory')
      .contacts.map((c) => c.record.email.toLowerCase())
      .filter(Boolean),
  );
}

export interface Seeded {
  readonly partner: Listed<Partner>;
  readonly gathering: Listed<Gathering>;
  readonly survey: Listed<Survey>;
  readonly contactEmail: string;
  /** How many fields took the payload. */
  readonly fields: number;
}

const save = <T>(addOn: AddOn, fn: string, request: object) => ok<SaveResult<T>>(addOn, fn, request);

/** The school's text fields: its name signs emails; its vision goes into agendas and overviews. */
export function seedSchool(addOn: AddOn, p: Payload): void {
  const school = ok<Directory>(addOn, 'getDirectory').schools[0];
  saved(
    save(addOn, 'saveSchool', {
      id: school.record.id,
      version: school.version,
      values: {
        ...editable(TABLES.schools, school.record),
        ...texts(TABLES.schools, ['name', 'principal', 'liaison', 'vision', 'goals'], p.text),
      },
    }),
  );
}

/** `index` keeps the contact's address apart when several payloads share a spreadsheet. */
export function seedPayload(addOn: AddOn, p: Payload, index: number, otherPartnerId: string): Seeded {
  const T = TABLES;
  let fields = 0;
  const fill = (table: Table, keys: readonly string[]) => (
    (fields += keys.length),
    texts(table, keys, p.text)
  );

  // A partner whose every text field holds the payload; the web address only where it is one.
  const base = {
    ...fill(T.partners, [
      'name',
      'services',
      'schools',
      'grades',
      'populations',
      'liaison',
      'funding',
      'notes',
    ]),
    status: 'active',
    focusAreas: ['tutoring', 'mentoring'],
    cadence: 'monthly',
  };
  const withSite = save<Partner>(addOn, 'savePartner', { values: { ...base, website: p.text } });
  let partner: Listed<Partner>;
  if (withSite.status === 'saved') {
    partner = withSite.entry;
    fields += 1;
  } else {
    expect(withSite).toMatchObject({
      status: 'invalid',
      errors: { website: expect.stringMatching(/\bthe website\b/) },
    });
    partner = saved(save<Partner>(addOn, 'savePartner', { values: base }));
  }
  expect(partner.record.name).toBe(stored(T.partners, 'name', p.text));
  const pid = partner.record.id;

  // Its contact: the payload as the email is refused; a real address carries the rest.
  const contactEmail = `payload${index}.contact@partner.example`;
  const person = fill(T.contacts, ['name', 'role']);
  expect(save(addOn, 'saveContact', { values: { ...person, partnerId: pid, email: p.text } })).toMatchObject({
    status: 'invalid',
  });
  saved(
    save(addOn, 'saveContact', { values: { ...person, partnerId: pid, email: contactEmail, primary: true } }),
  );
  saved(
    save(addOn, 'logCheckIn', {
      values: {
        partnerId: pid,
        date: '2026-08-20',
        ...fill(T.checkIns, ['attendees', 'notes', 'followUps']),
      },
    }),
  );
  saved(
    save(addOn, 'saveNeed', {
      values: {
        ...fill(T.needs, ['school', 'grades', 'description']),
        focusArea: 'mentoring',
        status: 'open',
      },
    }),
  );

  // A gathering planned from a draft, then its roles and notes edited, and two action items.
  const [added] = ok<Listed<Gathering>[]>(
    addOn,
    'addGatherings',
    [
      {
        kind: 'multi-partner gathering',
        date: '2026-09-24',
        start: '15:30',
        end: '17:00',
        ...fill(T.gatherings, ['title', 'location', 'objectives', 'topic']),
      },
    ],
    [pid, otherPartnerId],
  );
  const gathering = saved(
    save<Gathering>(addOn, 'saveGathering', {
      id: added.record.id,
      version: added.version,
      values: {
        ...editable(T.gatherings, added.record),
        ...fill(T.gatherings, ['facilitator', 'noteTaker', 'closer', 'notes']),
      },
    }),
  );
  for (const partnerId of [pid, otherPartnerId]) {
    saved(
      save(addOn, 'saveActionItem', {
        values: {
          ...fill(T.actionItems, ['what', 'who']),
          gatheringId: gathering.record.id,
          partnerId,
          status: 'open',
        },
      }),
    );
  }

  // A survey titled with the payload, with a scale, a choice and the bank's questions.
  const bank = ok<{ questions: Question[] }>(addOn, 'surveyQuestions', 'end-of-year partnership survey');
  const line = p.text.replace(/[\r\n]+/g, ' ');
  const scale: Question = {
    id: 'custom-scale',
    type: 'scale',
    title: fit(p.text, 300),
    required: false,
    help: fit(p.text, 500),
  };
  const choice: Question = {
    id: 'custom-choice',
    type: 'choice',
    title: `Choose: ${fit(line, 200)}`,
    required: false,
    choices: [fit(line, 100), 'Other'],
  };
  const request = {
    kind: 'end-of-year partnership survey',
    title: fit(p.text, 200),
    questions: [scale, choice, ...bank.questions],
    opens: '',
    closes: '',
    threshold: 3,
  };
  let outcome = addOn.run('createSurvey', request);
  if (!outcome.ok) {
    // A question title on two lines is refused with a message; on one line it is kept.
    expect(outcome.message).toMatch(/one line/);
    outcome = addOn.run('createSurvey', {
      ...request,
      questions: [{ ...scale, title: fit(line, 300) }, choice, ...bank.questions],
    });
  }
  if (!outcome.ok) throw new Error(`createSurvey failed: ${outcome.message}`);
  fields += 5;
  return { partner, gathering, survey: outcome.value as Listed<Survey>, contactEmail, fields };
}

/** Sends the survey with the payload as subject and message; the payload partner answers with it. */
export function answerSurvey(addOn: AddOn, s: Seeded, p: Payload, otherPartnerId: string): void {
  const w = addOn.workspace;
  const sent = ok<SendResult>(addOn, 'sendSurvey', {
    surveyId: s.survey.record.id,
    subject: fit(p.text, 500),
    message: `${fit(p.text, 4900)}\n{{survey.link}}\n{{partner.name}} {{contact.name}} {{survey.title}}`,
    audience: 'all',
    partnerIds: [s.partner.record.id, otherPartnerId],
    batch: 50,
  });
  expect(sent.failed).toEqual([]);
  expect(sent.sent).toContain(s.contactEmail);
  const form = w.forms.inspect().find((f) => f.id === s.survey.record.formId);
  const mail = w.mail.sent.find(
    (m) => m.to[0] === s.contactEmail && form && m.body.includes(form.publishedUrl),
  );
  const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(mail?.body ?? '')?.[0];
  if (!link) throw new Error('The survey email carries no Form link.');
  // A 2 on every scale, the first choice, and the payload in every text answer.
  const answers: Record<string, string | number> = {};
  for (const item of form?.items ?? []) {
    if (item.title.startsWith('Response code')) continue;
    if (item.type === 'SCALE') answers[item.title] = 2;
    else if (item.type === 'MULTIPLE_CHOICE') answers[item.title] = item.choices[0];
    else if (item.type === 'PARAGRAPH_TEXT') answers[item.title] = p.text;
  }
  w.forms.submit(link, answers);
  ok(addOn, 'refreshResponses', s.survey.record.id);
}
