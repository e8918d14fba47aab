// The functions the sidebars call. Each checks its arguments before anything runs.
import type { Directory, ImportRequest, SaveRequest, ServerApi, ServerFunction } from '../shared/contract';
import type { Agreement, CheckIn, Contact, Partner, School } from '../shared/records';
import { TABLES, TABLE_KEYS } from '../shared/schema';
import { attention, nextCheckIn } from './domain/partners';
import { UserError } from './domain/errors';
import { checkArgs, dict, fieldValue, oneOf, optional, shape, text, type Check } from './args';
import { openDatabase, withDocumentLock, type Database } from './workspace/database';
import { setUp } from './workspace/setup';
import { listed, saveRecord } from './workspace/records';
import { importSources, previewImport, runImport } from './workspace/import';

const saveRequest: Check<SaveRequest> = shape<SaveRequest>({
  id: optional(text(60)),
  version: optional(text(60)),
  values: dict(fieldValue, 60),
});

const importRequest: Check<ImportRequest> = shape<ImportRequest>({
  tab: text(200),
  mapping: dict(text(60), 200),
  decisions: optional(dict(oneOf(['merge', 'add', 'skip'] as const), 20000)),
});

/** The argument checks of every server function. */
const ARGS: Record<ServerFunction, readonly Check<unknown>[]> = {
  getDirectory: [],
  setUpDatabase: [],
  savePartner: [saveRequest],
  saveContact: [saveRequest],
  saveAgreement: [saveRequest],
  saveSchool: [saveRequest],
  logCheckIn: [saveRequest],
  getImportSources: [],
  previewImport: [importRequest],
  runImport: [importRequest],
};

export function directory(db: Database): Directory {
  const today = db.today();
  const read = Object.fromEntries(TABLE_KEYS.map((k) => [k, db.read(k)])) as Record<
    (typeof TABLE_KEYS)[number],
    ReturnType<Database['read']>
  >;
  const agreements = read.agreements.rows.map((r) => listed<Agreement>(r));
  const byPartner = new Map<string, Agreement[]>();
  for (const { record } of agreements) {
    const list = byPartner.get(record.partnerId);
    if (list) list.push(record);
    else byPartner.set(record.partnerId, [record]);
  }
  const missing = TABLE_KEYS.flatMap((k) => {
    const data = read[k];
    if (!data.sheet) return [`${TABLES[k].tab} tab`];
    return data.map.missing.map((c) => `${TABLES[k].tab}: ${c.header}`);
  });
  return {
    spreadsheetName: db.spreadsheet.getName(),
    today,
    missing,
    partners: read.partners.rows.map((r) => {
      const entry = listed<Partner>(r);
      return {
        ...entry,
        attention: attention(entry.record, byPartner.get(entry.record.id) ?? [], today),
        nextCheckIn: nextCheckIn(entry.record, today),
      };
    }),
    contacts: read.contacts.rows.map((r) => listed<Contact>(r)),
    agreements,
    checkIns: read.checkIns.rows.map((r) => listed<CheckIn>(r)),
    schools: read.schools.rows.map((r) => listed<School>(r)),
  };
}

function partnerExists(db: Database) {
  return (values: Record<string, unknown>): Record<string, string> => {
    const id = values.partnerId;
    const found = db.read('partners').rows.some((r) => r.record.id === id);
    return found ? {} : { partnerId: 'Partner: no partner with that id; it may have been deleted.' };
  };
}

export function createApi(db: Database): ServerApi {
  return {
    getDirectory: () => directory(db),
    setUpDatabase: () => withDocumentLock(() => setUp(db)),
    savePartner: (request) => saveRecord<Partner>(db, 'partners', request),
    saveContact: (request) => saveRecord<Contact>(db, 'contacts', request, { check: partnerExists(db) }),
    saveAgreement: (request) =>
      saveRecord<Agreement>(db, 'agreements', request, { check: partnerExists(db) }),
    saveSchool: (request) => saveRecord<School>(db, 'schools', request),
    logCheckIn: (request) =>
      saveRecord<CheckIn>(db, 'checkIns', request, {
        check: partnerExists(db),
        // The partner's last check-in moves forward, never back, whatever order check-ins are logged in.
        after: (checkIn) => {
          const partners = db.read('partners');
          const row = partners.rows.find((r) => r.record.id === checkIn.partnerId);
          const date = String(checkIn.date);
          if (row && String(row.record.lastCheckIn) < date) {
            db.write(partners, [
              { row: row.row, values: { lastCheckIn: date, updated: new Date().toISOString() } },
            ]);
          }
        },
      }),
    getImportSources: () => importSources(db),
    previewImport: (request) => previewImport(db, request),
    runImport: (request) => runImport(db, request),
  };
}

/** Runs one server function for a sidebar: arguments checked, errors turned into messages a person can read. */
export function serve(name: ServerFunction, given: readonly unknown[]): unknown {
  const args = checkArgs(name, given, ARGS[name]);
  try {
    const api = createApi(openDatabase());
    const fn = api[name] as (...a: unknown[]) => unknown;
    return fn(...args);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${name} failed: ${message}`);
    throw new Error(`Partner Hub could not finish (${name}): ${message}`);
  }
}
