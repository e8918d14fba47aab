// The questions a partner survey starts from, and the check a person's edited list must pass before a
// Form is built from it. Pure: the Form adapter turns these into Form items and adds the token question.
import type { SurveyKind } from '../../shared/schema';
import {
  SCALE,
  STRONG_PARTNERSHIP_DIMENSIONS,
  TOKEN_QUESTION_TITLE,
  type Question,
  type QuestionType,
  type StrongPartnershipDimension,
} from '../../shared/survey';

export { SCALE, STRONG_PARTNERSHIP_DIMENSIONS, TOKEN_QUESTION_TITLE };
export type { Question, QuestionType, StrongPartnershipDimension };

export const MAX_QUESTIONS = 40;
export const MAX_TITLE = 300;
export const MAX_HELP = 500;
export const MAX_CHOICES = 20;
export const MAX_CHOICE = 100;
const QUESTION_ID = /^[a-z0-9-]{1,40}$/;
const TYPES: readonly QuestionType[] = ['scale', 'text', 'paragraph', 'number', 'choice'];
const FIELDS = new Set(['id', 'type', 'title', 'help', 'required', 'dimension', 'choices']);

const RELATIONSHIP_HELP = 'Think of the school leaders and staff your organization works with most.';

const END_OF_YEAR: readonly Question[] = [
  {
    id: 'trust',
    type: 'scale',
    title: 'Our organization and the school trust each other.',
    help: RELATIONSHIP_HELP,
    required: true,
    dimension: 'trust',
  },
  {
    id: 'respect',
    type: 'scale',
    title: "The school values our organization's expertise and treats us as an equal partner.",
    required: true,
    dimension: 'mutual respect',
  },
  {
    id: 'decisions',
    type: 'scale',
    title: 'Decisions about our work at the school are made together with school staff.',
    required: true,
    dimension: 'shared decision making',
  },
  {
    id: 'flexibility',
    type: 'scale',
    title: 'The partnership adjusts well when the needs of the school or its students change.',
    required: true,
    dimension: 'flexibility',
  },
  {
    id: 'communication',
    type: 'scale',
    title: 'Communication between our organization and the school is regular and open.',
    required: true,
    dimension: 'communication',
  },
  {
    id: 'expectations',
    type: 'scale',
    title: 'Our roles, and what each side can expect of the other, are clear.',
    required: true,
    dimension: 'clear expectations',
  },
  {
    id: 'accountability',
    type: 'scale',
    title: 'Our organization and the school hold ourselves jointly responsible for the goals we share.',
    required: true,
    dimension: 'shared accountability',
  },
  {
    id: 'worked',
    type: 'paragraph',
    title: 'What worked well in our partnership this year?',
    required: false,
  },
  {
    id: 'improve',
    type: 'paragraph',
    title: 'What could we do better together?',
    required: false,
  },
  {
    id: 'next-year',
    type: 'paragraph',
    title: 'What are your plans or hopes for next year at our school?',
    required: false,
  },
  {
    id: 'students-served',
    type: 'number',
    title: 'In total, how many students did your organization serve at our school this year?',
    help: 'A single total, please: leave out names and any other details about students.',
    required: false,
  },
  {
    id: 'families-served',
    type: 'number',
    title: 'In total, how many families did your organization serve at our school this year?',
    help: 'A single total, please: leave out names and any other details about families.',
    required: false,
  },
];

const ANNUAL_REVIEW: readonly Question[] = [
  {
    id: 'goals-met',
    type: 'scale',
    title: 'This year the partnership reached the goals we set together.',
    required: true,
  },
  {
    id: 'roles-clear',
    type: 'scale',
    title: "Each side's roles and responsibilities were clear, and each side followed through on them.",
    required: true,
    dimension: 'clear expectations',
  },
  {
    id: 'communication',
    type: 'scale',
    title: 'We were in touch often and openly enough to do the work well.',
    required: true,
    dimension: 'communication',
  },
  {
    id: 'would-continue',
    type: 'scale',
    title: 'Our organization would like to keep working with the school.',
    required: true,
  },
  {
    id: 'worked',
    type: 'paragraph',
    title: 'What worked in the partnership this year?',
    required: false,
  },
  {
    id: 'did-not-work',
    type: 'paragraph',
    title: 'What did not work, or got in the way?',
    required: false,
  },
  {
    id: 'move-forward',
    type: 'paragraph',
    title: 'How should we move forward? What would you change about roles, services or schedule?',
    required: false,
  },
  {
    id: 'decision',
    type: 'choice',
    title: 'What would you like to happen to the partnership next year?',
    help: 'Your preference starts the conversation at the annual review; the decision is made together.',
    required: true,
    choices: ['Continue as it is', 'Expand it', 'Change how it works', 'Bring it to an end'],
  },
];

const CONVENING_FEEDBACK: readonly Question[] = [
  {
    id: 'useful',
    type: 'scale',
    title: 'The convening was a good use of my time.',
    required: true,
  },
  {
    id: 'next-steps',
    type: 'scale',
    title: 'I know what the next steps are, who will take them and by when.',
    required: true,
    dimension: 'clear expectations',
  },
  {
    id: 'voice',
    type: 'scale',
    title: "My organization's voice was heard and helped shape what was decided.",
    required: true,
    dimension: 'shared decision making',
  },
  {
    id: 'valuable',
    type: 'paragraph',
    title: 'What was most valuable to you?',
    required: false,
  },
  {
    id: 'change',
    type: 'paragraph',
    title: 'What should we change for the next convening?',
    required: false,
  },
  {
    id: 'meet-again',
    type: 'choice',
    title: 'When should we come together again?',
    required: false,
    choices: [
      'Within a month',
      'In two or three months',
      'In about six months',
      'Next school year',
      'Only when a need comes up',
    ],
  },
];

const BANKS: Record<SurveyKind, readonly Question[]> = {
  'end-of-year partnership survey': END_OF_YEAR,
  'annual partnership review': ANNUAL_REVIEW,
  'convening feedback': CONVENING_FEEDBACK,
};

/** The starting questions for a kind of survey: a fresh copy each call, free to edit. */
export function questionBank(kind: SurveyKind): Question[] {
  const bank = BANKS[kind] ?? [];
  return bank.map((q) => (q.choices ? { ...q, choices: [...q.choices] } : { ...q }));
}

// Patterns that ask about one young person or family rather than totals. Matched against lower-cased
// text with straight apostrophes and single spaces. "How many students did you serve?" matches none.
const YOUNG = String.raw`(?:students?|child(?:ren)?|kids?|youth|famil(?:y|ies)|parents?|guardians?)`;
const STUDENT_DATA: readonly RegExp[] = [
  // student name(s), student's name, students' names, child's first name
  new RegExp(
    String.raw`\b(?:student|child|kid|youth|family|parent|guardian)(?:s|'s|s'|ren|ren's)?\s+(?:(?:first|last|full|given)\s+)?names?\b`,
  ),
  // name(s) of the student(s), names of each family
  new RegExp(
    String.raw`\bnames?\s+of\s+(?:the\s+|each\s+|every\s+|all\s+|any\s+|your\s+|those\s+)?${YOUNG}\b`,
  ),
  // students by name, name each student
  new RegExp(String.raw`\b${YOUNG}\s+by\s+name\b`),
  new RegExp(String.raw`\bname\s+(?:the\s+|each\s+|every\s+|all\s+|any\s+)${YOUNG}\b`),
  // which student(s) / which families
  new RegExp(
    String.raw`\bwhich\s+(?:of\s+(?:the|your)\s+)?${YOUNG}\b(?!\s+(?:groups?|populations?|grades?|programs?|services?))`,
  ),
  // list the students, list of families, list each child
  new RegExp(String.raw`\blist\s+(?:of\s+)?(?:the\s+|all\s+|each\s+|every\s+|your\s+|any\s+)?${YOUNG}\b`),
  // an individual student, individual families
  new RegExp(String.raw`\b(?:individual|particular|specific)\s+${YOUNG}\b`),
  // student ID, student id number, student identifier
  /\b(?:student|child|youth)(?:'s)?[\s-]*(?:id|ids|i\.d|identifiers?|identification)\b/,
  /\b(?:ssn|social security)\b/,
  // date of birth, birthdate, birth date, birthday, DOB
  /\b(?:date\s+of\s+birth|birth\s?dates?|birthdays?|dob|d\.o\.b)\b/,
  // home address, a student's address, the addresses of families
  /\b(?:home|street|mailing|postal|residential)\s+address(?:es)?\b/,
  new RegExp(
    String.raw`\b(?:student|child|kid|youth|family|parent|guardian)(?:s|'s|s'|ren|ren's)?\s+(?:home\s+)?address(?:es)?\b`,
  ),
  new RegExp(String.raw`\baddress(?:es)?\s+of\s+(?:the\s+|each\s+|every\s+|all\s+|your\s+)?${YOUNG}\b`),
  /\bwhere\s+(?:each|the|your)\s+(?:students?|child(?:ren)?|famil(?:y|ies))\s+lives?\b/,
];

/** True when the text asks about an individual young person or family (names, ids, birthdates, addresses). */
export function asksForStudentData(text: string): boolean {
  const plain = text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/g, ' ');
  return STUDENT_DATA.some((pattern) => pattern.test(plain));
}

const STUDENT_DATA_MESSAGE =
  'asks about individual students or families. Partner Hub keeps individual youth and families out of ' +
  'these surveys; ask for totals instead (for example, "How many students did you serve in total?").';

type Checked = { ok: true; questions: Question[] } | { ok: false; errors: string[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

// Line breaks and other control characters have no place in a title or an option.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// Help may run over several lines.
// eslint-disable-next-line no-control-regex
const CONTROL_IN_HELP = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Checks a list a person edited in the sidebar (dropped, reordered or added questions). Reports every
 * problem, each naming the question by position and title; on success gives the questions back with
 * titles, help and choices trimmed and empty help left out.
 */
export function checkQuestions(questions: unknown): Checked {
  if (!Array.isArray(questions)) return { ok: false, errors: ['The questions must be a list.'] };
  if (questions.length === 0) return { ok: false, errors: ['A survey needs at least one question.'] };
  if (questions.length > MAX_QUESTIONS) {
    return {
      ok: false,
      errors: [`A survey holds at most ${MAX_QUESTIONS} questions; this one has ${questions.length}.`],
    };
  }
  const errors: string[] = [];
  const out: Question[] = [];
  const ids = new Map<string, number>();
  const titles = new Map<string, number>();
  questions.forEach((raw: unknown, index) => {
    const position = index + 1;
    if (!isPlainObject(raw)) {
      errors.push(`Question ${position}: is not a question.`);
      return;
    }
    const title = typeof raw.title === 'string' ? raw.title.trim() : '';
    const name = title ? `Question ${position} ("${clip(title)}")` : `Question ${position}`;
    const problems: string[] = [];

    for (const key of Object.keys(raw)) {
      if (!FIELDS.has(key)) problems.push(`has an unknown field "${clip(key)}".`);
    }

    const id = raw.id;
    if (typeof id !== 'string' || !QUESTION_ID.test(id)) {
      problems.push('needs an id of 1 to 40 lower-case letters, digits or dashes.');
    } else if (ids.has(id)) {
      problems.push(`its id "${id}" is already used by question ${ids.get(id)}.`);
    } else {
      ids.set(id, position);
    }

    const type = raw.type;
    const knownType = typeof type === 'string' && (TYPES as readonly string[]).includes(type);
    if (!knownType) problems.push(`has an unknown type; use one of: ${TYPES.join(', ')}.`);

    if (typeof raw.title !== 'string' || !title) problems.push('needs a title.');
    else if (title.length > MAX_TITLE)
      problems.push(`the title is too long (at most ${MAX_TITLE} characters).`);
    else if (CONTROL.test(title)) problems.push('the title must be on one line.');
    else if (title.toLowerCase() === TOKEN_QUESTION_TITLE.toLowerCase()) {
      problems.push('this title is kept for the response code that Partner Hub adds itself.');
    } else if (titles.has(title.toLowerCase())) {
      // The response tab names its columns by title: two equal titles could not be told apart.
      problems.push(`the same title is already used by question ${titles.get(title.toLowerCase())}.`);
    } else {
      titles.set(title.toLowerCase(), position);
    }

    let help: string | undefined;
    if (raw.help !== undefined) {
      if (typeof raw.help !== 'string') problems.push('the help text must be text.');
      else if (raw.help.trim().length > MAX_HELP) {
        problems.push(`the help text is too long (at most ${MAX_HELP} characters).`);
      } else if (CONTROL_IN_HELP.test(raw.help))
        problems.push('the help text holds characters that cannot be shown.');
      else help = raw.help.trim() || undefined;
    }

    if (typeof raw.required !== 'boolean')
      problems.push('must say whether an answer is required (true or false).');

    let dimension: StrongPartnershipDimension | undefined;
    if (raw.dimension !== undefined) {
      const known = (STRONG_PARTNERSHIP_DIMENSIONS as readonly unknown[]).includes(raw.dimension);
      if (!known)
        problems.push(`has an unknown dimension; use one of: ${STRONG_PARTNERSHIP_DIMENSIONS.join(', ')}.`);
      else if (type !== 'scale') problems.push('only a scale question can measure a dimension.');
      else dimension = raw.dimension as StrongPartnershipDimension;
    }

    let choices: string[] | undefined;
    if (type === 'choice') {
      const checked = checkChoices(raw.choices);
      if (typeof checked === 'string') problems.push(checked);
      else choices = checked;
    } else if (raw.choices !== undefined) {
      problems.push('only a choice question can have choices.');
    }

    const texts = [title, help ?? ''];
    if (texts.some(asksForStudentData)) problems.push(STUDENT_DATA_MESSAGE);

    for (const problem of problems) errors.push(`${name}: ${problem}`);
    if (problems.length === 0) {
      const question: Question = {
        id: id as string,
        type: type as QuestionType,
        title,
        required: raw.required as boolean,
      };
      if (help !== undefined) question.help = help;
      if (dimension !== undefined) question.dimension = dimension;
      if (choices !== undefined) question.choices = choices;
      out.push(question);
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, questions: out };
}

function checkChoices(raw: unknown): string[] | string {
  const rule = `needs ${2} to ${MAX_CHOICES} different choices of at most ${MAX_CHOICE} characters each.`;
  if (!Array.isArray(raw) || raw.length < 2 || raw.length > MAX_CHOICES) return rule;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of raw as unknown[]) {
    if (typeof item !== 'string') return rule;
    const choice = item.trim();
    if (!choice || choice.length > MAX_CHOICE) return rule;
    if (CONTROL.test(choice)) return 'each choice must be on one line.';
    if (seen.has(choice.toLowerCase())) return `the choice "${clip(choice)}" is listed twice.`;
    seen.add(choice.toLowerCase());
    out.push(choice);
  }
  return out;
}
