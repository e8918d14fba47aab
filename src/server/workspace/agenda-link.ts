// The Docs sidebar's side: an agenda Doc finds its gathering through the link line Partner Hub wrote at
// its end (linked to the spreadsheet, the gathering's id in the link), then inserts tables at the cursor
// and captures the action-steps table back to the Action Items tab.
import type { AgendaInfo, CaptureResult } from '../../shared/contract';

import { TABLES } from '../../shared/schema';
import { isIsoDate } from '../../shared/fields';
import { LINK_FRAGMENT, LINK_TEXT, OLD_LINK_PATTERN, tableRows } from '../domain/agenda';
import type { AgendaTable } from '../../shared/choices';
import { fromCell } from '../domain/cells';
import { newId } from '../domain/ids';
import { UserError } from '../domain/errors';
import { agendaContext } from './agenda-docs';
import { openDatabaseById, withSheetLock, type Database } from './database';

type Doc = GoogleAppsScript.Document.Document;
type Element = GoogleAppsScript.Document.Element;

interface Linked {
  readonly doc: Doc;
  readonly db: Database;
  readonly gatheringId: string;
  /** The body index of the link line: inserted tables go before it when there is no cursor. */
  readonly linkIndex: number;
}

function linked(): Linked {
  const doc = DocumentApp.getActiveDocument();
  if (!doc) throw new UserError('Open Partner Hub from an agenda Doc.');
  const body = doc.getBody();
  // The link line: "Open this gathering in the partner spreadsheet" (the id in the link), or in a Doc made
  // before, "Partner Hub gathering G-…" (the id in the text).
  const found = body.findText(LINK_TEXT) ?? body.findText(OLD_LINK_PATTERN.source);
  if (!found) {
    throw new UserError(
      'This Doc is not linked to a gathering: make agendas from the Partner Hub sidebar in your partner spreadsheet.',
    );
  }
  const text = found.getElement().asText();
  const url = text.getLinkUrl(found.getStartOffset());
  const id = (url ? LINK_FRAGMENT.exec(url)?.[1] : undefined) ?? OLD_LINK_PATTERN.exec(text.getText())?.[1];
  const spreadsheetId = url ? /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(url)?.[1] : undefined;
  if (!id || !spreadsheetId)
    throw new UserError(
      `The line “${LINK_TEXT}” at the end of this Doc has lost its link to the spreadsheet.`,
    );
  return {
    doc,
    db: openDatabaseById(spreadsheetId),
    gatheringId: id,
    linkIndex: body.getChildIndex(bodyChild(text)),
  };
}

/** The element's ancestor that sits directly in the body. */
function bodyChild(element: Element): Element {
  let el = element;
  for (
    let parent = el.getParent();
    parent && parent.getType() !== DocumentApp.ElementType.BODY_SECTION;
    parent = el.getParent()
  ) {
    el = parent as unknown as Element;
  }
  return el;
}

export function agendaInfo(): AgendaInfo {
  const { db, gatheringId } = linked();
  const ctx = agendaContext(db, gatheringId);
  return {
    gathering: ctx.gathering,
    partners: tableRows(ctx, 'partners').slice(1),
    actionItems: ctx.actionItems.filter((a) => a.status === 'open'),
    upcoming: ctx.upcoming,
    spreadsheetUrl: db.spreadsheet.getUrl(),
  };
}

export function insertIntoAgenda(what: AgendaTable): { rows: number } {
  const { doc, db, gatheringId, linkIndex } = linked();
  const rows = tableRows(agendaContext(db, gatheringId), what);
  const body = doc.getBody();
  const cursor = doc.getCursor();
  const index = cursor ? body.getChildIndex(bodyChild(cursor.getElement())) + 1 : linkIndex;
  body.insertTable(index, rows).getRow(0).editAsText().setBold(true);
  return { rows: rows.length - 1 };
}

const HEADER = ['what', 'who', 'by when'];

/** Reads every action-steps table (What | Who | By when) and adds the rows not captured before. */
export function captureActionItems(): CaptureResult {
  const { doc, db, gatheringId } = linked();
  const found: { what: string; who: string; byWhen: string }[] = [];
  const skipped: string[] = [];
  const date = TABLES.actionItems.columns.find((c) => c.key === 'byWhen');
  for (const table of doc.getBody().getTables()) {
    const rows = table.getNumRows();
    if (rows < 2 || table.getRow(0).getNumCells() < 3) continue;
    const header = [0, 1, 2].map((c) => table.getCell(0, c).getText().trim().toLowerCase());
    if (header.join('|') !== HEADER.join('|')) continue;
    for (let r = 1; r < rows; r++) {
      const [what, who, when] = [0, 1, 2].map((c) => table.getCell(r, c).getText().trim());
      if (!what) continue;
      const byWhen = when && date ? String(fromCell(date, when, () => '').value) : '';
      if (when && !isIsoDate(byWhen)) skipped.push(`"${what}": "${when}" is not a date; saved without one`);
      found.push({
        what: what.slice(0, 1000),
        who: who.slice(0, 200),
        byWhen: isIsoDate(byWhen) ? byWhen : '',
      });
    }
  }
  return withSheetLock(db, () => {
    const data = db.read('actionItems');
    if (!data.sheet)
      throw new UserError(
        'The partner spreadsheet has no Action Items tab: run "Set up partner database" there.',
      );
    const key = (what: string, who: string) =>
      `${what.toLowerCase().replace(/\s+/g, ' ')}|${who.toLowerCase().replace(/\s+/g, ' ')}`;
    const existing = new Set(
      data.rows
        .map((r) => r.record)
        .filter((a) => a.gatheringId === gatheringId)
        .map((a) => key(a.what, a.who)),
    );
    const taken = new Set(data.rows.map((r) => String(r.record.id)));
    const now = new Date().toISOString();
    const fresh = found.filter((f) => {
      const k = key(f.what, f.who);
      if (existing.has(k)) return false;
      existing.add(k);
      return true;
    });
    db.write(
      data,
      fresh.map((f, i) => {
        const id = newId(TABLES.actionItems.idPrefix, () => Utilities.getUuid(), taken);
        taken.add(id);
        return {
          row: data.values.length + 1 + i,
          values: {
            ...f,
            id,
            gatheringId,
            partnerId: '',
            status: 'open',
            followUpSent: '',
            created: now,
            updated: now,
          },
        };
      }),
    );
    return { added: fresh.length, alreadyThere: found.length - fresh.length, skipped };
  });
}
