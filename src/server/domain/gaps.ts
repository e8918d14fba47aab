// Gap analysis and the network landscape: which needs no partner meets, where services are duplicated,
// which partners carry a risk (one funding source, no current agreement, an agreement about to end, a
// check-in overdue), and, across a network of schools, who serves what where. Pure: the Gaps tab and the
// sidebar both show what this returns.
//
// Matching rules
// - Schools are compared by `schoolKey`: case, spacing, punctuation and accents do not matter
//   ("Lincoln Elem.", "lincoln  elem" and "LINCOLN-ELEM" are one school).
// - The schools analysed: the Schools tab, plus any school a need names that the tab lacks. When the
//   Schools tab is empty, the schools that needs and partners name. A partner naming a school outside
//   that set gets a note, not a school of its own (it is most often a typo).
// - A partner serves a school when its "Schools served" cell (names separated by commas, semicolons or
//   line breaks) names it. With `singleSchool: true` the spreadsheet is one school's: every partner
//   serves it and every need is at it, whatever the cells say.
// - Grades are free text read by `parseGrades`: 'K-4', '3 to 8', '6, 7, 8', 'PK-2', '6th-8th',
//   'middle', 'all', ''. Empty or 'all' means every grade; text that cannot be read also means every
//   grade, with a note, so a typo never hides a partner.
// - Focus areas are compared like schools (ignoring case, spacing and punctuation).
// - Only needs whose status is 'open' or 'being addressed' are analysed; every other need is skipped
//   and counted in `skippedNeeds`.
// - A need (school, focus area, grades, service) is covered by a partner that serves the school, lists
//   the focus area, whose grades overlap the need's and, when the need names a service ("weekend food"),
//   whose services say each of its words (a word of the need may be the start of a word in the services:
//   "tutor" matches "tutoring"). Each analysed need gets exactly one status: 'covered' (at least one
//   active partner covers it), 'pending' (no active one, but one in onboarding, vetting or paused does)
//   or 'unmet'.
// - A need linked to a partner ("Met by partner ID") is covered by that partner alone when it is
//   active, pending when it is onboarding, vetting or paused; a link to any other partner (ended, a
//   prospect, not on the Partners tab) is noted and the need is matched as if it had none.
// - Duplicated services: at one school, two or more active partners with the same focus area whose
//   grades overlap, grouped so that partners linked by overlapping grades form one group, reported once
//   with the grades that at least two of them serve.
// - Single funding source (`singleFunded`) and overdue check-ins (`checkInState`) are reported for
//   partners in service (active, onboarding); "no current agreement" (`isCurrent`) for active partners;
//   expiring agreements (`expiringAgreements`) for partners in service. These are the definitions the
//   header and the Dashboard count with (src/server/domain/partners.ts).
// - A partner-level finding names the partner's school when it serves exactly one, else ''.
// - Findings are sorted by severity, then school (school-wide ones last), then kind.
import type { Finding, FindingKind, GapReport, Landscape, NeedStatus, Severity } from '../../shared/gaps';

export type { Finding, FindingKind, GapReport, Landscape, NeedStatus, Severity };
import type { Agreement, Need, Partner, School } from '../../shared/records';
import { FOCUS_AREAS } from '../../shared/schema';
import { isIsoDate } from '../../shared/fields';
import { daysBetween } from '../../shared/dates';
import { checkInState, expiringAgreements, isCurrent, singleFunded } from '../../shared/partner-status';
import { fold } from '../../shared/partner-filter';

export const FINDING_KINDS: readonly FindingKind[] = [
  'unmet need',
  'need pending',
  'duplicated service',
  'single funding source',
  'no current agreement',
  'agreement expiring',
  'check-in overdue',
];

export interface GapInput {
  partners: Partner[];
  needs: Need[];
  agreements: Agreement[];
  schools: School[];
  /** 'yyyy-mm-dd'. When it is not a date, the date-based findings are left out, with a note. */
  today: string;
  /** One school's spreadsheet: every partner serves that school and every need is at it. */
  singleSchool?: boolean;
}

/** The most candidates listed for one unmet need, best first. */
export const MAX_CANDIDATES = 10;
/** The column for active partners that list no focus area, so that none of them drops out of the matrix. */
export const NO_FOCUS_AREA = '(no focus area)';
const MAX_NOTES = 50;

// ---------------------------------------------------------------------------------------------------
// Keys and grades

/** A school's name reduced to what identifies it: no case, spacing, punctuation or accents. */
export function schoolKey(name: string): string {
  if (!/[^ -~\t\n\r]/.test(name)) return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The items of a list cell ("Schools served", "Funding sources"): separated by commas, semicolons or line breaks. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const PK = -1;
const TOP_GRADE = 12;
const ALL_GRADES = (1 << (TOP_GRADE - PK + 1)) - 1;
const ALL_WORDS = /^(all|all grades|any|any grade|every grade|all students|school-?wide|whole school)$/;

type GradeReading = { all: true; ok: boolean } | { all: false; grades: number[] };

function readGrades(raw: string): GradeReading {
  let t = raw
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim()
    .replace(/\s+/g, ' ');
  if (t === '' || ALL_WORDS.test(t)) return { all: true, ok: true };
  t = t
    .replace(/\bpre[\s-]?k(?:indergarten|inder)?\b|\btk\b/g, ' pk ')
    .replace(/\bkindergarten\b|\bkinder\b|\bkg\b/g, ' k ')
    .replace(/\belementary\b/g, ' k-5 ')
    .replace(/\bmiddle\b/g, ' 6-8 ')
    .replace(/\bhigh\b/g, ' 9-12 ')
    .replace(/\b(?:through|thru|to)\b/g, ' - ')
    .replace(/(\d+)\s*(?:st|nd|rd|th)\b/g, '$1')
    .replace(/\b(?:grades?|gr|levels?|school|and)\b/g, ' , ');
  const tokens = t.match(/pk|k|\d+|\S/g) ?? [];
  const grades = new Set<number>();
  let prev: number | undefined;
  let dash = false;
  for (const token of tokens) {
    if (token === '-') {
      if (prev === undefined || dash) return { all: true, ok: false };
      dash = true;
      continue;
    }
    if (/^[,;/&+.|()]$/.test(token)) {
      if (dash) return { all: true, ok: false };
      prev = undefined;
      continue;
    }
    const grade = token === 'pk' ? PK : token === 'k' ? 0 : /^\d+$/.test(token) ? Number(token) : NaN;
    if (!(grade >= PK && grade <= TOP_GRADE)) return { all: true, ok: false };
    if (dash && prev !== undefined) {
      const [lo, hi] = prev <= grade ? [prev, grade] : [grade, prev];
      for (let g = lo; g <= hi; g++) grades.add(g);
      prev = undefined;
      dash = false;
    } else {
      if (prev !== undefined) prev = undefined; // "6 7 8": a list without commas
      grades.add(grade);
      prev = grade;
    }
  }
  if (dash || grades.size === 0) return { all: true, ok: false };
  return { all: false, grades: [...grades].sort((a, b) => a - b) };
}

/**
 * The grades a cell names: PK = -1, K = 0, then 1 to 12; ranges with '-' or 'to'. Empty or 'all' means
 * every grade; so does text that cannot be read, reported through `note` instead of thrown.
 */
export function parseGrades(text: string, note?: (message: string) => void): Set<number> | 'all' {
  const reading = readGrades(text);
  if (reading.all) {
    if (!reading.ok && note) note(`grades "${clip(text)}" could not be read, so all grades are assumed`);
    return 'all';
  }
  return new Set(reading.grades);
}

/** Grades as a bit mask: bit (grade + 1), so PK is bit 0. */
function gradeMask(
  text: string,
  cache: Map<string, { mask: number; ok: boolean }>,
): { mask: number; ok: boolean } {
  const cached = cache.get(text);
  if (cached) return cached;
  const reading = readGrades(text);
  let result: { mask: number; ok: boolean };
  if (reading.all) result = { mask: ALL_GRADES, ok: reading.ok };
  else result = { mask: reading.grades.reduce((m, g) => m | (1 << (g - PK)), 0), ok: true };
  cache.set(text, result);
  return result;
}

/** 'PK-2, 5, 7-8', or 'all grades'. */
export function formatGrades(mask: number): string {
  if ((mask & ALL_GRADES) === ALL_GRADES) return 'all grades';
  const label = (g: number): string => (g === PK ? 'PK' : g === 0 ? 'K' : String(g));
  const parts: string[] = [];
  for (let g = PK; g <= TOP_GRADE; g++) {
    if (!(mask & (1 << (g - PK)))) continue;
    let end = g;
    while (end < TOP_GRADE && mask & (1 << (end + 1 - PK))) end++;
    parts.push(end === g ? label(g) : `${label(g)}-${label(end)}`);
    g = end;
  }
  return parts.join(', ');
}

function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function norm(text: string): string {
  return text.trim().toLowerCase();
}

// ---------------------------------------------------------------------------------------------------
// The context both analyses stand on: schools, focus areas and partners, indexed once.

interface PartnerInfo {
  readonly partner: Partner;
  readonly id: string;
  readonly name: string;
  readonly sortName: string;
  readonly status: string;
  /** Indices into Context.schools, sorted, unique. */
  readonly schools: number[];
  /** Indices into Context.focusAreas, unique. */
  readonly focus: number[];
  readonly grades: number;
  /** The words of its services, folded: read when a need names a service. */
  readonly serviceWords: () => readonly string[];
}

interface NeedInfo {
  readonly need: Need;
  readonly school: number; // -1 when the need names no school
  readonly focus: number; // -1 when it names no focus area
  readonly grades: number;
  /** The words of the service it names, folded; empty when it names none. */
  readonly service: readonly string[];
  /** The partner it is linked to, when that link decides its status. */
  readonly linked?: PartnerInfo;
}

interface Context {
  readonly today: string;
  readonly todayOk: boolean;
  readonly schools: string[];
  readonly focusAreas: string[];
  readonly partners: PartnerInfo[];
  readonly byId: Map<string, PartnerInfo>;
  readonly analysed: NeedInfo[];
  readonly skipped: number;
  /** Active partners, by school × focus area. */
  readonly active: Map<number, PartnerInfo[]>;
  /** Partners in onboarding, vetting or paused, by school × focus area. */
  readonly pending: Map<number, PartnerInfo[]>;
  readonly notes: Notes;
}

const ALL_KNOWN = { mask: ALL_GRADES, ok: true };
const ANALYSED_NEED = new Set(['open', 'being addressed']);
const PENDING = new Set(['onboarding', 'vetting', 'paused']);
const IN_SERVICE = new Set(['active', 'onboarding']);

class Notes {
  readonly list: string[] = [];
  private dropped = 0;
  add(message: string): void {
    if (this.list.length < MAX_NOTES) this.list.push(message);
    else this.dropped++;
  }
  done(): string[] {
    return this.dropped ? [...this.list, `…and ${this.dropped} more like these.`] : [...this.list];
  }
}

class Index {
  readonly names: string[] = [];
  private readonly byKey = new Map<string, number>();
  /** Names already reduced to keys: the same few names recur thousands of times. */
  private readonly keys = new Map<string, string>();
  private key(name: string): string {
    let key = this.keys.get(name);
    if (key === undefined) {
      key = schoolKey(name);
      this.keys.set(name, key);
    }
    return key;
  }
  add(name: string): number {
    const key = this.key(name);
    if (!key) return -1;
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name.trim());
      this.byKey.set(key, i);
    }
    return i;
  }
  find(name: string): number {
    return this.byKey.get(this.key(name)) ?? -1;
  }
}

function cell(school: number, focus: number): number {
  return school * 1_000_003 + focus;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function describe(p: { name: string; id: string }): string {
  return p.name || p.id || 'A partner';
}

/** Words of up to 3 letters that say nothing about a service ("and", "for", "the"…) are not matched. */
const FILLER = new Set(['a', 'an', 'and', 'or', 'of', 'for', 'the', 'to', 'in', 'on', 'at', 'with', 'by']);

/** The words of a service, folded: "Weekend food-bags" → ['weekend', 'food', 'bags']. */
export function serviceWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !FILLER.has(w));
}

/** A partner's services say every word of a need's service (each may start a longer word). */
export function offersService(partnerWords: readonly string[], needWords: readonly string[]): boolean {
  return needWords.every((w) => partnerWords.some((p) => p.startsWith(w)));
}

/** What reading the tabs builds up as it goes: the notes, the schools and focus areas met, the grades read. */
interface Reading {
  readonly notes: Notes;
  readonly single: boolean;
  readonly schools: Index;
  readonly focus: Index;
  readonly gradeCache: Map<string, { mask: number; ok: boolean }>;
}

function buildContext(input: GapInput): Context {
  const notes = new Notes();
  const gradeCache = new Map<string, { mask: number; ok: boolean }>();
  const today = input.today.trim();
  const todayOk = isIsoDate(today);
  if (!todayOk)
    notes.add(
      `Today's date "${clip(today)}" is not a date, so check-ins and agreement dates were not checked.`,
    );
  const single = input.singleSchool === true;
  const reading: Reading = {
    notes,
    single,
    schools: schoolIndex(input, single),
    focus: focusIndex(),
    gradeCache,
  };

  const partners: PartnerInfo[] = [];
  const byId = new Map<string, PartnerInfo>();
  for (const partner of input.partners) {
    const info = partnerInfo(partner, reading);
    partners.push(info);
    if (!byId.has(info.id)) byId.set(info.id, info);
  }
  const { analysed, skipped } = analyseNeeds(input.needs, byId, reading);
  const { active, pending } = coverageIndex(partners);

  return {
    today,
    todayOk,
    schools: reading.schools.names,
    focusAreas: reading.focus.names,
    partners,
    byId,
    analysed,
    skipped,
    active,
    pending,
    notes,
  };
}

/**
 * The schools analysed: the one school's name when the spreadsheet is one school's; else the Schools tab,
 * then any school a need names, and (only when the tab is empty) the schools partners name.
 */
function schoolIndex(input: GapInput, single: boolean): Index {
  const schools = new Index();
  if (single) {
    const name =
      input.schools.map((s) => s.name.trim()).find((n) => n) ??
      input.needs.map((n) => n.school.trim()).find((n) => n) ??
      'This school';
    if (schools.add(name) < 0) schools.names.push(name);
  } else {
    for (const s of input.schools) schools.add(s.name);
    const tabEmpty = schools.names.length === 0;
    for (const n of input.needs) schools.add(n.school);
    if (tabEmpty) for (const p of input.partners) for (const s of splitList(p.schools)) schools.add(s);
  }
  return schools;
}

/** Focus areas: the schema's first, then any other spelling found, in order of appearance. */
function focusIndex(): Index {
  const focus = new Index();
  for (const f of FOCUS_AREAS) focus.add(f);
  return focus;
}

/** One partner, read: its schools, focus areas and grades, with a note for each cell that cannot be read. */
function partnerInfo(partner: Partner, reading: Reading): PartnerInfo {
  const id = partner.id.trim();
  const name = partner.name.trim();
  const status = norm(partner.status);
  // Prospects and ended partners take no part in any finding or count: their cells are not read.
  const relevant = status === 'active' || PENDING.has(status);
  const served = servedSchools(partner, { name, id }, relevant, reading);
  const areas: number[] = [];
  if (relevant)
    for (const f of partner.focusAreas) {
      const i = reading.focus.add(f);
      if (i >= 0 && !areas.includes(i)) areas.push(i);
    }
  const g = relevant ? gradeMask(partner.grades, reading.gradeCache) : ALL_KNOWN;
  if (!g.ok)
    reading.notes.add(
      `${describe({ name, id })}: grades "${clip(partner.grades)}" could not be read, so all grades are assumed.`,
    );
  let words: string[] | undefined;
  return {
    partner,
    id,
    name,
    sortName: (name || id).toLowerCase(),
    status,
    schools: served,
    focus: areas,
    grades: g.mask,
    serviceWords: () => (words ??= serviceWords(partner.services)),
  };
}

/** The schools a partner serves, sorted: a school not among those analysed gets a note instead. */
function servedSchools(
  partner: Partner,
  who: { name: string; id: string },
  relevant: boolean,
  reading: Reading,
): number[] {
  if (reading.single) return [0];
  if (!relevant) return [];
  const served: number[] = [];
  for (const s of splitList(partner.schools)) {
    const i = reading.schools.find(s);
    if (i < 0)
      reading.notes.add(`${describe(who)} lists the school "${clip(s)}", which is not on the Schools tab.`);
    else if (!served.includes(i)) served.push(i);
  }
  if (served.length > 1) served.sort((a, b) => a - b);
  return served;
}

/** The needs analysed (open or being addressed), read, and how many others were skipped. */
function analyseNeeds(
  needs: readonly Need[],
  byId: Map<string, PartnerInfo>,
  reading: Reading,
): { analysed: NeedInfo[]; skipped: number } {
  const analysed: NeedInfo[] = [];
  let skipped = 0;
  for (const need of needs) {
    if (!ANALYSED_NEED.has(norm(need.status))) {
      skipped++;
      continue;
    }
    const g = gradeMask(need.grades, reading.gradeCache);
    if (!g.ok)
      reading.notes.add(
        `Need ${need.id}: grades "${clip(need.grades)}" could not be read, so all grades are assumed.`,
      );
    const linked = linkedPartner(need, byId, reading.notes);
    analysed.push({
      need,
      school: reading.single ? 0 : reading.schools.find(need.school),
      focus: reading.focus.add(need.focusArea),
      grades: g.mask,
      service: serviceWords(need.service),
      ...(linked ? { linked } : {}),
    });
  }
  return { analysed, skipped };
}

/**
 * The partner a need is linked to, when that link decides its status (an active or pending partner); a
 * link to any other partner gets a note, and the need is matched by focus area instead.
 */
function linkedPartner(need: Need, byId: Map<string, PartnerInfo>, notes: Notes): PartnerInfo | undefined {
  const metBy = need.metBy.trim();
  if (!metBy) return undefined;
  const p = byId.get(metBy);
  if (p && (p.status === 'active' || PENDING.has(p.status))) return p;
  notes.add(
    p
      ? `Need ${need.id} is linked to ${describe(p)}, which is ${p.status || 'without a status'}; partners were matched to it by focus area instead.`
      : `Need ${need.id} is linked to partner ${clip(metBy)}, which is not on the Partners tab; partners were matched to it by focus area instead.`,
  );
  return undefined;
}

/** Active and pending partners, each by school × focus area. */
function coverageIndex(partners: readonly PartnerInfo[]): {
  active: Map<number, PartnerInfo[]>;
  pending: Map<number, PartnerInfo[]>;
} {
  const active = new Map<number, PartnerInfo[]>();
  const pending = new Map<number, PartnerInfo[]>();
  for (const p of partners) {
    const target = p.status === 'active' ? active : PENDING.has(p.status) ? pending : undefined;
    if (!target) continue;
    for (const s of p.schools) for (const f of p.focus) push(target, cell(s, f), p);
  }
  return { active, pending };
}

function covering(index: Map<number, PartnerInfo[]>, n: NeedInfo): PartnerInfo[] {
  if (n.school < 0 || n.focus < 0) return [];
  const list = index.get(cell(n.school, n.focus));
  return list
    ? list.filter(
        (p) =>
          (p.grades & n.grades) !== 0 && (!n.service.length || offersService(p.serviceWords(), n.service)),
      )
    : [];
}

interface Classified {
  readonly info: NeedInfo;
  readonly status: NeedStatus;
  readonly partners: PartnerInfo[];
}

function classify(ctx: Context): Classified[] {
  return ctx.analysed.map((info) => {
    const { linked } = info;
    if (linked)
      return { info, status: linked.status === 'active' ? 'covered' : 'pending', partners: [linked] };
    const active = covering(ctx.active, info);
    if (active.length) return { info, status: 'covered', partners: active };
    const pending = covering(ctx.pending, info);
    if (pending.length) return { info, status: 'pending', partners: pending };
    return { info, status: 'unmet', partners: [] };
  });
}

// ---------------------------------------------------------------------------------------------------
// Gap analysis

function names(list: readonly string[], max = 5): string {
  if (list.length <= 1) return list.join('');
  if (list.length > max) return `${list.slice(0, max).join(', ')} and ${list.length - max} more`;
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

function gradesPhrase(mask: number): string {
  return (mask & ALL_GRADES) === ALL_GRADES ? '' : ` (grades ${formatGrades(mask)})`;
}

function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Findings by severity, then school (school-wide ones last), then kind, then what they are about. */
function sortFindings(findings: Finding[]): Finding[] {
  const keyed = findings.map((f) => ({
    f,
    rank: SEVERITY_RANK[f.severity],
    school: f.school === '' ? '\uffff' : f.school.toLowerCase(),
    kind: FINDING_KINDS.indexOf(f.kind),
    rest: `${f.focusArea}\u0000${f.needId ?? ''}\u0000${f.partnerIds.join(',')}\u0000${f.agreementId ?? ''}\u0000${f.message}`,
  }));
  keyed.sort(
    (a, b) =>
      a.rank - b.rank || compareText(a.school, b.school) || a.kind - b.kind || compareText(a.rest, b.rest),
  );
  return keyed.map((k) => k.f);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The partners a coordinator may link a need to ("Met by partner ID"), by focus area: those active,
 * onboarding, in vetting or paused that list it, by name.
 */
export function linkablePartners(input: Pick<GapInput, 'partners'>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const sorted = input.partners
    .filter((p) => {
      const status = norm(p.status);
      return status === 'active' || PENDING.has(status);
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const p of sorted)
    for (const f of p.focusAreas) {
      const area = FOCUS_AREAS.find((a) => schoolKey(a) === schoolKey(f)) ?? f;
      (out[area] ??= []).push(p.id);
    }
  return out;
}

/** Only the needs' statuses (what `analyzeGaps` reports in `needs`), without the findings. */
export function classifyNeeds(input: GapInput): GapReport['needs'] {
  return classify(buildContext(input)).map((c) => ({
    needId: c.info.need.id,
    status: c.status,
    partnerIds: c.partners.map((p) => p.id),
  }));
}

/** The context and need statuses behind each report, so that `landscape` given the report need not redo them. */
const made = new WeakMap<GapReport, { input: GapInput; ctx: Context; classified: Classified[] }>();

export function analyzeGaps(input: GapInput): GapReport {
  const ctx = buildContext(input);
  const classified = classify(ctx);
  const findings: Finding[] = [
    ...needFindings(ctx, classified),
    ...duplicatedServices(ctx),
    ...partnerRisks(ctx, input.agreements),
  ];
  const counts = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
  for (const f of findings) counts[f.kind]++;
  const report: GapReport = {
    findings: sortFindings(findings),
    needs: classified.map((c) => ({
      needId: c.info.need.id,
      status: c.status,
      partnerIds: c.partners.map((p) => p.id),
    })),
    skippedNeeds: ctx.skipped,
    counts,
    notes: ctx.notes.done(),
  };
  made.set(report, { input, ctx, classified });
  return report;
}

function schoolName(ctx: Context, i: number): string {
  return i >= 0 ? ctx.schools[i] : '';
}

/** The school a partner-level finding names: the partner's when it serves exactly one, else ''. */
function homeSchool(ctx: Context, p: PartnerInfo): string {
  return p.schools.length === 1 ? ctx.schools[p.schools[0]] : '';
}

/** Needs: a finding for each unmet need and each need covered only by partners not (yet) active. */
function needFindings(ctx: Context, classified: readonly Classified[]): Finding[] {
  const findings: Finding[] = [];
  for (const c of classified) {
    const { need } = c.info;
    const school = c.info.school >= 0 ? schoolName(ctx, c.info.school) : need.school.trim();
    const area = need.focusArea.trim();
    const priority = norm(need.priority);
    const what = `${priority === 'high' || priority === 'medium' || priority === 'low' ? `${priority}-priority ` : ''}${area || 'unspecified'} need${school ? ` at ${school}` : ''}${gradesPhrase(c.info.grades)}`;
    if (c.status === 'unmet') {
      findings.push({
        kind: 'unmet need',
        school,
        focusArea: area,
        needId: need.id,
        partnerIds: [],
        message: `No partner covers the ${what}.`,
        severity: priority === 'high' ? 'high' : priority === 'low' ? 'low' : 'medium',
      });
    } else if (c.status === 'pending') {
      const who = c.partners.map((p) => `${describe(p)} (${p.status})`);
      findings.push({
        kind: 'need pending',
        school,
        focusArea: area,
        needId: need.id,
        partnerIds: c.partners.map((p) => p.id),
        message: `The ${what} is covered only by partners not yet or no longer active: ${names(who)}.`,
        severity: priority === 'high' ? 'medium' : 'low',
      });
    }
  }
  return findings;
}

/** Duplicated services: per school and focus area, active partners joined when their grades overlap. */
function duplicatedServices(ctx: Context): Finding[] {
  const findings: Finding[] = [];
  for (const [key, list] of ctx.active) {
    if (list.length < 2) continue;
    for (const group of overlappingGroups(list)) {
      if (group.length < 2) continue;
      let seen = 0;
      let twice = 0;
      for (const p of group) {
        twice |= seen & p.grades;
        seen |= p.grades;
      }
      const schoolIndex = Math.floor(key / 1_000_003);
      const area = ctx.focusAreas[key - schoolIndex * 1_000_003];
      const school = schoolName(ctx, schoolIndex);
      group.sort((a, b) => compareText(a.sortName, b.sortName) || compareText(a.id, b.id));
      findings.push({
        kind: 'duplicated service',
        school,
        focusArea: area,
        partnerIds: group.map((p) => p.id),
        message: `${group.length} active partners offer ${area} at ${school} for ${(twice & ALL_GRADES) === ALL_GRADES ? 'all grades' : `grades ${formatGrades(twice)}`}: ${names(group.map(describe))}.`,
        severity: 'low',
      });
    }
  }
  return findings;
}

/** The partners grouped so that partners linked by overlapping grades form one group (union-find), in order. */
function overlappingGroups(list: readonly PartnerInfo[]): PartnerInfo[][] {
  const parent = list.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let g = 0; g <= TOP_GRADE - PK; g++) {
    let first = -1;
    for (let i = 0; i < list.length; i++) {
      if (!(list[i].grades & (1 << g))) continue;
      if (first < 0) first = i;
      else parent[root(i)] = root(first);
    }
  }
  const groups = new Map<number, PartnerInfo[]>();
  list.forEach((p, i) => push(groups, root(i), p));
  return [...groups.values()];
}

/** Partner risks, for partners in service; notes agreements that name a partner not on the Partners tab. */
function partnerRisks(ctx: Context, allAgreements: readonly Agreement[]): Finding[] {
  const agreementsOf = new Map<string, Agreement[]>();
  for (const a of allAgreements) push(agreementsOf, a.partnerId.trim(), a);
  const orphans = allAgreements.filter((a) => !ctx.byId.has(a.partnerId.trim())).length;
  if (orphans) ctx.notes.add(`${orphans} agreement(s) name a partner that is not on the Partners tab.`);

  const findings: Finding[] = [];
  for (const p of ctx.partners) {
    if (!IN_SERVICE.has(p.status)) continue;
    const agreements = agreementsOf.get(p.id) ?? [];
    findings.push(...agreementAndFundingRisks(ctx, p, agreements));
    // Dates compared with today only when today is a date.
    if (ctx.todayOk) findings.push(...agreementsExpiring(ctx, p, agreements), ...checkInOverdue(ctx, p));
  }
  return findings;
}

/** A partner in service funded by one source; an active one with no current signed agreement. */
function agreementAndFundingRisks(ctx: Context, p: PartnerInfo, agreements: readonly Agreement[]): Finding[] {
  const findings: Finding[] = [];
  const who = describe(p);
  const school = homeSchool(ctx, p);
  if (singleFunded(p.partner)) {
    const sources = splitList(p.partner.funding);
    findings.push({
      kind: 'single funding source',
      school,
      focusArea: '',
      partnerIds: [p.id],
      message: `${who} relies on a single funding source${sources.length === 1 ? ` (${clip(sources[0])})` : ''}.`,
      severity: 'medium',
    });
  }
  const current = agreements.filter((a) => isCurrent(a, ctx.today));
  if (p.status === 'active' && current.length === 0) {
    findings.push({
      kind: 'no current agreement',
      school,
      focusArea: '',
      partnerIds: [p.id],
      message: `${who} is active but has no current signed agreement.`,
      severity: 'high',
    });
  }
  return findings;
}

function agreementsExpiring(ctx: Context, p: PartnerInfo, agreements: readonly Agreement[]): Finding[] {
  return expiringAgreements(p.partner, agreements, ctx.today).map((a) => {
    const days = daysBetween(ctx.today, a.end);
    return {
      kind: 'agreement expiring',
      school: homeSchool(ctx, p),
      focusArea: '',
      partnerIds: [p.id],
      agreementId: a.id,
      message: `${possessive(describe(p))} ${a.type.trim() || 'agreement'} ends on ${a.end}, ${days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`}.`,
      severity: days <= 30 ? 'medium' : 'low',
    };
  });
}

function checkInOverdue(ctx: Context, p: PartnerInfo): Finding[] {
  const { due, state } = checkInState(p.partner, ctx.today);
  if (state !== 'overdue') return [];
  const days = daysBetween(due, ctx.today);
  return [
    {
      kind: 'check-in overdue',
      school: homeSchool(ctx, p),
      focusArea: '',
      partnerIds: [p.id],
      message: `${possessive(describe(p))} ${norm(p.partner.cadence)} check-in is ${days} day${days === 1 ? '' : 's'} overdue (due ${due}).`,
      severity: days > 30 ? 'medium' : 'low',
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Landscape

/**
 * The network at a glance. Pass the report `analyzeGaps` made from the same input (the same object,
 * unchanged since) to reuse its work and its need statuses; otherwise they are worked out again.
 */
export function landscape(input: GapInput, report?: GapReport): Landscape {
  const earlier = report ? made.get(report) : undefined;
  const ctx = earlier && earlier.input === input ? earlier.ctx : buildContext(input);
  const reused =
    report &&
    report.needs.length === ctx.analysed.length &&
    report.needs.every((n, i) => n.needId === ctx.analysed[i].need.id);
  const statuses: NeedStatus[] = reused
    ? report.needs.map((n) => n.status)
    : classify(ctx).map((c) => c.status);

  const activePartners = ctx.partners.filter((p) => p.status === 'active');
  const focusAreas = [...ctx.focusAreas];
  const noFocus = activePartners.some((p) => p.focus.length === 0 && p.schools.length > 0);
  if (noFocus) focusAreas.push(NO_FOCUS_AREA);
  const noFocusColumn = focusAreas.length - 1;

  const matrix = ctx.schools.map(() => focusAreas.map(() => 0));
  for (const p of activePartners) {
    for (const s of p.schools) {
      if (p.focus.length === 0) matrix[s][noFocusColumn]++;
      for (const f of p.focus) matrix[s][f]++;
    }
  }

  const unmet = ctx.schools.map(() => 0);
  const pending = ctx.schools.map(() => 0);
  ctx.analysed.forEach((n, i) => {
    if (n.school < 0) return;
    if (statuses[i] === 'unmet') unmet[n.school]++;
    else if (statuses[i] === 'pending') pending[n.school]++;
  });
  const unmetBySchool = ctx.schools
    .map((school, i) => ({ school, unmet: unmet[i], pending: pending[i] }))
    .sort(
      (a, b) =>
        b.unmet - a.unmet ||
        b.pending - a.pending ||
        compareText(a.school.toLowerCase(), b.school.toLowerCase()),
    );

  const byReach = (a: PartnerInfo, b: PartnerInfo): number =>
    b.schools.length - a.schools.length || compareText(a.sortName, b.sortName) || compareText(a.id, b.id);
  const partnersAcrossSchools = activePartners
    .filter((p) => p.schools.length >= 2)
    .sort(byReach)
    .map((p) => ({ partnerId: p.id, schools: p.schools.length }));

  // Active partners serving at least one school, by focus area, best first.
  const byFocus = new Map<number, PartnerInfo[]>();
  for (const p of activePartners) if (p.schools.length) for (const f of p.focus) push(byFocus, f, p);
  for (const list of byFocus.values()) list.sort(byReach);

  const candidates: Landscape['candidates'] = [];
  ctx.analysed.forEach((n, i) => {
    if (statuses[i] !== 'unmet') return;
    const found: string[] = [];
    const seen = new Set<PartnerInfo>();
    for (const p of n.focus >= 0 ? (byFocus.get(n.focus) ?? []) : []) {
      if (found.length >= MAX_CANDIDATES) break;
      if (seen.has(p) || (p.grades & n.grades) === 0) continue;
      if (!p.schools.some((s) => s !== n.school)) continue;
      seen.add(p);
      found.push(p.id);
    }
    candidates.push({
      needId: n.need.id,
      school: n.school >= 0 ? ctx.schools[n.school] : n.need.school.trim(),
      focusArea: n.need.focusArea.trim(),
      partnerIds: found,
    });
  });

  return { schools: [...ctx.schools], focusAreas, matrix, unmetBySchool, partnersAcrossSchools, candidates };
}
