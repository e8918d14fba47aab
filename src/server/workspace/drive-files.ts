// Drive under the drive.file scope, through the Drive advanced service (API v3, enabled in appsscript.json):
// Partner Hub reaches only the files and folders it made itself (or that the user picked for it), so it
// never asks for the restricted drive scope DriveApp needs. Agenda and other Docs go into a "Partner Hub
// agendas" folder the add-on makes in the user's Drive, one per spreadsheet, its id kept in the user's
// properties: another coordinator could not reach it, so each keeps their own.
import type { AgendaFolder } from '../../shared/contract';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- the Apps Script typings are namespaces
  namespace GoogleAppsScript.Drive_v3.Drive.V3.Collection {
    interface FilesCollection {
      /** The media argument may be null when only metadata changes (apps-script/advanced/drive samples). */
      update(
        resource: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File,
        fileId: string,
        mediaData: null,
        optionalArgs: Record<string, unknown>,
      ): GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;
    }
  }
}

type DriveFile = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;

export const AGENDA_FOLDER_NAME = 'Partner Hub agendas';
const FOLDER_MIME = 'application/vnd.google-apps.folder';

function files(): GoogleAppsScript.Drive_v3.Drive.V3.Collection.FilesCollection {
  if (typeof Drive === 'undefined' || !Drive)
    throw new Error('The Drive advanced service is off: appsscript.json must enable it (dependencies).');
  return Drive.Files;
}

/** True when Drive or Docs answered that the item is deleted or out of the add-on's reach. */
export function isGone(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /File not found|Document is missing/.test(message);
}

/** A file's metadata, or null when it is deleted or not the add-on's to reach; other errors are thrown. */
function metadata(id: string, fields: string): DriveFile | null {
  try {
    return files().get(id, { fields });
  } catch (error) {
    if (isGone(error)) return null;
    throw error;
  }
}

/** True when the add-on made this file (or was given it), it still exists and it is not in the trash. */
export function reachable(id: string): boolean {
  const file = metadata(id, 'trashed');
  return file !== null && file.trashed !== true;
}

const folderKey = (spreadsheetId: string) => `partnerHub.agendaFolder.${spreadsheetId}`;

/** Where this user's Docs for this spreadsheet go, as Settings shows it. */
export function agendaFolderInfo(spreadsheetId: string): AgendaFolder {
  const id = PropertiesService.getUserProperties().getProperty(folderKey(spreadsheetId));
  if (!id) return { status: 'none' };
  const file = metadata(id, 'name,trashed,webViewLink');
  if (!file) return { status: 'gone', reason: 'unreachable' };
  if (file.trashed) return { status: 'gone', reason: 'trashed' };
  return {
    status: 'ready',
    name: file.name ?? AGENDA_FOLDER_NAME,
    url: file.webViewLink ?? `https://drive.google.com/drive/folders/${id}`,
  };
}

/**
 * The agenda folder's id. The add-on makes it the first time, and again when the one it made is in the
 * trash, deleted or out of reach; `note` then tells the user so.
 */
export function agendaFolder(spreadsheetId: string): { id: string; note?: string } {
  const store = PropertiesService.getUserProperties();
  const key = folderKey(spreadsheetId);
  const known = store.getProperty(key);
  let note: string | undefined;
  if (known) {
    const file = metadata(known, 'name,trashed');
    if (file && file.trashed !== true) return { id: known };
    note = file
      ? `The folder “${file.name ?? AGENDA_FOLDER_NAME}” that Partner Hub made for its Docs is in your trash, so Partner Hub made a new “${AGENDA_FOLDER_NAME}” folder in your Drive for this Doc.`
      : `Partner Hub could not find the folder it made for its Docs (it was deleted, or Partner Hub can no longer reach it), so it made a new “${AGENDA_FOLDER_NAME}” folder in your Drive for this Doc.`;
  }
  const id = files().create({ name: AGENDA_FOLDER_NAME, mimeType: FOLDER_MIME }).id;
  if (!id) throw new Error('Drive made the agendas folder but gave no id.');
  store.setProperty(key, id);
  return note ? { id, note } : { id };
}

const DOC_MIME = 'application/vnd.google-apps.document';

/** A quoted value for a Drive query: backslashes and single quotes escaped (drive/api/guides/ref-search-terms). */
function quoted(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** Docs named `title` the add-on made since `since` (RFC 3339) that are still in the folder (the top of My Drive by default). */
export function docsMadeSince(title: string, since: string, folderId = 'root'): string[] {
  const q = [
    `name = ${quoted(title)}`,
    `mimeType = '${DOC_MIME}'`,
    'trashed = false',
    `${quoted(folderId)} in parents`,
    `createdTime >= '${since}'`,
  ].join(' and ');
  const found = files().list({ q, fields: 'files(id)', pageSize: 100 }).files ?? [];
  return found.flatMap((f) => (f.id ? [f.id] : []));
}

/**
 * A Google Doc made from HTML, straight into the folder: Drive converts the upload
 * (drive/api/guides/manage-uploads, "Import to Google Docs types"), one call for the whole body.
 */
export function importDoc(title: string, html: string, folderId: string): string {
  const blob = Utilities.newBlob(html, 'text/html', `${title.slice(0, 100)}.html`);
  const id = files().create({ name: title, mimeType: DOC_MIME, parents: [folderId] }, blob, {
    fields: 'id',
  }).id;
  if (!id) throw new Error('Drive made the Doc but gave no id.');
  return id;
}

/** A Doc's link, as DocumentApp's getUrl() gives it. */
export function docUrl(id: string): string {
  return `https://docs.google.com/document/d/${id}/edit`;
}

/** Moves a Doc the add-on made into the folder, unless it is there already. */
export function moveInto(folderId: string, docId: string): void {
  const parents = files().get(docId, { fields: 'parents' }).parents ?? [];
  if (parents.includes(folderId)) return;
  // One parent per file: the new one goes in as the old ones come out (drive/api/guides/ref-single-parent).
  files().update({}, docId, null, {
    addParents: folderId,
    ...(parents.length ? { removeParents: parents.join(',') } : {}),
  });
}

/** Moves a Doc to the trash; false when it is not the add-on's to trash (made by hand or by someone else) or gone. */
export function trashIfOurs(docId: string): boolean {
  try {
    files().update({ trashed: true }, docId);
    return true;
  } catch (error) {
    if (isGone(error)) return false;
    throw error;
  }
}
