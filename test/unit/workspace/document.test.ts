import { createWorkspace } from '../../../dev/workspace';

type Body = GoogleAppsScript.Document.Body;

const texts = (body: Body): string[] =>
  Array.from({ length: body.getNumChildren() }, (_, i) => {
    const c = body.getChild(i);
    return c.getType() === DocumentAppTypes.LIST_ITEM ? c.asListItem().getText() : c.asParagraph().getText();
  });
const DocumentAppTypes = createWorkspace().services.DocumentApp.ElementType;

/** A Doc made as the add-on makes its agendas: Drive's import of HTML (html-import.ts). */
function fromHtml(w: ReturnType<typeof createWorkspace>, name: string, html: string) {
  const { Drive, DocumentApp, Utilities } = w.services;
  const made = Drive.Files.create(
    { name, mimeType: 'application/vnd.google-apps.document' },
    Utilities.newBlob(html, 'text/html', `${name}.html`),
  );
  return DocumentApp.openById(made.id ?? '');
}

function setup() {
  const w = createWorkspace();
  const app = w.services.DocumentApp;
  const doc = app.create('Agenda');
  return { w, app, doc, body: doc.getBody() };
}

describe('DocumentApp element tree', () => {
  test('a new document has one empty paragraph; appends keep order and indexes', () => {
    const { w, app, doc, body } = setup();
    expect(body.getNumChildren()).toBe(1);
    expect(body.getChild(0).getType()).toBe(app.ElementType.PARAGRAPH);
    const title = body.getChild(0).asParagraph();
    title.setText('Fall Gathering');
    const p = body.appendParagraph('Welcome');
    const item = body.appendListItem('Introductions');
    expect(texts(body)).toEqual(['Fall Gathering', 'Welcome', 'Introductions']);
    expect(body.getChildIndex(p)).toBe(1);
    expect(body.getChildIndex(item)).toBe(2);
    expect(item.getType()).toBe(app.ElementType.LIST_ITEM);
    expect(p.getParent()).toBe(body);
    expect(w.inspectDocument(doc.getId()).tree.children?.map((c) => c.text)).toEqual(texts(body));
    expect(body.getText()).toBe('Fall Gathering\nWelcome\nIntroductions');
    expect(doc.getUrl()).toBe(`https://docs.google.com/document/d/${doc.getId()}/edit`);
    expect(() => body.getChild(9)).toThrow(
      'Child index (9) must be less than the number of child elements (3).',
    );
    expect(() => body.insertTable(7, [['x']])).toThrow(/Child index \(7\)/);
  });

  test('the last paragraph of a section cannot be removed; a table at the end gets a paragraph after it', () => {
    const { body } = setup();
    const t = body.appendTable([['a']]);
    expect(body.getNumChildren()).toBe(3);
    expect(body.getChildIndex(t)).toBe(1);
    expect(body.getChild(2).getType()).toBe('PARAGRAPH');
    expect(() => body.getChild(2).removeFromParent()).toThrow(
      "Can't remove the last paragraph in a document section.",
    );
    body.getChild(0).removeFromParent();
    expect(body.getChildIndex(t)).toBe(0);
    body.clear();
    expect(body.getNumChildren()).toBe(1);
    expect(body.getText()).toBe('');
  });

  test('appendTable from a 2-D array: rows, cells, one counted call; non-strings and empty arrays throw', () => {
    const { w, app, body } = setup();
    w.calls.reset();
    const t = body.appendTable([
      ['Partner', 'Focus'],
      ['Food Bank', 'Basic needs'],
      ['Tutors & Co', ''],
    ]);
    expect(w.calls.byService()).toEqual({ DocumentApp: 1 });
    expect(w.calls.count('DocumentApp.Body.appendTable')).toBe(1);
    expect(t.getNumRows()).toBe(3);
    expect(t.getRow(1).getNumCells()).toBe(2);
    expect(t.getCell(1, 0).getText()).toBe('Food Bank');
    expect(t.getCell(2, 1).getNumChildren()).toBe(1);
    expect(t.getCell(2, 1).getChild(0).getType()).toBe(app.ElementType.PARAGRAPH);
    const row2 = t.getRow(2);
    expect([t.getChildIndex(row2), row2.getChildIndex(t.getCell(2, 1))]).toEqual([2, 1]);
    expect(t.getCell(2, 0).getParent()).toBe(row2);
    expect(t.getText()).toBe('Partner\nFocus\nFood Bank\nBasic needs\nTutors & Co\n');
    expect(body.getTables()).toHaveLength(1);

    expect(() => body.appendTable([['a', 3 as unknown as string]])).toThrow(
      "The parameters (number[][]) don't match the method signature for DocumentApp.Body.appendTable.",
    );
    expect(() => body.appendTable([])).toThrow(/at least one row/);
    expect(() => body.appendTable([[]])).toThrow(/at least one row/);
    const empty = body.appendTable();
    expect(empty.getNumRows()).toBe(0);
  });

  test('insertTable at an index and a table read back cell by cell', () => {
    const { body } = setup();
    body.appendParagraph('after');
    body.insertTable(1, [['x', 'y']]);
    expect(body.getChild(1).getType()).toBe('TABLE');
    expect(body.getChild(2).asParagraph().getText()).toBe('after');
    const t = body.getChild(1).asTable();
    const read = Array.from({ length: t.getNumRows() }, (_, r) =>
      Array.from({ length: t.getRow(r).getNumCells() }, (_x, c) => t.getCell(r, c).getText()),
    );
    expect(read).toEqual([['x', 'y']]);
  });

  test('replaceText follows Java replacement rules: a bare $ or a trailing backslash throws, groups and escapes work', () => {
    const { body } = setup();
    body.appendParagraph('{{gathering.title}} on {{gathering.date}}');
    body.appendParagraph('See you at {{gathering.title}}!');
    body.appendTable([['{{gathering.title}}', 'gatheringXtitle']]);
    const before = body.getText();
    expect(() => body.replaceText('\\{\\{gathering\\.title\\}\\}', 'Ca$h Academy')).toThrow(
      'Illegal group reference',
    );
    expect(() => body.replaceText('\\{\\{gathering\\.title\\}\\}', 'Room $5')).toThrow('No group 5');
    expect(() => body.replaceText('\\{\\{gathering\\.title\\}\\}', 'C:\\')).toThrow(
      'character to be escaped is missing',
    );
    expect(body.getText()).toBe(before);
    body.replaceText('\\{\\{gathering\\.(date)\\}\\}', '[$1]');
    const paragraph = (i: number) => body.getChild(i).asParagraph();
    expect(paragraph(1).getText()).toBe('{{gathering.title}} on [date]');
    body.replaceText('\\{\\{gathering\\.title\\}\\}', 'Fall \\$1 & (Kickoff)');
    // The body: a paragraph, the two appended, the table, a paragraph.
    expect([0, 1, 2, 4].map((i) => paragraph(i).getText())).toEqual([
      '',
      'Fall $1 & (Kickoff) on [date]',
      'See you at Fall $1 & (Kickoff)!',
      '',
    ]);
    const cells = body.getTables()[0];
    expect([cells.getCell(0, 0).getText(), cells.getCell(0, 1).getText()]).toEqual([
      'Fall $1 & (Kickoff)',
      'gatheringXtitle',
    ]);
    // unescaped '.' is a regex wildcard, as in real
    body.replaceText('gathering.title', 'T');
    expect(body.getTables()[0].getCell(0, 1).getText()).toBe('T');
    // a pattern never spans paragraphs
    body.replaceText('date\\]\\nSee', 'nope');
    expect(body.getText()).toContain('[date]\nSee');
    // case-insensitive flag
    paragraph(1).replaceText('(?i)FALL', 'Spring');
    expect(paragraph(1).getText()).toBe('Spring $1 & (Kickoff) on [date]');
  });

  test('findText returns range elements and continues from the previous one', () => {
    const { app, body } = setup();
    body.appendParagraph('one {{a}} two');
    body.appendParagraph('{{b}}');
    const first = body.findText('\\{\\{\\w+\\}\\}');
    expect(first).not.toBeNull();
    if (!first) return;
    expect(first.getElement().getType()).toBe(app.ElementType.TEXT);
    expect([first.getStartOffset(), first.getEndOffsetInclusive()]).toEqual([4, 8]);
    const second = body.findText('\\{\\{\\w+\\}\\}', first);
    expect(second?.getElement().asText().getText()).toBe('{{b}}');
    expect(body.findText('\\{\\{\\w+\\}\\}', second ?? undefined)).toBeNull();
    expect(body.findText('absent')).toBeNull();
  });

  test('Text editing: delete, bold by range, a paragraph’s link', () => {
    const { w, doc, body } = setup();
    const p = body.appendParagraph('Partner Agenda Hub');
    const t = p.editAsText();
    t.deleteText(0, 7);
    expect(p.getText()).toBe('Agenda Hub');
    t.setBold(0, 5, true);
    p.setLinkUrl('https://example.org');
    expect(t.getLinkUrl(8)).toBe('https://example.org');
    expect(w.inspectDocument(doc.getId()).tree.children?.[1].runs).toEqual([
      { text: 'Agenda', bold: true, link: 'https://example.org' },
      { text: ' Hub', link: 'https://example.org' },
    ]);
    expect(() => t.deleteText(0, 40)).toThrow('Index (40) must be less than the content length (10).');
  });

  test('copy() of template elements appended into another document keeps text, heading and tables', () => {
    const { w, app } = setup();
    // A school's template with a heading (DocumentApp cannot set one: src/ never does; the import can).
    const template = fromHtml(w, 'Template', '<h1>Agenda</h1>').getBody();
    template.appendListItem('Opening question');
    template.appendTable([['Who', 'What']]);
    template.getChild(0).asParagraph().editAsText().setBold(0, 1, true);

    const generated = app.create('Generated');
    const out = generated.getBody();
    out.clear();
    const n = template.getNumChildren();
    for (let i = 0; i < n; i++) {
      const el = template.getChild(i).copy();
      const type = el.getType();
      if (type === app.ElementType.PARAGRAPH) out.appendParagraph(el.asParagraph());
      else if (type === app.ElementType.LIST_ITEM) out.appendListItem(el.asListItem());
      else if (type === app.ElementType.TABLE) out.appendTable(el.asTable());
    }
    // the first (empty) paragraph created with the document stays first
    const gen = w.inspectDocument(generated.getId()).tree.children ?? [];
    expect(gen.map((c) => [c.type, c.text])).toEqual([
      ['PARAGRAPH', ''],
      ['PARAGRAPH', 'Agenda'],
      ['LIST_ITEM', 'Opening question'],
      ['TABLE', 'Who\nWhat'],
      ['PARAGRAPH', ''], // the template's paragraph after its table
      ['PARAGRAPH', ''], // a section ends with a paragraph
    ]);
    expect(gen[1].heading).toBe('HEADING1');
    expect(gen[1].runs?.[0]).toEqual({ text: 'Ag', bold: true });
    expect(out.getTables()[0].getCell(0, 1).getText()).toBe('What');
    // independent of the template
    out.getTables()[0].getCell(0, 1).getChild(0).asParagraph().setText('Changed');
    expect(template.getTables()[0].getCell(0, 1).getText()).toBe('What');
    // attached elements must be detached
    expect(() => out.appendParagraph(template.getChild(0).asParagraph())).toThrow(
      'Element must be detached.',
    );
  });

  test('cursor: null until placed; a table inserted after the cursor’s paragraph', () => {
    const { w, app, doc, body } = setup();
    body.appendParagraph('Notes: bring snacks');
    body.appendParagraph('End');
    expect(doc.getCursor()).toBeNull();
    w.setDocumentCursor(doc.getId(), 1, 7);
    const cursor = doc.getCursor();
    if (!cursor) throw new Error('no cursor');
    expect(cursor.getElement().getType()).toBe(app.ElementType.TEXT);
    expect(cursor.getElement().asText().getText()).toBe('Notes: bring snacks');

    // the sidebar's insert-at-cursor: climb to the body child, insert after it
    let el: GoogleAppsScript.Document.Element = cursor.getElement();
    while (el.getParent()?.getType() !== app.ElementType.BODY_SECTION)
      el = el.getParent() as GoogleAppsScript.Document.Element;
    body.insertTable(body.getChildIndex(el) + 1, [['a', 'b']]);
    expect(body.getChild(2).getType()).toBe('TABLE');

    // an empty paragraph: the position is the paragraph itself
    w.setDocumentCursor(doc.getId(), 0);
    expect(doc.getCursor()?.getElement().getType()).toBe('PARAGRAPH');
  });

  test('openById/openByUrl, missing and denied documents, saveAndClose', () => {
    const { w, app, doc } = setup();
    doc.getBody().appendParagraph('hello');
    expect(app.openById(doc.getId()).getBody().getText()).toBe('\nhello');
    expect(app.openByUrl(doc.getUrl()).getName()).toBe('Agenda');
    expect(() => app.openById('1nope')).toThrow(
      "Document is missing (perhaps it was deleted, or you don't have read access?)",
    );
    expect(() => app.openByUrl('not a url')).toThrow('Invalid argument: url');
    const id = doc.getId();
    const p = doc.getBody().getChild(1).asParagraph();
    doc.saveAndClose();
    expect(() => doc.getBody()).toThrow('Document is closed, its contents cannot be updated.');
    expect(() => p.setText('late')).toThrow('Document is closed, its contents cannot be updated.');
    const again = app.openById(id);
    expect(again.getBody().getText()).toBe('\nhello');
    w.denyDriveAccess(id);
    expect(() => app.openById(id)).toThrow(/Document is missing/);
  });

  test('active document and getUi', () => {
    const w = createWorkspace({ html: () => '<p>hi</p>' });
    const app = w.services.DocumentApp;
    const doc = app.create('Agenda');
    expect(app.getActiveDocument()).toBeNull();
    expect(() => app.getUi()).toThrow('Cannot call DocumentApp.getUi() from this context.');
    w.setActiveDocument(doc.getId());
    expect(app.getActiveDocument()?.getId()).toBe(doc.getId());
    const html = w.services.HtmlService.createTemplateFromFile('DocsSidebar')
      .evaluate()
      .setTitle('Partner Hub');
    app.getUi().showSidebar(html);
    expect(w.ui.sidebars).toEqual([{ title: 'Partner Hub', html: '<p>hi</p>', width: 300 }]);
  });

  test('inspectDocument: plain tree and escaped HTML, not counted', () => {
    const { w } = setup();
    const doc = fromHtml(w, 'Agenda', '<h1>&lt;Agenda&gt; &amp; &quot;notes&quot;</h1>');
    const body = doc.getBody();
    body.appendListItem('First');
    body.appendTable([['<b>x</b>', 'y']]);
    body.appendParagraph('link').setLinkUrl('javascript:alert(1)');
    const id = doc.getId();
    w.calls.reset();
    const view = w.inspectDocument(id);
    expect(w.calls.total()).toBe(0);
    expect(view.tree.children?.map((c) => c.type)).toEqual([
      'PARAGRAPH',
      'LIST_ITEM',
      'TABLE',
      'PARAGRAPH',
      'PARAGRAPH',
    ]);
    expect(view.tree.children?.[2].rows).toEqual([['<b>x</b>', 'y']]);
    expect(view.html).toContain('<h1>&lt;Agenda&gt; &amp; &quot;notes&quot;</h1>');
    expect(view.html).toContain('<ul><li style="margin-left:0em">First</li></ul>');
    expect(view.html).toContain('<td><p>&lt;b&gt;x&lt;/b&gt;</p></td>');
    expect(view.html).not.toContain('javascript:');
  });

  test('every call counts once under DocumentApp', () => {
    const { w, body } = setup();
    w.calls.reset();
    const p = body.appendParagraph('x');
    p.setText('y');
    p.getText();
    body.getText();
    expect(w.calls.byMethod()).toEqual({
      'DocumentApp.Body.appendParagraph': 1,
      'DocumentApp.Body.getText': 1,
      'DocumentApp.Paragraph.getText': 1,
      'DocumentApp.Paragraph.setText': 1,
    });
  });

  test('state round trip keeps documents, cursor and the active document', () => {
    const { w, app, doc, body } = setup();
    body.appendParagraph('Bold').editAsText().setBold(0, 3, true);
    body.appendTable([['a', 'b']]);
    body.appendListItem('item');
    w.setActiveDocument(doc.getId());
    w.setDocumentCursor(doc.getId(), 1, 2);
    const r = createWorkspace({ state: JSON.parse(JSON.stringify(w.toJSON())) });
    r.setHost('docs');
    const again = r.services.DocumentApp.getActiveDocument();
    if (!again) throw new Error('active document lost');
    expect(again.getBody().getText()).toBe(body.getText());
    expect(r.inspectDocument(doc.getId())).toEqual(w.inspectDocument(doc.getId()));
    expect(r.inspectDocument(doc.getId()).tree.children?.[1].runs).toEqual([{ text: 'Bold', bold: true }]);
    expect(again.getCursor()?.getElement().asText().getText()).toBe('Bold');
    expect(app.openById(doc.getId()).getName()).toBe('Agenda');
    // fresh ids do not collide
    expect(r.services.DocumentApp.create('Next').getId()).not.toBe(doc.getId());
  });
});
