// Agenda content: the built-in templates (in our own words, after the guide's outline), the
// placeholders a school's own template may use, and the values and tables that fill them. Pure.
import type { ActionItem, Contact, Gathering, Partner, School } from '../../shared/records';
import type { GatheringKind } from '../../shared/schema';
import { CONVENING_ATTENDEES } from './schedule';
import { longDate } from './text';
import { PLACEHOLDERS } from '../../shared/placeholders';
import type { AgendaTable } from '../../shared/choices';

export { PLACEHOLDERS };

export type Block =
  | { readonly type: 'title'; readonly text: string }
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'item'; readonly text: string }
  | { readonly type: 'table'; readonly table: string };

const PLACEHOLDER = /\{\{\s*([a-zA-Z:.]+)\s*\}\}/g;

export function findPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

export function unknownPlaceholders(text: string): string[] {
  return findPlaceholders(text).filter((p) => !(p in PLACEHOLDERS));
}

export interface AgendaContext {
  readonly gathering: Gathering;
  readonly school: School | undefined;
  readonly partners: readonly Partner[];
  readonly contacts: readonly Contact[];
  readonly actionItems: readonly ActionItem[];
  readonly upcoming: readonly Gathering[];
}

export function contactLine(c: Contact): string {
  return [c.name, c.role, c.email, c.phone].filter(Boolean).join(', ');
}

export function placeholderValues(ctx: AgendaContext): Record<string, string> {
  const g = ctx.gathering;
  const s = ctx.school;
  const invited = ctx.partners.filter((p) => g.invited.includes(p.id));
  const one = invited.length === 1 ? invited[0] : undefined;
  return {
    'school.name': s?.name ?? '',
    'school.principal': s?.principal ?? '',
    'school.liaison': s?.liaison ?? '',
    'school.vision': s?.vision ?? '',
    'school.goals': s?.goals ?? '',
    'gathering.title': g.title,
    'gathering.kind': g.kind,
    'gathering.date': longDate(g.date),
    'gathering.time': g.start && g.end ? `${g.start}–${g.end}` : g.start,
    'gathering.location': g.location,
    'gathering.objectives': g.objectives,
    'gathering.topic': g.topic,
    'gathering.facilitator': g.facilitator,
    'gathering.noteTaker': g.noteTaker,
    'gathering.closer': g.closer,
    'partners.names': invited.map((p) => p.name).join(', '),
    'partner.name': one?.name ?? '',
    'partner.focusAreas': one?.focusAreas.join(', ') ?? '',
    'partner.services': one?.services ?? '',
    'partner.contacts': one
      ? ctx.contacts
          .filter((c) => c.partnerId === one.id)
          .map(contactLine)
          .join('; ')
      : '',
  };
}

/** The repeating data, as 2-D arrays of text that go into a Doc table in one call each. */
export function tableRows(ctx: AgendaContext, name: AgendaTable): string[][] {
  const g = ctx.gathering;
  switch (name) {
    case 'partners': {
      const rows = ctx.partners
        .filter((p) => g.invited.includes(p.id))
        .map((p) => {
          const people = ctx.contacts.filter((c) => c.partnerId === p.id);
          const primary = people.find((c) => c.primary) ?? people[0];
          return [p.name, p.focusAreas.join(', '), primary ? contactLine(primary) : ''];
        });
      return [
        ['Partner', 'Focus areas', 'Contact'],
        ...(rows.length ? rows : [['(no partners invited yet)', '', '']]),
      ];
    }
    case 'actionItems': {
      const names = new Map(ctx.partners.map((p) => [p.id, p.name]));
      const rows = ctx.actionItems
        .filter((a) => a.status === 'open')
        .map((a) => [a.what, [a.who, names.get(a.partnerId)].filter(Boolean).join(' · '), a.byWhen]);
      // Not "What | Who | By when": only the action-steps table is captured back to the sheet.
      return [
        ['Still open', 'Who', 'By when'],
        ...(rows.length ? rows : [['(no open action items)', '', '']]),
      ];
    }
    case 'upcoming': {
      const rows = ctx.upcoming.map((u) => [longDate(u.date), u.title, u.start ? `${u.start}–${u.end}` : '']);
      return [['Date', 'Gathering', 'Time'], ...(rows.length ? rows : [['(nothing scheduled)', '', '']])];
    }
    case 'actionSteps':
      return [
        ['What', 'Who', 'By when'],
        ['', '', ''],
        ['', '', ''],
      ];
  }
}

export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, key: string) => (key in values ? values[key] : whole));
}

const GATHERING: readonly Block[] = [
  { type: 'title', text: '{{gathering.title}}' },
  {
    type: 'paragraph',
    text: '{{school.name}} · {{gathering.date}} · {{gathering.time}} · {{gathering.location}}',
  },
  { type: 'heading', text: 'Meeting roles' },
  { type: 'item', text: 'Facilitation: {{gathering.facilitator}}' },
  { type: 'item', text: 'Notes: {{gathering.noteTaker}}' },
  { type: 'item', text: 'Closing reflection: {{gathering.closer}}' },
  { type: 'heading', text: 'Objectives' },
  { type: 'paragraph', text: '{{gathering.objectives}}' },
  { type: 'heading', text: 'Who is here' },
  { type: 'table', table: 'partners' },
  { type: 'heading', text: 'Community building (10 minutes)' },
  {
    type: 'paragraph',
    text: 'Open with a question everyone answers, school staff and partners alike, such as “What is one highlight from your past week?” In a large group, answer in pairs or small groups.',
  },
  { type: 'heading', text: 'Timely topic (40 minutes)' },
  { type: 'paragraph', text: '{{gathering.topic}}' },
  { type: 'heading', text: 'Upcoming (20 minutes)' },
  {
    type: 'paragraph',
    text: 'Opportunities, events and changes that affect the partnerships, then a round of partner updates.',
  },
  { type: 'table', table: 'upcoming' },
  { type: 'heading', text: 'Action steps (10 minutes)' },
  { type: 'paragraph', text: 'What will be done, by whom, by when, from today’s conversation.' },
  { type: 'table', table: 'actionSteps' },
  { type: 'paragraph', text: 'Still open from earlier gatherings:' },
  { type: 'table', table: 'actionItems' },
  { type: 'heading', text: 'Closing (10 minutes)' },
  { type: 'paragraph', text: 'A closing reflection, a word of thanks, or another way to close together.' },
];

const CHECK_IN: readonly Block[] = [
  { type: 'title', text: '{{gathering.title}}' },
  {
    type: 'paragraph',
    text: '{{partner.name}} and {{school.name}} · {{gathering.date}} · {{gathering.time}}',
  },
  { type: 'paragraph', text: 'Partner contacts: {{partner.contacts}}' },
  { type: 'heading', text: 'How it is going' },
  {
    type: 'paragraph',
    text: 'Services this period ({{partner.services}}): what went well, what got in the way.',
  },
  { type: 'heading', text: 'Progress toward shared goals' },
  { type: 'paragraph', text: '{{gathering.objectives}}' },
  { type: 'heading', text: 'Communication and logistics' },
  {
    type: 'paragraph',
    text: 'Schedules, space, staff contacts, data and safety requirements, upcoming events.',
  },
  { type: 'heading', text: 'Open action items' },
  { type: 'table', table: 'actionItems' },
  { type: 'heading', text: 'Next steps' },
  { type: 'table', table: 'actionSteps' },
];

const CONVENING: readonly Block[] = [
  { type: 'title', text: '{{gathering.title}}' },
  {
    type: 'paragraph',
    text: '{{school.name}} · {{gathering.date}} · {{gathering.time}} · {{gathering.location}}',
  },
  { type: 'heading', text: 'Goals' },
  { type: 'paragraph', text: '{{gathering.objectives}}' },
  { type: 'heading', text: 'Day 1' },
  { type: 'item', text: 'Welcome and the goals of our time together' },
  { type: 'item', text: 'Introductions and group norms' },
  { type: 'item', text: 'Brainstorm: shared assets and shared challenges' },
  { type: 'item', text: 'Break' },
  { type: 'item', text: 'Prioritize what matters most' },
  { type: 'item', text: 'Preview of day 2' },
  { type: 'heading', text: 'Day 2' },
  { type: 'item', text: 'Welcome back and an icebreaker' },
  { type: 'item', text: 'Review the themes from day 1' },
  { type: 'item', text: 'Goal-setting in small groups' },
  { type: 'item', text: 'Goal-setting as a whole group' },
  { type: 'item', text: 'Next steps and closing' },
  { type: 'heading', text: 'Who is here' },
  { type: 'table', table: 'partners' },
  { type: 'heading', text: 'Who else to invite' },
  ...CONVENING_ATTENDEES.map((who): Block => ({ type: 'item', text: who })),
  { type: 'heading', text: 'Next steps' },
  { type: 'table', table: 'actionSteps' },
  { type: 'heading', text: 'Follow-up' },
  {
    type: 'paragraph',
    text: 'Send the goals and next steps in writing, share photos only with a media release, ask when to meet again, and send the feedback survey.',
  },
];

export function builtInTemplate(kind: GatheringKind): readonly Block[] {
  if (kind === '1-on-1 check-in') return CHECK_IN;
  if (kind === 'goal-setting convening') return CONVENING;
  return GATHERING;
}

/** The text of the link line that ties an agenda Doc to its gathering, for the Docs sidebar. */
export const LINK_LINE = 'Partner Hub gathering';

export function linkLine(gatheringId: string): string {
  return `${LINK_LINE} ${gatheringId}`;
}

export const LINK_PATTERN = /Partner Hub gathering (G-[A-Za-z0-9]{4,40})/;
