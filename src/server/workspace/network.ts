// Needs and gaps for one school or a network, the Gaps report tab, the rollup of other schools'
// Partner Hub spreadsheets (read-only), and the Dashboard tab with Sheets' own charts.
import type { GapsView, RollupResult } from '../../shared/contract';
import type { Agreement } from '../../shared/records';
import { FOCUS_AREAS, PARTNER_STATUSES, REPORT_TABS } from '../../shared/schema';
import { analyzeGaps, classifyNeeds, landscape, linkablePartners, type GapInput } from '../domain/gaps';
import { checkInFigures, expiringCount, needFigures, surveyFigures } from '../domain/figures';
import { inService } from '../../shared/partner-status';
import type { NeedFigures } from '../../shared/figures';
import { asText } from '../domain/cells';
import { UserError } from '../domain/errors';
import { Database, openDatabaseById, sheetsApi, withSheetLock, type TableData } from './database';
import { freeId, NEW_TAB_COLUMNS, NEW_TAB_ROWS } from './setup-batch';
import { surveysNewestFirst } from './surveys';
import { surveyView } from './survey-results';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The tables the gap analysis reads, each read once; the Gaps tab reuses partners and needs for its links. */
function gapTables(db: Database) {
  return {
    schools: db.read('schools'),
    partners: db.read('partners'),
    needs: db.read('needs'),
    agreements: db.read('agreements'),
  };
}

/** What the gap analysis reads: a spreadsheet with one school (or none) on its Schools tab is one school's. */
export function gapInput(
  tables: Pick<ReturnType<typeof gapTables>, 'schools' | 'partners' | 'needs' | 'agreements'>,
  today: string,
): GapInput {
  const schools = tables.schools.rows.map((r) => r.record);
  return {
    partners: tables.partners.rows.map((r) => r.record),
    needs: tables.needs.rows.map((r) => r.record),
    agreements: tables.agreements.rows.map((r) => r.record),
    schools,
    today,
    singleSchool: schools.length <= 1,
  };
}

/** The open needs by coverage, as the header shows them (the same count as the Needs view's). */
export function needFiguresOf(db: Database): NeedFigures {
  return needFigures({ needs: classifyNeeds(gapInput(gapTables(db), db.today())) });
}

export function gapsView(db: Database, tables = gapTables(db)): GapsView {
  const input = gapInput(tables, db.today());
  const report = analyzeGaps(input);
  return {
    figures: needFigures(report),
    report,
    linkable: linkablePartners(input),
    landscape: landscape(input, report),
    singleSchool: input.singleSchool === true,
    partnerNames: Object.fromEntries(input.partners.map((p) => [p.id, p.name])),
    needNames: Object.fromEntries(
      input.needs.map((n) => [n.id, `${n.focusArea}${n.grades ? ` (${n.grades})` : ''} at ${n.school}`]),
    ),
  };
}

/** Text people typed, written so Sheets shows it as typed: never a formula. */
const literal = (value: string | number): string | number =>
  typeof value === 'string' ? asText(value) : value;

/**
 * Writes rows (and only rows) into a tab the add-on owns, rebuilding it from the first row (clearing
 * contents keeps an existing tab's formats and whatever the person set on it). A new tab is made with
 * its rows in one Sheets API batch, sized to them, its header row frozen and bold when `headed`.
 * Returns the tab (asked for only by a caller that needs it).
 */
function rewriteTab(db: Database, name: string, rows: (string | number)[][], headed = false): () => Sheet {
  const width = Math.max(...rows.map((r) => r.length));
  const grid = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  const found = db.spreadsheet.getSheetByName(name);
  if (!found) {
    const id = madeWithRows(db, name, grid, headed);
    if (id !== null) return () => db.spreadsheet.getSheetById(id) ?? missing(name);
  }
  const sheet = found ?? db.spreadsheet.insertSheet(name);
  if (found) sheet.clearContents();
  fitted(sheet, grid.length, width).setValues(grid);
  if (!found && headed) {
    sheet.setFrozenRows(1);
    sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  }
  return () => sheet;
}

function missing(name: string): never {
  throw new UserError(`The ${name} tab was not made. Try again.`);
}

/**
 * A new tab with its rows, in one batchUpdate (spreadsheets/request: AddSheetRequest, UpdateCellsRequest):
 * text is stored as text, never parsed ('=…' of the add-on's own is a formula). Its id is chosen from its
 * name, away from the add-on's recorded tabs; a tab of the person's with that id fails the batch with
 * nothing made, and null sends the caller the SpreadsheetApp way. Null too without the Sheets API.
 */
function madeWithRows(
  db: Database,
  name: string,
  grid: (string | number)[][],
  headed: boolean,
): number | null {
  const api = sheetsApi();
  if (!api) return null;
  const sheetId = freeId(name, new Set(Object.values(db.recordedTabs())));
  const cell = (value: string | number): GoogleAppsScript.Sheets.Schema.CellData => ({
    userEnteredValue:
      typeof value === 'number'
        ? { numberValue: value }
        : value.startsWith('=')
          ? { formulaValue: value }
          : { stringValue: value.startsWith("'") ? value.slice(1) : value },
  });
  const bold = { textFormat: { bold: true } };
  try {
    api.Spreadsheets.batchUpdate(
      {
        requests: [
          {
            addSheet: {
              properties: {
                sheetId,
                title: name,
                gridProperties: {
                  rowCount: Math.max(grid.length, NEW_TAB_ROWS),
                  columnCount: Math.max(grid[0]?.length ?? 0, NEW_TAB_COLUMNS),
                  ...(headed ? { frozenRowCount: 1 } : {}),
                },
              },
            },
          },
          {
            updateCells: {
              start: { sheetId, rowIndex: 0, columnIndex: 0 },
              rows: grid.map((line, i) => ({
                values: line.map((v) => ({
                  ...cell(v),
                  ...(headed && i === 0 ? { userEnteredFormat: bold } : {}),
                })),
              })),
              fields: headed ? 'userEnteredValue,userEnteredFormat.textFormat.bold' : 'userEnteredValue',
            },
          },
        ],
      },
      db.spreadsheet.getId(),
    );
  } catch {
    return null;
  }
  db.tabsAdded();
  return sheetId;
}

/**
 * The range of `rows` × `columns` from A1. A tab rewritten again and again is usually big enough: its
 * size is asked, and the tab grown, only when Sheets refuses the range (nothing is written by then).
 */
function fitted(sheet: Sheet, rows: number, columns: number): GoogleAppsScript.Spreadsheet.Range {
  try {
    return sheet.getRange(1, 1, rows, columns);
  } catch {
    const maxRows = sheet.getMaxRows();
    if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
    const maxColumns = sheet.getMaxColumns();
    if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
    return sheet.getRange(1, 1, rows, columns);
  }
}

/** The Gaps report tab, rebuilt on demand; each finding links to the partner's or need's row. */
export function writeGapsTab(db: Database): { tab: string; rows: number } {
  const tables = gapTables(db);
  const view = gapsView(db, tables);
  const { partners, needs } = tables;
  // Each tab's id asked once, each row found through a map: no call and no search per finding.
  const linker = (data: TableData, label: string) => {
    const gid = data.sheet ? (data.sheetId ?? data.sheet.getSheetId()) : null;
    const at = new Map(data.rows.map((r) => [String(r.record.id), r.row]));
    return (id: string) => {
      const row = at.get(id);
      return gid !== null && row ? `=HYPERLINK("#gid=${gid}&range=A${row}", "${label}")` : '';
    };
  };
  const toNeed = linker(needs, 'Open need');
  const toPartner = linker(partners, 'Open partner');
  const header = [
    'Severity',
    'Kind',
    'Finding',
    'School',
    'Focus area',
    'Partners',
    'Need ID',
    'Partner IDs',
    'Go to',
  ];
  const body = view.report.findings.map((f) => [
    f.severity,
    f.kind,
    literal(f.message),
    literal(f.school),
    literal(f.focusArea),
    literal(f.partnerIds.map((id) => view.partnerNames[id] ?? id).join(', ')),
    f.needId ?? '',
    f.partnerIds.join(', '),
    f.needId ? toNeed(f.needId) : toPartner(f.partnerIds[0] ?? ''),
  ]);
  return withSheetLock(db, () => {
    rewriteTab(db, REPORT_TABS.gaps, [header, ...(body.length ? body : [['', '', 'No gaps found.']])], true);
    return { tab: REPORT_TABS.gaps, rows: body.length };
  });
}

/**
 * A network office's view across schools: this spreadsheet and other schools' Partner Hub
 * spreadsheets, opened read-only by link. One that cannot be opened is reported, not fatal.
 */
export function rollupNetwork(db: Database, urls: readonly string[]): RollupResult {
  const sources: RollupResult['sources'][number][] = [];
  const merged: GapInput = {
    partners: [],
    needs: [],
    agreements: [],
    schools: [],
    today: db.today(),
    singleSchool: false,
  };
  const add = (source: Database, index: number, url: string) => {
    const input = gapInput(gapTables(source), db.today());
    const only = input.schools.length === 1 ? input.schools[0].name : '';
    const tag = (id: string) => (index === 0 ? id : `${index}/${id}`);
    merged.schools.push(...input.schools);
    merged.partners.push(...input.partners.map((p) => ({ ...p, id: tag(p.id), schools: p.schools || only })));
    merged.needs.push(...input.needs.map((n) => ({ ...n, id: tag(n.id), school: n.school || only })));
    merged.agreements.push(
      ...input.agreements.map((a) => ({ ...a, id: tag(a.id), partnerId: tag(a.partnerId) })),
    );
    sources.push({
      url,
      name: source.spreadsheet.getName(),
      ok: true,
      error: '',
      partners: input.partners.length,
      needs: input.needs.length,
    });
  };
  add(db, 0, db.spreadsheet.getUrl());
  urls.forEach((url, i) => {
    const id =
      /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(url)?.[1] ??
      (/^[A-Za-z0-9_-]{20,}$/.test(url.trim()) ? url.trim() : '');
    if (!id) {
      sources.push({
        url,
        name: '',
        ok: false,
        error: 'This is not a Google Sheets link.',
        partners: 0,
        needs: 0,
      });
      return;
    }
    try {
      add(openDatabaseById(id), i + 1, url);
    } catch (error) {
      const message =
        error instanceof UserError
          ? 'Partner Hub cannot open this spreadsheet: ask its owner to share it with you.'
          : error instanceof Error
            ? error.message
            : String(error);
      sources.push({ url, name: '', ok: false, error: message, partners: 0, needs: 0 });
    }
  });
  const report = analyzeGaps(merged);
  const names = Object.fromEntries(merged.partners.map((p) => [p.id, p.name]));
  return { sources, landscape: landscape(merged, report), counts: report.counts, partnerNames: names };
}

/**
 * The Dashboard tab: the headline figures (the same counts as the sidebar's header and the Needs view),
 * then the tables behind them, each with a chart drawn by Sheets. With `activate` ("Open the Dashboard
 * tab" in the sidebar), it is then the tab the spreadsheet shows.
 */
export function writeDashboard(db: Database, activate = false): { tab: string } {
  const tables = gapTables(db);
  const partners = tables.partners.rows.map((r) => r.record);
  const today = db.today();
  const view = gapsView(db, tables);
  const byFocus = FOCUS_AREAS.map((f) => [
    f,
    ...PARTNER_STATUSES.map((s) => partners.filter((p) => p.status === s && p.focusAreas.includes(f)).length),
  ]);
  const needs = view.figures;
  const checkIns = checkInFigures(partners, today);
  const agreementsOf = new Map<string, Agreement[]>();
  for (const r of tables.agreements.rows) {
    const a = r.record;
    agreementsOf.set(a.partnerId, [...(agreementsOf.get(a.partnerId) ?? []), a]);
  }
  const expiring = expiringCount(partners, (id) => agreementsOf.get(id) ?? [], today);
  const serving = partners.filter(inService).length;
  const [latest] = surveysNewestFirst(db);
  const survey = latest ? surveyView(db, latest.id) : undefined;
  const flags = survey ? surveyFigures(survey.summary, survey.flags.length) : undefined;
  const scores = survey
    ? survey.summary.partners
        .filter((p) => p.overall !== null)
        .map((p) => [literal(p.name), Math.round((p.overall ?? 0) * 100) / 100])
    : [];
  const blocks: {
    title: string;
    rows: (string | number)[][];
    chart?: 'column' | 'pie' | 'bar';
    stacked?: boolean;
  }[] = [
    {
      title: 'At a glance',
      rows: [
        ['Figure', 'Count'],
        ['Open needs', needs.open],
        ['Unmet needs', needs.unmet],
        ['Pending needs', needs.pending],
        ['Covered needs', needs.covered],
        ['Check-ins overdue', checkIns.overdue],
        ['Check-ins due in the next 7 days', checkIns.dueSoon],
        ['Agreements expiring', expiring],
        ...(flags && latest
          ? [
              [literal(`Partners flagged for review: ${String(latest.title)}`), flags.flaggedPartners],
              [literal(`Survey answers flagged: ${String(latest.title)}`), flags.flaggedAnswers],
            ]
          : []),
      ],
    },
    {
      title: 'Partners by focus area and status',
      rows: [['Focus area', ...PARTNER_STATUSES], ...byFocus],
      chart: 'column',
      stacked: true,
    },
    {
      title: 'Open needs by coverage',
      rows: [
        ['Needs', 'Count'],
        ['covered', needs.covered],
        ['pending', needs.pending],
        ['unmet', needs.unmet],
      ],
      chart: 'pie',
    },
    {
      title: `Survey scores${latest ? `: ${String(latest.title)}` : ''}`,
      rows: [['Partner', 'Average (1–5)'], ...(scores.length ? scores : [['(no answers yet)', 0]])],
      chart: 'bar',
    },
    {
      title: 'Check-ins of partners in service',
      rows: [
        ['Check-ins', 'Partners'],
        ['overdue', checkIns.overdue],
        ['due in the next 7 days', checkIns.dueSoon],
        ['later, or no cadence', serving - checkIns.overdue - checkIns.dueSoon],
      ],
      chart: 'pie',
    },
  ];
  return withSheetLock(db, () => {
    const rows: (string | number)[][] = [];
    const starts: number[] = [];
    for (const b of blocks) {
      rows.push([literal(b.title)]);
      starts.push(rows.length + 1);
      rows.push(...b.rows, []);
    }
    const sheet = rewriteTab(db, REPORT_TABS.dashboard, rows)();
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    let charts = 0;
    blocks.forEach((b, i) => {
      if (!b.chart) return;
      const range = sheet.getRange(starts[i], 1, b.rows.length, b.rows[0].length);
      const base = sheet
        .newChart()
        .addRange(range)
        .setNumHeaders(1)
        .setPosition(1 + charts++ * 18, 10, 0, 0)
        .setOption('title', b.title);
      const builder =
        b.chart === 'pie'
          ? base.setChartType(Charts.ChartType.PIE)
          : b.chart === 'bar'
            ? base.setChartType(Charts.ChartType.BAR)
            : base.setChartType(Charts.ChartType.COLUMN).setOption('isStacked', b.stacked === true);
      sheet.insertChart(builder.build());
    });
    if (activate) sheet.activate();
    return { tab: REPORT_TABS.dashboard };
  });
}
