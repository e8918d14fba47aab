// One-click agenda Docs: from a built-in template (written block by block) or the school's own template
// Doc (its body copied, then placeholders replaced). Tables go in whole from 2-D arrays, so the cost does
// not grow with the number of partners.
import type { AgendaResult, Settings } from '../../shared/contract';
import type { ActionItem, Contact, Gathering, Partner, School } from '../../shared/records';
import {
  builtInTemplate,
  type Block,
  findPlaceholders,
  gatheringLink,
  LINK_TEXT,
  placeholderValues,
  timed,
  tableRows,
  unknownPlaceholders,
  type AgendaContext,
} from '../domain/agenda';
import { isAgendaTable } from '../../shared/choices';
import { UserError } from '../domain/errors';
import { oneLine } from '../domain/text';
import type { Database, TableData } from './database';
import {
  agendaFolder,
  docsMadeSince,
  docUrl,
  importDoc,
  isGone,
  moveInto,
  reachable,
  trashIfOurs,
} from './drive-files';
import { docHtml } from '../domain/doc-html';
import { findRow, updateRow } from './records';
import { readSettings } from './settings';

type Body = GoogleAppsScript.Document.Body;

/** The tables an agenda reads, read once: shared by every agenda one execution makes. */
export interface AgendaTables {
  readonly gatherings: TableData<Gathering>;
  readonly school: School | undefined;
  readonly partners: readonly Partner[];
  readonly contacts: readonly Contact[];
  readonly actionItems: readonly ActionItem[];
}

export function readAgendaTables(db: Database, gatherings = db.read('gatherings')): AgendaTables {
  return {
    gatherings,
    school: db.school(),
    partners: db.read('partners').rows.map((r) => r.record),
    contacts: db.read('contacts').rows.map((r) => r.record),
    actionItems: db.read('actionItems').rows.map((r) => r.record),
  };
}

export function agendaContext(
  db: Database,
  gatheringId: string,
  tables: AgendaTables = readAgendaTables(db),
): AgendaContext {
  const row = findRow(tables.gatherings, gatheringId);
  if (!row) throw new UserError(`No gathering with id ${gatheringId}; it may have been deleted.`);
  const gathering = row.record;
  const all = tables.gatherings.rows.map((r) => r.record);
  return {
    gathering,
    school: tables.school,
    partners: [...tables.partners],
    contacts: [...tables.contacts],
    actionItems: [...tables.actionItems],
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

/** What a generated Doc holds; the school's own template for `templateKind` replaces the blocks when set. */
export interface DocumentSpec {
  readonly title: string;
  readonly templateKind: string;
  readonly blocks: readonly Block[];
  readonly values: Readonly<Record<string, string>>;
  readonly tables: (name: string) => string[][] | undefined;
  /** The last line, linked (to the gathering in the spreadsheet): how the Docs sidebar finds its way back. */
  readonly link?: { readonly text: string; readonly url: string };
  /**
   * What the Doc is for (e.g. 'agenda:G-…') when a retry must finish the same Doc: its id is recorded in
   * the spreadsheet's document properties right after it is made, and a retry writes over that Doc (if
   * the add-on can still reach it) until forgetDocument() clears the record. Just before the Doc is made
   * the record says so, so a run stopped between making it and recording its id leaves a trace too.
   */
  readonly recordFor?: string;
  /** The Doc this one replaces: never written over, whatever the record says. */
  readonly replaces?: string;
}

const PENDING = 'partnerHub.pendingDoc.';

/** What the record holds while a Doc is being made: its title, and a time safely before it was made. */
interface Making {
  readonly making: string;
  readonly since: string;
}

function makingOf(value: string | null): Making | null {
  if (!value?.startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null || typeof parsed !== 'object') return null;
    const { making, since } = parsed as Record<string, unknown>;
    return typeof making === 'string' && typeof since === 'string' ? { making, since } : null;
  } catch {
    return null;
  }
}

/**
 * The Doc a stopped run made but never recorded: named as the record says, made since then, still at the
 * top of My Drive and still empty. Asked only after a run stopped in that moment; another school's Doc of
 * the same title passes only if it too was made in that minute and left empty (its written Docs are moved
 * into a folder).
 */
function leftEmpty(making: Making): GoogleAppsScript.Document.Document | null {
  for (const id of docsMadeSince(making.making, making.since)) {
    const doc = DocumentApp.openById(id);
    const body = doc.getBody();
    if (body.getNumChildren() === 1 && body.getText() === '') return doc;
  }
  return null;
}

/** The Doc an earlier attempt made for the same purpose and did not finish, while it is still the add-on's. */
function unfinished(
  id: string | null,
  replaces: string | undefined,
): GoogleAppsScript.Document.Document | null {
  if (!id || id === replaces || !reachable(id)) return null;
  try {
    return DocumentApp.openById(id);
  } catch (error) {
    if (isGone(error)) return null;
    throw error;
  }
}

/**
 * What every Doc of one execution shares, asked for once: the document properties (the pending records),
 * the settings (the school's templates) and the agendas folder.
 */
export class DocumentPlace {
  private props: GoogleAppsScript.Properties.Properties | undefined;
  private made: { id: string; note?: string } | undefined;
  private read: Settings | undefined;
  private noted = false;

  constructor(private readonly db: Database) {}

  get properties(): GoogleAppsScript.Properties.Properties {
    return (this.props ??= PropertiesService.getDocumentProperties());
  }

  get settings(): Settings {
    return (this.read ??= readSettings(this.properties));
  }

  /** The agendas folder, and the first time only, what the person should know about it. */
  folder(): { id: string; note?: string } {
    const folder = (this.made ??= agendaFolder(this.db.spreadsheet.getId()));
    if (this.noted) return { id: folder.id };
    this.noted = true;
    return folder;
  }

  /** The attempt for this purpose is finished (its link is written): a later one makes a new Doc. */
  forget(recordFor: string): void {
    this.properties.deleteProperty(PENDING + recordFor);
  }
}

/**
 * Writes a Doc from a built-in template or the school's own, into the user's agendas folder. `notes` tell
 * the person what they should know (a new folder was made).
 */
export function writeDocument(
  db: Database,
  spec: DocumentSpec,
  place = new DocumentPlace(db),
): { id: string; url: string; unknown: string[]; notes: string[] } {
  const templateId = place.settings.templates?.[spec.templateKind];
  // Everything that can stop the Doc is checked before one is made.
  const template = templateId ? openTemplate(templateId) : null;
  const folder = place.folder();
  const notes = folder.note ? [folder.note] : [];
  const made = template
    ? fromTemplate(place, spec, template, folder.id)
    : importBuiltIn(place, spec, folder.id);
  return { ...made, notes };
}

/** The pending record of a Doc for this purpose, if the spec has one: its key and what it holds. */
function pendingOf(place: DocumentPlace, spec: DocumentSpec) {
  const key = spec.recordFor === undefined ? null : PENDING + spec.recordFor;
  const pending = key ? place.properties.getProperty(key) : null;
  return { key, pending, making: makingOf(pending) };
}

/**
 * A built-in Doc, its body imported whole from HTML by Drive straight into the folder: one call, however
 * long the roster. An import is all or nothing, so a Doc an earlier attempt made is complete and is kept.
 */
function importBuiltIn(
  place: DocumentPlace,
  spec: DocumentSpec,
  folderId: string,
): { id: string; url: string; unknown: string[] } {
  const { properties } = place;
  const { key, pending, making } = pendingOf(place, spec);
  let id = making
    ? docsMadeSince(making.making, making.since, folderId)[0]
    : pending && pending !== spec.replaces && reachable(pending)
      ? pending
      : undefined;
  if (id && key && making) properties.setProperty(key, id);
  if (!id) {
    const since = new Date(Date.now() - 60 * 1000).toISOString();
    if (key) properties.setProperty(key, JSON.stringify({ making: spec.title, since }));
    id = importDoc(
      spec.title,
      docHtml({
        title: spec.title,
        blocks: spec.blocks,
        values: spec.values,
        tables: spec.tables,
        link: spec.link,
      }),
      folderId,
    );
    if (key) properties.setProperty(key, id);
  }
  return { id, url: docUrl(id), unknown: [] };
}

/** The school's own template: a new Doc, the template's body copied into it, its placeholders filled. */
function fromTemplate(
  place: DocumentPlace,
  spec: DocumentSpec,
  template: Body,
  folderId: string,
): { id: string; url: string; unknown: string[] } {
  const { properties } = place;
  const { key, pending, making } = pendingOf(place, spec);
  const earlier = making ? leftEmpty(making) : unfinished(pending, spec.replaces);
  let doc: GoogleAppsScript.Document.Document;
  // The new Doc's id, once asked.
  let made: string | undefined;
  if (earlier) {
    doc = earlier;
    if (key && making) properties.setProperty(key, (made = doc.getId()));
    if (doc.getName() !== spec.title) doc.setName(spec.title);
  } else {
    const since = new Date(Date.now() - 60 * 1000).toISOString();
    if (key) properties.setProperty(key, JSON.stringify({ making: spec.title, since }));
    doc = DocumentApp.create(spec.title);
    if (key) properties.setProperty(key, (made = doc.getId()));
  }
  const body = doc.getBody();
  if (earlier) body.clear();
  const unknown = copyTemplate(body, template, spec);
  if (spec.link) body.appendParagraph(spec.link.text).setLinkUrl(spec.link.url);
  const id = made ?? doc.getId();
  const url = doc.getUrl();
  doc.saveAndClose();
  moveInto(folderId, id);
  return { id, url, unknown };
}

/**
 * Many agendas in one execution: the tables read once, and each link left for the caller to write with
 * the others in one block, then `forgetDocument(recordFor)` (until then a retry finds the Doc again).
 */
export interface AgendaBatch {
  readonly tables: AgendaTables;
  readonly links: { readonly id: string; readonly url: string; readonly recordFor: string }[];
  /** The properties, settings and folder, asked for once for every agenda of the execution. */
  readonly place: DocumentPlace;
}

export function makeAgenda(
  db: Database,
  gatheringId: string,
  replace: boolean,
  batch?: AgendaBatch,
): AgendaResult {
  const ctx = agendaContext(db, gatheringId, batch?.tables);
  const g = ctx.gathering;
  if (g.agendaUrl && !replace) return { status: 'exists', url: g.agendaUrl };
  const recordFor = `agenda:${g.id}`;
  const old = docIdOrEmpty(g.agendaUrl);
  const place = batch?.place ?? new DocumentPlace(db);
  const made = writeDocument(
    db,
    {
      title: oneLine(`${g.title} – ${g.date}`),
      recordFor,
      replaces: old,
      templateKind: g.kind,
      blocks: timed(builtInTemplate(g.kind as Parameters<typeof builtInTemplate>[0]), g.start, g.end),
      values: placeholderValues(ctx),
      tables: (name) => (isAgendaTable(name) ? tableRows(ctx, name) : undefined),
      link: { text: LINK_TEXT, url: gatheringLink(db.spreadsheet.getUrl(), g.id) },
    },
    place,
  );
  const notes = [...made.notes];
  // Under drive.file only a Doc the add-on made for this person can go to the trash.
  if (replace && old && old !== made.id && !trashIfOurs(old))
    notes.push(
      'The old agenda was not moved to the trash: Partner Hub can reach only the Docs it made for you, and that one was made by hand or by someone else, or is gone.',
    );
  if (batch) batch.links.push({ id: g.id, url: made.url, recordFor });
  else {
    updateRow(db, 'gatherings', g.id, { agendaUrl: made.url });
    place.forget(recordFor);
  }
  return { status: 'made', url: made.url, unknownPlaceholders: made.unknown, notes };
}

/** The school's template Doc's body (the documents scope opens any Doc the person can open). */
function openTemplate(templateId: string): Body {
  try {
    return DocumentApp.openById(templateId).getBody();
  } catch {
    throw new UserError(
      'Partner Hub cannot open the template Doc. Check the link in Settings and that you can open it.',
    );
  }
}

function copyTemplate(body: Body, template: Body, spec: DocumentSpec): string[] {
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
      body.replaceText(`\\{\\{\\s*${key.replace(/\./g, '\\.')}\\s*\\}\\}`, literal(spec.values[key]));
    }
  }
  return unknownPlaceholders(used.map((k) => `{{${k}}}`).join(' '));
}

/**
 * replaceText reads its replacement by Java's rules ("$1" is a group, "\\" an escape): a school's value
 * such as "Ca$h Academy" or "Room $5" is escaped so it goes in exactly as typed.
 */
function literal(value: string): string {
  return value.replace(/[\\$]/g, (c) => `\\${c}`);
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
