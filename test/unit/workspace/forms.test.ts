import { createWorkspace, type Workspace } from '../../../dev/workspace';
import { repositoryScopes } from '../../../dev/workspace/scopes';

type Event = Record<string, unknown>;

function fail(): never {
  throw new Error('missing');
}

function survey(w: Workspace) {
  const app = w.services.FormApp;
  // Forms made after June 2026 (the default clock is today's) start unpublished.
  const form = app.create('Partner survey 2026').setPublished(true);
  form.setDescription('How is our partnership going?');
  const token = form.addTextItem().setTitle('Partner token').setRequired(true);
  const trust = form.addScaleItem().setTitle('Trust').setBounds(1, 5).setLabels('Low', 'High');
  const often = form.addMultipleChoiceItem().setTitle('How often do we meet?');
  often.setChoiceValues(['Weekly', 'Monthly', 'Quarterly']);
  const areas = form.addCheckboxItem().setTitle('Focus areas');
  areas.setChoices([areas.createChoice('Tutoring'), areas.createChoice('Mentoring')]);
  const zip = form.addTextItem().setTitle('ZIP');
  form.addParagraphTextItem().setTitle('Anything else?');
  return { app, form, token, trust, often, areas, zip };
}

describe('FormApp', () => {
  test('items: types, ids, casts, order, bounds and choices', () => {
    const w = createWorkspace();
    const { app, form, trust, often } = survey(w);
    form.addSectionHeaderItem().setTitle('About you');
    form.addPageBreakItem().setTitle('Page 2');
    form.addListItem().setTitle('Grade').setChoiceValues(['K', '1', '2']);
    const items = form.getItems();
    expect(items.map((i) => i.getType())).toEqual([
      app.ItemType.TEXT,
      app.ItemType.SCALE,
      app.ItemType.MULTIPLE_CHOICE,
      app.ItemType.CHECKBOX,
      app.ItemType.TEXT,
      app.ItemType.PARAGRAPH_TEXT,
      app.ItemType.SECTION_HEADER,
      app.ItemType.PAGE_BREAK,
      app.ItemType.LIST,
    ]);
    expect(items.map((i) => i.getIndex())).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(typeof items[1].getId()).toBe('number');
    expect(form.getItemById(trust.getId())?.asScaleItem().getUpperBound()).toBe(5);
    expect(items[1].asScaleItem().getLowerBound()).toBe(1);
    expect(() => items[1].asTextItem()).toThrow(/cannot be cast/);
    expect(
      items[3]
        .asCheckboxItem()
        .getChoices()
        .map((c) => c.getValue()),
    ).toEqual(['Tutoring', 'Mentoring']);
    expect(often.getChoices().map((c) => c.getValue())).toEqual(['Weekly', 'Monthly', 'Quarterly']);
    expect(form.getItems(app.ItemType.TEXT).map((i) => i.getTitle())).toEqual(['Partner token', 'ZIP']);
    expect(() => trust.setBounds(1, 11)).toThrow(/Invalid argument/);

    const zipId = items[4].getId();
    form.moveItem(items[4], 0);
    expect(form.getItems()[0].getTitle()).toBe('ZIP');
    form.deleteItem(0);
    expect(form.getItems().map((i) => i.getTitle())[0]).toBe('Partner token');
    expect(form.getItemById(zipId)).toBeNull();
    expect(() => items[4].getTitle()).toThrow(/deleted/);

    expect(form.getPublishedUrl()).toMatch(
      /^https:\/\/docs\.google\.com\/forms\/d\/e\/1FAIpQLS[\w-]+\/viewform$/,
    );
    expect(form.getEditUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/edit`);
    expect(app.openById(form.getId()).getTitle()).toBe('Partner survey 2026');
    expect(app.openByUrl(form.getEditUrl()).getDescription()).toBe('How is our partnership going?');
    expect(() => app.openById('nope')).toThrow(/No item with the given ID/);
    form.setAcceptingResponses(false);
    expect(form.isAcceptingResponses()).toBe(false);
  });

  test('a prefilled link carries the token; the respondent may change other answers', () => {
    const w = createWorkspace();
    const { form, token, trust, often } = survey(w);
    const url = form
      .createResponse()
      .withItemResponse(token.createResponse('tok-8f2 a&b'))
      .withItemResponse(trust.createResponse(3))
      .toPrefilledUrl();
    expect(url.startsWith(`${form.getPublishedUrl()}?usp=pp_url&entry.`)).toBe(true);
    expect(url).toContain('=tok-8f2+a%26b');
    // The entry number is the form's, not the item id.
    expect(url).not.toContain(`entry.${token.getId()}=`);
    const result = w.forms.submit(url, { Trust: 5, [String(often.getId())]: 'Monthly' });
    expect(result.answers).toEqual({
      'Partner token': 'tok-8f2 a&b',
      Trust: '5',
      'How often do we meet?': 'Monthly',
    });

    const [response] = form.getResponses();
    const byTitle = Object.fromEntries(
      response.getItemResponses().map((r) => [r.getItem().getTitle(), r.getResponse()]),
    );
    expect(byTitle).toEqual({
      'Partner token': 'tok-8f2 a&b',
      Trust: '5',
      'How often do we meet?': 'Monthly',
    });
    expect(form.getResponse(response.getId()).getTimestamp()).toEqual(result.timestamp);
  });

  test('invalid answers, required questions and closed forms are refused', () => {
    const w = createWorkspace();
    const { form, trust, often } = survey(w);
    expect(() => trust.createResponse(9)).toThrow(/Invalid response/);
    expect(() => often.createResponse('Daily')).toThrow(/Invalid response/);
    expect(() => w.forms.submit(form.getId(), { Trust: 4 })).toThrow(/required/);
    expect(() => w.forms.submit(form.getId(), { 'Partner token': 't', Nope: 'x' })).toThrow(/no question/);
    form.setAcceptingResponses(false);
    expect(() => w.forms.submit(form.getId(), { 'Partner token': 't' })).toThrow(/no longer accepting/);
    // A closed form's own message is what the respondent reads.
    form.setCustomClosedFormMessage('The survey closed on June 10.');
    expect(() => w.forms.submit(form.getId(), { 'Partner token': 't' })).toThrow(
      'The survey closed on June 10.',
    );
    expect(form.getResponses()).toHaveLength(0);
  });

  test('forms made after June 2026 start unpublished and take no answers until published', () => {
    const w = createWorkspace({ now: () => new Date('2026-09-15T14:00:00Z') });
    const app = w.services.FormApp;
    const form = app.create('Partner survey');
    form.addTextItem().setTitle('Q');
    const link = form.getPublishedUrl();
    expect([form.isPublished(), form.isAcceptingResponses()]).toEqual([false, false]);
    expect(() => w.forms.submit(link, { Q: 'a' })).toThrow(/Partner survey is not published/);
    expect(() => form.setAcceptingResponses(true)).toThrow('Operation not supported on unpublished form');
    expect(form.isAcceptingResponses()).toBe(false);
    expect(form.getResponses()).toHaveLength(0);

    // Publishing opens it to answers; unpublishing closes it again.
    form.setPublished(true);
    expect([form.isPublished(), form.isAcceptingResponses()]).toEqual([true, true]);
    w.forms.submit(link, { Q: 'a' });
    form.setPublished(false);
    expect(form.isAcceptingResponses()).toBe(false);
    expect(() => w.forms.submit(link, { Q: 'b' })).toThrow(/not published/);
    expect(form.getResponses()).toHaveLength(1);
    expect(w.forms.inspect()[0]).toMatchObject({ published: false, acceptingResponses: false });

    expect(app.create('Asked for', true).isPublished()).toBe(true);
    expect(() => app.create('')).toThrow(/Invalid argument/);
    const before = createWorkspace({ now: () => new Date('2026-06-30T12:00:00Z') });
    expect(before.services.FormApp.create('Made in June').isPublished()).toBe(true);
  });

  test('a domain-only form takes answers only from accounts signed in to the domain or a subdomain', () => {
    const w = createWorkspace({ userEmail: 'coordinator@lincoln.k12.example' });
    const app = w.services.FormApp;
    expect(app.create('Open form').requiresLogin()).toBe(false);
    w.forms.setDomainDefault({ requireLogin: true });
    const form = app.create('Partner survey', true);
    form.addTextItem().setTitle('Q');
    expect(form.requiresLogin()).toBe(true);
    const id = form.getId();
    expect(() => w.forms.submit(id, { Q: 'a' })).toThrow(/Sign in.*lincoln\.k12\.example/);
    expect(() => w.forms.submit(id, { Q: 'a' }, { email: 'ana@readingbuddies.org' })).toThrow(
      /need permission/,
    );
    w.forms.submit(id, { Q: 'a' }, { email: 'Teacher@Lincoln.K12.example' });
    w.forms.submit(id, { Q: 'b' }, { email: 'aide@ms.lincoln.k12.example' });
    form.setRequireLogin(false);
    w.forms.submit(id, { Q: 'c' }, { email: 'ana@readingbuddies.org' });
    expect(form.getResponses()).toHaveLength(3);
    const r = createWorkspace({ state: JSON.parse(JSON.stringify(w.toJSON())) });
    expect(r.services.FormApp.create('After restore', true).requiresLogin()).toBe(true);
  });

  test('the destination tab gets Timestamp and the item titles, then one row per response', () => {
    const w = createWorkspace({ now: () => new Date('2026-09-15T14:00:00Z') });
    const { app, form } = survey(w);
    const ss = w.spreadsheet;
    form.setDestination(app.DestinationType.SPREADSHEET, ss.getId());
    expect(form.getDestinationId()).toBe(ss.getId());
    // The new tab comes first in the workbook, and names its form.
    const tab = ss.getSheets()[0];
    expect(tab.getName()).toBe('Form Responses 1');
    expect(tab.getFormUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/viewform`);
    expect(ss.getSheets()[1].getFormUrl()).toBeNull();
    expect(tab.getFrozenRows()).toBe(1);
    expect(tab.getRange(1, 1, 1, 7).getValues()).toEqual([
      [
        'Timestamp',
        'Partner token',
        'Trust',
        'How often do we meet?',
        'Focus areas',
        'ZIP',
        'Anything else?',
      ],
    ]);

    w.forms.submit(form.getId(), {
      'Partner token': 'tok-1',
      Trust: 4,
      'Focus areas': ['Tutoring', 'Mentoring'],
      ZIP: '02134',
    });
    const row = tab.getRange(2, 1, 1, 7).getValues()[0];
    expect(row[0]).toBeInstanceOf(Date);
    expect((row[0] as Date).toISOString()).toBe('2026-09-15T14:00:00.000Z');
    // Sheets reads answers as typed: the ZIP loses its leading zero, as it does for real.
    expect(row.slice(1)).toEqual(['tok-1', 4, '', 'Tutoring, Mentoring', 2134, '']);
    expect(tab.getRange(2, 1).getDisplayValue()).toBe('9/15/2026 9:00:00');

    // A question added later gets a new column at the end; a renamed one renames its header.
    form.addTextItem().setTitle('Contact');
    form.getItems()[1].setTitle('Trust (1-5)');
    expect(tab.getRange(1, 1, 1, 8).getValues()[0].slice(2)).toEqual([
      'Trust (1-5)',
      'How often do we meet?',
      'Focus areas',
      'ZIP',
      'Anything else?',
      'Contact',
    ]);
    w.forms.submit(form.getId(), { 'Partner token': 'tok-2', Contact: 'Ana' });
    expect(tab.getLastRow()).toBe(3);
    expect(tab.getRange(3, 8).getValue()).toBe('Ana');

    const second = app.create('Other survey');
    second.addTextItem().setTitle('Q');
    second.setDestination(app.DestinationType.SPREADSHEET, ss.getId());
    expect(
      ss
        .getSheets()
        .map((s) => s.getName())
        .slice(0, 2),
    ).toEqual(['Form Responses 2', 'Form Responses 1']);
    expect(ss.getSheets()[0].getFormUrl()).toBe(`https://docs.google.com/forms/d/${second.getId()}/viewform`);
    form.removeDestination();
    expect(() => form.getDestinationId()).toThrow(/no response destination/);
    expect(tab.getFormUrl()).toBeNull();

    // The active tab moves to a 1-based position; past the last one is refused.
    const count = ss.getNumSheets();
    ss.setActiveSheet(tab);
    ss.moveActiveSheet(count);
    expect([tab.getIndex(), ss.getActiveSheet().getName()]).toEqual([count, 'Form Responses 1']);
    expect(() => ss.moveActiveSheet(count + 1)).toThrow(/Invalid argument/);
    expect(() => ss.moveActiveSheet(0)).toThrow(/Invalid argument/);
  });

  test('responses: script-made, listed since a time, found by id', () => {
    let now = new Date('2026-09-15T14:00:00Z');
    const w = createWorkspace({ now: () => now });
    const { form, token, areas } = survey(w);
    const made = form
      .createResponse()
      .withItemResponse(token.createResponse('tok-a'))
      .withItemResponse(areas.createResponse(['Mentoring']))
      .submit();
    now = new Date('2026-09-16T14:00:00Z');
    w.forms.submit(form.getId(), { 'Partner token': 'tok-b' });
    expect(form.getResponses()).toHaveLength(2);
    const since = form.getResponses(new Date('2026-09-16T00:00:00Z'));
    expect(since.map((r) => r.getItemResponses()[0].getResponse())).toEqual(['tok-b']);
    const again = form.getResponse(made.getId());
    expect(again.getResponseForItem(form.getItemById(areas.getId()) ?? fail())?.getResponse()).toEqual([
      'Mentoring',
    ]);
    expect(w.forms.inspect()[0].responses.map((r) => r.answers['Partner token'])).toEqual(['tok-a', 'tok-b']);
  });

  test('onFormSubmit triggers on the form and on the destination spreadsheet fire with event objects', () => {
    const w = createWorkspace();
    const { app, form } = survey(w);
    form.setDestination(app.DestinationType.SPREADSHEET, w.spreadsheet.getId());
    const script = w.services.ScriptApp;
    const formTrigger = script.newTrigger('onSurveySubmit').forForm(form).onFormSubmit().create();
    const sheetTrigger = script
      .newTrigger('onSheetSubmit')
      .forSpreadsheet(w.services.SpreadsheetApp.getActive())
      .onFormSubmit()
      .create();
    const runs: Array<[string, Event]> = [];
    w.triggers.setRunner((name, e) => runs.push([name, e]));

    w.forms.submit(form.getId(), { 'Partner token': 'tok-9', Trust: 2 });
    expect(runs.map(([name]) => name)).toEqual(['onSurveySubmit', 'onSheetSubmit']);

    const [, fe] = runs[0];
    expect(fe.triggerUid).toBe(formTrigger.getUniqueId());
    expect(fe.authMode).toBe(script.AuthMode.FULL);
    expect((fe.source as GoogleAppsScript.Forms.Form).getId()).toBe(form.getId());
    const response = fe.response as GoogleAppsScript.Forms.FormResponse;
    expect(response.getItemResponses().map((r) => r.getResponse())).toEqual(['tok-9', '2']);

    const [, se] = runs[1];
    expect(se.triggerUid).toBe(sheetTrigger.getUniqueId());
    expect((se.range as GoogleAppsScript.Spreadsheet.Range).getA1Notation()).toBe('A2:G2');
    expect((se.values as string[]).slice(1)).toEqual(['tok-9', '2', '', '', '', '']);
    expect((se.namedValues as Record<string, string[]>)['Partner token']).toEqual(['tok-9']);
    expect(w.triggers.fired.map((f) => f.handler)).toEqual(['onSurveySubmit', 'onSheetSubmit']);

    // A handler that throws does not reach the respondent; the log keeps the message.
    w.triggers.setRunner(() => {
      throw new Error('boom');
    });
    w.forms.submit(form.getId(), { 'Partner token': 'tok-10' });
    expect(w.triggers.fired.slice(2).map((f) => f.error)).toEqual(['boom', 'boom']);
  });

  test('counting: building counts each call; submit and inspect count nothing', () => {
    const w = createWorkspace();
    const form = w.services.FormApp.create('F', true);
    const id = form.getId();
    w.calls.reset();
    form.addTextItem().setTitle('Q').setRequired(true);
    expect(w.calls.byMethod()).toEqual({
      'FormApp.Form.addTextItem': 1,
      'FormApp.TextItem.setTitle': 1,
      'FormApp.TextItem.setRequired': 1,
    });
    w.calls.reset();
    w.forms.submit(id, { Q: 'a' });
    w.forms.inspect();
    expect(w.calls.total()).toBe(0);
  });

  test('a form is a Drive file, named when created', () => {
    // DriveApp needs the full drive scope, which the add-on does not declare: declared here to look.
    const w = createWorkspace({ scopes: [...repositoryScopes(), 'https://www.googleapis.com/auth/drive'] });
    const form = w.services.FormApp.create('Partner survey');
    form.setTitle('Partner survey (fall)');
    const file = w.services.DriveApp.getFileById(form.getId());
    expect(file.getName()).toBe('Partner survey');
    expect(file.getMimeType()).toBe('application/vnd.google-apps.form');
  });

  test('state round trip keeps forms, items, responses and the destination', () => {
    const w = createWorkspace();
    const { app, form, token } = survey(w);
    form.setDestination(app.DestinationType.SPREADSHEET, w.spreadsheet.getId());
    w.forms.submit(form.getId(), { 'Partner token': 'tok-1' });
    const url = form.createResponse().withItemResponse(token.createResponse('tok-2')).toPrefilledUrl();
    const r = createWorkspace({ state: JSON.parse(JSON.stringify(w.toJSON())) });
    const back = r.services.FormApp.openById(form.getId());
    expect(back.getItems().map((i) => i.getTitle())).toEqual(form.getItems().map((i) => i.getTitle()));
    expect(back.getResponses()).toHaveLength(1);
    expect(back.getPublishedUrl()).toBe(form.getPublishedUrl());
    r.forms.submit(url, {});
    const tab = r.spreadsheet.getSheetByName('Form Responses 1');
    expect(tab?.getRange('B2:B3').getValues()).toEqual([['tok-1'], ['tok-2']]);
    expect(tab?.getFormUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/viewform`);
    expect(back.isPublished()).toBe(true);
  });
});
