// The headline figures through the built add-on: the header, the Needs view and the Dashboard tab
// count the same, a survey's flags are told apart, and a plan added twice adds nothing the second time.
import { loadAddOn, type AddOn } from '../../dev/gas';
import { DEMO_YEAR, seedDemoSchool, signEmails } from '../../dev/preview/demo';
import type {
  AddedGathering,
  GapsView,
  GatheringDraft,
  Listed,
  SidebarHome,
  SurveyView,
  ViewTables,
} from '../../src/shared/contract';
import { gatheringGlance } from '../../src/shared/gathering-dates';
import type { NeedFigures, SurveyFigures } from '../../src/shared/figures';
import type { Survey } from '../../src/shared/records';
import type { Question } from '../../src/shared/survey';
import { FIRST_PAGE } from '../../src/shared/boot';
import { directory, ok } from './helpers';

const TOKEN_TITLE = 'Response code (filled in for you; please leave as is)';

function demo(today = '2026-11-30'): AddOn {
  const addOn = loadAddOn({ now: () => new Date(`${today}T15:00:00Z`) });
  seedDemoSchool(addOn, today);
  return addOn;
}

const dashboardValue = (addOn: AddOn, label: string) =>
  addOn.workspace
    .inspect()
    .tabs.find((t) => t.name === 'Dashboard')
    ?.values.find((r) => r[0] === label)?.[1];

describe('need figures', () => {
  it('are the same in the first screen, the Needs view, a recount and the Dashboard tab', () => {
    const addOn = demo();
    const home = ok<SidebarHome>(addOn, 'getHome', FIRST_PAGE);
    const gaps = ok<GapsView>(addOn, 'getGaps');
    const recount = ok<NeedFigures>(addOn, 'getNeedFigures');
    expect(home.needs).toEqual({ open: 8, unmet: 3, pending: 0, covered: 5 });
    expect(gaps.figures).toEqual(home.needs);
    expect(recount).toEqual(home.needs);
    expect(gaps.report.needs.filter((n) => n.status === 'unmet')).toHaveLength(home.needs.unmet);
    ok(addOn, 'writeDashboard');
    expect(
      ['Open needs', 'Unmet needs', 'Pending needs', 'Covered needs'].map((l) => dashboardValue(addOn, l)),
    ).toEqual([8, 3, 0, 5]);
    expect(dashboardValue(addOn, 'Check-ins overdue')).toBe(home.glance.overdue);
    expect(dashboardValue(addOn, 'Check-ins due in the next 7 days')).toBe(home.glance.dueSoon);
    expect(dashboardValue(addOn, 'Agreements expiring')).toBe(home.glance.expiring);
    expect(home.glance.expiring).toBe(gaps.report.counts['agreement expiring']);
    expect(home.glance.overdue).toBe(gaps.report.counts['check-in overdue']);
  });

  it('count a need linked to its partner as covered, and a save of that link as a change of the figures', () => {
    const addOn = demo();
    const gaps = ok<GapsView>(addOn, 'getGaps');
    const active = new Set(
      directory(addOn)
        .partners.filter((p) => p.record.status === 'active')
        .map((p) => p.record.id),
    );
    const unmetNeeds = gaps.report.needs.filter((n) => n.status === 'unmet');
    const need = directory(addOn).needs.find(
      (n) =>
        unmetNeeds.some((u) => u.needId === n.record.id) &&
        (gaps.linkable[n.record.focusArea] ?? []).some((id) => active.has(id)),
    );
    if (!need) throw new Error('no unmet need an active partner could meet');
    const partner = (gaps.linkable[need.record.focusArea] ?? []).find((id) => active.has(id));
    const { id, created: _c, updated: _u, ...values } = need.record;
    const saved = ok<{ status: string }>(addOn, 'saveNeed', {
      id,
      version: need.version,
      values: { ...values, metBy: String(partner) },
    });
    expect(saved.status).toBe('saved');
    const after = ok<GapsView>(addOn, 'getGaps');
    expect(after.report.needs.find((n) => n.needId === need.record.id)).toEqual({
      needId: need.record.id,
      status: 'covered',
      partnerIds: [String(partner)],
    });
    expect(ok<NeedFigures>(addOn, 'getNeedFigures')).toEqual({
      ...gaps.figures,
      unmet: gaps.figures.unmet - 1,
      covered: gaps.figures.covered + 1,
    });
  });
});

describe('survey flags', () => {
  it('tells partners below the threshold from answers with a bad code, the same in the view and the Dashboard', () => {
    const addOn = demo('2027-05-20');
    signEmails(addOn);
    const bank = ok<{ questions: Question[] }>(addOn, 'surveyQuestions', 'end-of-year partnership survey');
    const survey = ok<Listed<Survey>>(addOn, 'createSurvey', {
      kind: 'end-of-year partnership survey',
      title: 'Our year',
      questions: bank.questions,
      opens: '2027-05-20',
      closes: '2027-06-10',
      threshold: 3,
    }).record;
    const partners = directory(addOn)
      .partners.filter((p) => p.record.status === 'active')
      .slice(0, 2)
      .map((p) => p.record.id);
    ok(addOn, 'sendSurvey', {
      surveyId: survey.id,
      subject: 'How did we do?',
      message: 'Please answer: {{survey.link}}',
      audience: 'primary',
      partnerIds: partners,
      batch: 500,
    });
    const links = addOn.workspace.mail.sent.map(
      (m) => /https:\/\/docs\.google\.com\/forms\/\S+/.exec(m.body)?.[0],
    );
    const scaleTitles = addOn.workspace.services.FormApp.openById(survey.formId)
      .getItems()
      .filter((i) => String(i.getType()) === 'SCALE')
      .map((i) => i.getTitle());
    const answer = (score: number) => Object.fromEntries(scaleTitles.map((t) => [t, score]));
    // Two partners below 3 (flagged for review); no answer with a bad code.
    for (const link of links) addOn.workspace.forms.submit(String(link), answer(2));
    const refreshed = ok<{ responses: number; matched: number } & SurveyFigures>(
      addOn,
      'refreshResponses',
      survey.id,
    );
    expect(refreshed).toEqual({ responses: 2, matched: 2, flaggedPartners: 2, flaggedAnswers: 0 });
    // Then one answer with a made-up code: flagged, and counted for no partner.
    addOn.workspace.forms.submit(survey.formUrl, { ...answer(4), [TOKEN_TITLE]: 'made-up-code' });
    const again = ok<SurveyFigures>(addOn, 'refreshResponses', survey.id);
    expect(again).toMatchObject({ flaggedPartners: 2, flaggedAnswers: 1 });
    const view = ok<SurveyView>(addOn, 'getSurvey', survey.id);
    expect(view.summary.partners.filter((p) => p.flagged)).toHaveLength(again.flaggedPartners);
    expect(view.flags).toHaveLength(again.flaggedAnswers);
    ok(addOn, 'writeDashboard');
    expect(dashboardValue(addOn, 'Partners flagged for review: Our year')).toBe(2);
    expect(dashboardValue(addOn, 'Survey answers flagged: Our year')).toBe(1);
  });
});

describe('gatherings added', () => {
  it('says which gatherings a call added: planning the year a second time adds none', () => {
    const addOn = demo();
    const drafts = ok<GatheringDraft[]>(addOn, 'planYear', DEMO_YEAR);
    const first = ok<AddedGathering[]>(addOn, 'addGatherings', drafts, []);
    expect(first.map((g) => g.added)).toEqual(drafts.map(() => true));
    const second = ok<AddedGathering[]>(addOn, 'addGatherings', drafts, []);
    expect(second.map((g) => g.added)).toEqual(drafts.map(() => false));
    expect(second.map((g) => g.record.id)).toEqual(first.map((g) => g.record.id));
    expect(directory(addOn).gatherings).toHaveLength(drafts.length);
  });
});

describe('the Dashboard view', () => {
  const draft = (title: string, date: string): GatheringDraft => ({
    kind: 'multi-partner gathering',
    title,
    date,
    start: '15:30',
    end: '17:00',
    location: 'Library',
    objectives: '',
    topic: '',
  });

  it('opens with the gatherings of the week as the Gatherings view counts them', () => {
    const addOn = demo();
    ok<AddedGathering[]>(
      addOn,
      'addGatherings',
      [
        draft('Winter gathering', '2026-12-03'),
        draft('Next month', '2027-01-12'),
        draft('Last week', '2026-11-19'),
        draft('Today', '2026-11-30'),
      ],
      [],
    );
    const home = ok<SidebarHome>(addOn, 'getHome', FIRST_PAGE);
    expect(home.gatherings.week.map((g) => [g.title, g.date, g.agenda, g.onCalendar])).toEqual([
      ['Today', '2026-11-30', false, false],
      ['Winter gathering', '2026-12-03', false, false],
    ]);
    expect(home.gatherings.unanswered).toBe(1);
    const tables = ok<Partial<ViewTables>>(addOn, 'getTables', ['gatherings']);
    expect(
      gatheringGlance(
        (tables.gatherings ?? []).map((g) => g.record),
        home.today,
      ),
    ).toEqual(home.gatherings);
  });

  it('"Open the Dashboard tab" writes what "Update the Dashboard tab" writes, and shows the tab', () => {
    const addOn = demo();
    ok(addOn, 'writeDashboard');
    const written = addOn.workspace.inspect().tabs.find((t) => t.name === 'Dashboard')?.values;
    // The coordinator goes back to the Partners tab (a new tab is the active one, as in Sheets).
    const ss = addOn.workspace.spreadsheet;
    ss.getSheetByName('Partners')?.activate();
    expect(ss.getActiveSheet().getName()).toBe('Partners');
    expect(ok(addOn, 'openDashboard')).toEqual({ tab: 'Dashboard' });
    expect(ss.getActiveSheet().getName()).toBe('Dashboard');
    expect(addOn.workspace.inspect().tabs.find((t) => t.name === 'Dashboard')?.values).toEqual(written);
  });
});
