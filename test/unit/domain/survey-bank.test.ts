import { SURVEY_KINDS } from '../../../src/shared/schema';
import {
  STRONG_PARTNERSHIP_DIMENSIONS,
  TOKEN_QUESTION_TITLE,
  asksForStudentData,
  checkQuestions,
  questionBank,
  type Question,
} from '../../../src/server/domain/survey-bank';

const scale = (id: string, title: string): Question => ({ id, type: 'scale', title, required: true });

function errorsOf(questions: unknown): string[] {
  const result = checkQuestions(questions);
  if (result.ok) throw new Error('expected a refusal');
  return result.errors;
}

describe('questionBank', () => {
  it.each(SURVEY_KINDS.map((k) => [k]))('%s passes its own check, with unique ids', (kind) => {
    const bank = questionBank(kind);
    const checked = checkQuestions(bank);
    expect(checked).toEqual({ ok: true, questions: bank });
    expect(new Set(bank.map((q) => q.id)).size).toBe(bank.length);
    expect(bank.some((q) => q.title === TOKEN_QUESTION_TITLE)).toBe(false);
  });

  it('end-of-year asks one agreement scale per strong-partnership dimension', () => {
    const bank = questionBank('end-of-year partnership survey');
    const scales = bank.filter((q) => q.type === 'scale');
    expect(scales.map((q) => q.dimension).sort()).toEqual([...STRONG_PARTNERSHIP_DIMENSIONS].sort());
    expect(bank.map((q) => q.id)).toEqual(
      expect.arrayContaining(['trust', 'worked', 'improve', 'next-year']),
    );
    const numbers = bank.filter((q) => q.type === 'number');
    expect(numbers.length).toBeGreaterThan(0);
    for (const q of numbers) {
      expect(q.title).toMatch(/in total/i);
      expect(q.help).toMatch(/total/i);
    }
  });

  it('annual review asks what worked, what did not, how to move forward, and the preferred decision', () => {
    const bank = questionBank('annual partnership review');
    expect(bank.map((q) => q.id)).toEqual(
      expect.arrayContaining([
        'worked',
        'did-not-work',
        'move-forward',
        'goals-met',
        'roles-clear',
        'would-continue',
      ]),
    );
    const decision = bank.find((q) => q.id === 'decision');
    expect(decision?.type).toBe('choice');
    expect(decision?.choices?.map((c) => c.split(' ')[0])).toEqual(['Continue', 'Expand', 'Change', 'Bring']);
    expect(decision?.choices?.[3]).toMatch(/end/);
  });

  it('convening feedback asks about usefulness, next steps, voice and when to meet again', () => {
    const bank = questionBank('convening feedback');
    const ids = bank.map((q) => q.id);
    expect(ids).toEqual(['useful', 'next-steps', 'voice', 'valuable', 'change', 'meet-again']);
    expect(bank.filter((q) => q.type === 'scale')).toHaveLength(3);
  });

  it('gives a fresh copy each time', () => {
    const first = questionBank('annual partnership review');
    first[0].title = 'changed';
    first.find((q) => q.id === 'decision')?.choices?.push('Other');
    const second = questionBank('annual partnership review');
    expect(second[0].title).not.toBe('changed');
    expect(second.find((q) => q.id === 'decision')?.choices).toHaveLength(4);
  });
});

describe('checkQuestions', () => {
  it('accepts an edited list and trims titles, help and choices', () => {
    const result = checkQuestions([
      { id: 'custom-1', type: 'text', title: '  Anything else?  ', help: '  ', required: false },
      { id: 'when', type: 'choice', title: 'When?', required: true, choices: [' Soon ', 'Later'] },
      { id: 'x', type: 'scale', title: 'x'.repeat(300), required: true, dimension: 'trust' },
    ]);
    expect(result).toEqual({
      ok: true,
      questions: [
        { id: 'custom-1', type: 'text', title: 'Anything else?', required: false },
        { id: 'when', type: 'choice', title: 'When?', required: true, choices: ['Soon', 'Later'] },
        { id: 'x', type: 'scale', title: 'x'.repeat(300), required: true, dimension: 'trust' },
      ],
    });
  });

  it.each([
    ['not a list', { id: 'a' }, /must be a list/],
    ['an empty list', [], /at least one question/],
    [
      '41 questions',
      Array.from({ length: 41 }, (_, i) => scale(`q${i}`, `Q${i}`)),
      /at most 40 questions; this one has 41/,
    ],
  ])('refuses %s', (_name, input, message) => {
    expect(errorsOf(input)).toEqual([expect.stringMatching(message)]);
  });

  const ok = { id: 'q', type: 'text', title: 'Fine?', required: false };
  it.each([
    ['a non-object', 'just text', /is not a question/],
    ['an array', [ok], /is not a question/],
    ['an unknown field', { ...ok, color: 'blue' }, /unknown field "color"/],
    ['an upper-case id', { ...ok, id: 'Trust' }, /needs an id/],
    ['an id with spaces', { ...ok, id: 'my q' }, /needs an id/],
    ['a 41-character id', { ...ok, id: 'a'.repeat(41) }, /needs an id/],
    ['a missing id', { type: 'text', title: 'Fine?', required: false }, /needs an id/],
    ['an unknown type', { ...ok, type: 'date' }, /unknown type/],
    ['a blank title', { ...ok, title: '   ' }, /needs a title/],
    ['a title over 300 characters', { ...ok, title: 'x'.repeat(301) }, /title is too long/],
    ['a title on two lines', { ...ok, title: 'One\nTwo' }, /on one line/],
    ['the response-code title', { ...ok, title: TOKEN_QUESTION_TITLE }, /response code/],
    ['help over 500 characters', { ...ok, help: 'x'.repeat(501) }, /help text is too long/],
    ['help that is not text', { ...ok, help: 5 }, /help text must be text/],
    ['a missing required flag', { id: 'q', type: 'text', title: 'Fine?' }, /required/],
    ['a required flag as text', { ...ok, required: 'yes' }, /required/],
    ['choices on a text question', { ...ok, choices: ['a', 'b'] }, /only a choice question/],
    ['a choice question without choices', { ...ok, type: 'choice' }, /2 to 20 different choices/],
    ['a single choice', { ...ok, type: 'choice', choices: ['Yes'] }, /2 to 20/],
    [
      '21 choices',
      { ...ok, type: 'choice', choices: Array.from({ length: 21 }, (_, i) => `c${i}`) },
      /2 to 20/,
    ],
    ['an empty choice', { ...ok, type: 'choice', choices: ['Yes', '  '] }, /2 to 20/],
    [
      'a choice over 100 characters',
      { ...ok, type: 'choice', choices: ['Yes', 'x'.repeat(101)] },
      /at most 100/,
    ],
    ['a repeated choice', { ...ok, type: 'choice', choices: ['Yes', 'No', ' yes'] }, /"yes" is listed twice/],
    ['a dimension on a text question', { ...ok, dimension: 'trust' }, /only a scale/],
    ['an unknown dimension', { ...ok, type: 'scale', dimension: 'vibes' }, /unknown dimension/],
  ])('refuses %s', (_name, question, message) => {
    const errors = errorsOf([scale('first', 'First'), question]);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.startsWith('Question 2'))).toBe(true);
    expect(errors.some((e) => message.test(e))).toBe(true);
  });

  it('refuses a repeated id or title, naming both questions', () => {
    expect(errorsOf([scale('trust', 'We trust each other.'), scale('trust', 'Another')])).toEqual([
      'Question 2 ("Another"): its id "trust" is already used by question 1.',
    ]);
    expect(errorsOf([scale('a', 'Same title'), scale('b', ' same TITLE ')])).toEqual([
      'Question 2 ("same TITLE"): the same title is already used by question 1.',
    ]);
  });

  it('reports every problem, each naming the question by position and title', () => {
    const errors = errorsOf([
      scale('a', 'Fine'),
      { id: 'B', type: 'text', title: 'Bad id', required: false },
      { id: 'c', type: 'quiz', title: 'Bad type', required: false },
    ]);
    expect(errors).toEqual([
      expect.stringMatching(/^Question 2 \("Bad id"\): needs an id/),
      expect.stringMatching(/^Question 3 \("Bad type"\): has an unknown type/),
    ]);
  });

  it.each([
    ['title', 'Please list the students you served this year.'],
    ['title', 'Which students attended most often?'],
    ['title', 'Name of the student'],
    ['title', 'Student names (first and last)'],
    ['title', "What is the student's name?"],
    ['title', 'Student’s full name'],
    ['title', 'Student ID'],
    ['title', 'Student ID number of each participant'],
    ['title', 'Date of birth'],
    ['title', 'Birthdate'],
    ['title', 'Child DOB'],
    ['title', 'Home address of each family'],
    ['title', 'What is the address of the family?'],
    ['title', 'Tell us about an individual student you worked with'],
    ['help', "Include each child's name and birth date."],
    ['help', 'Add the names of the families who came.'],
  ])('refuses a question that asks for student-level data in its %s: %s', (where, text) => {
    const question = where === 'title' ? scale('q', text) : { ...scale('q', 'Who came?'), help: text };
    const errors = errorsOf([scale('first', 'First'), question]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Question 2 \(".+"\): asks about individual students or families/);
    expect(errors[0]).toMatch(/ask for totals instead/);
  });

  it.each([
    'How many students did you serve in total?',
    'How many families took part in your programs this year?',
    'What worked well for students this year?',
    "What is your organization's name?",
    'Which student groups did you reach?',
    'How can we address gaps in services next year?',
    'What email address should we use for your organization?',
    'Did students and families find the sessions useful?',
    'Which grades did you serve?',
  ])('lets an ordinary partnership question pass: %s', (title) => {
    expect(asksForStudentData(title)).toBe(false);
    expect(checkQuestions([scale('q', title)]).ok).toBe(true);
  });
});
