import { createWorkspace } from '../../../dev/workspace';

function setup() {
  const ws = createWorkspace();
  const app = ws.services.SpreadsheetApp;
  const Charts = ws.services.Charts;
  const ss = app.getActiveSpreadsheet();
  const data = ss.insertSheet('Responses');
  data.getRange('A1:B4').setValues([
    ['Answer', 'Count'],
    ['Yes', 12],
    ['No', 3],
    ['Maybe', 5],
  ]);
  const summary = ss.insertSheet('Survey Summary');
  /** The charts of a tab as stored: type, ranges, options, position, id. */
  const saved = (name: string) => ws.spreadsheet.getSheetByName(name)?.data.charts ?? [];
  return { ws, app, Charts, ss, data, summary, saved };
}

describe('embedded charts', () => {
  test('build and insert a bar chart made from another tab', () => {
    const { ws, data, summary, saved } = setup();
    const chart = summary
      .newChart()
      .asBarChart()
      .setTitle('Survey answers')
      .addRange(data.getRange('A1:B4'))
      .setPosition(2, 3, 5, 10)
      .setNumHeaders(1)
      .setOption('colors', ['#1a73e8'])
      .setOption('hAxis.viewWindow.max', 5)
      .build();
    expect(summary.getCharts()).toHaveLength(0); // not on a sheet yet
    summary.insertChart(chart);
    expect(summary.getCharts()).toHaveLength(1);
    expect(data.getCharts()).toHaveLength(0);
    expect(ws.inspect().tabs.find((t) => t.name === 'Survey Summary')?.charts).toEqual([
      {
        type: 'BAR',
        title: 'Survey answers',
        ranges: ['Responses!A1:B4'],
        anchorRow: 2,
        anchorColumn: 3,
        numHeaders: 1,
        transpose: false,
        stacked: false,
        axisMax: 5,
      },
    ]);
    expect(ws.inspect().tabs.find((t) => t.name === 'Responses')?.charts).toBeUndefined();
    expect(saved('Survey Summary')).toEqual([
      expect.objectContaining({
        type: 'BAR',
        options: { title: 'Survey answers', colors: ['#1a73e8'], 'hAxis.viewWindow.max': 5 },
        anchorRow: 2,
        anchorColumn: 3,
        offsetX: 5,
        offsetY: 10,
        numHeaders: 1,
        transpose: false,
      }),
    ]);
  });

  test('setChartType, several charts and their ids, and what Sheets refuses', () => {
    const { Charts, data, summary, saved } = setup();
    summary.insertChart(
      summary
        .newChart()
        .setChartType(Charts.ChartType.PIE)
        .addRange(data.getRange('A1:B4'))
        .setTransposeRowsAndColumns(true)
        .build(),
    );
    summary.insertChart(
      summary.newChart().setChartType(Charts.ChartType.COLUMN).addRange(data.getRange('A1:B4')).build(),
    );
    const charts = saved('Survey Summary');
    expect(charts.map((c) => [c.type, c.transpose, c.anchorRow, c.anchorColumn])).toEqual([
      ['PIE', true, 1, 1], // default position: anchored at A1
      ['COLUMN', false, 1, 1],
    ]);
    expect(new Set(charts.map((c) => c.id)).size).toBe(2);

    expect(() =>
      summary.newChart().setChartType('PIZZA' as unknown as GoogleAppsScript.Charts.ChartType),
    ).toThrow('Invalid argument: type');
    expect(() => summary.newChart().addRange(data.getRange('A1')).build()).toThrow(/no chart type/);
    expect(() => summary.newChart().setPosition(0, 1, 0, 0)).toThrow('Invalid argument: anchorRowPos');
  });

  test('removeChart; clearContents keeps charts', () => {
    const { data, summary, saved } = setup();
    summary.insertChart(
      summary.newChart().asBarChart().setTitle('One').addRange(data.getRange('A1:B4')).build(),
    );
    summary.insertChart(
      summary.newChart().asBarChart().setTitle('Two').addRange(data.getRange('A1:B4')).build(),
    );
    const [first] = summary.getCharts();
    summary.removeChart(first);
    expect(saved('Survey Summary').map((c) => c.options.title)).toEqual(['Two']);
    expect(() => summary.removeChart(first)).toThrow(/not on the sheet/);
    summary.clearContents();
    expect(summary.getCharts()).toHaveLength(1);
  });

  test('deleteSheet drops the charts of the tab', () => {
    const { ws, ss, data, summary } = setup();
    summary.insertChart(summary.newChart().asBarChart().addRange(data.getRange('A1:B4')).build());
    ss.deleteSheet(summary);
    expect(ws.inspect().tabs.map((t) => t.charts)).toEqual([undefined, undefined]);
    expect(ws.toJSON().spreadsheets[0].sheets.some((s) => s.charts)).toBe(false);
  });

  test('ranges must come from the same spreadsheet; arguments must be charts and ranges', () => {
    const { ws, app, summary } = setup();
    const other = ws.addSpreadsheet('Elsewhere');
    const foreign = app.openById(other.getId()).getSheets()[0].getRange('A1:B2');
    expect(() => summary.newChart().addRange(foreign)).toThrow(/own spreadsheet/);
    const chartElsewhere = app.openById(other.getId()).getSheets()[0].newChart().asBarChart().build();
    expect(() => summary.insertChart(chartElsewhere)).toThrow(/another spreadsheet/);
    expect(() =>
      summary.newChart().addRange('A1:B2' as unknown as GoogleAppsScript.Spreadsheet.Range),
    ).toThrow(/don't match the method signature/);
    expect(() => summary.insertChart({} as GoogleAppsScript.Spreadsheet.EmbeddedChart)).toThrow(
      /don't match the method signature for SpreadsheetApp.Sheet.insertChart/,
    );
  });

  test('counting: one insertChart is one call', () => {
    const { ws, data, summary } = setup();
    const chart = summary.newChart().asBarChart().setTitle('T').addRange(data.getRange('A1:B4')).build();
    ws.calls.reset();
    summary.insertChart(chart);
    expect(ws.calls.byMethod()).toEqual({ 'SpreadsheetApp.Sheet.insertChart': 1 });

    ws.calls.reset();
    summary.newChart().asBarChart().setTitle('T').build();
    expect(ws.calls.byMethod()).toEqual({
      'SpreadsheetApp.Sheet.newChart': 1,
      'SpreadsheetApp.EmbeddedChartBuilder.asBarChart': 1,
      'SpreadsheetApp.EmbeddedBarChartBuilder.setTitle': 1,
      'SpreadsheetApp.EmbeddedBarChartBuilder.build': 1,
    });

    ws.calls.reset();
    ws.inspect();
    ws.toJSON();
    expect(ws.calls.total()).toBe(0);
  });

  test('state round trip keeps charts, ids and options; older states load', () => {
    const { ws, data, summary, saved } = setup();
    summary.insertChart(
      summary
        .newChart()
        .asBarChart()
        .setTitle('Over time')
        .setOption('legend.position', 'bottom')
        .addRange(data.getRange('A1:B4'))
        .setPosition(3, 2, 0, 0)
        .setTransposeRowsAndColumns(true)
        .build(),
    );
    const json = JSON.parse(JSON.stringify(ws.toJSON()));
    const r = createWorkspace({ state: json });
    expect(r.toJSON().spreadsheets[0].sheets).toEqual(ws.toJSON().spreadsheets[0].sheets);
    expect(r.inspect().tabs[2].charts).toEqual(ws.inspect().tabs[2].charts);
    // a new chart after restoring gets another id
    const rs = r.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Survey Summary');
    if (!rs) throw new Error('tab lost');
    rs.insertChart(rs.newChart().asBarChart().build());
    const ids = r.spreadsheet.getSheetByName('Survey Summary')?.data.charts.map((c) => c.id);
    expect(ids).toHaveLength(2);
    expect(ids?.[0]).toBe(saved('Survey Summary')[0].id);
    expect(ids?.[1]).not.toBe(ids?.[0]);

    // a state saved before charts existed has no `charts` on its tabs
    const old = JSON.parse(JSON.stringify(createWorkspace().toJSON()));
    expect(old.spreadsheets[0].sheets[0].charts).toBeUndefined();
    expect(
      createWorkspace({ state: old })
        .services.SpreadsheetApp.getActiveSpreadsheet()
        .getSheets()[0]
        .getCharts(),
    ).toEqual([]);
  });
});
