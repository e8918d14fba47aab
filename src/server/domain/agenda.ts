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
  /** A short line above the title: the school's name. */
  | { readonly type: 'kicker'; readonly text: string }
  | { readonly type: 'title'; readonly text: string }
  /** A part of the meeting that takes `minutes` of it: its heading gets its clock times (see `timed`). */
  | { readonly type: 'segment'; readonly minutes: number; readonly text: string }
  /** A meeting role and who takes it (a placeholder key), or a line to write a name on. */
  | { readonly type: 'role'; readonly label: string; readonly key: string }
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'item'; readonly text: string }
  | { readonly type: 'table'; readonly table: string }
  /** Where an image goes once the Doc is made: a paragraph holding only `marker`, replaced by the image. */
  | { readonly type: 'image'; readonly marker: string };

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
    'gathering.time': timeRange(g.start, g.end),
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
          // Who comes, not how to reach them: an agenda is handed around the room.
          return [
            p.name,
            p.focusAreas.join(', '),
            primary ? [primary.name, primary.role].filter(Boolean).join(', ') : '',
          ];
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
      const rows = ctx.upcoming.map((u) => [longDate(u.date), u.title, timeRange(u.start, u.end)]);
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
  { type: 'kicker', text: '{{school.name}}' },
  { type: 'title', text: '{{gathering.title}}' },
  { type: 'paragraph', text: '{{gathering.date}} · {{gathering.time}} · {{gathering.location}}' },
  { type: 'role', label: 'Facilitator', key: 'gathering.facilitator' },
  { type: 'role', label: 'Note-taker', key: 'gathering.noteTaker' },
  { type: 'role', label: 'Closing reflection', key: 'gathering.closer' },
  { type: 'heading', text: 'Why we are meeting' },
  { type: 'paragraph', text: '{{gathering.objectives}}' },
  { type: 'heading', text: 'Who is here' },
  { type: 'table', table: 'partners' },
  { type: 'segment', minutes: 10, text: 'Community building' },
  {
    type: 'paragraph',
    text: 'A question everyone answers, school staff and partners alike, such as “What is one highlight from your past week?” In a large group, we answer in pairs or small groups.',
  },
  { type: 'segment', minutes: 40, text: 'Timely topic' },
  { type: 'paragraph', text: '{{gathering.topic}}' },
  { type: 'segment', minutes: 20, text: 'Coming up' },
  {
    type: 'paragraph',
    text: 'Opportunities, events and changes that affect our partnerships, then a round of partner updates.',
  },
  { type: 'table', table: 'upcoming' },
  { type: 'segment', minutes: 10, text: 'Action steps' },
  { type: 'paragraph', text: 'What will be done, by whom, by when, from today’s conversation.' },
  { type: 'table', table: 'actionSteps' },
  { type: 'paragraph', text: 'Still open from earlier gatherings:' },
  { type: 'table', table: 'actionItems' },
  { type: 'segment', minutes: 10, text: 'Closing' },
  { type: 'paragraph', text: 'A closing reflection, a word of thanks, or another way to close together.' },
];

const CHECK_IN: readonly Block[] = [
  { type: 'kicker', text: '{{school.name}}' },
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
  { type: 'kicker', text: '{{school.name}}' },
  { type: 'title', text: '{{gathering.title}}' },
  { type: 'paragraph', text: '{{gathering.date}} · {{gathering.time}} · {{gathering.location}}' },
  { type: 'role', label: 'Facilitator', key: 'gathering.facilitator' },
  { type: 'role', label: 'Note-taker', key: 'gathering.noteTaker' },
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

/**
 * The last line of an agenda Doc, linked to the partner spreadsheet with the gathering's id in the link's
 * fragment: how the Docs sidebar finds its gathering, with no internal id in the text.
 */
export const LINK_TEXT = 'Open this gathering in the partner spreadsheet';

/** The link of that line: the spreadsheet, and the gathering (Sheets ignores the fragment). */
export function gatheringLink(spreadsheetUrl: string, gatheringId: string): string {
  return `${spreadsheetUrl.replace(/#.*$/, '')}#ph-gathering=${gatheringId}`;
}

export const LINK_FRAGMENT = /#ph-gathering=(G-[A-Za-z0-9]{4,40})$/;

/** The line Docs made before this version ended with: "Partner Hub gathering G-…", linked to the spreadsheet. */
export const OLD_LINK_PATTERN = /Partner Hub gathering (G-[A-Za-z0-9]{4,40})/;

/** 'HH:mm' on a 12-hour clock, as a US school reads it: '15:30' → '3:30 PM'. '' stays ''. */
export function clock(time: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) return time.trim();
  const h = Number(m[1]);
  return `${((h + 11) % 12) + 1}:${m[2]} ${h < 12 ? 'AM' : 'PM'}`;
}

/** '3:30–5:00 PM', or '11:30 AM–12:10 PM' across noon; the start alone without an end. */
export function timeRange(start: string, end: string): string {
  const [a, b] = [clock(start), clock(end)];
  if (!a || !b) return a || b;
  const [pa, pb] = [a.slice(-2), b.slice(-2)];
  return pa === pb ? `${a.slice(0, -3)}–${b}` : `${a}–${b}`;
}

function minutesOf(time: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function hhmm(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * The segments with their clock times ("3:30–3:40 PM · Community building"), spread over the
 * gathering's own length: a 60-minute gathering gives each part its share, in whole minutes, the last
 * ending at the gathering's end. Without a start and an end, a segment says its length.
 */
export function timed(blocks: readonly Block[], start: string, end: string): Block[] {
  const total = blocks.reduce((n, b) => n + (b.type === 'segment' ? b.minutes : 0), 0);
  const from = minutesOf(start);
  let to = minutesOf(end);
  if (to !== null && from !== null && to <= from) to = null;
  let elapsed = 0;
  return blocks.map((b): Block => {
    if (b.type !== 'segment') return b;
    if (from === null || to === null || total === 0)
      return { type: 'heading', text: `${b.text} (${b.minutes} minutes)` };
    const at = (n: number) => from + Math.round(((to - from) * n) / total);
    const label = timeRange(hhmm(at(elapsed)), hhmm(at(elapsed + b.minutes)));
    elapsed += b.minutes;
    return { type: 'heading', text: `${label} · ${b.text}` };
  });
}
