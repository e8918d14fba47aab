// The year-end partnership report: the school year per partner and for the school, from what the sheet
// already holds (gatherings, check-ins, action items, surveys, agreements, needs). Two audiences: staff
// see everything the report covers; partners and the community get the same year without what is
// internal (review decisions, survey flags, each partner's own survey score). Pure.
import type {
  ActionItem,
  Agreement,
  CheckIn,
  Gathering,
  Need,
  Partner,
  Review,
  School,
  Survey,
} from '../../shared/records';
import type { PartnerSummary, ScaleStat } from '../../shared/survey';
import type { Block } from './agenda';
import { schoolYear } from './lifecycle';
import { isCurrent } from '../../shared/partner-status';
import { longDate } from './text';

export type ReportAudience = 'staff' | 'partners';

/** What the report reads of a survey's figures. */
export interface SurveyFigures {
  readonly scales: readonly ScaleStat[];
  readonly partners: readonly PartnerSummary[];
  readonly flaggedPartners: readonly string[];
}

export interface YearReportInput {
  readonly today: string;
  readonly audience: ReportAudience;
  readonly school: School | undefined;
  readonly partners: readonly Partner[];
  readonly agreements: readonly Agreement[];
  readonly checkIns: readonly CheckIn[];
  readonly gatherings: readonly Gathering[];
  readonly actionItems: readonly ActionItem[];
  readonly needs: readonly Need[];
  readonly reviews: readonly Review[];
  /** The surveys of the school year with their figures, oldest first. */
  readonly surveys: readonly { readonly survey: Survey; readonly summary: SurveyFigures }[];
}

export interface YearReport {
  readonly title: string;
  readonly blocks: Block[];
  readonly values: Record<string, string>;
  readonly tables: Record<string, string[][]>;
}

/** The first and last day of the school year that holds `today` ('2026-07-01' to '2027-06-30'). */
export function yearSpan(today: string): { year: string; from: string; to: string } {
  const year = schoolYear(today);
  const start = Number(year.slice(0, 4));
  return { year, from: `${start}-07-01`, to: `${start + 1}-06-30` };
}

/** Average of 5 with one decimal, as people say it: "3.9 of 5". */
export function outOfFive(mean: number | null): string {
  return mean === null ? '' : `${(Math.round(mean * 10) / 10).toFixed(1)} of 5`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const WORKING: ReadonlySet<string> = new Set(['onboarding', 'active', 'paused']);

export function yearReport(input: YearReportInput): YearReport {
  const { year, from, to } = yearSpan(input.today);
  const within = (date: string) => date >= from && date <= to;
  const staff = input.audience === 'staff';

  // Who the year was with: every partner working with the school, and those that ended this year.
  const ended = input.partners.filter((p) => p.status === 'ended' && within(p.updated.slice(0, 10)));
  const added = input.partners.filter((p) => WORKING.has(p.status) && within(p.created.slice(0, 10)));
  const withUs = input.partners
    .filter((p) => WORKING.has(p.status) || ended.includes(p))
    .sort((a, b) => a.name.localeCompare(b.name));

  const held = input.gatherings.filter((g) => g.status === 'held' && within(g.date));
  const checkIns = input.checkIns.filter((c) => within(c.date));
  const heldIds = new Set(held.map((g) => g.id));
  // An action step counts for the year when it came from one of its gatherings or was due within it.
  const ofYear = (a: ActionItem) => heldIds.has(a.gatheringId) || within(a.byWhen);
  const done = input.actionItems.filter((a) => a.status === 'done' && ofYear(a));
  const latestScore = new Map<string, string>();
  for (const { summary } of input.surveys)
    for (const p of summary.partners)
      if (p.overall !== null) latestScore.set(p.partnerId, outOfFive(p.overall));

  const partnerRows = withUs.map((p) => {
    const agreements = input.agreements.filter((a) => a.partnerId === p.id);
    const current = agreements.find((a) => isCurrent(a, input.today));
    const row = [
      p.status === 'ended' ? `${p.name} (ended)` : p.name,
      [p.focusAreas.join(', '), p.services].filter(Boolean).join(': '),
      p.schools,
      String(held.filter((g) => g.invited.includes(p.id)).length),
      String(checkIns.filter((c) => c.partnerId === p.id).length),
      String(done.filter((a) => a.partnerId === p.id).length),
      current ? `${current.type}${current.end ? ` until ${current.end}` : ''}` : 'none current',
    ];
    return staff ? [...row, latestScore.get(p.id) ?? ''] : row;
  });

  // A need met this year: marked met, and last changed this year (or never stamped, typed by hand).
  const met = input.needs.filter((n) => n.status === 'met' && (!n.updated || within(n.updated.slice(0, 10))));
  const open = input.needs.filter((n) => n.status === 'open' || n.status === 'being addressed');
  const needRow = (n: Need) => [n.school, n.focusArea, n.grades, n.description];

  const dimensionRows = input.surveys.flatMap(({ survey, summary }) =>
    summary.scales
      .filter((s) => s.mean !== null)
      .map((s) => [survey.title, s.title, outOfFive(s.mean), String(s.n)]),
  );

  const reviews = input.reviews.filter((r) => r.year === year && r.decision);
  const names = new Map(input.partners.map((p) => [p.id, p.name]));
  const flagged = [
    ...new Set(
      input.surveys.flatMap(({ summary }) => summary.flaggedPartners.map((id) => names.get(id) ?? id)),
    ),
  ];

  const school = input.school?.name ?? '';
  const blocks: Block[] = [
    { type: 'title', text: `${school ? `${school}: ` : ''}our partnerships in ${year}` },
    {
      type: 'paragraph',
      text: staff
        ? `For staff. The school year from ${longDate(from)} to ${longDate(to)}, as recorded in Partner Hub on ${longDate(input.today)}.`
        : `For our partners and community. The school year from ${longDate(from)} to ${longDate(to)}, as recorded on ${longDate(input.today)}.`,
    },
    { type: 'heading', text: 'The year at a glance' },
    { type: 'item', text: `${plural(withUs.length - ended.length, 'partner')} working with the school` },
    {
      type: 'item',
      text: `${plural(added.length, 'partner')} joined; ${plural(ended.length, 'partnership')} ended`,
    },
    {
      type: 'item',
      text: `${plural(held.length, 'gathering')} held, ${plural(checkIns.length, 'check-in')}`,
    },
    { type: 'item', text: `${plural(done.length, 'action step')} done` },
    { type: 'item', text: `${plural(met.length, 'need')} met, ${plural(open.length, 'need')} still open` },
    { type: 'heading', text: 'Partner by partner' },
    {
      type: 'paragraph',
      text: 'Gatherings are those held this year to which the partner was invited (attendance is not recorded).',
    },
    { type: 'table', table: 'partners' },
    { type: 'heading', text: 'Needs met' },
    { type: 'table', table: 'met' },
    { type: 'heading', text: 'Needs still open' },
    { type: 'table', table: 'open' },
    { type: 'heading', text: 'Marks of a strong partnership' },
    {
      type: 'paragraph',
      text: dimensionRows.length
        ? 'What partners answered on the surveys of the year, on a scale from 1 (strongly disagree) to 5 (strongly agree).'
        : 'No survey answers this year yet.',
    },
    ...(dimensionRows.length ? [{ type: 'table', table: 'dimensions' } as const] : []),
  ];
  if (staff) {
    blocks.push(
      { type: 'heading', text: 'For staff only' },
      {
        type: 'item',
        text: flagged.length
          ? `Flagged on a survey this year: ${flagged.join(', ')}.`
          : 'No partner was flagged on a survey this year.',
      },
      ...reviews.map((r): Block => ({
        type: 'item',
        text: `Annual review of ${names.get(r.partnerId) ?? r.partnerId}: ${r.decision}${r.decidedOn ? ` (${r.decidedOn})` : ''}.`,
      })),
    );
  }

  const none = (rows: string[][], width: number) =>
    rows.length ? rows : [['None.', ...Array.from({ length: width - 1 }, () => '')]];
  const partnerHeader = [
    'Partner',
    'Services',
    'Schools served',
    'Gatherings',
    'Check-ins',
    'Action steps done',
    'Agreement',
    ...(staff ? ['Latest survey average'] : []),
  ];
  return {
    title: `Year-end partnership report ${year}${staff ? ' (staff)' : ''}`,
    blocks,
    values: {},
    tables: {
      partners: [partnerHeader, ...none(partnerRows, partnerHeader.length)],
      met: [['School', 'Focus area', 'Grades', 'Need'], ...none(met.map(needRow), 4)],
      open: [['School', 'Focus area', 'Grades', 'Need'], ...none(open.map(needRow), 4)],
      dimensions: [['Survey', 'Question', 'Average', 'Answers'], ...dimensionRows],
    },
  };
}
