// The new-survey form: the kind, title, dates and threshold, the questions of the kind's bank (untick to
// drop, arrows to reorder), questions of one's own, and "Create the Form".
import { type Question, type QuestionType } from '../../shared/survey';
import { SURVEY_KINDS, type SurveyKind } from '../../shared/schema';
import { call } from '../common/run';
import { h, replace } from '../common/dom';
import { busy, focusHeading, reload, say, state, view } from './app';
import { byId, field, showSurvey, showSurveys } from './surveys';

/** A question of the form, with whether it is kept (ticked). */
type Choosable = Question & { keep: boolean };

export async function newSurvey(kind: SurveyKind = 'end-of-year partnership survey'): Promise<void> {
  const bank = await busy('Loading questions…', () => call('surveyQuestions', kind));
  if (!bank) return;
  const questions: Choosable[] = bank.questions.map((q) => ({ ...q, keep: true }));
  const kindSelect = h(
    'select',
    { onchange: () => newSurvey(kindSelect.value as SurveyKind) },
    ...SURVEY_KINDS.map((k) => h('option', { value: k, selected: k === kind }, k)),
  );
  const title = h('input', {
    type: 'text',
    value: `${kind[0].toUpperCase()}${kind.slice(1)} ${state.directory?.today.slice(0, 4) ?? ''}`,
  });
  const opens = h('input', { type: 'date', value: state.directory?.today ?? '' });
  const closes = h('input', { type: 'date' });
  const threshold = h('input', { type: 'number', min: 1, max: 5, step: 0.1, value: 3 });
  const list = h('ol', { class: 'plain', 'aria-label': 'Questions' });
  const render = () => renderQuestions(list, questions, render);
  render();
  const create = () => createSurvey(kind, { title, opens, closes, threshold }, questions);
  replace(
    view,
    h('h2', { tabindex: '-1', id: 'new-survey-title' }, 'New survey'),
    field('Kind', kindSelect, 'survey-kind'),
    field('Title', title, 'survey-title'),
    field('Opens', opens, 'survey-opens'),
    field('Closes', closes, 'survey-closes'),
    field(
      'Flag partners whose average is below',
      threshold,
      'survey-threshold',
      'On the 1–5 scales; flagged partners are marked for the annual review.',
    ),
    h('h3', {}, 'Questions'),
    h(
      'p',
      { class: 'help' },
      'Untick to drop, use the arrows to reorder. Ask about the partnership, never about individual students or families.',
    ),
    list,
    ownQuestion(questions, render),
    h(
      'div',
      { class: 'actions' },
      h('button', { class: 'action', onclick: create, id: 'create-form' }, 'Create the Form'),
      h('button', { onclick: () => showSurveys() }, 'Cancel'),
    ),
  );
  focusHeading('new-survey-title');
}

/** "Create the Form" with the kept questions, then the survey's page. */
async function createSurvey(
  kind: SurveyKind,
  form: {
    title: HTMLInputElement;
    opens: HTMLInputElement;
    closes: HTMLInputElement;
    threshold: HTMLInputElement;
  },
  questions: readonly Choosable[],
): Promise<void> {
  const { title, opens, closes, threshold } = form;
  const chosen: Question[] = questions.filter((q) => q.keep).map(({ keep: _keep, ...q }) => q);
  const made = await busy(
    'Creating the Form…',
    () =>
      call('createSurvey', {
        kind,
        title: title.value,
        questions: chosen,
        opens: opens.value,
        closes: closes.value,
        threshold: threshold.value === '' ? null : Number(threshold.value),
      }),
    byId('create-form'),
  );
  if (!made) return;
  await reload();
  await showSurvey(made.record.id);
  say('The Form is ready. Preview the email, then send it.', 'info', byId('preview-mail'));
}

/** The questions as a list: a tick to keep each, and arrows that move it (then `render` draws the list again). */
function renderQuestions(list: HTMLElement, questions: Choosable[], render: () => void): void {
  replace(
    list,
    ...questions.map((q, i) => {
      const id = `q-keep-${i}`;
      const keep = h('input', {
        type: 'checkbox',
        id,
        checked: q.keep,
        onchange: () => (questions[i] = { ...q, keep: keep.checked }),
      });
      const move = (by: number) => {
        const j = i + by;
        if (j < 0 || j >= questions.length) return;
        [questions[i], questions[j]] = [questions[j], questions[i]];
        render();
        (
          list.querySelectorAll('button')[Math.max(0, j * 2 + (by > 0 ? 1 : 0))] as HTMLElement | undefined
        )?.focus();
      };
      return h(
        'li',
        {},
        h('div', { class: 'check' }, keep, h('label', { for: id }, q.title)),
        h('span', { class: 'meta' }, q.type === 'scale' ? 'scale 1–5' : q.type),
        h('button', { class: 'link', 'aria-label': `Move up: ${q.title}`, onclick: () => move(-1) }, '↑'),
        h('button', { class: 'link', 'aria-label': `Move down: ${q.title}`, onclick: () => move(1) }, '↓'),
      );
    }),
  );
}

/** "Add your own question": its type, text and choices; added at the end of `questions`. */
function ownQuestion(questions: Choosable[], render: () => void): HTMLElement {
  const ownType = h(
    'select',
    {},
    ...(['text', 'paragraph', 'scale', 'number', 'choice'] as QuestionType[]).map((t) =>
      h('option', { value: t }, t),
    ),
  );
  const ownTitle = h('input', { type: 'text', maxlength: 300 });
  const ownChoices = h('input', { type: 'text', placeholder: 'For a choice: options separated by commas' });
  let custom = 0;
  const add = () => {
    if (!ownTitle.value.trim()) return say('Type the question first.', 'error', byId('add-question'));
    custom += 1;
    const type = ownType.value as QuestionType;
    const choices =
      type === 'choice'
        ? ownChoices.value
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean)
        : undefined;
    questions.push({
      id: `custom-${Date.now().toString(36)}-${custom}`,
      type,
      title: ownTitle.value.trim(),
      required: false,
      choices,
      keep: true,
    });
    ownTitle.value = '';
    ownChoices.value = '';
    render();
    say('Question added at the end.', 'info', byId('add-question'));
  };
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Add your own question'),
    field('Type', ownType, 'own-type'),
    field('Question', ownTitle, 'own-title'),
    field('Choices', ownChoices, 'own-choices'),
    h('button', { onclick: add, id: 'add-question' }, 'Add question'),
  );
}
