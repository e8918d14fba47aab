// What the Sheets sidebar reads: its first screen (a page of the directory, the filters' choices, the
// headline figures), a search of the directory, one partner's profile, and the tables a view shows when
// it is opened. Each reads only the tables it needs, once.
import type {
  Listed,
  PartnerEntry,
  PartnerGlance,
  PartnerPage,
  PartnerProfile,
  PartnerQuery,
  ProfilePart,
  SidebarHome,
  ViewTable,
  ViewTables,
} from '../../shared/contract';
import type { Agreement, RecordOf } from '../../shared/records';
import { TABLES, TABLE_KEYS, type TableKey } from '../../shared/schema';
import { facets, matches, queryWords, searchText } from '../../shared/partner-filter';
import { isDemoId } from '../../shared/demo';
import { gatheringGlance } from '../../shared/gathering-dates';
import { contactText, partnerEntry, partnerRow } from '../../shared/partner-status';
import { expiringCount, needFigures, partnerCounts } from '../domain/figures';
import { classifyNeeds } from '../domain/gaps';
import { gapInput } from './network';
import { UserError } from '../domain/errors';
import { withSheetLock, type Database, type TableData } from './database';
import { assignIds } from './setup';
import { listed } from './records';

/**
 * Reads some tables once; rows people added by hand get their id first, so the sidebar can pick and
 * save them like any other (if someone else is saving, they keep their stand-in ids until the next read).
 */
function readTables(db: Database, keys: readonly TableKey[]): Map<TableKey, TableData> {
  const read = new Map(keys.map((k) => [k, db.read(k)] as const));
  const unnamed = keys.filter((k) => read.get(k)?.needsId.length && read.get(k)?.map.index.id !== undefined);
  if (unnamed.length) {
    try {
      withSheetLock(db, () => {
        for (const k of unnamed) {
          const fresh = db.read(k);
          assignIds(db, fresh);
          read.set(k, db.read(k));
        }
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
    }
  }
  return read;
}

/** A table readTables read, typed by its key: the map holds under each key that key's own table. */
function tableOf<K extends TableKey>(read: Map<TableKey, TableData>, key: K): TableData<RecordOf<K>> {
  const data = read.get(key);
  if (!data) throw new UserError(`The ${TABLES[key].tab} tab was not read.`);
  return data as TableData<RecordOf<K>>;
}

function rowsOf<K extends TableKey>(read: Map<TableKey, TableData>, key: K): Listed<RecordOf<K>>[] {
  return read.has(key) ? tableOf(read, key).rows.map((r) => listed(r)) : [];
}

interface Partners {
  readonly today: string;
  readonly entries: PartnerEntry[];
  readonly agreementsOf: (partnerId: string) => readonly Agreement[];
}

function partnerEntries(read: Map<TableKey, TableData>, today: string): Partners {
  const byPartner = new Map<string, Agreement[]>();
  for (const { record } of rowsOf(read, 'agreements')) {
    const list = byPartner.get(record.partnerId);
    if (list) list.push(record);
    else byPartner.set(record.partnerId, [record]);
  }
  const agreementsOf = (id: string): readonly Agreement[] => byPartner.get(id) ?? [];
  const entries = rowsOf(read, 'partners').map((entry) =>
    partnerEntry(entry, agreementsOf(entry.record.id), today),
  );
  return { today, entries, agreementsOf };
}

function glanceOf({ today, entries, agreementsOf }: Partners): PartnerGlance {
  const records = entries.map((e) => e.record);
  return { ...partnerCounts(records, today), expiring: expiringCount(records, agreementsOf, today) };
}

function contactTexts(read: Map<TableKey, TableData>): Map<string, string> {
  const texts = new Map<string, string>();
  for (const { record: c } of rowsOf(read, 'contacts')) {
    texts.set(c.partnerId, `${texts.get(c.partnerId) ?? ''}${contactText([c])}`);
  }
  return texts;
}

function isComplete(partners: Partners, query: PartnerQuery): boolean {
  const filtered = Boolean(
    queryWords(query).length ||
    query.status ||
    query.focus ||
    query.school ||
    query.liaison ||
    query.attention,
  );
  return !filtered && query.offset === 0 && partners.entries.length <= query.limit;
}

function pageOf(partners: Partners, read: Map<TableKey, TableData>, query: PartnerQuery): PartnerPage {
  const words = queryWords(query);
  const texts = words.length || read.has('contacts') ? contactTexts(read) : new Map<string, string>();
  const found = partners.entries
    .filter((e) =>
      matches(e.record, e.attention, query, words, () => searchText(e.record, texts.get(e.record.id) ?? '')),
    )
    .sort((a, b) => a.record.name.localeCompare(b.record.name));
  const page = found.slice(query.offset, query.offset + query.limit);
  return {
    rows: page.map(partnerRow),
    matched: found.length,
    offset: query.offset,
    total: partners.entries.length,
    ...(isComplete(partners, query) && read.has('contacts')
      ? { search: page.map((e) => searchText(e.record, texts.get(e.record.id) ?? '')) }
      : {}),
  };
}

/**
 * Reads what a search needs: partners and agreements, and the contacts when there are words to look for
 * or when the page will hold every partner (a small directory, whose search then runs in the sidebar).
 */
function readForSearch(
  db: Database,
  query: PartnerQuery,
  more: readonly TableKey[] = [],
): Map<TableKey, TableData> {
  const read = readTables(db, ['partners', 'agreements', ...more]);
  const all = read.get('partners')?.rows.length ?? 0;
  if (queryWords(query).length || (query.offset === 0 && all <= query.limit)) {
    for (const [k, v] of readTables(db, ['contacts'])) read.set(k, v);
  }
  return read;
}

export function sidebarHome(db: Database, query: PartnerQuery): SidebarHome {
  const today = db.today();
  const read = readForSearch(db, query, ['needs', 'schools', 'gatherings']);
  // Tabs not read here are only looked for; their columns are checked by set-up and when they are read.
  const missing = TABLE_KEYS.flatMap((k) => {
    const data = read.get(k);
    if (!data) return db.sheetOf(k) ? [] : [`${TABLES[k].tab} tab`];
    if (!data.sheet) return [`${TABLES[k].tab} tab`];
    return data.map.missing.map((c) => `${TABLES[k].tab}: ${c.header}`);
  });
  const partners = partnerEntries(read, today);
  const [schools, partnerData, needs, agreements] = [
    tableOf(read, 'schools'),
    tableOf(read, 'partners'),
    tableOf(read, 'needs'),
    tableOf(read, 'agreements'),
  ] as const;
  return {
    today,
    missing,
    glance: glanceOf(partners),
    needs: needFigures({
      needs: classifyNeeds(gapInput({ schools, partners: partnerData, needs, agreements }, today)),
    }),
    gatherings: gatheringGlance(
      rowsOf(read, 'gatherings').map((g) => g.record),
      today,
    ),
    // The schools partners serve (a school of the Schools tab that no partner serves would find none).
    facets: facets(
      [],
      partners.entries.map((e) => e.record),
    ),
    demo: (['partners', 'agreements', 'needs'] as const).some((k) =>
      (read.get(k)?.rows ?? []).some((r) => isDemoId(String(r.record.id))),
    ),
    page: pageOf(partners, read, query),
  };
}

export function findPartners(db: Database, query: PartnerQuery): PartnerPage {
  const today = db.today();
  const read = readForSearch(db, query);
  return pageOf(partnerEntries(read, today), read, query);
}

const PART_TABLES: Record<ProfilePart, TableKey> = {
  contacts: 'contacts',
  agreements: 'agreements',
  checkIns: 'checkIns',
  vetting: 'vetting',
  onboarding: 'onboarding',
  reviews: 'reviews',
};

/**
 * One partner's profile: its list row and the figures (always), and the parts asked for; with the
 * contacts, what search looks at in it.
 */
export function partnerProfile(
  db: Database,
  partnerId: string,
  parts: readonly ProfilePart[],
): PartnerProfile {
  const today = db.today();
  const keys = new Set<TableKey>(['partners', 'agreements', ...parts.map((p) => PART_TABLES[p])]);
  const read = readTables(db, [...keys]);
  const partners = partnerEntries(read, today);
  const entry = partners.entries.find((e) => e.record.id === partnerId);
  if (!entry) throw new UserError(`No partner with id ${partnerId}; it may have been deleted.`);
  const mine = <T extends { readonly partnerId: string }>(rows: Listed<T>[]): Listed<T>[] =>
    rows.filter((r) => r.record.partnerId === partnerId);
  const asked = new Set(parts);
  const contacts = () => mine(rowsOf(read, 'contacts')).map((c) => c.record);
  return {
    entry,
    row: partnerRow(entry),
    ...(asked.has('contacts') ? { search: searchText(entry.record, contactText(contacts())) } : {}),
    glance: glanceOf(partners),
    ...(asked.has('contacts') ? { contacts: mine(rowsOf(read, 'contacts')) } : {}),
    ...(asked.has('agreements') ? { agreements: mine(rowsOf(read, 'agreements')) } : {}),
    ...(asked.has('checkIns') ? { checkIns: mine(rowsOf(read, 'checkIns')) } : {}),
    ...(asked.has('vetting') ? { vetting: mine(rowsOf(read, 'vetting')) } : {}),
    ...(asked.has('onboarding') ? { onboarding: mine(rowsOf(read, 'onboarding')) } : {}),
    ...(asked.has('reviews') ? { reviews: mine(rowsOf(read, 'reviews')) } : {}),
  };
}

/** The tables a view shows, read when it is opened; partners only as views that pick them need them. */
export function viewTables(db: Database, tables: readonly ViewTable[]): Partial<ViewTables> {
  const wanted = new Set(tables);
  const read = readTables(db, [...wanted]);
  const out: { -readonly [K in ViewTable]?: ViewTables[K] } = {};
  if (wanted.has('partners'))
    out.partners = rowsOf(read, 'partners').map(({ record: p }) => ({
      record: { id: p.id, name: p.name, status: p.status },
    }));
  if (wanted.has('gatherings')) out.gatherings = rowsOf(read, 'gatherings');
  if (wanted.has('actionItems')) out.actionItems = rowsOf(read, 'actionItems');
  if (wanted.has('surveys')) out.surveys = rowsOf(read, 'surveys');
  if (wanted.has('needs')) out.needs = rowsOf(read, 'needs');
  if (wanted.has('schools')) out.schools = rowsOf(read, 'schools');
  return out;
}
