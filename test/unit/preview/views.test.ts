// The preview's views of what the add-on made: a Doc in Google Docs' look, charts as bars, the Form
// page and its answers, and times in the school's zone. On the in-memory Workspace, without a browser.
import { createWorkspace } from '../../../dev/workspace';
import { byHand } from '../../../dev/workspace/by-hand';
import { chartSvg, chartTable } from '../../../dev/preview/charts-view';
import { docPage } from '../../../dev/preview/docs-view';
import { formAt, formPage, localFormPath, submitForm } from '../../../dev/preview/form-view';
import { RAW_ISO_TIME, when, whenRange } from '../../../dev/preview/times';

describe('Doc view', () => {
  it('shows headings, lists and tables with the attributes the add-on set, all text escaped', () => {
    const w = createWorkspace();
    const { DocumentApp } = w.services;
    const doc = DocumentApp.create('Agenda <draft>');
    const body = doc.getBody();
    body.getChild(0).asParagraph().setText('Fall gathering');
    body.appendParagraph('Who is here');
    body.appendListItem('Facilitation: <script>x</script>');
    body.appendTable([
      ['Partner', 'Focus'],
      ['Reading & Co', '"tutoring"'],
    ]);
    body.appendParagraph('Closing');
    // Headings and attributes come with a school's own template Doc, set by hand in Docs (the add-on
    // copies its elements, attributes and all): they are put on the tree here as such a template would
    // carry them.
    const { tree } = w.inspectDocument(doc.getId());
    const [title, subtitle] = tree.children ?? [];
    const table = tree.children?.find((n) => n.type === 'TABLE');
    const note = tree.children?.find((n) => n.text === 'Closing');
    const corner = table?.children?.[0].children?.[0];
    if (!title || !subtitle || !table || !note || !corner)
      throw new Error('the headings, the table and the closing paragraph are missing');
    title.heading = 'TITLE';
    subtitle.heading = 'HEADING2';
    table.attrs = { BORDER_WIDTH: 2, BORDER_COLOR: '#cccccc' };
    corner.attrs = { BACKGROUND_COLOR: '#e8f0fe' };
    note.attrs = { FONT_SIZE: 9, FOREGROUND_COLOR: 'red;background:url(x)', HORIZONTAL_ALIGNMENT: 'CENTER' };
    const html = docPage('Agenda <draft>', tree);

    expect(html).toContain('<title>Agenda &lt;draft&gt;</title>');
    expect(html).toContain('<h1 class="title">Fall gathering</h1>');
    expect(html).toContain('<h2>Who is here</h2>');
    expect(html).toContain('Facilitation: &lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('<table style="--border:2pt solid #cccccc">');
    expect(html).toContain('<td style="background-color:#e8f0fe">');
    expect(html).toContain('Reading &amp; Co');
    expect(html).toContain('&quot;tutoring&quot;');
    // A colour that is not one is left out; the size and alignment are kept.
    expect(html).toContain('<p style="font-size:9pt;text-align:center">Closing</p>');
    expect(html).not.toContain('url(x)');
    expect(html).toMatch(/\.page\{[^}]*width:8\.5in[^}]*padding:1in/);
    expect(html).toMatch(/font:11pt\/1\.15 Arial/);
  });
});

describe('chart view', () => {
  function sheetWith(rows: (string | number)[][]) {
    const w = createWorkspace();
    const sheet = w.spreadsheet.getSheets()[0];
    byHand.renameSheet(sheet, 'Summary');
    sheet.getRange(1, 1, rows.length, rows[0].length).setValues(rows);
    return { w, sheet };
  }

  it('reads a transposed one-row chart as one bar per column, up to the axis end the chart sets', () => {
    const { w, sheet } = sheetWith([
      ['Trust <each other>', 'Communication', 'Roles'],
      [4.5, 3, 2],
    ]);
    sheet.insertChart(
      sheet
        .newChart()
        .asBarChart()
        .setTitle('Average of each scale (1–5)')
        .addRange(sheet.getRange(1, 1, 2, 3))
        .setTransposeRowsAndColumns(true)
        .setNumHeaders(1)
        .setOption('hAxis.viewWindow.max', 5)
        .build(),
    );
    const { tabs } = w.inspect();
    const [chart] = tabs[0].charts ?? [];
    expect(chartTable(chart, tabs)).toEqual({
      labels: ['Trust <each other>', 'Communication', 'Roles'],
      series: [{ name: 'Average of each scale (1–5)', values: [4.5, 3, 2] }],
    });
    const svg = chartSvg(chart, tabs);
    expect(svg).toContain('Trust &lt;each other&gt;');
    expect(svg).not.toContain('<each');
    const widths = [...svg.matchAll(/<rect x="0" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    // 4.5 of 5 on a 460 px axis.
    expect(widths).toEqual([414, 276, 184]);
  });

  it('reads a stacked column chart with a header row and labels, one series per column', () => {
    const { w, sheet } = sheetWith([
      ['Focus area', 'active', 'paused'],
      ['tutoring', 3, 1],
      ['mentoring', 2, 0],
    ]);
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(w.services.Charts.ChartType.COLUMN)
        .addRange(sheet.getRange(1, 1, 3, 3))
        .setNumHeaders(1)
        .setOption('isStacked', true)
        .setOption('title', 'Partners')
        .build(),
    );
    const { tabs } = w.inspect();
    const [chart] = tabs[0].charts ?? [];
    expect(chartTable(chart, tabs)).toEqual({
      labels: ['tutoring', 'mentoring'],
      series: [
        { name: 'active', values: [3, 2] },
        { name: 'paused', values: [1, 0] },
      ],
    });
    const svg = chartSvg(chart, tabs);
    expect(svg).toContain('>4</text>'); // the stacked total of tutoring
    expect(svg).toMatch(/<text x="\d+" y="13">active<\/text>/); // the legend
  });
});

describe('Form page', () => {
  function survey() {
    const w = createWorkspace();
    const { FormApp } = w.services;
    const form = FormApp.create('Survey <2026>');
    form.setDescription('About the year & more');
    form.addScaleItem().setTitle('Trust').setBounds(1, 5).setLabels('Low', 'High').setRequired(true);
    const code = form.addTextItem().setTitle('Response code');
    const path = new URL(form.getPublishedUrl()).pathname;
    const entry = w.forms.inspect()[0].items[1].entryId;
    const inspected = () => formAt(w, path)!;
    return { w, form, code, path, entry, inspected };
  }

  it('says an unpublished Form takes no answers, and refuses them as Forms does', () => {
    const { w, path, inspected } = survey();
    expect(inspected().published).toBe(false);
    expect(formPage(inspected(), new URLSearchParams())).toContain('This form is not published');
    const page = submitForm(w, inspected(), 'entry.1=3');
    expect(page).toContain('is not published');
    expect(w.forms.inspect()[0].responses).toHaveLength(0);
    expect(localFormPath(`https://docs.google.com${path}?usp=pp_url&entry.1=a`)).toBe(
      `${path}?usp=pp_url&entry.1=a`,
    );
    expect(localFormPath('https://example.com/forms/d/e/x/viewform')).toBeNull();
  });

  it('shows the questions with the personal link’s code filled in, and records an answer with the trigger', () => {
    const { w, form, path, entry, inspected } = survey();
    form.setPublished(true);
    // As the add-on does: answers go to the spreadsheet, whose form-submit trigger runs.
    form.setDestination(w.services.FormApp.DestinationType.SPREADSHEET, w.spreadsheet.getId());
    w.services.ScriptApp.newTrigger('onSurveySubmit')
      .forSpreadsheet(w.services.SpreadsheetApp.getActiveSpreadsheet())
      .onFormSubmit()
      .create();
    const ran: unknown[] = [];
    w.triggers.setRunner((name, event) => ran.push([name, Object.keys(event).sort()]));

    const link = new URL(`https://docs.google.com${path}?usp=pp_url&entry.${entry}=abc%22%3E`);
    expect(localFormPath(link.href)).toBe(`${path}${link.search}`);
    const page = formPage(inspected(), link.searchParams);
    expect(page).toContain('<h1>Survey &lt;2026&gt;</h1>');
    expect(page).toContain('About the year &amp; more');
    expect(page).toContain(`name="entry.${entry}" value="abc&quot;&gt;"`);
    expect(page).toMatch(/<span class="end">Low<\/span>.*value="5".*<span class="end">High<\/span>/);
    expect(page).toContain(`action="${path.replace('/viewform', '/formResponse')}"`);

    // The required question unanswered: the Form again with what is wrong, the code kept, nothing stored.
    const scale = inspected().items[0].entryId;
    const missing = submitForm(w, inspected(), `entry.${entry}=abc`);
    expect(missing).toContain('role="alert">&quot;Trust&quot; is a required question.');
    expect(missing).toContain(`name="entry.${entry}" value="abc"`);
    expect(w.forms.inspect()[0].responses).toHaveLength(0);
    expect(ran).toEqual([]);

    const done = submitForm(w, inspected(), `entry.${scale}=4&entry.${entry}=abc&other=x`);
    expect(done).toContain('Your response has been recorded.');
    expect(done).toContain('form-submit trigger (<code>onSurveySubmit</code>).');
    expect(w.forms.inspect()[0].responses.map((r) => r.answers)).toEqual([
      { Trust: '4', 'Response code': 'abc' },
    ]);
    expect(ran).toEqual([
      ['onSurveySubmit', ['authMode', 'namedValues', 'range', 'source', 'triggerUid', 'values']],
    ]);

    form.setAcceptingResponses(false);
    expect(formPage(inspected(), new URLSearchParams())).toContain(
      'The form Survey &lt;2026&gt; is no longer accepting responses.',
    );
  });
});

describe('times', () => {
  it('are the school’s, with the zone’s name, never raw UTC', () => {
    const start = '2027-01-12T21:30:00.000Z';
    const end = '2027-01-12T23:00:00.000Z';
    expect(whenRange(start, end, 'America/Chicago')).toMatch(/^Tue, Jan 12, 2027, 3:30\s–\s5:00\sPM\sCST$/);
    expect(whenRange(start, end, 'America/Los_Angeles')).toMatch(/1:30\s–\s3:00\sPM\sPST$/);
    expect(when('2026-09-08T20:30:00.000Z', 'America/Chicago')).toMatch(/^Tue, Sep 8, 2026, 3:30\sPM\sCDT$/);
    expect(when('not a time', 'America/Chicago')).toBe('');
    expect(RAW_ISO_TIME.test(start)).toBe(true);
    expect(RAW_ISO_TIME.test(whenRange(start, end, 'America/Chicago'))).toBe(false);
  });
});
