// Chart pictures and Doc images in the in-memory Workspace: EmbeddedChart.getAs gives a real PNG
// of the chart; Body.insertImage puts an InlineImage in a new paragraph, refusing what Docs
// refuses (not an image Docs takes, past 25 megapixels); the image survives copy, state and rendering.
import { createWorkspace } from '../../../dev/workspace';
import { CHART_HEIGHT, CHART_WIDTH } from '../../../dev/workspace/charts';
import { crc32, encodePng, pngSize } from '../../../dev/workspace/png';
import { FakeBlob } from '../../../dev/workspace/utilities';

function chartSetup() {
  const ws = createWorkspace();
  const ss = ws.spreadsheet;
  const sheet = ss.getSheets()[0];
  sheet.getRange('A1:C2').setValues([
    ['Trust', 'Goals', 'Roles'],
    [3.7, 4.2, 2.5],
  ]);
  const chart = sheet
    .newChart()
    .asBarChart()
    .setTitle('Average of each scale')
    .addRange(sheet.getRange('A1:C2'))
    .setOption('hAxis.viewWindow.max', 5)
    .build();
  sheet.insertChart(chart);
  return { ws, ss, sheet, chart: sheet.getCharts()[0] };
}

/** What a fake Blob holds (its methods are not faked: src only hands Blobs on). */
const bytesOf = (blob: unknown): Buffer => {
  if (!(blob instanceof FakeBlob)) throw new Error('not a fake Blob');
  return blob.peek().bytes;
};

/** A PNG header claiming width × height (no pixels): what Docs reads first. */
function header(width: number, height: number): number[] {
  const png = encodePng(1, 1, () => [0, 0, 0]);
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return [...png];
}

describe('EmbeddedChart as a picture', () => {
  test('getAs("image/png") gives a PNG of the chart, named after it', () => {
    const { ws, chart } = chartSetup();
    ws.calls.reset();
    const blob = chart.getAs('image/png');
    expect(ws.calls.count('SpreadsheetApp.EmbeddedChart.getAs')).toBe(1);
    expect(blob.peek().contentType).toBe('image/png');
    expect(blob.peek().name).toBe('Average of each scale.png');
    expect(pngSize(bytesOf(blob))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(bytesOf(chart.getAs('image/png'))).toEqual(bytesOf(blob));
  });

  test('the picture is drawn from the data: other values, other pixels', () => {
    const { sheet, chart } = chartSetup();
    const before = bytesOf(chart.getAs('image/png'));
    sheet.getRange('A2:C2').setValues([[1, 5, 5]]);
    expect(bytesOf(sheet.getCharts()[0].getAs('image/png'))).not.toEqual(before);
  });

  test('refuses a content type it does not draw', () => {
    const { chart } = chartSetup();
    expect(() => chart.getAs('image/svg+xml')).toThrow(/Invalid argument: contentType/);
    expect(() => chart.getAs('application/pdf')).toThrow(/Invalid argument: contentType/);
  });
});

describe('InlineImage in a Doc', () => {
  function docSetup() {
    const ws = createWorkspace();
    const doc = ws.services.DocumentApp.create('Report');
    const body = doc.getBody();
    body.appendParagraph('Before');
    body.appendParagraph('After');
    const png = ws.services.Utilities.newBlob(
      [...encodePng(30, 20, (x) => (x < 10 ? [66, 133, 244] : [255, 255, 255]))],
      'image/png',
      'bars.png',
    );
    return { ws, doc, body, png };
  }

  test('insertImage puts the image in a new paragraph at the index, at its own size in pixels', () => {
    const { ws, doc, body, png } = docSetup();
    const DocumentApp = ws.services.DocumentApp;
    const image = body.insertImage(2, png);
    expect(image.getType()).toBe(DocumentApp.ElementType.INLINE_IMAGE);
    expect(image.getParent().getType()).toBe(DocumentApp.ElementType.PARAGRAPH);
    expect(body.getChildIndex(image.getParent())).toBe(2);
    expect(body.getNumChildren()).toBe(4);
    expect([image.getWidth(), image.getHeight()]).toEqual([30, 20]);
    const data = `data:image/png;base64,${bytesOf(png).toString('base64')}`;
    expect(ws.inspectDocument(doc.getId()).html).toContain(`<img src="${data}"`);
    expect(body.getText()).toBe('\nBefore\n\nAfter');
    image.setWidth(15).setHeight(10).setAltTitle('Bars');
    expect([image.getWidth(), image.getHeight()]).toEqual([15, 10]);
    expect(ws.inspectDocument(doc.getId()).html).toMatch(/<img [^>]*alt="Bars"/);
  });

  test('refuses what Docs refuses: not a blob, not an image it takes, past 25 megapixels, a bad size', () => {
    const { ws, body, png } = docSetup();
    const Utilities = ws.services.Utilities;
    expect(() => body.insertImage(0, 'bars.png' as unknown as GoogleAppsScript.Base.BlobSource)).toThrow(
      /don't match the method signature/,
    );
    expect(() => body.insertImage(0, Utilities.newBlob('<svg/>', 'image/svg+xml'))).toThrow(
      'Invalid image data.',
    );
    expect(() => body.insertImage(0, Utilities.newBlob('not a png', 'image/png'))).toThrow(
      'Invalid image data.',
    );
    expect(() => body.insertImage(0, Utilities.newBlob(header(5001, 5000), 'image/png'))).toThrow(
      'Invalid image data.',
    );
    expect(() => body.insertImage(9, png)).toThrow(/Child index \(9\)/);
    expect(body.getNumChildren()).toBe(3);
    body.insertImage(0, Utilities.newBlob(header(5000, 5000), 'image/png'));
    const image = body.insertImage(0, png);
    expect(() => image.setWidth(0)).toThrow('Invalid argument: width');
    expect(() => image.setHeight(2.5)).toThrow('Invalid argument: height');
  });

  test('kept through copy(), a saved and restored workspace, and refused once the Doc is closed', () => {
    const { ws, doc, body, png } = docSetup();
    body.insertImage(1, png).setWidth(12);
    const copy = body.getChild(1).copy();
    expect(copy.asParagraph().getNumChildren()).toBe(1);
    const again = createWorkspace({ state: JSON.parse(JSON.stringify(ws.toJSON())) });
    expect(again.inspectDocument(doc.getId()).tree).toEqual(ws.inspectDocument(doc.getId()).tree);
    const image = body.getChild(1).asParagraph().getChild(0);
    doc.saveAndClose();
    expect(() => image.getType()).toThrow('Document is closed');
    expect(() => body.insertImage(0, png)).toThrow('Document is closed');
  });
});
