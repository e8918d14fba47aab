// One-click agenda Docs: from a built-in template (written block by block) or the school's own template
// Doc (its body copied, then placeholders replaced). Tables go in whole from 2-D arrays, so the cost does
// not grow with the number of partners.
import type { AgendaResult } from '../../shared/contract';
import type { ActionItem, Contact, Gathering, Partner, School } from '../../shared/records';
import {
  builtInTemplate,
  fill,
  type Block,
  findPlaceholders,
  linkLine,
  placeholderValues,
  tableRows,
  unknownPlaceholders,
  type AgendaContext,
  type TableName,
} from '../domain/agenda';
import { UserError } from '../domain/errors';
import { oneLine } from '../domain/text';
import type { Database } from './database';
import { findRow, updateRow } from './records';
import { readSettings, writeSettings } from './settings';

type Body = GoogleAppsScript.Document.Body;

export function agendaContext(db: Database, gatheringId: string): AgendaContext {
  const gatherings = db.read('gatherings');
  const row = findRow(gatherings, gatheringId);
  if (!row) throw new UserError(`No gathering with id ${gatheringId}; it may have been deleted.`);
  const gathering = row.record as Gathering;
  const all = gatherings.rows.map((r) => r.record as Gathering);
  return {
    gathering,
    school: db.read('schools').rows[0]?.record as School | undefined,
    partners: db.read('partners').rows.map((r) => r.record as Partner),
    contacts: db.read('contacts').rows.map((r) => r.record as Contact),
    actionItems: db.read('actionItems').rows.map((r) => r.record as ActionItem),
    upcoming: all
      .filter((g) => g.id !== gathering.id && g.status !== 'cancelled' && g.date > gathering.date)
      .sort((a, b) => a.date.localeCompare(b.date))
      .slice(0, 5),
  };
}

/** The Doc id in a cell that should hold an agenda link; '' when a person typed something else there. */
function docIdOrEmpty(text: string): string {
  return /\/d\/([A-Za-z0-9_-]{10,})/.exec(text)?.[1] ?? '';
}

/** A Doc id from a Docs link or a bare id. */
export function docId(text: string): string {
  const m = /\/d\/([A-Za-z0-9_-]{10,})/.exec(text) ?? /^([A-Za-z0-9_-]{10,})$/.exec(text.trim());
  if (!m) throw new UserError(`"${text.slice(0, 80)}" is not a Google Docs link or id.`);
  return m[1];
}

export function folderId(text: string): string {
  const m = /\/folders\/([A-Za-z0-9_-]{10,})/.exec(text) ?? /^([A-Za-z0-9_-]{10,})$/.exec(text.trim());
  if (!m) throw new UserError(`"${text.slice(0, 80)}" is not a Google Drive folder link or id.`);
  return m[1];
}

/** What a generated Doc holds; the school's own template for `templateKind` replaces the blocks when set. */
export interface DocumentSpec {
  readonly title: string;
  readonly templateKind: string;
  readonly blocks: readonly Block[];
  readonly values: Readonly<Record<string, string>>;
  readonly tables: (name: string) => string[][] | undefined;
  /** The last line, linked to the spreadsheet: how the Docs sidebar finds its way back. */
  readonly linkLine?: string;
  /** A Doc an earlier attempt made and did not finish: written over instead of making another. */
  readonly reuse?: string;
}

function reopen(id: string): GoogleAppsScript.Document.Document | null {
  try {
    return DocumentApp.openById(id);
  } catch {
    return null;
  }
}

/**
 * A Doc with this title that Partner Hub made but never linked (the run stopped between making it and
 * writing its link): found so a retry finishes it instead of making a second.
 */
function unlinkedDoc(title: string, except: string): string | undefined {
  const files = DriveApp.getFilesByName(title);
  while (files.hasNext()) {
    const file = files.next();
    if (
      file.getMimeType() === 'application/vnd.google-apps.document' &&
      !file.isTrashed() &&
      file.getId() !== except
    )
      return file.getId();
  }
  return undefined;
}

/** Writes a Doc from a built-in template or the school's own, into the agenda folder. */
export function writeDocument(
  db: Database,
  spec: DocumentSpec,
): { id: string; url: string; unknown: string[] } {
  const properties = PropertiesService.getDocumentProperties();
  const settings = readSettings(properties);
  const templateId = settings.templates?.[spec.templateKind];
  const earlier = spec.reuse ? reopen(spec.reuse) : null;
  const doc = earlier ?? DocumentApp.create(spec.title);
  const body = doc.getBody();
  if (earlier) body.clear();
  const unknown = templateId ? fromTemplate(body, templateId, spec) : fromBuiltIn(body, spec);
  if (spec.linkLine) body.appendParagraph(spec.linkLine).setLinkUrl(db.spreadsheet.getUrl());
  const [id, url] = [doc.getId(), doc.getUrl()];
  doc.saveAndClose();
  moveToFolder(id, settings.agendaFolderId, (folder) =>
    writeSettings(properties, { ...settings, agendaFolderId: folder }),
  );
  return { id, url, unknown };
}

export function makeAgenda(db: Database, gatheringId: string, replace: boolean): AgendaResult {
  const ctx = agendaContext(db, gatheringId);
  const g = ctx.gathering;
  if (g.agendaUrl && !replace) return { status: 'exists', url: g.agendaUrl };
  const title = oneLine(`${g.title} – ${g.date}`);
  const made = writeDocument(db, {
    title,
    reuse: unlinkedDoc(title, docIdOrEmpty(g.agendaUrl)),
    templateKind: g.kind,
    blocks: builtInTemplate(g.kind as Parameters<typeof builtInTemplate>[0]),
    values: placeholderValues(ctx),
    tables: (name) =>
      TABLE_NAMES.includes(name as TableName) ? tableRows(ctx, name as TableName) : undefined,
    linkLine: linkLine(g.id),
  });
  if (replace && g.agendaUrl) trashOld(g.agendaUrl);
  updateRow(db, 'gatherings', g.id, { agendaUrl: made.url });
  return { status: 'made', url: made.url, unknownPlaceholders: made.unknown };
}

const TABLE_NAMES: readonly TableName[] = ['partners', 'actionItems', 'upcoming', 'actionSteps'];

function fromBuiltIn(body: Body, spec: DocumentSpec): string[] {
  const first = body.getParagraphs()[0];
  spec.blocks.forEach((block, i) => {
    if (block.type === 'table') {
      const rows = spec.tables(block.table);
      if (rows) body.appendTable(rows).getRow(0).editAsText().setBold(true);
      return;
    }
    const text = fill(block.text, spec.values);
    if (i === 0 && block.type === 'title') {
      first.setText(text);
      first.setHeading(DocumentApp.ParagraphHeading.TITLE);
    } else if (block.type === 'item') {
      body.appendListItem(text);
    } else {
      const paragraph = body.appendParagraph(text);
      if (block.type === 'heading') paragraph.setHeading(DocumentApp.ParagraphHeading.HEADING2);
    }
  });
  return [];
}

function fromTemplate(body: Body, templateId: string, spec: DocumentSpec): string[] {
  let template: Body;
  try {
    template = DocumentApp.openById(templateId).getBody();
  } catch {
    throw new UserError(
      'Partner Hub cannot open the template Doc. Check the link in Settings and that you can open it.',
    );
  }
  const used = findPlaceholders(template.getText());
  const count = template.getNumChildren();
  for (let i = 0; i < count; i++) {
    const child = template.getChild(i);
    const type = child.getType();
    if (type === DocumentApp.ElementType.PARAGRAPH) body.appendParagraph(child.asParagraph().copy());
    else if (type === DocumentApp.ElementType.TABLE) body.appendTable(child.asTable().copy());
    else if (type === DocumentApp.ElementType.LIST_ITEM) body.appendListItem(child.asListItem().copy());
    else if (type === DocumentApp.ElementType.HORIZONTAL_RULE) body.appendHorizontalRule();
  }
  // The new Doc's own first, empty paragraph goes once the template's content is in.
  if (body.getNumChildren() > 1) body.getChild(0).removeFromParent();
  for (const key of used) {
    if (key.startsWith('table:')) {
      const rows = spec.tables(key.slice('table:'.length));
      if (rows) insertTable(body, key, rows);
    } else if (key in spec.values) {
      body.replaceText(`\\{\\{\\s*${key.replace(/\./g, '\\.')}\\s*\\}\\}`, spec.values[key]);
    }
  }
  return unknownPlaceholders(used.map((k) => `{{${k}}}`).join(' '));
}

/** Replaces the paragraph holding `{{table:…}}` with the table. */
function insertTable(body: Body, key: string, rows: string[][]): void {
  const pattern = `\\{\\{\\s*${key.replace(/[.:]/g, (c) => `\\${c}`)}\\s*\\}\\}`;
  for (let found = body.findText(pattern); found; found = body.findText(pattern)) {
    const paragraph = found.getElement().getParent();
    if (paragraph.getParent().getType() !== DocumentApp.ElementType.BODY_SECTION) {
      found.getElement().asText().deleteText(found.getStartOffset(), found.getEndOffsetInclusive());
      continue;
    }
    const index = body.getChildIndex(paragraph);
    body.insertTable(index, rows).getRow(0).editAsText().setBold(true);
    // A body must end with a paragraph: the last one is emptied rather than removed.
    if (index + 1 === body.getNumChildren() - 1) paragraph.asParagraph().setText('');
    else paragraph.removeFromParent();
  }
}

function moveToFolder(docId: string, folder: string | undefined, remember: (id: string) => void): void {
  let target: GoogleAppsScript.Drive.Folder;
  try {
    target = folder ? DriveApp.getFolderById(folder) : DriveApp.createFolder('Partner Hub agendas');
  } catch {
    throw new UserError('Partner Hub cannot open the agenda folder. Choose another one in Settings.');
  }
  if (!folder) remember(target.getId());
  DriveApp.getFileById(docId).moveTo(target);
}

function trashOld(url: string): void {
  const id = docIdOrEmpty(url);
  if (!id) return;
  try {
    DriveApp.getFileById(id).setTrashed(true);
  } catch {
    // The old agenda is gone or not ours to trash: the new link replaces it either way.
  }
}
