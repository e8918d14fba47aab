// Concurrency, enumerated: the machinery that concurrency.test.ts and concurrency-rows.test.ts run.
// Two sidebars edit partners while people sort, insert, edit and delete rows by hand and set-up runs.
// Each actor is a list of steps (server calls or direct sheet edits, each one atomic). Every merge of
// the actors' lists that keeps each actor's own order runs from the same starting sheet. A small model
// says what must happen: a save over a row that changed since its sidebar loaded it is refused with
// "changed by someone else" (both versions shown) and saves after reloading; nothing is lost, no row is
// duplicated, and no value lands on another partner's row.
import { loadAddOn, type AddOn } from '../../dev/gas';
import type { Directory, PartnerEntry, SaveResult } from '../../src/shared/contract';
import type { FieldValue, Partner } from '../../src/shared/records';
import { TABLES } from '../../src/shared/schema';
import { byHand, inspectFormulas } from '../../dev/workspace/by-hand';
import { isReadable, mapColumns, sameValue } from './arbitraries';

type FakeSheet = NonNullable<ReturnType<AddOn['workspace']['spreadsheet']['getSheetByName']>>;

export const PARTNERS = TABLES.partners;
export const TRACKED = ['name', 'status', 'notes'] as const;
export type Tracked = (typeof TRACKED)[number];

// --------------------------------------------------------------------------------------------
// Interleavings: every merge of some sequences that keeps each one's order.

export function interleavings<T>(sequences: readonly (readonly T[])[]): T[][] {
  const out: T[][] = [];
  const at = sequences.map(() => 0);
  const path: T[] = [];
  const walk = () => {
    let done = true;
    sequences.forEach((seq, i) => {
      if (at[i] >= seq.length) return;
      done = false;
      path.push(seq[at[i]]);
      at[i]++;
      walk();
      at[i]--;
      path.pop();
    });
    if (done) out.push([...path]);
  };
  walk();
  return out;
}

// --------------------------------------------------------------------------------------------
// The world of one interleaving: the add-on, the model of what the sheet must hold, the sidebars.

/** Partners are known to the model by name (unique here): ids are given by the add-on. */
export interface ModelPartner {
  values: Record<Tracked, string>;
  /** Bumped on every change to the row's cells; a sidebar's save succeeds only on the version it loaded. */
  version: number;
  exists: boolean;
}

export interface Sidebar {
  readonly name: string;
  readonly target: string;
  readonly field: Tracked;
  readonly value: string;
  loaded?: { entry: PartnerEntry; version: number };
  outcome?: 'saved' | 'conflict' | 'gone' | 'not shown';
}

export interface World {
  readonly addOn: AddOn;
  readonly sheet: FakeSheet;
  readonly model: Map<string, ModelPartner>;
  readonly sidebars: Map<string, Sidebar>;
  readonly log: string[];
  handTyped: number;
  added: number;
}

export const ok = <T>(addOn: AddOn, name: string, ...args: unknown[]): T => {
  const outcome = addOn.run(name, ...args);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.message}`);
  return outcome.value as T;
};

const col = (key: string) => PARTNERS.columns.findIndex((c) => c.key === key) + 1;

const INITIAL: readonly Record<Tracked, string>[] = [
  { name: 'Xavier Tutors', status: 'active', notes: 'x notes' },
  { name: 'Yellow Mentors', status: 'vetting', notes: 'y notes' },
  { name: 'Alpha Arts', status: 'paused', notes: 'z notes' },
];

/** The hand-typed partner without an id: sidebars refer to it as row:N until set-up gives it one. */
const HAND = { name: 'Hand Typed Org', status: 'prospect', notes: 'typed' };

/**
 * A set-up spreadsheet with the three partners (and the hand-typed row), built once per scenario; each
 * interleaving starts from it again (loading the add-on and setting up costs ~30 ms, more than a whole
 * interleaving): the Partners tab's rows are put back as they were, and that is checked.
 */
export interface Base {
  readonly addOn: AddOn;
  readonly sheet: FakeSheet;
  readonly rows: unknown[][];
  readonly width: number;
  readonly maxRows: number;
  readonly withHandRow: boolean;
  /** Whether an interleaving ran on it: then the next one puts the rows back first. */
  used: boolean;
}

export function newBase(withHandRow: boolean): Base {
  const addOn = loadAddOn();
  ok(addOn, 'setUpDatabase');
  for (const values of INITIAL) {
    const r = ok<SaveResult<Partner>>(addOn, 'savePartner', { values });
    if (r.status !== 'saved') throw new Error('seed not saved');
  }
  const sheet = addOn.workspace.spreadsheet.getSheetByName('Partners')!;
  if (withHandRow) {
    const row = sheet.getLastRow() + 1;
    for (const key of TRACKED) sheet.getRange(row, col(key)).setValues([[HAND[key]]]);
  }
  const rows = sheet.getDataRange().getValues().slice(1);
  return {
    addOn,
    sheet,
    rows,
    width: sheet.getLastColumn(),
    maxRows: sheet.getMaxRows(),
    withHandRow,
    used: false,
  };
}

export function newWorld(base: Base): World {
  const { addOn, sheet } = base;
  if (base.used) {
    const last = sheet.getLastRow();
    if (last > 1) {
      const width = Math.max(sheet.getLastColumn(), 1);
      const blank = Array.from({ length: last - 1 }, () => Array<string>(width).fill(''));
      sheet.getRange(2, 1, last - 1, width).setValues(blank);
    }
    const maxRows = sheet.getMaxRows();
    if (maxRows < base.maxRows) sheet.insertRowsAfter(maxRows, base.maxRows - maxRows);
    if (maxRows > base.maxRows) sheet.deleteRows(base.maxRows + 1, maxRows - base.maxRows);
    const typed = base.rows.map((line) => line.map((v) => (typeof v === 'string' && v !== '' ? `'${v}` : v)));
    sheet.getRange(2, 1, base.rows.length, base.width).setValues(typed);
    const now = sheet.getDataRange().getValues().slice(1);
    const same =
      now.length === base.rows.length &&
      now.every(
        (line, r) => line.length === base.width && line.every((v, c) => sameValue(v, base.rows[r][c])),
      );
    if (!same || inspectFormulas(sheet).flat().some(Boolean))
      throw new Error('could not reset the Partners tab');
  }
  base.used = true;
  const model = new Map<string, ModelPartner>();
  for (const values of INITIAL) model.set(values.name, { values: { ...values }, version: 0, exists: true });
  if (base.withHandRow) model.set(HAND.name, { values: { ...HAND }, version: 0, exists: true });
  return { addOn, sheet, model, sidebars: new Map(), log: [], handTyped: 0, added: 0 };
}

/** A person types a partner into the first empty row, without an id. */
function typeRow(world: World, values: Record<Tracked, string>): void {
  const row = world.sheet.getLastRow() + 1;
  for (const key of TRACKED) world.sheet.getRange(row, col(key)).setValues([[values[key]]]);
  world.model.set(values.name, { values: { ...values }, version: 0, exists: true });
}

/** The sheet row (1-based) holding a partner, found as a person finds it: by its name. */
function rowOf(world: World, name: string): number {
  const values = world.sheet.getDataRange().getValues();
  const at = values.findIndex((line, r) => r > 0 && line[col('name') - 1] === name);
  return at < 0 ? -1 : at + 1;
}

export function directory(world: World): Directory {
  return ok<Directory>(world.addOn, 'getDirectory');
}

// --------------------------------------------------------------------------------------------
// Steps.

export type Step =
  | { kind: 'load'; sidebar: string }
  | { kind: 'save'; sidebar: string }
  | { kind: 'sort'; ascending: boolean }
  | { kind: 'insertTop' }
  | { kind: 'insertAbove'; name: string }
  | { kind: 'handEdit'; name: string }
  | { kind: 'delete'; name: string }
  | { kind: 'setUp' }
  | { kind: 'newPartner' }
  | { kind: 'typeRow' };

function label(step: Step): string {
  return 'sidebar' in step
    ? `${step.kind}(${step.sidebar})`
    : 'name' in step
      ? `${step.kind}(${step.name})`
      : step.kind;
}

export function entryOf(dir: Directory, name: string): PartnerEntry | undefined {
  return dir.partners.find((p) => p.record.name === name);
}

export function editableValues(record: Partner): Record<string, FieldValue> {
  const { id: _i, created: _c, updated: _u, ...rest } = record;
  return rest;
}

export const stats = {
  interleavings: 0,
  lostUpdates: 0,
  duplicates: 0,
  conflicts: 0,
  gone: 0,
  retried: 0,
  saved: 0,
};

function apply(world: World, step: Step): void {
  const { addOn, sheet, model } = world;
  world.log.push(label(step));
  switch (step.kind) {
    case 'load': {
      const sidebar = world.sidebars.get(step.sidebar)!;
      const entry = entryOf(directory(world), sidebar.target);
      const m = model.get(sidebar.target)!;
      if (!entry) {
        if (m.exists) throw new Error(`${sidebar.target} exists but is not in the directory`);
        sidebar.outcome = 'not shown';
        return;
      }
      sidebar.loaded = { entry, version: m.version };
      return;
    }
    case 'save': {
      const sidebar = world.sidebars.get(step.sidebar)!;
      if (!sidebar.loaded) return; // the partner was gone when this sidebar opened
      save(world, sidebar, sidebar.loaded);
      return;
    }
    case 'sort':
      byHand.sortSheet(sheet, col('name'), step.ascending);
      return;
    case 'insertTop':
      byHand.insertRowsBefore(sheet, 2, 1);
      return;
    case 'insertAbove': {
      const row = rowOf(world, step.name);
      if (row > 0) byHand.insertRowsBefore(sheet, row, 1);
      return;
    }
    case 'handEdit': {
      const row = rowOf(world, step.name);
      const m = model.get(step.name)!;
      if (row < 0) return;
      sheet.getRange(row, col('notes')).setValues([[`typed by hand ${world.log.length}`]]);
      m.values.notes = `typed by hand ${world.log.length}`;
      m.version++;
      return;
    }
    case 'delete': {
      const row = rowOf(world, step.name);
      if (row < 0) return;
      sheet.deleteRows(row, 1);
      model.get(step.name)!.exists = false;
      return;
    }
    case 'setUp': {
      // Rows typed by hand get an id: their cells change, so their version does.
      const idless = [...model].filter(([name, m]) => m.exists && !hasId(world, name));
      ok(addOn, 'setUpDatabase');
      for (const [, m] of idless) m.version++;
      return;
    }
    case 'newPartner': {
      const values = { name: `Sidebar Added ${++world.added}`, status: 'onboarding', notes: 'new' };
      const r = ok<SaveResult<Partner>>(addOn, 'savePartner', { values });
      if (r.status !== 'saved') throw new Error(`new partner: ${r.status}`);
      model.set(values.name, { values, version: 0, exists: true });
      return;
    }
    case 'typeRow':
      typeRow(world, { name: `Typed Later ${++world.handTyped}`, status: 'prospect', notes: 'by hand' });
      return;
  }
}

function hasId(world: World, name: string): boolean {
  const row = rowOf(world, name);
  return row > 0 && String(world.sheet.getRange(row, col('id')).getValues()[0][0]).trim() !== '';
}

/** One save from a sidebar, checked against the model; returns the outcome. */
function save(world: World, sidebar: Sidebar, loaded: { entry: PartnerEntry; version: number }): void {
  const m = world.model.get(sidebar.target)!;
  const values = { ...editableValues(loaded.entry.record), [sidebar.field]: sidebar.value };
  const ref = /^row:\d+$/.test(loaded.entry.record.id);
  const refused =
    !m.exists ||
    m.version !== loaded.version ||
    (ref && rowOf(world, sidebar.target) !== Number(loaded.entry.record.id.slice(4)));
  // The tab before a save the model says must be refused, to check that it wrote nothing.
  const cells = () => {
    const range = world.sheet.getDataRange();
    return JSON.stringify([range.getValues(), inspectFormulas(world.sheet), world.sheet.getMaxRows()]);
  };
  const before = refused ? cells() : null;
  const result = ok<SaveResult<Partner>>(world.addOn, 'savePartner', {
    id: loaded.entry.record.id,
    version: loaded.entry.version,
    values,
  });
  const where = `${sidebar.name} saving ${sidebar.target}.${sidebar.field}`;
  const unchanged = () => {
    if (cells() !== before) throw new Error(`${where}: refused but wrote`);
  };
  if (!m.exists) {
    if (
      result.status !== 'conflict' ||
      !/no longer in the Partners tab/.test(result.message) ||
      result.theirs
    )
      throw new Error(`${where}: the row is deleted, got ${JSON.stringify(result).slice(0, 300)}`);
    if (!isReadable(result.message)) throw new Error(`${where}: unreadable ${result.message}`);
    unchanged();
    sidebar.outcome = 'gone';
    stats.gone++;
    return;
  }
  if (m.version !== loaded.version) {
    // A row that changed since loading: "changed by someone else" with both versions, or, for a row
    // known only by its position (row:N) that moved or got an id, "no longer in the tab".
    if (result.status !== 'conflict')
      throw new Error(`${where}: the row changed since loading, got ${result.status}`);
    unchanged();
    if (result.theirs) {
      if (!/changed by someone else/i.test(result.message))
        throw new Error(`${where}: message ${result.message}`);
      if (result.mine[sidebar.field] !== sidebar.value)
        throw new Error(`${where}: mine is ${JSON.stringify(result.mine)}`);
      const theirs = result.theirs.record;
      if (theirs.name === sidebar.target) {
        for (const key of TRACKED)
          if (theirs[key] !== m.values[key])
            throw new Error(`${where}: theirs.${key} is ${theirs[key]}, the sheet has ${m.values[key]}`);
      } else if (!ref) {
        throw new Error(`${where}: theirs is another partner, ${theirs.name}`);
      }
    } else if (!(ref && /no longer in the Partners tab/.test(result.message))) {
      throw new Error(`${where}: conflict without theirs: ${result.message}`);
    }
    sidebar.outcome = 'conflict';
    stats.conflicts++;
    return;
  }
  if (refused) {
    // Known by position, and the row moved: the add-on cannot find it, and must say so.
    if (result.status !== 'conflict') throw new Error(`${where}: moved row:N saved as ${result.status}`);
    unchanged();
    sidebar.outcome = 'conflict';
    stats.conflicts++;
    return;
  }
  if (result.status !== 'saved')
    throw new Error(`${where}: nothing changed since loading, got ${JSON.stringify(result).slice(0, 300)}`);
  if (result.entry.record.name !== sidebar.target || result.entry.record[sidebar.field] !== sidebar.value)
    throw new Error(`${where}: saved ${JSON.stringify(result.entry.record)}`);
  m.values[sidebar.field] = sidebar.value;
  m.version++;
  sidebar.outcome = 'saved';
  stats.saved++;
}

/** A sidebar refused for a conflict reloads, makes its change again on what is there now, and saves. */
function retry(world: World, sidebar: Sidebar): void {
  const m = world.model.get(sidebar.target)!;
  if (!m.exists) return;
  const entry = entryOf(directory(world), sidebar.target);
  if (!entry) throw new Error(`${sidebar.target} exists but is not in the directory`);
  stats.retried++;
  save(world, sidebar, { entry, version: m.version });
  if (sidebar.outcome !== 'saved') throw new Error(`${sidebar.name}: refused again after reloading`);
}

/** The end state: one row per partner, each row with its own partner's values, nothing stray. */
function checkFinal(world: World): void {
  const dir = directory(world);
  const ids = dir.partners.map((p) => p.record.id);
  const dupIds = ids.length - new Set(ids).size;
  const names = dir.partners.map((p) => p.record.name);
  const dupNames = names.length - new Set(names).size;
  stats.duplicates += dupIds + dupNames;
  if (dupIds || dupNames) throw new Error(`duplicated rows: ${names.join(', ')}`);
  let lost = 0;
  const problems: string[] = [];
  for (const [name, m] of world.model) {
    const entry = dir.partners.find((p) => p.record.name === name);
    if (!m.exists) {
      if (entry) problems.push(`${name} was deleted but is back`);
      continue;
    }
    if (!entry) {
      problems.push(`${name} is missing`);
      lost++;
      continue;
    }
    for (const key of TRACKED) {
      if (entry.record[key] !== m.values[key]) {
        problems.push(
          `${name}.${key} is ${JSON.stringify(entry.record[key])}, expected ${JSON.stringify(m.values[key])}`,
        );
        lost++;
      }
    }
  }
  const expected = [...world.model.values()].filter((m) => m.exists).length;
  if (dir.partners.length !== expected)
    problems.push(`${dir.partners.length} partners, expected ${expected}`);
  // Every non-blank row of the tab is a partner's row: no value was written on a blank or foreign row.
  const values = world.sheet.getDataRange().getValues();
  const map = mapColumns(PARTNERS, values[0]);
  const used = values.slice(1).filter((line) => [...map.values()].some((c) => !sameValue(line[c], '')));
  if (used.length !== expected) problems.push(`${used.length} non-blank rows for ${expected} partners`);
  stats.lostUpdates += lost;
  if (problems.length) throw new Error(problems.join('\n'));
}

// --------------------------------------------------------------------------------------------
// The enumeration.

export interface Scenario {
  readonly name: string;
  readonly handRow: boolean;
  readonly sidebars: readonly Omit<Sidebar, 'loaded' | 'outcome'>[];
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'same partner, same field',
    handRow: false,
    sidebars: [
      { name: 'A', target: 'Xavier Tutors', field: 'notes', value: 'from sidebar A' },
      { name: 'B', target: 'Xavier Tutors', field: 'notes', value: 'from sidebar B' },
    ],
  },
  {
    name: 'same partner, other fields',
    handRow: false,
    sidebars: [
      { name: 'A', target: 'Xavier Tutors', field: 'notes', value: 'from sidebar A' },
      { name: 'B', target: 'Xavier Tutors', field: 'status', value: 'ended' },
    ],
  },
  {
    name: 'two partners',
    handRow: false,
    sidebars: [
      { name: 'A', target: 'Xavier Tutors', field: 'notes', value: 'from sidebar A' },
      { name: 'B', target: 'Yellow Mentors', field: 'notes', value: 'from sidebar B' },
    ],
  },
  {
    name: 'a row without an id, and a partner',
    handRow: true,
    sidebars: [
      { name: 'A', target: HAND.name, field: 'notes', value: 'from sidebar A' },
      { name: 'B', target: 'Xavier Tutors', field: 'status', value: 'ended' },
    ],
  },
];

export const OTHERS: readonly (readonly Step[])[] = [
  [{ kind: 'sort', ascending: true }],
  [{ kind: 'sort', ascending: false }],
  [{ kind: 'insertTop' }],
  [{ kind: 'insertAbove', name: 'Xavier Tutors' }],
  [{ kind: 'handEdit', name: 'Xavier Tutors' }],
  [{ kind: 'handEdit', name: 'Yellow Mentors' }],
  [{ kind: 'delete', name: 'Xavier Tutors' }],
  [{ kind: 'delete', name: 'Alpha Arts' }],
  [{ kind: 'setUp' }],
  [{ kind: 'newPartner' }],
  [{ kind: 'typeRow' }, { kind: 'setUp' }],
  [{ kind: 'insertTop' }, { kind: 'sort', ascending: false }],
  [
    { kind: 'sort', ascending: false },
    { kind: 'handEdit', name: 'Xavier Tutors' },
  ],
  [{ kind: 'delete', name: 'Alpha Arts' }, { kind: 'newPartner' }],
];

export function runInterleaving(base: Base, scenario: Scenario, steps: readonly Step[]): void {
  const world = newWorld(base);
  for (const s of scenario.sidebars) world.sidebars.set(s.name, { ...s });
  try {
    for (const step of steps) apply(world, step);
    for (const sidebar of world.sidebars.values()) if (sidebar.outcome === 'conflict') retry(world, sidebar);
    checkFinal(world);
  } catch (error) {
    throw new Error(`${scenario.name}: ${world.log.join(' → ')}\n${(error as Error).message}`);
  }
  stats.interleavings++;
}

export function sidebarSteps(scenario: Scenario): Step[][] {
  return scenario.sidebars.map((s) => [
    { kind: 'load', sidebar: s.name },
    { kind: 'save', sidebar: s.name },
  ]);
}

/** Every interleaving of the scenario's two sidebars with each of the other actors' step lists. */
export function runAll(scenario: Scenario, others: readonly (readonly Step[])[]): void {
  const base = newBase(scenario.handRow);
  for (const other of others) {
    for (const steps of interleavings([...sidebarSteps(scenario), ...(other.length ? [other] : [])]))
      runInterleaving(base, scenario, steps);
  }
}

export function summary(cpu: number): string {
  return (
    `interleavings tried: ${stats.interleavings}, lost updates: ${stats.lostUpdates}, duplicates: ${stats.duplicates}\n` +
    `saves: ${stats.saved} saved, ${stats.conflicts} refused as changed, ${stats.gone} refused as deleted, ` +
    `${stats.retried} saved again after reloading; ${Math.round(cpu)} ms CPU (${(cpu / Math.max(stats.interleavings, 1)).toFixed(1)} ms an interleaving)`
  );
}
