import { createWorkspace, type Workspace } from '../../../dev/workspace';

type Event = Record<string, unknown>;

function survey(w: Workspace) {
  const app = w.services.FormApp;
  // Forms made after June 2026 (the default clock is today's) start unpublished.
  const form = app.create('Partner survey 2026').setPublished(true);
  form.setDescription('How is our partnership going?');
  const token = form.addTextItem().setTitle('Partner token').setRequired(true);
  const trust = form.addScaleItem().setTitle('Trust').setBounds(1, 5).setLabels('Low', 'High');
  const often = form.addMultipleChoiceItem().setTitle('How often do we meet?');
  often.setChoiceValues(['Weekly', 'Monthly', 'Quarterly']);
  const zip = form.addTextItem().setTitle('ZIP');
  const more = form.addParagraphTextItem().setTitle('Anything else?').setHelpText('Optional');
  return { app, form, token, trust, often, zip, more };
}

describe('FormApp', () => {
  test('items: types, order, bounds and choices; a cast that does not fit; URLs', () => {
    const w = createWorkspace();
    const { app, form, trust } = survey(w);
    const items = form.getItems();
    expect(items.map((i) => [i.getType(), i.getTitle()])).toEqual([
      ['TEXT', 'Partner token'],
      ['SCALE', 'Trust'],
      ['MULTIPLE_CHOICE', 'How often do we meet?'],
      ['TEXT', 'ZIP'],
      ['PARAGRAPH_TEXT', 'Anything else?'],
    ]);
    expect(items[3].asTextItem().getTitle()).toBe('ZIP');
    expect(() => items[1].asTextItem()).toThrow(/cannot be cast/);
    expect(() => trust.setBounds(1, 11)).toThrow(/Invalid argument/);
    const [seen] = w.forms.inspect();
    expect(seen.description).toBe('How is our partnership going?');
    expect(seen.items.map((i) => [i.required, i.choices, i.bounds, i.helpText])).toEqual([
      [true, [], null, ''],
      [false, [], [1, 5], ''],
      [false, ['Weekly', 'Monthly', 'Quarterly'], null, ''],
      [false, [], null, ''],
      [false, [], null, 'Optional'],
    ]);

    expect(form.getPublishedUrl()).toMatch(
      /^https:\/\/docs\.google\.com\/forms\/d\/e\/1FAIpQLS[\w-]+\/viewform$/,
    );
    expect(form.getEditUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/edit`);
    expect(app.openById(form.getId()).getEditUrl()).toBe(form.getEditUrl());
    expect(() => app.openById('nope')).toThrow(/No item with the given ID/);
    form.setAcceptingResponses(false);
    expect(w.forms.inspect()[0].acceptingResponses).toBe(false);
  });

  test('a prefilled link carries the token; the respondent may change other answers', () => {
    const w = createWorkspace();
    const { form, token, more } = survey(w);
    const url = form
      .createResponse()
      .withItemResponse(token.createResponse('tok-8f2 a&b'))
      .withItemResponse(more.createResponse('Line one\nLine two'))
      .toPrefilledUrl();
    expect(url.startsWith(`${form.getPublishedUrl()}?usp=pp_url&entry.`)).toBe(true);
    expect(url).toContain('=tok-8f2+a%26b');
    // The entry number is the form's, not the item id.
    const [seen] = w.forms.inspect();
    expect(url).toContain(`entry.${seen.items[0].entryId}=`);
    expect(url).not.toContain(`entry.${seen.items[0].id}=`);
    const result = w.forms.submit(url, { Trust: 5, 'How often do we meet?': 'Monthly' });
    expect(result.answers).toEqual({
      'Partner token': 'tok-8f2 a&b',
      Trust: '5',
      'How often do we meet?': 'Monthly',
      'Anything else?': 'Line one\nLine two',
    });
    const [response] = w.forms.inspect()[0].responses;
    expect(response.answers).toEqual(result.answers);
    expect(response.timestamp).toBe(result.timestamp.toISOString());
  });

  test('invalid answers, required questions and closed forms are refused', () => {
    const w = createWorkspace();
    const { form } = survey(w);
    const id = form.getId();
    expect(() => w.forms.submit(id, { 'Partner token': 't', Trust: 9 })).toThrow(/Invalid response/);
    expect(() => w.forms.submit(id, { 'Partner token': 't', 'How often do we meet?': 'Daily' })).toThrow(
      /Invalid response/,
    );
    expect(() => w.forms.submit(id, { Trust: 4 })).toThrow(/required/);
    expect(() => w.forms.submit(id, { 'Partner token': 't', Nope: 'x' })).toThrow(/no question/);
    form.setAcceptingResponses(false);
    expect(() => w.forms.submit(id, { 'Partner token': 't' })).toThrow(/no longer accepting/);
    expect(w.forms.inspect()[0].responses).toHaveLength(0);
  });

  test('forms made after June 2026 start unpublished and take no answers until published', () => {
    const w = createWorkspace({ now: () => new Date('2026-09-15T14:00:00Z') });
    const app = w.services.FormApp;
    const form = app.create('Partner survey');
    form.addTextItem().setTitle('Q');
    const link = form.getPublishedUrl();
    const state = () => {
      const [f] = w.forms.inspect();
      return [f.published, f.acceptingResponses, f.responses.length];
    };
    expect([form.isPublished(), form.isAcceptingResponses()]).toEqual([false, false]);
    expect(state()).toEqual([false, false, 0]);
    expect(() => w.forms.submit(link, { Q: 'a' })).toThrow(/Partner survey is not published/);
    expect(() => form.setAcceptingResponses(true)).toThrow('Operation not supported on unpublished form');
    expect(form.isAcceptingResponses()).toBe(false);
    expect(state()).toEqual([false, false, 0]);

    // Publishing opens it to answers; unpublishing closes it again.
    form.setPublished(true);
    expect([form.isPublished(), form.isAcceptingResponses()]).toEqual([true, true]);
    expect(state()).toEqual([true, true, 0]);
    w.forms.submit(link, { Q: 'a' });
    form.setPublished(false);
    expect(form.isAcceptingResponses()).toBe(false);
    expect(() => w.forms.submit(link, { Q: 'b' })).toThrow(/not published/);
    expect(state()).toEqual([false, false, 1]);

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
    // The owner unticks "Restrict to users in the domain" in the Forms editor.
    w.forms.setRequireLogin(id, false);
    expect(form.requiresLogin()).toBe(false);
    w.forms.submit(id, { Q: 'c' }, { email: 'ana@readingbuddies.org' });
    expect(w.forms.inspect()[1].responses).toHaveLength(3);
    const r = createWorkspace({ state: JSON.parse(JSON.stringify(w.toJSON())) });
    expect(r.services.FormApp.create('After restore', true).requiresLogin()).toBe(true);
  });

  test('the destination tab gets Timestamp and the item titles, then one row per response', () => {
    const w = createWorkspace({ now: () => new Date('2026-09-15T14:00:00Z') });
    const { app, form } = survey(w);
    const ss = w.spreadsheet;
    form.setDestination(app.DestinationType.SPREADSHEET, ss.getId());
    expect(w.forms.inspect()[0].destination).toEqual({
      spreadsheetId: ss.getId(),
      sheetId: ss.getSheets()[0].getSheetId(),
    });
    // The new tab comes first in the workbook, and names its form.
    const tab = ss.getSheets()[0];
    expect(tab.getName()).toBe('Form Responses 1');
    expect(tab.getFormUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/viewform`);
    expect(ss.getSheets()[1].getFormUrl()).toBeNull();
    expect(tab.getFrozenRows()).toBe(1);
    expect(tab.getRange(1, 1, 1, 6).getValues()).toEqual([
      ['Timestamp', 'Partner token', 'Trust', 'How often do we meet?', 'ZIP', 'Anything else?'],
    ]);

    w.forms.submit(form.getId(), { 'Partner token': 'tok-1', Trust: 4, ZIP: '02134' });
    const row = tab.getRange(2, 1, 1, 6).getValues()[0];
    expect(row[0]).toBeInstanceOf(Date);
    expect((row[0] as Date).toISOString()).toBe('2026-09-15T14:00:00.000Z');
    // Sheets reads answers as typed: the ZIP loses its leading zero, as it does for real.
    expect(row.slice(1)).toEqual(['tok-1', 4, '', 2134, '']);
    expect(w.inspect().tabs[0].display[1][0]).toBe('9/15/2026 9:00:00');

    // A question added later gets a new column at the end; a renamed one renames its header.
    form.addTextItem().setTitle('Contact');
    form.getItems()[1].setTitle('Trust (1-5)');
    expect(tab.getRange(1, 1, 1, 7).getValues()[0].slice(2)).toEqual([
      'Trust (1-5)',
      'How often do we meet?',
      'ZIP',
      'Anything else?',
      'Contact',
    ]);
    w.forms.submit(form.getId(), { 'Partner token': 'tok-2', Contact: 'Ana' });
    expect(tab.getLastRow()).toBe(3);
    expect(tab.getRange(3, 7).getValues()).toEqual([['Ana']]);

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

    // The active tab moves to a 1-based position; past the last one is refused.
    const count = ss.getSheets().length;
    ss.setActiveSheet(tab);
    ss.moveActiveSheet(count);
    expect(ss.getSheets().indexOf(tab) + 1).toBe(count);
    expect(ss.getActiveSheet().getName()).toBe('Form Responses 1');
    expect(() => ss.moveActiveSheet(count + 1)).toThrow(/Invalid argument/);
    expect(() => ss.moveActiveSheet(0)).toThrow(/Invalid argument/);
  });

  test('a response the script submits is recorded like a person’s', () => {
    const now = new Date('2026-09-15T14:00:00Z');
    const w = createWorkspace({ now: () => now });
    const { form, token } = survey(w);
    form.createResponse().withItemResponse(token.createResponse('tok-a')).submit();
    w.forms.submit(form.getId(), { 'Partner token': 'tok-b' });
    expect(w.forms.inspect()[0].responses.map((r) => [r.answers['Partner token'], r.timestamp])).toEqual([
      ['tok-a', now.toISOString()],
      ['tok-b', now.toISOString()],
    ]);
    form.setAcceptingResponses(false);
    expect(() => form.createResponse().withItemResponse(token.createResponse('tok-c')).submit()).toThrow(
      'This form is no longer accepting responses.',
    );
  });

  test('an onFormSubmit trigger on the destination spreadsheet fires with its event object', () => {
    const w = createWorkspace();
    const { app, form } = survey(w);
    form.setDestination(app.DestinationType.SPREADSHEET, w.spreadsheet.getId());
    const script = w.services.ScriptApp;
    script
      .newTrigger('onSheetSubmit')
      .forSpreadsheet(w.services.SpreadsheetApp.getActiveSpreadsheet())
      .onFormSubmit()
      .create();
    const runs: Array<[string, Event]> = [];
    w.triggers.setRunner((name, e) => runs.push([name, e]));

    w.forms.submit(form.getId(), { 'Partner token': 'tok-9', Trust: 2 });
    expect(runs.map(([name]) => name)).toEqual(['onSheetSubmit']);
    const [, se] = runs[0];
    expect(se.triggerUid).toBe(w.triggers.list()[0].id);
    expect(se.authMode).toBe(script.AuthMode.FULL);
    expect((se.range as GoogleAppsScript.Spreadsheet.Range).getValues()[0].slice(1)).toEqual([
      'tok-9',
      2,
      '',
      '',
      '',
    ]);
    expect((se.values as string[]).slice(1)).toEqual(['tok-9', '2', '', '', '']);
    expect((se.namedValues as Record<string, string[]>)['Partner token']).toEqual(['tok-9']);
    expect(w.triggers.fired.map((f) => f.handler)).toEqual(['onSheetSubmit']);

    // A handler that throws does not reach the respondent; the log keeps the message.
    w.triggers.setRunner(() => {
      throw new Error('boom');
    });
    w.forms.submit(form.getId(), { 'Partner token': 'tok-10' });
    expect(w.triggers.fired.slice(1).map((f) => f.error)).toEqual(['boom']);
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

  test('a form the add-on made is a Drive file it may reach, named when created', () => {
    const w = createWorkspace();
    const form = w.services.FormApp.create('Partner survey');
    expect(w.services.Drive.Files.get(form.getId(), { fields: 'name,mimeType' })).toEqual({
      name: 'Partner survey',
      mimeType: 'application/vnd.google-apps.form',
    });
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
    expect(r.forms.inspect()).toEqual(w.forms.inspect());
    expect(back.getPublishedUrl()).toBe(form.getPublishedUrl());
    r.forms.submit(url, {});
    const tab = r.spreadsheet.getSheetByName('Form Responses 1');
    expect(tab?.getRange('B2:B3').getValues()).toEqual([['tok-1'], ['tok-2']]);
    expect(tab?.getFormUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/viewform`);
    expect(back.isPublished()).toBe(true);
  });
});
