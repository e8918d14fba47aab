// Chart pictures and Doc images in the in-memory Workspace: EmbeddedChart.getAs/getBlob give a real PNG
// of the chart; Body.insertImage/appendImage put an InlineImage in a new paragraph, refusing what Docs
// refuses (not an image Docs takes, past 25 megapixels); the image survives copy, state and rendering.
import { createWorkspace } from '../../../dev/workspace';
import { CHART_HEIGHT, CHART_WIDTH } from '../../../dev/workspace/charts';
import { crc32, encodePng, pngSize } from '../../../dev/workspace/png';

function chartSetup() {
  const ws = createWorkspace();
  const ss = ws.services.SpreadsheetApp.getActive();
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

const bytesOf = (blob: GoogleAppsScript.Base.Blob) => Buffer.from(blob.getBytes().map((b) => b & 0xff));

/** A PNG header claiming width × height (no pixels): what Docs reads first. */
function header(width: number, height: number): number[] {
  const png = encodePng(1, 1, () => [0, 0, 0]);
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return [...png];
}

describe('EmbeddedChart as a picture', () => {
  test('getAs("image/png") and getBlob() give a PNG of the chart, named after it', () => {
    const { ws, chart } = chartSetup();
    ws.calls.reset();
    const blob = chart.getAs('image/png');
    expect(ws.calls.count('SpreadsheetApp.EmbeddedChart.getAs')).toBe(1);
    expect(blob.getContentType()).toBe('image/png');
    expect(blob.getName()).toBe('Average of each scale.png');
    expect(pngSize(bytesOf(blob))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(bytesOf(chart.getBlob())).toEqual(bytesOf(blob));
  });

  test('the picture is drawn from the data: other values, other pixels', () => {
    const { sheet, chart } = chartSetup();
    const before = bytesOf(chart.getBlob());
    sheet.getRange('A2:C2').setValues([[1, 5, 5]]);
    expect(bytesOf(sheet.getCharts()[0].getBlob())).not.toEqual(before);
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
    expect(image.getBlob().getContentType()).toBe('image/png');
    expect(bytesOf(image.getBlob())).toEqual(bytesOf(png));
    expect(body.getText()).toBe('\nBefore\n\nAfter');
    image.setWidth(15).setHeight(10).setAltTitle('Bars');
    expect([image.getWidth(), image.getHeight(), image.getAltTitle()]).toEqual([15, 10, 'Bars']);
    const appended = body.appendImage(png);
    expect(body.getChildIndex(appended.getParent())).toBe(4);
    expect(ws.inspectDocument(doc.getId()).html).toContain('<img src="data:image/png;base64,');
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
