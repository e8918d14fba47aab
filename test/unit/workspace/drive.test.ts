import { createWorkspace } from '../../../dev/workspace';
import { repositoryScopes } from '../../../dev/workspace/scopes';

// DriveApp needs the full drive scope, which the add-on never declares (it uses the Drive advanced
// service under drive.file): these tests of the fake itself declare it.
const scopes = [...repositoryScopes(), 'https://www.googleapis.com/auth/drive'];

const NO_ITEM =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

function names(it: { hasNext(): boolean; next(): { getName(): string } }): string[] {
  const out: string[] = [];
  while (it.hasNext()) out.push(it.next().getName());
  return out;
}

describe('DriveApp', () => {
  test('a Doc made with DocumentApp.create is a Drive file in My Drive', () => {
    const w = createWorkspace({ scopes });
    const doc = w.services.DocumentApp.create('Agenda – September');
    const file = w.services.DriveApp.getFileById(doc.getId());
    expect(file.getName()).toBe('Agenda – September');
    expect(file.getMimeType()).toBe(w.services.MimeType.GOOGLE_DOCS);
    expect(file.getUrl()).toBe(`${doc.getUrl()}?usp=drivesdk`);
    expect(names(file.getParents())).toEqual(['My Drive']);
    file.setName('Renamed');
    expect(doc.getName()).toBe('Renamed');
    expect(file.getDateCreated()).toBeInstanceOf(Date);
  });

  test('folders: create, nest, find by name, URLs', () => {
    const w = createWorkspace({ scopes });
    const drive = w.services.DriveApp;
    const hub = drive.createFolder('Partner Hub');
    const agendas = hub.createFolder('Agendas');
    expect(hub.getUrl()).toBe(`https://drive.google.com/drive/folders/${hub.getId()}`);
    expect(drive.getFolderById(agendas.getId()).getName()).toBe('Agendas');
    expect(names(hub.getFolders())).toEqual(['Agendas']);
    expect(names(drive.getFoldersByName('Agendas'))).toEqual(['Agendas']);
    expect(names(drive.getFoldersByName('None'))).toEqual([]);
    expect(names(drive.getRootFolder().getFolders())).toEqual(['Partner Hub']);
    expect(names(agendas.getParents())).toEqual(['Partner Hub']);
    const it = drive.getFoldersByName('None');
    expect(() => it.next()).toThrow(/reached the end/);
  });

  test('makeCopy of a Doc gives an independent Doc that DocumentApp opens, in the given folder', () => {
    const w = createWorkspace({ scopes });
    const { DocumentApp, DriveApp } = w.services;
    const template = DocumentApp.create('Template');
    template.getBody().appendParagraph('Hello {{partner.name}}');
    template.getBody().appendTable([['a', 'b']]);
    const folder = DriveApp.createFolder('Generated');
    const copy = DriveApp.getFileById(template.getId()).makeCopy('Agenda', folder);
    expect(copy.getId()).not.toBe(template.getId());
    expect(copy.getName()).toBe('Agenda');
    expect(names(copy.getParents())).toEqual(['Generated']);
    const doc = DocumentApp.openById(copy.getId());
    expect(doc.getName()).toBe('Agenda');
    expect(doc.getBody().getText()).toBe(template.getBody().getText());
    doc.getBody().replaceText('\\{\\{partner\\.name\\}\\}', 'Food Bank');
    expect(doc.getBody().getText()).toContain('Hello Food Bank');
    expect(template.getBody().getText()).toContain('Hello {{partner.name}}');
    expect(names(folder.getFiles())).toEqual(['Agenda']);
    // default name and folder
    const again = DriveApp.getFileById(template.getId()).makeCopy();
    expect(again.getName()).toBe('Copy of Template');
    expect(names(again.getParents())).toEqual(['My Drive']);
  });

  test('moveTo changes parents; trashed files stay reachable and listed', () => {
    const w = createWorkspace({ scopes });
    const { DocumentApp, DriveApp } = w.services;
    const doc = DocumentApp.create('Notes');
    const file = DriveApp.getFileById(doc.getId());
    const folder = DriveApp.createFolder('Gatherings');
    file.moveTo(folder);
    expect(names(file.getParents())).toEqual(['Gatherings']);
    expect(names(DriveApp.getRootFolder().getFiles())).not.toContain('Notes');
    expect(names(folder.getFiles())).toEqual(['Notes']);
    file.setTrashed(true);
    expect(DriveApp.getFileById(doc.getId()).isTrashed()).toBe(true);
    expect(names(DriveApp.getFilesByName('Notes'))).toEqual(['Notes']);
  });

  test('createFile, the container spreadsheet as a file, and denied or missing ids', () => {
    const w = createWorkspace({ scopes });
    const { DriveApp, DocumentApp, MimeType } = w.services;
    const f = DriveApp.createFile('roster.csv', 'a,b\n1,2', MimeType.CSV);
    expect(f.getBlob().getDataAsString()).toBe('a,b\n1,2');
    expect(f.getUrl()).toBe(`https://drive.google.com/file/d/${f.getId()}/view?usp=drivesdk`);
    expect(names(DriveApp.getFilesByName('Partner Hub'))).toEqual(['Partner Hub']);
    const ss = DriveApp.getFileById(w.spreadsheet.getId());
    expect(ss.getName()).toBe('Partner Hub');
    expect(ss.getMimeType()).toBe(MimeType.GOOGLE_SHEETS);
    expect(names(ss.getParents())).toEqual(['My Drive']);

    const folder = DriveApp.createFolder('Private');
    const doc = DocumentApp.create('Secret');
    w.denyDriveAccess(folder.getUrl());
    w.denyDriveAccess(doc.getUrl());
    expect(() => DriveApp.getFolderById(folder.getId())).toThrow(NO_ITEM);
    expect(() => DriveApp.getFileById(doc.getId())).toThrow(NO_ITEM);
    expect(() => DocumentApp.openById(doc.getId())).toThrow(/Document is missing/);
    expect(() => DriveApp.getFileById('1missing')).toThrow(NO_ITEM);
  });

  test('calls count under DriveApp, inspectDrive does not', () => {
    const w = createWorkspace({ scopes });
    const folder = w.services.DriveApp.createFolder('A');
    folder.getName();
    expect(w.calls.byMethod()).toEqual({ 'DriveApp.Folder.getName': 1, 'DriveApp.createFolder': 1 });
    w.calls.reset();
    expect(w.inspectDrive().folders.map((f) => f.name)).toEqual(['My Drive', 'A']);
    expect(w.calls.total()).toBe(0);
  });

  test('state round trip keeps folders, files, parents, trash and denials', () => {
    const w = createWorkspace({ scopes });
    const { DocumentApp, DriveApp } = w.services;
    const folder = DriveApp.createFolder('Agendas');
    const doc = DocumentApp.create('September');
    doc.getBody().appendParagraph('Welcome');
    const file = DriveApp.getFileById(doc.getId());
    file.moveTo(folder);
    file.addEditor('Liaison@School.example');
    const text = folder.createFile('notes.txt', 'hi');
    text.setTrashed(true);
    const hidden = DriveApp.createFolder('Hidden');
    w.denyDriveAccess(hidden.getId());

    const r = createWorkspace({ scopes, state: JSON.parse(JSON.stringify(w.toJSON())) });
    const d = r.services.DriveApp;
    const rf = d.getFolderById(folder.getId());
    expect(names(rf.getFiles()).sort()).toEqual(['September', 'notes.txt']);
    const rdoc = d.getFileById(doc.getId());
    expect(rdoc.getEditors().map((u) => u.getEmail())).toEqual(['liaison@school.example']);
    expect(d.getFileById(text.getId()).isTrashed()).toBe(true);
    expect(r.services.DocumentApp.openById(doc.getId()).getBody().getText()).toBe('\nWelcome');
    expect(() => d.getFolderById(hidden.getId())).toThrow(NO_ITEM);
    rdoc.setName('Sept');
    expect(r.services.DocumentApp.openById(doc.getId()).getName()).toBe('Sept');
    expect(d.createFolder('New').getId()).not.toBe(folder.getId());
  });
});
