import { createWorkspace } from '../../../dev/workspace';

function setup() {
  const ws = createWorkspace();
  const app = ws.services.SpreadsheetApp;
  const Charts = ws.services.Charts;
  const ss = app.getActive();
  const data = ss.getSheets()[0].setName('Responses');
  data.getRange('A1:B4').setValues([
    ['Answer', 'Count'],
    ['Yes', 12],
    ['No', 3],
    ['Maybe', 5],
  ]);
  const summary = ss.insertSheet('Survey Summary');
  return { ws, app, Charts, ss, data, summary };
}

describe('embedded charts', () => {
  test('build and insert a column chart made from another tab', () => {
    const { ws, Charts, data, summary } = setup();
    const builder = summary
      .newChart()
      .asColumnChart()
      .setTitle('Survey answers')
      .setXAxisTitle('Answer')
      .setYAxisTitle('Partners')
      .setRange(0, 20)
      .setLegendPosition(Charts.Position.NONE)
      .addRange(data.getRange('A1:B4'))
      .setPosition(2, 3, 5, 10)
      .setNumHeaders(1)
      .setOption('colors', ['#1a73e8']);
    expect(builder.getChartType()).toBe(Charts.ChartType.COLUMN);
    expect(builder.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B4']);
    const chart = builder.build();
    expect(chart.getChartId()).toBeNull(); // not on a sheet yet
    expect(summary.getCharts()).toHaveLength(0);

    summary.insertChart(chart);
    const id = chart.getChartId();
    expect(typeof id).toBe('number');

    const [got] = summary.getCharts();
    expect(got.getChartId()).toBe(id);
    expect(got.getRanges().map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`)).toEqual([
      'Responses!A1:B4',
    ]);
    const options = got.getOptions();
    expect(options.get('title')).toBe('Survey answers');
    expect(options.get('hAxis.title')).toBe('Answer');
    expect(options.get('vAxis.title')).toBe('Partners');
    expect(options.get('vAxis.viewWindow.max')).toBe(20);
    expect(options.get('legend.position')).toBe('none');
    expect(options.get('colors')).toEqual(['#1a73e8']);
    expect(options.get('never.set')).toBeNull();
    expect(got.getNumHeaders()).toBe(1);
    const box = got.getContainerInfo();
    expect([box.getAnchorRow(), box.getAnchorColumn(), box.getOffsetX(), box.getOffsetY()]).toEqual([
      2, 3, 5, 10,
    ]);
    expect(data.getCharts()).toHaveLength(0);

    expect(ws.inspect().tabs.find((t) => t.name === 'Survey Summary')?.charts).toEqual([
      {
        type: 'COLUMN',
        title: 'Survey answers',
        ranges: ['Responses!A1:B4'],
        anchorRow: 2,
        anchorColumn: 3,
        numHeaders: 1,
        transpose: false,
        stacked: false,
        axisMax: 20,
      },
    ]);
    expect(ws.inspect().tabs.find((t) => t.name === 'Responses')?.charts).toBeUndefined();
  });

  test('setChartType, pie builder, range editing and ids', () => {
    const { Charts, data, summary } = setup();
    const b = summary.newChart().setChartType(Charts.ChartType.BAR);
    expect(b.getChartType()).toBe(Charts.ChartType.BAR);
    b.addRange(data.getRange('A1:A4')).addRange(data.getRange('B1:B4')).removeRange(data.getRange('A1:A4'));
    expect(b.getRanges().map((r) => r.getA1Notation())).toEqual(['B1:B4']);
    b.clearRanges();
    expect(b.getRanges()).toEqual([]);
    const pie = b.asPieChart().setTitle('Share').set3D().addRange(data.getRange('A1:B4'));
    expect(pie.getChartType()).toBe(Charts.ChartType.PIE);
    summary.insertChart(pie.build());
    summary.insertChart(summary.newChart().asLineChart().addRange(data.getRange('A1:B4')).build());
    const ids = summary.getCharts().map((c) => c.getChartId());
    expect(new Set(ids).size).toBe(2);
    expect(summary.getCharts()[0].getOptions().get('is3D')).toBe(true);
    // default position: anchored at A1
    expect(summary.getCharts()[1].getContainerInfo().getAnchorRow()).toBe(1);

    expect(() =>
      summary.newChart().setChartType('PIZZA' as unknown as GoogleAppsScript.Charts.ChartType),
    ).toThrow('Invalid argument: type');
    expect(() => summary.newChart().addRange(data.getRange('A1')).build()).toThrow(/no chart type/);
    expect(() => summary.newChart().setPosition(0, 1, 0, 0)).toThrow('Invalid argument: anchorRowPos');
  });

  test('modify().setOption(...).build() then updateChart; getCharts gives snapshots', () => {
    const { data, summary } = setup();
    summary.insertChart(
      summary.newChart().asBarChart().setTitle('Old').addRange(data.getRange('A1:B4')).build(),
    );
    const [chart] = summary.getCharts();
    const changed = chart.modify().setOption('title', 'New').setPosition(5, 1, 0, 0).build();
    expect(changed.getChartId()).toBe(chart.getChartId());
    expect(summary.getCharts()[0].getOptions().get('title')).toBe('Old'); // not saved until updateChart
    summary.updateChart(changed);
    const [after] = summary.getCharts();
    expect(after.getChartId()).toBe(chart.getChartId());
    expect(after.getOptions().get('title')).toBe('New');
    expect(after.getContainerInfo().getAnchorRow()).toBe(5);
    expect(chart.getOptions().get('title')).toBe('Old'); // an earlier EmbeddedChart does not change
    expect(summary.getCharts()).toHaveLength(1);
    // a chart never inserted, or on another tab, cannot be updated
    const loose = summary.newChart().asLineChart().build();
    expect(() => summary.updateChart(loose)).toThrow(/not on the sheet/);
    expect(() => data.updateChart(changed)).toThrow('The chart is not on the sheet "Responses".');
  });

  test('removeChart, clear keeps charts, deleteSheet drops them', () => {
    const { ws, ss, data, summary } = setup();
    summary.insertChart(summary.newChart().asColumnChart().addRange(data.getRange('A1:B4')).build());
    summary.insertChart(summary.newChart().asPieChart().addRange(data.getRange('A1:B4')).build());
    const [first, second] = summary.getCharts();
    summary.removeChart(first);
    expect(summary.getCharts().map((c) => c.getChartId())).toEqual([second.getChartId()]);
    expect(() => summary.removeChart(first)).toThrow(/not on the sheet/);

    summary.clear();
    summary.clearContents();
    expect(summary.getCharts()).toHaveLength(1);

    ss.deleteSheet(summary);
    expect(ws.inspect().tabs.map((t) => t.charts)).toEqual([undefined]);
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
    const chart = summary.newChart().asColumnChart().setTitle('T').addRange(data.getRange('A1:B4')).build();
    ws.calls.reset();
    summary.insertChart(chart);
    expect(ws.calls.byMethod()).toEqual({ 'SpreadsheetApp.Sheet.insertChart': 1 });

    ws.calls.reset();
    summary.newChart().asColumnChart().setTitle('T').build();
    expect(ws.calls.byMethod()).toEqual({
      'SpreadsheetApp.Sheet.newChart': 1,
      'SpreadsheetApp.EmbeddedChartBuilder.asColumnChart': 1,
      'SpreadsheetApp.EmbeddedColumnChartBuilder.setTitle': 1,
      'SpreadsheetApp.EmbeddedColumnChartBuilder.build': 1,
    });

    ws.calls.reset();
    ws.inspect();
    ws.toJSON();
    expect(ws.calls.total()).toBe(0);
  });

  test('state round trip keeps charts, ids and options; older states load', () => {
    const { ws, Charts, data, summary } = setup();
    summary.insertChart(
      summary
        .newChart()
        .asLineChart()
        .setTitle('Over time')
        .setLegendPosition(Charts.Position.BOTTOM)
        .addRange(data.getRange('A1:B4'))
        .setPosition(3, 2, 0, 0)
        .setTransposeRowsAndColumns(true)
        .build(),
    );
    const id = summary.getCharts()[0].getChartId();
    const json = JSON.parse(JSON.stringify(ws.toJSON()));
    const r = createWorkspace({ state: json });
    const rs = r.services.SpreadsheetApp.getActive().getSheetByName('Survey Summary');
    if (!rs) throw new Error('tab lost');
    const [chart] = rs.getCharts();
    expect(chart.getChartId()).toBe(id);
    expect(chart.getOptions().get('title')).toBe('Over time');
    expect(chart.getOptions().get('legend.position')).toBe('bottom');
    expect(chart.getTransposeRowsAndColumns()).toBe(true);
    expect(chart.getRanges()[0].getA1Notation()).toBe('A1:B4');
    expect(chart.modify().getChartType()).toBe(Charts.ChartType.LINE);
    expect(r.inspect().tabs[1].charts).toEqual(ws.inspect().tabs[1].charts);
    // a new chart after restoring gets another id
    rs.insertChart(rs.newChart().asPieChart().build());
    expect(rs.getCharts()[1].getChartId()).not.toBe(id);

    // a state saved before charts existed has no `charts` on its tabs
    const old = JSON.parse(JSON.stringify(createWorkspace().toJSON()));
    expect(old.spreadsheets[0].sheets[0].charts).toBeUndefined();
    expect(
      createWorkspace({ state: old }).services.SpreadsheetApp.getActive().getSheets()[0].getCharts(),
    ).toEqual([]);
  });
});
