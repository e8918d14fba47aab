// Drive's HTML import into a Google Doc (Drive.Files.create with the Docs mime type and a text/html
// Blob): the element tree DocumentApp then reads, and what the fake refuses.
import { createWorkspace } from '../../../dev/workspace';

const FOLDER = 'application/vnd.google-apps.folder';
const DOC = 'application/vnd.google-apps.document';

function imported(html: string, contentType = 'text/html') {
  const w = createWorkspace();
  const { Drive, DocumentApp, Utilities } = w.services;
  const folder = Drive.Files.create({ name: 'Agendas', mimeType: FOLDER });
  const made = Drive.Files.create(
    { name: 'Fall gathering', mimeType: DOC, parents: [folder.id ?? ''] },
    Utilities.newBlob(html, contentType, 'agenda.html'),
    { fields: 'id,name,mimeType,parents' },
  );
  return { w, made, folder, doc: DocumentApp.openById(made.id ?? '') };
}

describe('Drive.Files.create importing HTML into a Doc', () => {
  test('makes a Doc in the folder, named by the request, in one Drive call', () => {
    const { w, made, folder, doc } = imported(
      '<html><head><title>Other</title></head><body><p>Hi</p></body></html>',
    );
    expect(made).toEqual({ id: doc.getId(), name: 'Fall gathering', mimeType: DOC, parents: [folder.id] });
    expect(doc.getName()).toBe('Fall gathering');
    expect(doc.getBody().getText()).toBe('Hi');
    expect(w.calls.count('Drive.Files.create')).toBe(2);
    // The add-on made it: it may reach it under drive.file.
    expect(w.services.Drive.Files.get(doc.getId(), { fields: 'trashed' })).toEqual({ trashed: false });
  });

  test('headings, paragraphs, lists and tables become the elements DocumentApp reads', () => {
    const { w, doc } = imported(
      '<!doctype html><html><body><h1 style="color:#000">Fall &amp; more</h1><p>A  <b>bold</b>\n word</p>' +
        '<ul><li>One</li><li>Two<ul><li>Inner</li></ul></li></ul><ol><li>First</li></ol>' +
        '<table><thead><tr><th><b>What</b></th><th>Who</th></tr></thead><tbody><tr><td>Plan</td><td></td></tr></tbody></table>' +
        '<p><a href="https://docs.google.com/spreadsheets/d/abc/edit#ph-gathering=G-1234">Open</a></p></body></html>',
    );
    const body = doc.getBody();
    const kinds = Array.from({ length: body.getNumChildren() }, (_, i) => String(body.getChild(i).getType()));
    expect(kinds).toEqual([
      'PARAGRAPH',
      'PARAGRAPH',
      'LIST_ITEM',
      'LIST_ITEM',
      'LIST_ITEM',
      'LIST_ITEM',
      'TABLE',
      'PARAGRAPH',
    ]);
    // What DocumentApp reads and what src/ never asks of it (the heading, runs, list glyphs), seen as
    // Docs shows them.
    const tree = w.inspectDocument(doc.getId()).tree.children ?? [];
    expect(tree[0].heading).toBe('HEADING1');
    expect(body.getChild(0).asParagraph().getText()).toBe('Fall & more');
    expect(body.getChild(1).asParagraph().getText()).toBe('A bold word');
    expect(tree[1].runs).toEqual([{ text: 'A ' }, { text: 'bold', bold: true }, { text: ' word' }]);
    expect(tree.slice(2, 6).map((n) => [n.text, n.glyphType, n.nestingLevel])).toEqual([
      ['One', 'BULLET', 0],
      ['Two', 'BULLET', 0],
      ['Inner', 'BULLET', 1],
      ['First', 'NUMBER', 0],
    ]);
    const table = body.getChild(6).asTable();
    expect(table.getNumRows()).toBe(2);
    expect(table.getCell(0, 0).getText()).toBe('What');
    expect(tree[6].children?.[0].children?.[0].children?.[0].runs).toEqual([{ text: 'What', bold: true }]);
    expect(table.getCell(1, 1).getText()).toBe('');
    const link = body.getChild(7).asParagraph().editAsText();
    expect(link.getLinkUrl(0)).toBe('https://docs.google.com/spreadsheets/d/abc/edit#ph-gathering=G-1234');
  });

  test('a body that would end with a table ends with an empty paragraph, as every Docs section does', () => {
    const { doc } = imported('<table><tr><td>a</td></tr></table>');
    const body = doc.getBody();
    expect(body.getNumChildren()).toBe(2);
    expect(String(body.getChild(1).getType())).toBe('PARAGRAPH');
  });

  test('markup Partner Hub does not write is refused, not guessed at', () => {
    expect(() => imported('<p>one<br>two</p>')).toThrow(/does not import <br>/);
    expect(() => imported('<script>x()</script>')).toThrow(/does not import the HTML element <script>/);
    expect(() => imported('<p>open')).toThrow(/unclosed <p>/);
    expect(() => imported('<p>x</p>', 'text/plain')).toThrow(/importing text\/plain/);
  });
});
