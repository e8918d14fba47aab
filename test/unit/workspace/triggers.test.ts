import vm from 'node:vm';
import { createWorkspace } from '../../../dev/workspace';

const TOO_MANY =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
const ONE_OF_A_TYPE = 'An add-on can only have one trigger of each type, per user, per document.';
const start = new Date('2026-03-06T12:00:00Z');

function wall(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

describe('ScriptApp triggers', () => {
  test('builders make triggers that describe themselves', () => {
    const w = createWorkspace();
    const script = w.services.ScriptApp;
    const clock = script.newTrigger('resumeSending').timeBased().after(60_000).create();
    const submit = script
      .newTrigger('onSurveySubmit')
      .forSpreadsheet(w.services.SpreadsheetApp.getActiveSpreadsheet())
      .onFormSubmit()
      .create();
    expect([clock.getHandlerFunction(), clock.getTriggerSourceId()]).toEqual(['resumeSending', null]);
    expect([submit.getHandlerFunction(), submit.getTriggerSourceId()]).toEqual([
      'onSurveySubmit',
      w.spreadsheet.getId(),
    ]);
    expect(w.triggers.list().map((t) => [t.handler, t.eventType, t.source])).toEqual([
      ['resumeSending', 'CLOCK', 'CLOCK'],
      ['onSurveySubmit', 'ON_FORM_SUBMIT', 'SPREADSHEETS'],
    ]);
    expect(w.triggers.list()[0].id).toMatch(/^\d{19}$/);
    expect(script.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual([
      'resumeSending',
      'onSurveySubmit',
    ]);
    expect(() => script.newTrigger('x').forSpreadsheet('no-such-id').onFormSubmit().create()).toThrow(
      /Invalid argument/,
    );
    expect(() => script.newTrigger('')).toThrow('Invalid argument: functionName');
    expect(() => script.newTrigger('x').timeBased().after(-1)).toThrow(/Invalid argument/);
    expect(() => script.newTrigger('x').timeBased().create()).toThrow(/no schedule/);
    script.deleteTrigger(clock);
    expect(w.triggers.list().map((t) => t.handler)).toEqual(['onSurveySubmit']);
  });

  test('a script holds 20 triggers per user; the 21st is refused with the real message', () => {
    const w = createWorkspace();
    const script = w.services.ScriptApp;
    // An add-on holds one trigger of a type per document: twenty spreadsheets, one trigger each.
    const books = Array.from({ length: 21 }, (_, i) => w.addSpreadsheet(`School ${i}`).getId());
    const add = (id: string) =>
      script.newTrigger('onSurveySubmit').forSpreadsheet(id).onFormSubmit().create();
    for (const id of books.slice(0, 20)) add(id);
    expect(() => add(books[20])).toThrow(TOO_MANY);
    expect(script.getProjectTriggers()).toHaveLength(20);
    script.deleteTrigger(script.getProjectTriggers()[0]);
    add(books[20]);
    expect(script.getProjectTriggers()).toHaveLength(20);
  });

  test('an add-on holds one trigger of each type per user per document', () => {
    const w = createWorkspace();
    const script = w.services.ScriptApp;
    script.newTrigger('resume').timeBased().after(60_000).create();
    expect(() => script.newTrigger('other').timeBased().after(60_000).create()).toThrow(ONE_OF_A_TYPE);
    script.newTrigger('onSurveySubmit').forSpreadsheet(w.spreadsheet.getId()).onFormSubmit().create();
    expect(() =>
      script.newTrigger('onSurveySubmit').forSpreadsheet(w.spreadsheet.getId()).onFormSubmit().create(),
    ).toThrow(ONE_OF_A_TYPE);
    // Another spreadsheet is another document.
    script
      .newTrigger('onSurveySubmit')
      .forSpreadsheet(w.addSpreadsheet('Other school').getId())
      .onFormSubmit()
      .create();
    expect(w.triggers.list().map((t) => t.handler)).toEqual(['resume', 'onSurveySubmit', 'onSurveySubmit']);
  });

  test('runDue fires a one-off trigger once, no sooner than an hour after it was made, then deletes it', () => {
    const w = createWorkspace({ now: () => start });
    const runs: Array<[string, Record<string, unknown>]> = [];
    w.triggers.setRunner((name, e) => runs.push([name, e]));
    w.services.ScriptApp.newTrigger('resumeSending')
      .timeBased()
      .after(5 * 60_000)
      .create();
    const [{ id }] = w.triggers.list();
    expect(w.triggers.due()).toEqual([]);
    w.clock.advance(5 * 60_000);
    expect(w.triggers.runDue()).toEqual([]);
    w.clock.advance(55 * 60_000);
    expect(w.clock.now().toISOString()).toBe('2026-03-06T13:00:00.000Z');
    expect(w.triggers.due().map((d) => d.handler)).toEqual(['resumeSending']);
    const fired = w.triggers.runDue();
    expect(fired.map((f) => f.handler)).toEqual(['resumeSending']);
    expect(runs).toHaveLength(1);
    expect(runs[0][1]).toEqual(
      expect.objectContaining({ triggerUid: id, authMode: 'FULL', hour: 13, minute: 0 }),
    );
    expect(w.triggers.list()).toEqual([]);
    w.clock.advance(3_600_000);
    expect(w.triggers.runDue()).toEqual([]);
    // due(now) looks at any instant.
    w.services.ScriptApp.newTrigger('later')
      .timeBased()
      .after(2 * 3_600_000)
      .create();
    expect(w.triggers.due(new Date('2026-03-06T16:00:00Z')).map((d) => d.handler)).toEqual(['later']);
  });

  test('a daily trigger at 7:00 keeps 7:00 local across the daylight-saving change', () => {
    const w = createWorkspace({ now: () => start, timeZone: 'America/Chicago' });
    const fired: string[] = [];
    w.triggers.setRunner(() => fired.push(wall(w.clock.now(), 'America/Chicago')));
    w.services.ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(7).create();
    const due = () => new Date(w.triggers.list()[0].dueAt ?? 0);
    // Made at 06:00 Chicago time: the first run is 7:00 the same day.
    expect(due().toISOString()).toBe('2026-03-06T13:00:00.000Z');
    for (let i = 0; i < 4; i++) {
      w.clock.set(due());
      w.triggers.runDue();
    }
    expect(fired).toEqual(['07:00', '07:00', '07:00', '07:00']);
    expect(due().toISOString()).toBe('2026-03-10T12:00:00.000Z'); // 7:00 CDT (the first run was 13:00Z, CST)
    // Missed runs are not made up: at 7:00 three days on it runs once, and next at 7:00 the day after.
    w.clock.advance(3 * 24 * 3_600_000);
    w.triggers.runDue();
    expect(fired).toHaveLength(5);
    expect(due().toISOString()).toBe('2026-03-13T12:00:00.000Z');
    expect(() => w.services.ScriptApp.newTrigger('x').timeBased().everyDays(0)).toThrow(
      'Invalid argument: n',
    );
    expect(() => w.services.ScriptApp.newTrigger('x').timeBased().atHour(24)).toThrow(
      'Invalid argument: hour',
    );
  });

  test('a trigger runs outside any container: no active spreadsheet, UI, document lock or document properties', () => {
    const w = createWorkspace({ now: () => start });
    const seen: unknown[] = [];
    w.triggers.setRunner(() => {
      const s = w.services;
      seen.push(
        s.SpreadsheetApp.getActiveSpreadsheet(),
        s.DocumentApp.getActiveDocument(),
        s.LockService.getDocumentLock(),
        s.PropertiesService.getDocumentProperties(),
        s.LockService.getUserLock().tryLock(0),
        s.SpreadsheetApp.openById(w.spreadsheet.getId()).getName(),
      );
      expect(() => s.SpreadsheetApp.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    });
    w.services.ScriptApp.newTrigger('resume').timeBased().after(0).create();
    w.clock.advance(3_600_000);
    expect(w.triggers.runDue()[0].error).toBeUndefined();
    expect(seen).toEqual([null, null, null, null, true, 'Partner Hub']);
    // Back in the spreadsheet's sidebar, all are there again.
    expect(w.services.LockService.getDocumentLock()).not.toBeNull();
    expect(w.services.PropertiesService.getDocumentProperties()).not.toBeNull();
  });

  test('clock.advance works with a fixed options.now', () => {
    const w = createWorkspace({ now: () => new Date(start.getTime()) });
    w.clock.advance(6 * 60_000);
    expect(w.clock.now().getTime() - start.getTime()).toBe(6 * 60_000);
    w.services.MailApp.sendEmail('a@p.org', 'S', 'B');
    expect(w.mail.sent[0].at).toBe('2026-03-06T12:06:00.000Z');
  });

  test('fireFor stands for an event on a source', () => {
    const w = createWorkspace();
    const runs: string[] = [];
    w.triggers.setRunner((name, e) => runs.push(`${name}:${String(e.value)}`));
    w.services.ScriptApp.newTrigger('onSurveySubmit')
      .forSpreadsheet(w.services.SpreadsheetApp.getActiveSpreadsheet())
      .onFormSubmit()
      .create();
    w.triggers.fireFor('SPREADSHEETS', w.spreadsheet.getId(), 'ON_FORM_SUBMIT', () => ({ value: 'x' }));
    expect(runs).toEqual(['onSurveySubmit:x']);
  });

  test('counting: one create chain counts each builder call; helpers count nothing', () => {
    const w = createWorkspace();
    w.calls.reset();
    w.services.ScriptApp.newTrigger('f').timeBased().after(1000).create();
    expect(w.calls.byMethod()).toEqual({
      'ScriptApp.newTrigger': 1,
      'ScriptApp.TriggerBuilder.timeBased': 1,
      'ScriptApp.ClockTriggerBuilder.after': 1,
      'ScriptApp.ClockTriggerBuilder.create': 1,
    });
    w.calls.reset();
    w.triggers.list();
    w.triggers.due();
    w.triggers.runDue();
    w.clock.advance(1);
    expect(w.calls.total()).toBe(0);
  });

  test('state round trip keeps triggers and their schedules', () => {
    const w = createWorkspace({ now: () => start });
    const form = w.services.FormApp.create('Survey').setPublished(true);
    form.setDestination(w.services.FormApp.DestinationType.SPREADSHEET, w.spreadsheet.getId());
    w.services.ScriptApp.newTrigger('resume').timeBased().after(60_000).create();
    w.services.ScriptApp.newTrigger('onSurveySubmit')
      .forSpreadsheet(w.spreadsheet.getId())
      .onFormSubmit()
      .create();
    const r = createWorkspace({ now: () => start, state: JSON.parse(JSON.stringify(w.toJSON())) });
    expect(r.triggers.list()).toEqual(w.triggers.list());
    const runs: string[] = [];
    r.triggers.setRunner((name) => runs.push(name));
    r.forms.submit(form.getId(), {});
    r.clock.advance(60 * 60_000);
    r.triggers.runDue();
    expect(runs).toEqual(['onSurveySubmit', 'resume']);
    expect(r.services.ScriptApp.getProjectTriggers()).toHaveLength(1);
  });

  test('in a vm: the runner calls the bundle’s function; Dates and errors are the bundle’s own', () => {
    const w = createWorkspace();
    const context = vm.createContext({ ...w.globals });
    w.bindRealm(context);
    vm.runInContext(
      `var seen = [];
      function onSurveySubmit(e) {
        seen.push(e.range.getValues()[0][0] instanceof Date);
        try { e.range.getSheet().getRange(0, 1); } catch (err) { seen.push(err instanceof Error); }
        try { MailApp.sendEmail('nope', 'S', 'B'); } catch (err) { seen.push(err instanceof Error && err.message); }
      }
      function setUp() {
        const form = FormApp.create('Survey', true);
        form.setDestination(FormApp.DestinationType.SPREADSHEET, SpreadsheetApp.getActiveSpreadsheet().getId());
        ScriptApp.newTrigger('onSurveySubmit').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onFormSubmit().create();
      }`,
      context,
    );
    const ctx = context as Record<string, unknown>;
    w.triggers.setRunner((name, e) => (ctx[name] as (event: unknown) => void)(e));
    (ctx.setUp as () => void)();
    const [form] = w.forms.inspect();
    w.forms.submit(form.id, {});
    expect(vm.runInContext('seen', context)).toEqual([true, true, 'Invalid email: nope']);
    expect(w.triggers.fired[0].error).toBeUndefined();
  });
});
