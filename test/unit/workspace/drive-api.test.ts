// The Drive advanced service (Drive API v3) fake: what the add-on may reach under drive.file, and the
// Files methods Partner Hub uses.
import { createWorkspace } from '../../../dev/workspace';

const FOLDER = 'application/vnd.google-apps.folder';
const DOC = 'application/vnd.google-apps.document';
const notFound = (method: string, id: string) =>
  `API call to drive.files.${method} failed with error: File not found: ${id}.`;

describe('Drive (advanced service, drive.file)', () => {
  test('reaches what the add-on made (DocumentApp, FormApp, Drive.Files.create), not what the user made by hand', () => {
    const w = createWorkspace();
    const { Drive, DocumentApp, FormApp } = w.services;
    const doc = DocumentApp.create('Agenda');
    expect(Drive.Files.get(doc.getId())).toEqual({
      kind: 'drive#file',
      id: doc.getId(),
      name: 'Agenda',
      mimeType: DOC,
    });
    expect(Drive.Files.get(FormApp.create('Survey').getId(), { fields: 'name' })).toEqual({ name: 'Survey' });
    const folder = Drive.Files.create({ name: 'Agendas', mimeType: FOLDER });
    expect(Drive.Files.get(folder.id ?? '', { fields: 'name,mimeType' })).toEqual({
      name: 'Agendas',
      mimeType: FOLDER,
    });

    const byHand = w.addDocument('Our template');
    const handFolder = w.addFolder('Our folder');
    expect(() => Drive.Files.get(byHand.getId())).toThrow(notFound('get', byHand.getId()));
    expect(() => Drive.Files.get(handFolder)).toThrow(notFound('get', handFolder));
    // The container spreadsheet was opened, not made or picked, by the add-on.
    expect(() => Drive.Files.get(w.spreadsheet.getId())).toThrow(notFound('get', w.spreadsheet.getId()));
    expect(() => Drive.Files.get('1missing')).toThrow(notFound('get', '1missing'));
    // DocumentApp (documents scope) still opens the hand-made Doc.
    expect(DocumentApp.openById(byHand.getId()).getName()).toBe('Our template');

    // Picked with the Google Picker: reachable from now on.
    w.grantToApp(handFolder);
    expect(Drive.Files.get(handFolder, { fields: 'name' })).toEqual({ name: 'Our folder' });
    w.denyDriveAccess(doc.getId());
    expect(() => Drive.Files.get(doc.getId())).toThrow(notFound('get', doc.getId()));
  });

  test('update moves with addParents/removeParents, one parent only, and trashes', () => {
    const w = createWorkspace();
    const { Drive, DocumentApp } = w.services;
    const doc = DocumentApp.create('Agenda');
    const root = Drive.Files.get(doc.getId(), { fields: 'parents' }).parents ?? [];
    const folder = Drive.Files.create({ name: 'Agendas', mimeType: FOLDER }).id ?? '';
    expect(() => Drive.Files.update({}, doc.getId(), null, { addParents: folder })).toThrow(
      'API call to drive.files.update failed with error: Increasing the number of parents is not allowed',
    );
    expect(() => Drive.Files.update({ parents: [folder] }, doc.getId())).toThrow(
      /parents field is not directly writable/,
    );
    const hand = w.addFolder('By hand');
    expect(() =>
      Drive.Files.update({}, doc.getId(), null, { addParents: hand, removeParents: root.join(',') }),
    ).toThrow(notFound('update', hand));
    const moved = Drive.Files.update({}, doc.getId(), null, {
      addParents: folder,
      removeParents: root.join(','),
      fields: 'id,parents',
    });
    expect(moved).toEqual({ id: doc.getId(), parents: [folder] });

    expect(Drive.Files.update({ trashed: true }, doc.getId(), null, { fields: 'trashed' })).toEqual({
      trashed: true,
    });
    // Trashed files stay reachable by id.
    expect(Drive.Files.get(doc.getId(), { fields: 'trashed' }).trashed).toBe(true);
    // Everything in a trashed folder is trashed too (File.trashed: "from a trashed parent folder").
    const other = DocumentApp.create('Minutes');
    Drive.Files.update({}, other.getId(), null, { addParents: folder, removeParents: root.join(',') });
    w.trashDriveItem(folder);
    expect(Drive.Files.get(other.getId(), { fields: 'trashed' }).trashed).toBe(true);
    expect(() => Drive.Files.get(folder, { fields: 'nonsense' })).toThrow(
      /does not support the field "nonsense"/,
    );
  });

  test('a folder the user renames or moves stays reachable; deleted, it and its Docs are gone everywhere', () => {
    const w = createWorkspace();
    const { Drive, DocumentApp } = w.services;
    const folder = Drive.Files.create({ name: 'Partner Hub agendas', mimeType: FOLDER }).id ?? '';
    const doc = DocumentApp.create('Agenda');
    const root = (Drive.Files.get(doc.getId(), { fields: 'parents' }).parents ?? []).join(',');
    Drive.Files.update({}, doc.getId(), null, { addParents: folder, removeParents: root });
    const year = w.addFolder('2026-27');
    w.editDriveItem(folder, { name: 'Agendas 2026-27', parentId: year });
    expect(Drive.Files.get(folder, { fields: 'name,parents,webViewLink' })).toEqual({
      name: 'Agendas 2026-27',
      parents: [year],
      webViewLink: `https://drive.google.com/drive/folders/${folder}`,
    });
    w.deleteDriveItem(folder);
    expect(() => Drive.Files.get(folder)).toThrow(notFound('get', folder));
    expect(() => Drive.Files.get(doc.getId())).toThrow(notFound('get', doc.getId()));
    expect(() => DocumentApp.openById(doc.getId())).toThrow(/Document is missing/);
    expect(w.inspectDrive().folders.map((f) => f.name)).toEqual(['My Drive', '2026-27']);
  });

  test('list: only what the add-on may reach, filtered by the query terms', () => {
    const w = createWorkspace({ now: () => new Date('2026-09-01T12:00:00Z') });
    const { Drive, DocumentApp } = w.services;
    const mine = DocumentApp.create("Fall – Riverside's agenda");
    w.addDocument("Fall – Riverside's agenda");
    DocumentApp.create('Other');
    const q = (extra: string) =>
      `name = 'Fall – Riverside\\'s agenda' and mimeType = '${DOC}' and trashed = false and 'root' in parents${extra}`;
    expect(Drive.Files.list({ q: q(''), fields: 'files(id)' })).toEqual({ files: [{ id: mine.getId() }] });
    expect(
      Drive.Files.list({ q: q(" and createdTime >= '2026-09-01T11:59:00Z'"), fields: 'files(id)' }).files,
    ).toHaveLength(1);
    expect(
      Drive.Files.list({ q: q(" and createdTime > '2026-09-01T12:00:00Z'"), fields: 'files(id)' }).files,
    ).toEqual([]);
    expect(() => Drive.Files.list({ q: "fullText contains 'x'" })).toThrow(/does not support the query term/);
  });

  test('calls count under Drive; reachability, parents, trash and denials survive a saved state', () => {
    const w = createWorkspace();
    const { Drive, DocumentApp } = w.services;
    const id = DocumentApp.create('Agenda').getId();
    w.calls.reset();
    Drive.Files.get(id);
    const folder = Drive.Files.create({ name: 'Agendas', mimeType: FOLDER }).id ?? '';
    expect(w.calls.byMethod()).toEqual({ 'Drive.Files.create': 1, 'Drive.Files.get': 1 });
    const root = (Drive.Files.get(id, { fields: 'parents' }).parents ?? []).join(',');
    Drive.Files.update({}, id, null, { addParents: folder, removeParents: root });
    const old = DocumentApp.create('Old agenda').getId();
    Drive.Files.update({ trashed: true }, old);
    const hidden = DocumentApp.create('Hidden').getId();
    w.denyDriveAccess(hidden);
    w.calls.reset();
    expect(w.inspectDrive().files.map((f) => f.name)).toContain('Old agenda');
    expect(w.calls.total()).toBe(0);

    const restored = createWorkspace({ state: JSON.parse(JSON.stringify(w.toJSON())) });
    const files = restored.services.Drive.Files;
    expect(files.get(id, { fields: 'name,parents' })).toEqual({ name: 'Agenda', parents: [folder] });
    expect(files.get(old, { fields: 'trashed' })).toEqual({ trashed: true });
    expect(() => files.get(hidden)).toThrow(notFound('get', hidden));
    expect(() => restored.services.DocumentApp.openById(hidden)).toThrow(/Document is missing/);
    expect(files.create({ name: 'New', mimeType: FOLDER }).id).not.toBe(folder);
  });
});
