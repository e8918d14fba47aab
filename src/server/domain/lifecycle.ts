// The partnership lifecycle: vetting a prospect, onboarding to active, and the annual review; and the
// Docs that carry them to people outside the sheet. Pure.
import type { ActionItem, Agreement, CheckIn, Contact, Partner, School, Vetting } from '../../shared/records';
import { VETTING_CRITERIA } from '../../shared/schema';
import { isCurrent } from '../../shared/partner-status';
import { contactLine, type Block } from './agenda';

/** '2026-27' for any date from July 2026 to June 2027. */
export function schoolYear(today: string): string {
  const year = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 7 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export interface ReviewInput {
  readonly partner: Partner;
  readonly checkIns: readonly CheckIn[];
  readonly actionItems: readonly ActionItem[];
  readonly agreements: readonly Agreement[];
  /** The partner's average on the latest survey's scales, if it answered one. */
  readonly surveyScore: number | null;
  readonly today: string;
}

/** What the year shows, for the review conversation: check-ins, survey, open actions, agreements. */
export function reviewEvidence(input: ReviewInput): string[] {
  const year = schoolYear(input.today);
  const start = `${year.slice(0, 4)}-07-01`;
  const mine = input.checkIns.filter((c) => c.partnerId === input.partner.id && c.date >= start);
  const open = input.actionItems.filter((a) => a.partnerId === input.partner.id && a.status === 'open');
  const agreements = input.agreements.filter((a) => a.partnerId === input.partner.id);
  const current = agreements.filter((a) => isCurrent(a, input.today));
  return [
    `Check-ins this school year: ${mine.length}${
      mine.length
        ? ` (latest ${mine
            .map((c) => c.date)
            .sort()
            .at(-1)})`
        : ''
    }.`,
    input.surveyScore === null
      ? 'No survey answers yet.'
      : `Average on the latest partner survey: ${Math.round(input.surveyScore * 100) / 100} of 5.`,
    `Open action items: ${open.length}${open.length ? ` (${open.map((a) => a.what).join('; ')})` : ''}.`,
    current.length
      ? `Current agreements: ${current.map((a) => `${a.type}${a.end ? ` until ${a.end}` : ''}`).join(', ')}.`
      : 'No current agreement.',
  ];
}

export const REVIEW_QUESTIONS = ['What worked?', 'What did not work?', 'How do we move forward?'];

/** The vetting checklist as a Doc, to share with whoever helps decide. */
export function vettingDoc(
  partner: Partner,
  v: Vetting | undefined,
): { blocks: Block[]; values: Record<string, string>; tables: Record<string, string[][]> } {
  return {
    blocks: [
      { type: 'title', text: 'Vetting checklist: {{partner.name}}' },
      { type: 'paragraph', text: 'Focus areas: {{partner.focusAreas}}. Services: {{partner.services}}' },
      { type: 'table', table: 'checklist' },
      { type: 'heading', text: 'Decision' },
      { type: 'paragraph', text: '{{vetting.decision}}' },
    ],
    values: {
      'partner.name': partner.name,
      'partner.focusAreas': partner.focusAreas.join(', '),
      'partner.services': partner.services,
      'vetting.decision': v?.decision
        ? `${v.decision}${v.decidedBy ? ` by ${v.decidedBy}` : ''}${v.decidedOn ? ` on ${v.decidedOn}` : ''}`
        : 'Not decided yet.',
    },
    tables: {
      checklist: [
        ['Criterion', 'Rating', 'Notes'],
        ...VETTING_CRITERIA.map(([key, label]) => [
          label,
          v?.[key] || '',
          (v?.[`${key}Note` as keyof Vetting] as string) || '',
        ]),
      ],
    },
  };
}

/** A partnership agreement to fill together: the companion of an MOU. */
export function agreementDoc(partner: Partner, school: School | undefined, contacts: readonly Contact[]) {
  return {
    blocks: [
      { type: 'title', text: 'Partnership agreement: {{partner.name}} and {{school.name}}' },
      { type: 'heading', text: 'Program and services' },
      { type: 'paragraph', text: '{{partner.services}}' },
      { type: 'paragraph', text: 'Focus areas: {{partner.focusAreas}}. Grades: {{partner.grades}}.' },
      { type: 'heading', text: 'Roles and responsibilities' },
      { type: 'table', table: 'roles' },
      { type: 'heading', text: 'Communication plan' },
      {
        type: 'paragraph',
        text: 'Check-ins {{partner.cadence}} with {{partner.liaison}}; partner contacts: {{partner.contacts}}.',
      },
      { type: 'heading', text: 'Data and safety' },
      {
        type: 'paragraph',
        text: 'Only aggregate data is shared unless a data-sharing agreement says otherwise. Staff working with students complete background checks where required and follow the school’s safety and security guidelines.',
      },
      { type: 'heading', text: 'Shared goals' },
      { type: 'paragraph', text: '{{school.goals}}' },
    ] as Block[],
    values: {
      'partner.name': partner.name,
      'partner.services': partner.services,
      'partner.focusAreas': partner.focusAreas.join(', '),
      'partner.grades': partner.grades,
      'partner.cadence': partner.cadence || 'regularly',
      'partner.liaison': partner.liaison || 'the school liaison',
      'partner.contacts': contacts
        .filter((c) => c.partnerId === partner.id)
        .map(contactLine)
        .join('; '),
      'school.name': school?.name ?? '',
      'school.goals': school?.goals ?? '',
    },
    tables: {
      roles: [
        ['', 'The school', partner.name],
        ['Provides', '', ''],
        [
          'Point of contact',
          school?.liaison ?? '',
          contacts.find((c) => c.partnerId === partner.id && c.primary)?.name ?? '',
        ],
        ['Reports', '', ''],
      ],
    },
  };
}

/** For staff: who does what, for which grades, and how to reach them. */
export function staffDirectoryDoc(
  partners: readonly Partner[],
  contacts: readonly Contact[],
  school: School | undefined,
) {
  const active = partners.filter((p) => p.status === 'active').sort((a, b) => a.name.localeCompare(b.name));
  return {
    blocks: [
      { type: 'title', text: 'Our community partners' },
      { type: 'paragraph', text: '{{school.name}}: who does what, for which grades, and how to reach them.' },
      { type: 'table', table: 'partners' },
    ] as Block[],
    values: { 'school.name': school?.name ?? '' },
    tables: {
      partners: [
        ['Partner', 'What they do', 'Grades', 'Contact'],
        ...active.map((p) => {
          const people = contacts.filter((c) => c.partnerId === p.id);
          const contact = people.find((c) => c.primary) ?? people[0];
          return [
            p.name,
            [p.focusAreas.join(', '), p.services].filter(Boolean).join(': '),
            p.grades,
            contact ? contactLine(contact) : '',
          ];
        }),
      ],
    },
  };
}

/** For a new administrator or liaison: the vision, the partners, roles, agreements and what is open. */
export function overviewDoc(input: {
  school: School | undefined;
  partners: readonly Partner[];
  agreements: readonly Agreement[];
  actionItems: readonly ActionItem[];
  today: string;
}) {
  const active = input.partners.filter((p) => p.status === 'active');
  const pipeline = input.partners.filter((p) => ['prospect', 'vetting', 'onboarding'].includes(p.status));
  const names = new Map(input.partners.map((p) => [p.id, p.name]));
  return {
    blocks: [
      { type: 'title', text: 'Partnership overview: {{school.name}}' },
      {
        type: 'paragraph',
        text: 'For a new administrator or liaison: how our partnerships work, who they are with, and what is open now.',
      },
      { type: 'heading', text: 'Our vision for partnerships' },
      { type: 'paragraph', text: '{{school.vision}}' },
      { type: 'heading', text: 'Goals' },
      { type: 'paragraph', text: '{{school.goals}}' },
      { type: 'heading', text: 'Roles' },
      {
        type: 'paragraph',
        text: 'Principal: {{school.principal}}. Partnership liaison: {{school.liaison}}.',
      },
      { type: 'heading', text: 'Active partners' },
      { type: 'table', table: 'active' },
      { type: 'heading', text: 'Agreements' },
      { type: 'table', table: 'agreements' },
      { type: 'heading', text: 'In the pipeline' },
      { type: 'table', table: 'pipeline' },
      { type: 'heading', text: 'Open action items' },
      { type: 'table', table: 'open' },
    ] as Block[],
    values: {
      'school.name': input.school?.name ?? '',
      'school.vision': input.school?.vision ?? '',
      'school.goals': input.school?.goals ?? '',
      'school.principal': input.school?.principal ?? '',
      'school.liaison': input.school?.liaison ?? '',
    },
    tables: {
      active: [
        ['Partner', 'Focus areas', 'Liaison', 'Check-ins'],
        ...active.map((p) => [p.name, p.focusAreas.join(', '), p.liaison, p.cadence]),
      ],
      agreements: [
        ['Partner', 'Agreement', 'Status', 'Ends'],
        ...input.agreements
          .filter((a) => names.has(a.partnerId))
          .map((a) => [
            names.get(a.partnerId) ?? '',
            a.type,
            isCurrent(a, input.today) ? 'current' : a.status,
            a.end,
          ]),
      ],
      pipeline: [['Partner', 'Status'], ...pipeline.map((p) => [p.name, p.status])],
      open: [
        ['What', 'Who', 'By when'].map((h) => (h === 'What' ? 'Still open' : h)),
        ...input.actionItems.filter((a) => a.status === 'open').map((a) => [a.what, a.who, a.byWhen]),
      ],
    },
  };
}
