// One fuzz case: a partner spreadsheet built through the add-on, mangled by hand, then set up again,
// read, edited and added to. Every check of the issue runs here; the test files pick seeds and counts.
import fc from 'fast-check';
import { loadAddOn, type AddOn } from '../../dev/gas';
import type { InspectedTab } from '../../dev/workspace';
import { inspectFormulas } from '../../dev/workspace/by-hand';
import type { Directory, SaveResult, SetUpReport } from '../../src/shared/contract';
import type { FieldValue, Partner } from '../../src/shared/records';
import { checkDraft } from '../../src/shared/fields';
import { FOCUS_AREAS, PARTNER_STATUSES, type Table } from '../../src/shared/schema';
import {
  ALL_FAMILIES,
  applyMangle,
  call,
  CONTACTS,
  contactValuesArb,
  gridOf,
  mangleArb,
  mapColumns,
  PARTNERS,
  partnerValuesArb,
  sameValue,
  show,
  tableOfTab,
  writeGrid,
  type Families,
  type Mangle,
  type Mangled,
} from './arbitraries';

export const EDIT_FIELDS = [
  'notes',
  'status',
  'lastCheckIn',
  'website',
  'blackLed',
  'focusAreas',
  'name',
  'services',
] as const;
export type EditField = (typeof EDIT_FIELDS)[number];

export interface Case {
  readonly partners: readonly Record<string, FieldValue>[];
  readonly contacts: readonly { readonly partner: number; readonly values: Record<string, FieldValue> }[];
  readonly partnerMangle: Mangle;
  readonly contactMangle: Mangle | null;
  readonly edit: { readonly pick: number; readonly field: EditField; readonly variant: number };
  readonly newPartner: Record<string, FieldValue>;
}

export function caseArb(intensity: 'light' | 'heavy', families: Families = ALL_FAMILIES): fc.Arbitrary<Case> {
  return fc
    .record({
      partners: fc.array(partnerValuesArb, { minLength: 1, maxLength: 6 }),
      contacts: fc.array(fc.record({ partner: fc.nat({ max: 10 }), values: contactValuesArb }), {
        maxLength: 4,
      }),
      partnerMangle: mangleArb(PARTNERS, intensity, families),
      contactMangle: fc.option(mangleArb(CONTACTS, 'light', families), { freq: 2 }),
      edit: fc.record({
        pick: fc.nat({ max: 100 }),
        field: fc.constantFrom(...EDIT_FIELDS),
        variant: fc.nat({ max: 9 }),
      }),
      newPartner: partnerValuesArb,
    })
    .map((c) => {
      // Half the person's column copies are of the field the sidebar edits: the save must write ours only.
      const m = c.partnerMangle;
      if (m.copyColumn === null || c.edit.variant % 2) return c;
      const copyColumn = PARTNERS.columns.findIndex((col) => col.key === c.edit.field);
      return { ...c, partnerMangle: { ...m, copyColumn } };
    });
}

export interface Stats {
  cases: number;
  lostCells: number;
  edits: { saved: number; invalid: number; refused: number; none: number };
  warningsChecked: number;
  missingColumnProbes: number;
  failures: Set<string>;
}

export function newStats(): Stats {
  return {
    cases: 0,
    lostCells: 0,
    edits: { saved: 0, invalid: 0, refused: 0, none: 0 },
    warningsChecked: 0,
    missingColumnProbes: 0,
    failures: new Set(),
  };
}

const REAL_ID = /^[A-Z]-[0-9a-f]{10}$/;

/** The text the add-on reads as a row id (fromCell on an 'id' column: the cell as trimmed text). */
function idText(value: unknown): string {
  if (value === '' || value === null || value === undefined) return '';
  return String(value).trim();
}

function newValueFor(field: EditField, current: Partner, variant: number): FieldValue {
  switch (field) {
    case 'notes':
      return `Edited ${variant} 📝 ملاحظة`;
    case 'services':
      return `Services v${variant}\nשירותים`;
    case 'name':
      return `Renamed partner ${variant}`;
    case 'status': {
      const others = PARTNER_STATUSES.filter((s) => s !== current.status);
      return others[variant % others.length];
    }
    case 'lastCheckIn':
      return current.lastCheckIn === `2027-0${1 + (variant % 9)}-15`
        ? '2027-12-31'
        : `2027-0${1 + (variant % 9)}-15`;
    case 'website':
      return `https://edited-${variant}.example.org/p?q=1`;
    case 'blackLed':
      return !current.blackLed;
    case 'focusAreas': {
      const pick = [FOCUS_AREAS[variant % FOCUS_AREAS.length]];
      return JSON.stringify(pick) === JSON.stringify(current.focusAreas)
        ? [FOCUS_AREAS[(variant + 1) % FOCUS_AREAS.length]]
        : pick;
    }
  }
}

/** Why the sidebar's argument check would refuse these values (a readable 'too long'), if it would. */
function argumentRefusal(id: string, values: Record<string, FieldValue>): boolean {
  if (id.length > 60) return true;
  return Object.values(values).some((v) =>
    typeof v === 'string'
      ? v.length > 50000
      : Array.isArray(v)
        ? v.length > 1000 || v.some((i) => i.length > 200)
        : false,
  );
}

/**
 * Some tabs' values and formulas (inspect() also formats every cell for display, which the steps
 * between the before and after snapshots do not need).
 */
function quickTabs(addOn: AddOn, names: readonly string[]): { tabs: InspectedTab[] } {
  return {
    tabs: names.map((name) => {
      const sheet = addOn.workspace.spreadsheet.getSheetByName(name)!;
      const empty = sheet.getLastRow() === 0;
      const range = sheet.getDataRange();
      return {
        name,
        sheetId: sheet.getSheetId(),
        values: empty ? [] : range.getValues(),
        display: [],
        formulas: empty ? [] : inspectFormulas(sheet),
        frozenRows: sheet.getFrozenRows(),
      };
    }),
  };
}

function tab(snapshot: { tabs: InspectedTab[] }, name: string): InspectedTab {
  const found = snapshot.tabs.find((t) => t.name === name);
  if (!found) throw new Error(`no ${name} tab`);
  return found;
}

interface Allowed {
  /** Edited cells: row → set of columns (0-based), may lie outside the old grid. */
  readonly cells: Map<number, Set<number>>;
  /** Rows that may be new, whole (the appended partner). */
  readonly newRows: Set<number>;
}

/** Which rows the add-on reads as records, and which of them lack an id or repeat an earlier one. */
export function idlessRows(
  table: Table,
  sheet: InspectedTab,
): { records: number[]; needsId: Set<number>; duplicate: Set<number> } {
  const map = mapColumns(table, sheet.values[0] ?? []);
  const mapped = [...map.values()];
  const idCol = map.get('id');
  const seen = new Set<string>();
  const records: number[] = [];
  const needsId = new Set<number>();
  const duplicate = new Set<number>();
  for (let r = 1; r < sheet.values.length; r++) {
    const line = sheet.values[r];
    if (mapped.every((c) => line[c] === '' || line[c] === null || line[c] === undefined)) continue;
    records.push(r);
    const id = idCol === undefined ? '' : idText(line[idCol]);
    if (id === '' || seen.has(id)) needsId.add(r);
    if (id !== '' && seen.has(id)) duplicate.add(r);
    seen.add(id);
  }
  return { records, needsId, duplicate };
}

export interface Diff {
  readonly row: number;
  readonly column: number;
  readonly text: string;
}

/**
 * Compares a tab before and after: every cell of the old grid must be the same (value and formula) but
 * for ids set-up gives and the allowed cells; outside it, only appended headers and allowed cells.
 * Returns the differences found.
 */
export function lostCells(
  table: Table | undefined,
  before: InspectedTab,
  after: InspectedTab,
  allowed: Allowed,
): Diff[] {
  const problems: Diff[] = [];
  const push = (row: number, column: number, text: string) => problems.push({ row, column, text });
  const bh = before.values.length;
  const bw = before.values[0]?.length ?? 0;
  const ah = after.values.length;
  const aw = after.values[0]?.length ?? 0;
  const ok = (r: number, c: number) => allowed.newRows.has(r) || (allowed.cells.get(r)?.has(c) ?? false);
  // Rows set-up must give an id to: records whose id is empty or repeats an earlier one.
  let idRows = new Set<number>();
  let idCol: number | undefined;
  let appendedHeaders: string[] = [];
  if (table) {
    const beforeMap = mapColumns(table, before.values[0] ?? []);
    idCol = mapColumns(table, after.values[0] ?? []).get('id');
    idRows = idlessRows(table, before).needsId;
    appendedHeaders = table.columns.filter((c) => !beforeMap.has(c.key)).map((c) => c.header);
  }
  const rows = Math.max(bh, ah);
  const cols = Math.max(bw, aw);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const bv: unknown = r < bh && c < bw ? before.values[r][c] : '';
      const bf = r < bh && c < bw ? before.formulas[r][c] : '';
      const av: unknown = r < ah && c < aw ? after.values[r][c] : '';
      const af = r < ah && c < aw ? after.formulas[r][c] : '';
      if (ok(r, c)) continue;
      if (c === idCol && idRows.has(r)) {
        if (!REAL_ID.test(String(av)) || af !== '')
          push(r, c, `${after.name}!R${r + 1}C${c + 1}: id given is ${show(av)}`);
        continue;
      }
      if (r === 0 && c >= bw) {
        const want = appendedHeaders[c - bw] ?? '';
        if (av !== want) push(r, c, `${after.name}!R1C${c + 1}: header ${show(av)}, expected ${show(want)}`);
        continue;
      }
      // Set-up's own new columns are excluded on the edited row (a save writes every field there).
      if (c >= bw && allowed.cells.has(r)) continue;
      if (!sameValue(bv, av) || bf !== af) {
        push(
          r,
          c,
          `${after.name}!R${r + 1}C${c + 1} (${show(before.values[0]?.[c] ?? after.values[0]?.[c])}): ${show(bv)}${bf ? ` [${bf}]` : ''} → ${show(av)}${af ? ` [${af}]` : ''}`,
        );
      }
    }
  }
  return problems;
}

/** Checks that each bad cell we planted is flagged on its own row, and that rows we did not touch are clean. */
function checkWarnings(
  table: Table,
  mangled: Mangled | null,
  sheet: InspectedTab,
  entries: readonly { record: { id: string }; warnings: readonly { field: string; message: string }[] }[],
): number {
  const map = mapColumns(table, sheet.values[0] ?? []);
  const idCol = map.get('id');
  if (idCol === undefined) throw new Error(`${table.tab} has no id column after set-up`);
  const rowOf = new Map<string, number>();
  sheet.values.forEach((line, r) => {
    if (r > 0) rowOf.set(idText(line[idCol]), r);
  });
  const byId = new Map(entries.map((e) => [e.record.id, e]));
  let checked = 0;
  for (const p of mangled?.planted ?? []) {
    if (!p.bad) continue;
    const id = idText(sheet.values[p.row]?.[idCol]);
    const entry = byId.get(id);
    if (!entry) throw new Error(`${table.tab} row ${p.row + 1} (id ${id}) is not in the directory`);
    if (!entry.warnings.some((w) => w.field === p.key && w.message.length > 0)) {
      throw new Error(
        `${table.tab} row ${p.row + 1}: ${show(p.cell.v)} in ${p.key} is not flagged; warnings: ${JSON.stringify(entry.warnings)}`,
      );
    }
    checked++;
  }
  for (const entry of entries) {
    const row = rowOf.get(entry.record.id);
    if (row === undefined) throw new Error(`${table.tab}: directory id ${entry.record.id} is on no row`);
    for (const w of entry.warnings) {
      if (!table.columns.some((c) => c.key === w.field))
        throw new Error(`${table.tab} row ${row + 1}: warning on unknown field ${w.field}`);
    }
    if (!mangled?.touched.has(row) && entry.warnings.length) {
      throw new Error(
        `${table.tab} row ${row + 1} was not touched but has warnings ${JSON.stringify(entry.warnings)}`,
      );
    }
  }
  return checked;
}

/**
 * Rows without an id, or repeating one: the directory gives them a fresh id as it loads (when the tab
 * has an id column), or reads them as 'row:N' (when it has none) with a repeated id flagged on its row.
 */
function checkIdless(
  table: Table,
  sheet: InspectedTab,
  loaded: InspectedTab,
  entries: Directory['partners'] | Directory['contacts'],
): void {
  const { records, needsId, duplicate } = idlessRows(table, sheet);
  if (entries.length !== records.length)
    throw new Error(`${table.tab}: ${entries.length} records read, ${records.length} rows hold data`);
  const byId = new Map<string, (typeof entries)[number]>(entries.map((e) => [e.record.id, e]));
  const idAt = mapColumns(table, loaded.values[0] ?? []).get('id');
  const loadedIds = loaded.values.slice(1).map((line) => (idAt === undefined ? '' : idText(line[idAt])));
  for (const r of needsId) {
    const given = idAt === undefined ? '' : idText(loaded.values[r]?.[idAt]);
    if (
      given &&
      /^[A-Z]-[0-9a-f]{10}$/.test(given) &&
      loadedIds.filter((x) => x === given).length === 1 &&
      byId.has(given)
    )
      continue;
    const entry = byId.get(`row:${r + 1}`);
    if (!entry)
      throw new Error(`${table.tab} row ${r + 1} has no id: it neither got one nor is read as row:${r + 1}`);
    if (duplicate.has(r) && !entry.warnings.some((w) => w.field === 'id'))
      throw new Error(
        `${table.tab} row ${r + 1} repeats an id but is not flagged: ${JSON.stringify(entry.warnings)}`,
      );
  }
}

const PROBE: Partial<Record<Table['columns'][number]['type'], (options: readonly string[]) => FieldValue>> = {
  text: () => 'Probe value',
  longtext: () => 'Probe value',
  enum: (o) => o[0],
  multi: (o) => [o[0]],
  bool: () => true,
  date: () => '2026-09-15',
  url: () => 'https://probe.example.org',
};

/**
 * When set-up has not run since a column of ours was deleted, a save with a value for it is refused
 * with the message that says to run set-up. Returns whether it probed.
 */
function probeMissingColumn(addOn: AddOn, seen: Set<string>, dir: Directory): boolean {
  const missing = PARTNERS.columns.filter((c) => dir.missing.includes(`Partners: ${c.header}`));
  const noId = missing.some((c) => c.key === 'id');
  // Without the id column nothing can be saved: any edit (here, of the notes) is refused.
  const column =
    missing.find((c) => PROBE[c.type] !== undefined) ??
    (noId ? PARTNERS.columns.find((c) => c.key === 'notes') : undefined);
  const entry = dir.partners[0];
  if (!column || !entry) return false;
  const { id, created: _c, updated: _u, ...rest } = entry.record;
  const values: Record<string, FieldValue> = {
    ...rest,
    [column.key]: PROBE[column.type]!(column.options ?? []),
  };
  const result = call<SaveResult<Partner>>(addOn, seen, 'savePartner', {
    id,
    version: entry.version,
    values,
  });
  const invalid = Object.keys(checkDraft(PARTNERS, values).errors).length > 0;
  if (typeof result === 'string') {
    const expected = argumentRefusal(id, values)
      ? /too long/
      : noId
        ? /tab is not set up\. Run "Set up partner database" first\./
        : new RegExp(`has no .*"${column.header}".* column\\. Run "Set up partner database"`);
    if (!expected.test(result)) throw new Error(`save into missing ${column.header}: ${result}`);
  } else if (!(invalid && result.status === 'invalid')) {
    throw new Error(`save into missing ${column.header} gave ${result.status}`);
  }
  return true;
}

function partnersOf(dir: Directory | string): Directory {
  if (typeof dir === 'string') throw new Error(`getDirectory failed: ${dir}`);
  return dir;
}

export function runCase(c: Case, stats: Stats): void {
  stats.cases++;
  const addOn: AddOn = loadAddOn();
  const seen = stats.failures;
  const ss = addOn.workspace.spreadsheet;
  call<SetUpReport>(addOn, seen, 'setUpDatabase');
  const ids: string[] = [];
  for (const values of c.partners) {
    const r = call<SaveResult<Partner>>(addOn, seen, 'savePartner', { values });
    if (typeof r === 'string' || r.status !== 'saved')
      throw new Error(`seed partner not saved: ${JSON.stringify(r)}`);
    ids.push(r.entry.record.id);
  }
  for (const contact of c.contacts) {
    const values = { ...contact.values, partnerId: ids[contact.partner % ids.length] };
    const r = call<SaveResult<unknown>>(addOn, seen, 'saveContact', { values });
    if (typeof r === 'string' || r.status !== 'saved')
      throw new Error(`seed contact not saved: ${JSON.stringify(r)}`);
  }

  // People at work.
  const start = quickTabs(addOn, ['Partners', 'Contacts']);
  const mangledPartners = applyMangle(PARTNERS, gridOf(tab(start, 'Partners')), c.partnerMangle);
  writeGrid(ss.getSheetByName('Partners')!, mangledPartners.grid);
  let mangledContacts: Mangled | null = null;
  if (c.contactMangle) {
    mangledContacts = applyMangle(CONTACTS, gridOf(tab(start, 'Contacts')), c.contactMangle);
    writeGrid(ss.getSheetByName('Contacts')!, mangledContacts.grid);
  }
  const before = addOn.workspace.inspect();

  // Before set-up, the sidebar opens on the hand-edited sheet: it reads, and refuses to lose a value.
  const dir0 = partnersOf(call<Directory>(addOn, seen, 'getDirectory'));
  const loaded = addOn.workspace.inspect();
  checkIdless(PARTNERS, tab(before, 'Partners'), tab(loaded, 'Partners'), dir0.partners);
  checkIdless(CONTACTS, tab(before, 'Contacts'), tab(loaded, 'Contacts'), dir0.contacts);
  if (probeMissingColumn(addOn, seen, dir0)) {
    stats.missingColumnProbes++;
    const probed = quickTabs(addOn, ['Partners', 'Contacts']);
    for (const b of loaded.tabs.filter((t) => t.name === 'Partners' || t.name === 'Contacts')) {
      const a = tab(probed, b.name);
      if (
        JSON.stringify(a.values) !== JSON.stringify(b.values) ||
        JSON.stringify(a.formulas) !== JSON.stringify(b.formulas)
      )
        throw new Error(`a save refused for a missing column changed the ${b.name} tab`);
    }
  }

  // Set-up again, then the directory.
  const report = call<SetUpReport>(addOn, seen, 'setUpDatabase');
  if (typeof report === 'string') throw new Error(`set-up refused: ${report}`);
  if (report.created.length) throw new Error(`set-up created tabs again: ${report.created.join(', ')}`);
  // Set-up says what it did: the columns people deleted, and one id per row without one.
  const expectedColumns = [PARTNERS, CONTACTS].flatMap((t) => {
    const map = mapColumns(t, tab(before, t.tab).values[0] ?? []);
    return t.columns.filter((col) => !map.has(col.key)).map((col) => `${t.tab}: ${col.header}`);
  });
  const expectedIds = [PARTNERS, CONTACTS].reduce(
    // What the directory could not give an id (no id column yet) is left for set-up.
    (n, t) => n + idlessRows(t, tab(loaded, t.tab)).needsId.size,
    0,
  );
  if (
    JSON.stringify([...report.addedColumns].sort()) !== JSON.stringify([...expectedColumns].sort()) ||
    report.idsAssigned !== expectedIds
  )
    throw new Error(
      `set-up reported ${JSON.stringify(report)}; expected columns ${JSON.stringify(expectedColumns)}, ${expectedIds} ids`,
    );
  const dir = partnersOf(call<Directory>(addOn, seen, 'getDirectory'));
  if (dir.missing.length) throw new Error(`still missing after set-up: ${dir.missing.join(', ')}`);
  const afterSetUp = quickTabs(addOn, ['Partners', 'Contacts']);
  for (const [name, entries] of [
    ['Partners', dir.partners],
    ['Contacts', dir.contacts],
  ] as const) {
    const list = entries.map((e) => e.record.id);
    if (new Set(list).size !== list.length)
      throw new Error(`${name}: duplicate ids after set-up: ${list.join(' ')}`);
    const bad = list.filter((id) => id.startsWith('row:'));
    if (bad.length) throw new Error(`${name}: rows without an id after set-up: ${bad.join(' ')}`);
  }
  stats.warningsChecked += checkWarnings(
    PARTNERS,
    mangledPartners,
    tab(afterSetUp, 'Partners'),
    dir.partners,
  );
  stats.warningsChecked += checkWarnings(
    CONTACTS,
    mangledContacts,
    tab(afterSetUp, 'Contacts'),
    dir.contacts,
  );

  // The edit of one partner, from the sidebar.
  const allowed = new Map<string, Allowed>(
    before.tabs.map((t) => [t.name, { cells: new Map(), newRows: new Set<number>() }]),
  );
  const partnersAllowed = allowed.get('Partners')!;
  const partnerSheet = tab(afterSetUp, 'Partners');
  const pmap = mapColumns(PARTNERS, partnerSheet.values[0]);
  const rowOfId = (sheet: InspectedTab, id: string) =>
    sheet.values.findIndex((line, r) => r > 0 && idText(line[pmap.get('id')!]) === id);
  let expectEdit: { id: string; field: EditField; value: FieldValue } | null = null;
  if (dir.partners.length === 0) {
    stats.edits.none++;
  } else {
    // Two edits in three go to a partner the directory has no warning for (if any), so that most
    // edits save: a partner with a bad cell is refused as invalid until the cell is fixed.
    const clean = dir.partners.filter((p) => p.warnings.length === 0);
    const pool = c.edit.pick % 3 && clean.length ? clean : dir.partners;
    const entry = pool[c.edit.pick % pool.length];
    const { id } = entry.record;
    // As the sidebar sends an edit: the changed field alone (a cell the form cannot show exactly is
    // never rewritten by an edit of another).
    const values: Record<string, FieldValue> = {
      [c.edit.field]: newValueFor(c.edit.field, entry.record, c.edit.variant),
    };
    const row = rowOfId(partnerSheet, id);
    if (row < 1) throw new Error(`edited partner ${id} is on no row`);
    partnersAllowed.cells.set(row, new Set([pmap.get(c.edit.field)!, pmap.get('updated')!]));
    const result = call<SaveResult<Partner>>(addOn, seen, 'savePartner', {
      id,
      version: entry.version,
      values,
    });
    const refused = argumentRefusal(id, values);
    const predicted = checkDraft(PARTNERS, values, { only: Object.keys(values) });
    if (typeof result === 'string') {
      if (!refused) throw new Error(`edit of ${id} refused: ${result}`);
      stats.edits.refused++;
    } else if (refused) {
      throw new Error(`edit of ${id} should have been refused, got ${result.status}`);
    } else if (result.status === 'invalid') {
      const want = Object.keys(predicted.errors).sort().join(',');
      const got = Object.keys(result.errors).sort().join(',');
      if (!want || want !== got)
        throw new Error(`edit of ${id}: invalid ${got}, expected ${want || 'saved'}`);
      const fields = new Set(entry.warnings.map((w) => w.field));
      stats.edits.invalid++;
      // Only fields the directory warned about (or empty but required, or too long for the sidebar) may be refused.
      for (const key of Object.keys(result.errors))
        if (!fields.has(key) && !/^Shorten |^Give |^Choose [^:]*\.$/.test(result.errors[key]))
          throw new Error(
            `edit of ${id}: ${key} refused (${result.errors[key]}) but not flagged in the directory`,
          );
    } else if (result.status === 'saved') {
      if (Object.keys(predicted.errors).length)
        throw new Error(`edit of ${id} saved though ${Object.keys(predicted.errors).join(', ')} are invalid`);
      const want = predicted.values[c.edit.field];
      if (JSON.stringify(result.entry.record[c.edit.field]) !== JSON.stringify(want))
        throw new Error(
          `edit of ${id}: saved ${show(result.entry.record[c.edit.field])}, sent ${show(want)}`,
        );
      expectEdit = { id, field: c.edit.field, value: want };
      stats.edits.saved++;
    } else {
      throw new Error(`edit of ${id} with the version just read: ${result.status} ${result.message}`);
    }
  }

  // A new partner from the sidebar: appended after the last row, nothing else touched.
  const added = call<SaveResult<Partner>>(addOn, seen, 'savePartner', { values: c.newPartner });
  if (typeof added === 'string' || added.status !== 'saved')
    throw new Error(`new partner not saved: ${JSON.stringify(added)}`);
  partnersAllowed.newRows.add(partnerSheet.values.length);

  // The directory reads both back.
  const after = addOn.workspace.inspect();
  const partnersAfter = tab(after, 'Partners');
  const final = partnersOf(call<Directory>(addOn, seen, 'getDirectory'));
  if (final.partners.length !== dir.partners.length + 1)
    throw new Error(`partners: ${final.partners.length}`);
  const newEntry = final.partners.find((p) => p.record.id === added.entry.record.id);
  if (!newEntry || JSON.stringify(newEntry.record) !== JSON.stringify(added.entry.record))
    throw new Error(`new partner reads back as ${JSON.stringify(newEntry?.record)}`);
  let editedRow = -1;
  if (expectEdit) {
    const { id, field, value } = expectEdit;
    const edited = final.partners.find((p) => p.record.id === id);
    if (!edited || JSON.stringify(edited.record[field]) !== JSON.stringify(value))
      throw new Error(`edited ${field} of ${id} reads back as ${show(edited?.record[field])}`);
    editedRow = rowOfId(partnersAfter, id);
    if (editedRow !== rowOfId(partnerSheet, id)) throw new Error(`edited partner ${id} moved`);
  }

  // Every cell we did not mean to change is as the person left it.
  const problems: string[] = [];
  for (const b of before.tabs) {
    const a = after.tabs.find((t) => t.name === b.name);
    if (!a) {
      problems.push(`tab ${b.name} is gone`);
      continue;
    }
    for (const d of lostCells(tableOfTab(b.name), b, a, allowed.get(b.name)!)) problems.push(d.text);
  }
  if (after.tabs.length !== before.tabs.length)
    problems.push(`tabs: ${after.tabs.map((t) => t.name).join(', ')}`);
  const newRow = rowOfId(partnersAfter, added.entry.record.id);
  if (newRow !== partnerSheet.values.length)
    problems.push(`new partner on row ${newRow + 1}, expected ${partnerSheet.values.length + 1}`);
  stats.lostCells += problems.length;
  if (problems.length) throw new Error(`lost cells:\n${problems.slice(0, 12).join('\n')}`);
}
