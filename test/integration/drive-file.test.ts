// Drive under the drive.file scope, on the built bundle: Partner Hub reaches only what it made, so agendas
// go into a "Partner Hub agendas" folder it makes itself (moved there and trashed through the Drive
// advanced service, never DriveApp), a folder the school made by hand cannot be chosen, and a retry
// finishes the Doc the add-on recorded for that gathering: never another school's Doc with the same title.
import type { AddOn } from '../../dev/gas';
import { loadAddOn } from '../../dev/gas';
import { seedDemoSchool } from '../../dev/preview/demo';
import type { WorkspaceState } from '../../dev/workspace';
import type { AgendaFolder, Settings } from '../../src/shared/contract';
import { directory, docIdOf, failure, liveDocs, madeAgenda, ok, plannedYear } from './helpers';

const NOW = new Date('2026-08-20T15:00:00Z');
const FOLDER_NAME = 'Partner Hub agendas';

type SettingsView = Settings & { agendaFolder: AgendaFolder };

function demo(state?: WorkspaceState): AddOn {
  const addOn = loadAddOn({ now: () => NOW, ...(state ? { state } : {}) });
  seedDemoSchool(addOn, '2026-08-20');
  return addOn;
}

const item = (addOn: AddOn, id: string) => {
  const drive = addOn.workspace.inspectDrive();
  return [...drive.files, ...drive.folders].find((f) => f.id === id);
};
const appFolders = (addOn: AddOn) =>
  addOn.workspace.inspectDrive().folders.filter((f) => f.name === FOLDER_NAME && !f.trashed);

describe('the agendas folder', () => {
  it('is made by Partner Hub the first time, holds each new agenda (imported straight into it), and may be renamed or moved', () => {
    const addOn = demo();
    const [first, second] = plannedYear(addOn);
    const w = addOn.workspace;
    expect(ok<SettingsView>(addOn, 'getSettings').agendaFolder).toEqual({ status: 'none' });
    w.calls.reset();
    const agenda = madeAgenda(addOn, first.record.id);
    expect(agenda.notes).toEqual([]);
    const [folder] = appFolders(addOn);
    expect(folder.parents).toEqual([w.inspectDrive().folders.find((f) => f.name === 'My Drive')?.id]);
    expect(item(addOn, docIdOf(agenda.url))?.parents).toEqual([folder.id]);
    const calls = w.calls.byMethod();
    // One create makes the folder, one imports the agenda into it: nothing to move.
    expect(calls['Drive.Files.create']).toBe(2);
    expect(calls['Drive.Files.update']).toBeUndefined();
    expect(w.calls.byService().DriveApp).toBeUndefined();
    expect(ok<SettingsView>(addOn, 'getSettings').agendaFolder).toEqual({
      status: 'ready',
      name: FOLDER_NAME,
      url: `https://drive.google.com/drive/folders/${folder.id}`,
    });

    // The coordinator renames the folder and files it under a folder of their own: it stays the agendas folder.
    const year = w.addFolder('School year 2026-27');
    w.editDriveItem(folder.id, { name: 'Gathering agendas', parentId: year });
    w.calls.reset();
    const next = madeAgenda(addOn, second.record.id);
    expect(next.notes).toEqual([]);
    // The one create is the agenda's import: no new folder.
    expect(w.calls.count('Drive.Files.create')).toBe(1);
    expect(
      appFolders(addOn).length +
        w.inspectDrive().folders.filter((f) => f.name === 'Gathering agendas').length,
    ).toBe(1);
    expect(item(addOn, docIdOf(next.url))?.parents).toEqual([folder.id]);
    expect(ok<SettingsView>(addOn, 'getSettings').agendaFolder).toMatchObject({
      status: 'ready',
      name: 'Gathering agendas',
    });
  });

  it('cannot be a folder the school made by hand: Settings offer no folder link and refuse one', () => {
    const addOn = demo();
    const [g] = plannedYear(addOn);
    const w = addOn.workspace;
    const own = w.addFolder('Riverside partner agendas');
    const settings = ok<SettingsView>(addOn, 'getSettings');
    expect(Object.keys(settings).sort()).toEqual(['agendaFolder', 'calendars']);
    expect(
      failure(addOn, 'saveSettings', { agendaFolder: `https://drive.google.com/drive/folders/${own}` }),
    ).toMatch(/unexpected field "agendaFolder"/);
    const agenda = madeAgenda(addOn, g.record.id);
    expect(item(addOn, docIdOf(agenda.url))?.parents).not.toContain(own);
    expect(w.inspectDrive().files.filter((f) => f.parents.includes(own))).toEqual([]);
  });

  it('is made again, and the person told so, when the one Partner Hub made is deleted or in the trash', () => {
    const addOn = demo();
    const [a, b, c] = plannedYear(addOn);
    const w = addOn.workspace;
    madeAgenda(addOn, a.record.id);
    const [gone] = appFolders(addOn);
    w.deleteDriveItem(gone.id);
    expect(ok<SettingsView>(addOn, 'getSettings').agendaFolder).toEqual({
      status: 'gone',
      reason: 'unreachable',
    });
    const afterDelete = madeAgenda(addOn, b.record.id);
    expect(afterDelete.notes.join(' ')).toMatch(
      /could not find the folder it made .* so it made a new “Partner Hub agendas” folder in your Drive/,
    );
    const [fresh] = appFolders(addOn);
    expect(fresh.id).not.toBe(gone.id);
    expect(item(addOn, docIdOf(afterDelete.url))?.parents).toEqual([fresh.id]);

    w.trashDriveItem(fresh.id);
    expect(ok<SettingsView>(addOn, 'getSettings').agendaFolder).toEqual({
      status: 'gone',
      reason: 'trashed',
    });
    const afterTrash = madeAgenda(addOn, c.record.id);
    expect(afterTrash.notes.join(' ')).toMatch(/is in your trash, so Partner Hub made a new/);
    const [third] = appFolders(addOn);
    expect(item(addOn, docIdOf(afterTrash.url))?.parents).toEqual([third.id]);
  });
});

describe('replacing an agenda', () => {
  it('moves the old agenda to the trash through Drive.Files.update', () => {
    const addOn = demo();
    const [g] = plannedYear(addOn);
    const w = addOn.workspace;
    const old = madeAgenda(addOn, g.record.id);
    w.calls.reset();
    const replaced = madeAgenda(addOn, g.record.id, true);
    expect(replaced.notes).toEqual([]);
    expect(item(addOn, docIdOf(old.url))?.trashed).toBe(true);
    expect(item(addOn, docIdOf(replaced.url))?.trashed).toBe(false);
    // The new Doc is imported into the folder; one update trashes the old: no DriveApp.
    expect(w.calls.count('Drive.Files.update')).toBe(1);
    expect(w.calls.byService().DriveApp).toBeUndefined();
  });

  it('leaves an agenda made by hand in place, and says so', () => {
    const addOn = demo();
    const [g] = plannedYear(addOn);
    const w = addOn.workspace;
    const own = w.addDocument('Our own agenda');
    const row = directory(addOn).gatherings.find((x) => x.record.id === g.record.id);
    if (!row) throw new Error('no gathering');
    const { id, created: _c, updated: _u, ...values } = row.record;
    ok(addOn, 'saveGathering', { id, version: row.version, values: { ...values, agendaUrl: own.getUrl() } });
    const replaced = madeAgenda(addOn, g.record.id, true);
    expect(replaced.notes).toEqual([
      'The old agenda was not moved to the trash: Partner Hub can reach only the Docs it made for you, and that one was made by hand or by someone else, or is gone.',
    ]);
    expect(item(addOn, own.getId())?.trashed).toBe(false);
  });
});

describe('settings', () => {
  it('checks every field before writing: each problem is named and nothing is saved', () => {
    const addOn = demo();
    const w = addOn.workspace;
    const template = w.addDocument('Our agenda template', ['{{gathering.title}}']);
    ok(addOn, 'saveSettings', { templates: { 'multi-partner gathering': template.getUrl() } });
    const before = ok<SettingsView>(addOn, 'getSettings');
    const message = failure(addOn, 'saveSettings', {
      templates: {
        'multi-partner gathering': 'https://docs.google.com/document/d/nope-nope-nope/edit',
        'goal-setting convening': 'not a link',
      },
      calendarId: 'nobody@group.calendar.google.com',
    });
    expect(message).toMatch(/^Nothing was saved\./);
    expect(message).toMatch(/cannot open the multi-partner gathering template Doc/);
    expect(message).toMatch(
      /Template for goal-setting convening: "not a link" is not a Google Docs link or id\./,
    );
    expect(message).toMatch(/cannot find that calendar/);
    expect(ok<SettingsView>(addOn, 'getSettings')).toEqual(before);
  });
});

/** The same workspace (same user, same Drive) with another of its spreadsheets open: its own document properties. */
function openOther(state: WorkspaceState, spreadsheetId: string): WorkspaceState {
  const documents = { ...(state.properties.documents ?? {}) };
  const own = documents[spreadsheetId] ?? {};
  delete documents[spreadsheetId];
  documents[state.activeSpreadsheetId] = state.properties.document;
  return {
    ...state,
    activeSpreadsheetId: spreadsheetId,
    properties: { ...state.properties, document: own, documents },
  };
}

describe('issue #9: one school’s agenda can wipe another’s', () => {
  it('making a second school’s agendas (same default titles) never reuses or clears the first school’s Docs', () => {
    const riverside = demo();
    for (const g of plannedYear(riverside)) madeAgenda(riverside, g.record.id);
    const theirs = new Map(
      liveDocs(riverside).map((d) => [d.id, JSON.stringify(riverside.workspace.inspectDocument(d.id).tree)]),
    );
    expect(theirs.size).toBe(5);
    const eastside = riverside.workspace.addSpreadsheet('Eastside Partner Hub');
    const state = openOther(riverside.workspace.toJSON(), eastside.getId());

    const other = demo(state);
    expect(other.workspace.spreadsheet.getId()).toBe(eastside.getId());
    const urls = plannedYear(other).map((g) => madeAgenda(other, g.record.id).url);
    expect(urls.some((u) => theirs.has(docIdOf(u)))).toBe(false);
    for (const [id, tree] of theirs) {
      expect(item(other, id)?.trashed).toBe(false);
      expect(JSON.stringify(other.workspace.inspectDocument(id).tree)).toBe(tree);
    }
    expect(liveDocs(other)).toHaveLength(10);
  });
});
