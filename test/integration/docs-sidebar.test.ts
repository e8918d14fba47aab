// The Docs sidebar on the built bundle: an agenda Doc finds its gathering, inserts tables at the
// cursor, and captures its action-steps table back to the sheet, once.
import type { AddOn } from '../../dev/gas';
import { loadAddOn, runAsClient } from '../../dev/gas';
import { seedDemoSchool } from '../../dev/preview/demo';
import type {
  AgendaInfo,
  AgendaResult,
  CaptureResult,
  GatheringDraft,
  Listed,
} from '../../src/shared/contract';
import type { Gathering } from '../../src/shared/records';
import { directory, failure, ok } from './helpers';

function withAgenda(): { addOn: AddOn; gathering: Gathering; docUrl: string } {
  const addOn = loadAddOn({ now: () => new Date('2026-08-20T15:00:00Z') });
  seedDemoSchool(addOn, '2026-08-20');
  const drafts = ok<GatheringDraft[]>(addOn, 'planYear', {
    model: 'three',
    startYear: 2026,
    weekday: 3,
    week: 1,
    start: '16:00',
    minutes: 90,
    location: 'Cafeteria',
  });
  const invited = directory(addOn)
    .partners.slice(0, 4)
    .map((p) => p.record.id);
  const [g] = ok<Listed<Gathering>[]>(addOn, 'addGatherings', drafts, invited);
  const made = ok<AgendaResult>(addOn, 'makeAgenda', g.record.id, false);
  addOn.workspace.setHost('docs');
  addOn.workspace.setActiveDocument(made.url);
  return { addOn, gathering: g.record, docUrl: made.url };
}

const bodyNodes = (addOn: AddOn, url: string) => addOn.workspace.inspectDocument(url).tree.children ?? [];

/** A person types into a table cell of the Doc (its one paragraph). */
function type(table: GoogleAppsScript.Document.Table, row: number, column: number, text: string): void {
  table.getCell(row, column).getChild(0).asParagraph().setText(text);
}

describe('Docs sidebar', () => {
  it('adds its own menu in Docs and opens with the gathering in the page', () => {
    const { addOn, gathering } = withAgenda();
    addOn.call('onOpen', { authMode: 'FULL' });
    expect(addOn.workspace.ui.menus.at(-1)?.items.map((i) => i.functionName)).toEqual(['openDocsSidebar']);
    addOn.call('openDocsSidebar');
    const html = addOn.workspace.ui.sidebars.at(-1)!.html;
    const boot = JSON.parse(/window\.__BOOT__ = (.*);\n/.exec(html)![1]) as { info: AgendaInfo };
    expect(boot.info.gathering.id).toBe(gathering.id);
    expect(boot.info.partners).toHaveLength(4);
  });

  it('says clearly when the Doc is not an agenda', () => {
    const { addOn } = withAgenda();
    const other = addOn.workspace.addDocument('Meeting notes', ['Just notes']);
    addOn.workspace.setActiveDocument(other.getId());
    expect(failure(addOn, 'getAgendaInfo')).toMatch(/not linked to a gathering/);
  });

  it('inserts the roster after the paragraph with the cursor, in one table', () => {
    const { addOn, docUrl } = withAgenda();
    const before = bodyNodes(addOn, docUrl);
    addOn.workspace.setDocumentCursor(docUrl, 1, 0);
    addOn.workspace.calls.reset();
    expect(ok<{ rows: number }>(addOn, 'insertIntoAgenda', 'partners')).toEqual({ rows: 4 });
    expect(addOn.workspace.calls.byMethod()['DocumentApp.Body.insertTable']).toBe(1);
    const after = bodyNodes(addOn, docUrl);
    expect(after).toHaveLength(before.length + 1);
    expect(after[2].type).toBe('TABLE');
    expect(after[2].rows?.[0]).toEqual(['Partner', 'Focus areas', 'Contact']);
  });

  it('captures the action-steps table once, however often it is pressed', () => {
    const { addOn, docUrl, gathering } = withAgenda();
    const doc = addOn.workspace.services.DocumentApp.openByUrl(docUrl);
    const steps = doc
      .getBody()
      .getTables()
      .find((t) => t.getCell(0, 0).getText() === 'What')!;
    type(steps, 1, 0, 'Send the spring calendar');
    type(steps, 1, 1, 'Marisol');
    type(steps, 1, 2, '10/15/2026');
    type(steps, 2, 0, '=HYPERLINK("http://x","share flyers")');
    type(steps, 2, 2, 'soon');
    const first = ok<CaptureResult>(addOn, 'captureActionItems');
    expect(first).toMatchObject({ added: 2, alreadyThere: 0 });
    expect(first.skipped.join(' ')).toMatch(/"soon" is not a date/);
    const second = ok<CaptureResult>(addOn, 'captureActionItems');
    expect(second).toMatchObject({ added: 0, alreadyThere: 2 });
    addOn.workspace.setHost('sheets');
    const items = directory(addOn).actionItems.map((a) => a.record);
    expect(items.map((a) => [a.what, a.who, a.byWhen, a.gatheringId, a.status])).toEqual([
      ['Send the spring calendar', 'Marisol', '2026-10-15', gathering.id, 'open'],
      ['=HYPERLINK("http://x","share flyers")', '', '', gathering.id, 'open'],
    ]);
    const tab = addOn.workspace.inspect().tabs.find((t) => t.name === 'Action Items')!;
    expect(tab.formulas.flat().filter(Boolean)).toEqual([]);
  });

  it('never writes over a row the spreadsheet sidebar added while it was capturing', () => {
    const { addOn, docUrl, gathering } = withAgenda();
    const steps = addOn.workspace.services.DocumentApp.openByUrl(docUrl)
      .getBody()
      .getTables()
      .find((t) => t.getCell(0, 0).getText() === 'What')!;
    type(steps, 1, 0, 'Send the spring calendar');
    // In the Docs sidebar the document lock is the Doc's, not the spreadsheet's: a save in the
    // spreadsheet's own sidebar runs at the same moment, between the capture's read and its write.
    addOn.workspace.calls.before('SpreadsheetApp.Sheet.getMaxRows', () => {
      addOn.workspace.setHost('sheets');
      const saved = runAsClient(addOn.context, 'saveActionItem', [
        { values: { what: 'Book the gym', gatheringId: gathering.id, status: 'open' } },
      ]);
      expect(saved).toMatchObject({ ok: true, value: { status: 'saved' } });
      addOn.workspace.setActiveDocument(docUrl);
    });
    expect(failure(addOn, 'captureActionItems')).toBe(
      'Someone added a row to the Action Items tab while this was saving. Nothing was written: save again.',
    );
    expect(ok<CaptureResult>(addOn, 'captureActionItems')).toMatchObject({ added: 1 });
    addOn.workspace.setHost('sheets');
    expect(directory(addOn).actionItems.map((a) => a.record.what)).toEqual([
      'Book the gym',
      'Send the spring calendar',
    ]);
  });
});
