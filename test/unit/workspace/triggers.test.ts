import vm from 'node:vm';
import { createWorkspace } from '../../../dev/workspace';

const TOO_MANY =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
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
    const form = w.services.FormApp.create('Survey');
    const clock = script.newTrigger('resumeSending').timeBased().after(60_000).create();
    const edit = script.newTrigger('onEditInstalled').forSpreadsheet(w.spreadsheet.getId()).onEdit().create();
    const submit = script.newTrigger('onSurveySubmit').forForm(form.getId()).onFormSubmit().create();
    expect(clock.getUniqueId()).toMatch(/^\d{19}$/);
    expect([
      clock.getHandlerFunction(),
      clock.getEventType(),
      clock.getTriggerSource(),
      clock.getTriggerSourceId(),
    ]).toEqual(['resumeSending', script.EventType.CLOCK, script.TriggerSource.CLOCK, null]);
    expect([edit.getEventType(), edit.getTriggerSource(), edit.getTriggerSourceId()]).toEqual([
      script.EventType.ON_EDIT,
      script.TriggerSource.SPREADSHEETS,
      w.spreadsheet.getId(),
    ]);
    expect([submit.getEventType(), submit.getTriggerSource(), submit.getTriggerSourceId()]).toEqual([
      script.EventType.ON_FORM_SUBMIT,
      script.TriggerSource.FORMS,
      form.getId(),
    ]);
    expect(script.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual([
      'resumeSending',
      'onEditInstalled',
      'onSurveySubmit',
    ]);
    expect(script.getUserTriggers(form).map((t) => t.getUniqueId())).toEqual([submit.getUniqueId()]);
    expect(() => script.newTrigger('x').forSpreadsheet('no-such-id').onEdit().create()).toThrow(
      /Invalid argument/,
    );
    expect(() => script.newTrigger('x').forForm('no-such-form').onFormSubmit().create()).toThrow(/No item/);
    expect(() => script.newTrigger('x').timeBased().everyMinutes(7)).toThrow(/1, 5, 10, 15 or 30/);
    script.deleteTrigger(edit);
    expect(w.triggers.list().map((t) => t.handler)).toEqual(['resumeSending', 'onSurveySubmit']);
  });

  test('a script holds 20 triggers per user; the 21st is refused with the real message', () => {
    const w = createWorkspace();
    const script = w.services.ScriptApp;
    // An add-on holds one trigger of a type per document: twenty spreadsheets, one edit trigger each.
    const books = Array.from({ length: 21 }, (_, i) => w.addSpreadsheet(`School ${i}`).getId());
    for (const id of books.slice(0, 20))
      script.newTrigger('onEditInstalled').forSpreadsheet(id).onEdit().create();
    expect(() => script.newTrigger('onEditInstalled').forSpreadsheet(books[20]).onEdit().create()).toThrow(
      TOO_MANY,
    );
    expect(script.getProjectTriggers()).toHaveLength(20);
    script.deleteTrigger(script.getProjectTriggers()[0]);
    script.newTrigger('onEditInstalled').forSpreadsheet(books[20]).onEdit().create();
    expect(script.getProjectTriggers()).toHaveLength(20);
  });

  test('an add-on holds one trigger of each type per user per document, and none recurs more often than hourly', () => {
    const w = createWorkspace();
    const script = w.services.ScriptApp;
    script.newTrigger('resume').timeBased().after(60_000).create();
    expect(() => script.newTrigger('other').timeBased().everyHours(1).create()).toThrow(
      'An add-on can only have one trigger of each type, per user, per document.',
    );
    script.newTrigger('onSurveySubmit').forSpreadsheet(w.spreadsheet.getId()).onFormSubmit().create();
    expect(() =>
      script.newTrigger('onSurveySubmit').forSpreadsheet(w.spreadsheet.getId()).onFormSubmit().create(),
    ).toThrow('An add-on can only have one trigger of each type, per user, per document.');
    // Another spreadsheet is another document.
    script
      .newTrigger('onSurveySubmit')
      .forSpreadsheet(w.addSpreadsheet('Other school').getId())
      .onFormSubmit()
      .create();
    expect(() => script.newTrigger('x').timeBased().everyMinutes(30)).not.toThrow();
    script.deleteTrigger(script.getProjectTriggers()[0]);
    expect(() => script.newTrigger('x').timeBased().everyMinutes(30).create()).toThrow(
      'The recurrence interval for an Add-on trigger must be at least one hour.',
    );
    expect(w.triggers.list().map((t) => t.handler)).toEqual(['onSurveySubmit', 'onSurveySubmit']);
  });

  test('runDue fires a one-off trigger once, no sooner than an hour after it was made, then deletes it', () => {
    const w = createWorkspace({ now: () => start });
    const runs: Array<[string, Record<string, unknown>]> = [];
    w.triggers.setRunner((name, e) => runs.push([name, e]));
    const t = w.services.ScriptApp.newTrigger('resumeSending')
      .timeBased()
      .after(5 * 60_000)
      .create();
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
      expect.objectContaining({ triggerUid: t.getUniqueId(), authMode: 'FULL', hour: 13, minute: 0 }),
    );
    expect(w.triggers.list()).toEqual([]);
    w.clock.advance(3_600_000);
    expect(w.triggers.runDue()).toEqual([]);
    // due(now) looks at any instant.
    w.services.ScriptApp.newTrigger('later').timeBased().at(new Date('2026-03-07T00:00:00Z')).create();
    expect(w.triggers.due(new Date('2026-03-07T00:00:00Z')).map((d) => d.handler)).toEqual(['later']);
  });

  test('a trigger runs outside any container: no active spreadsheet, UI, document lock or document properties', () => {
    const w = createWorkspace({ now: () => start });
    const seen: unknown[] = [];
    w.triggers.setRunner(() => {
      const s = w.services;
      seen.push(
        s.SpreadsheetApp.getActiveSpreadsheet(),
        s.SpreadsheetApp.getActive(),
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
    expect(seen).toEqual([null, null, null, null, null, true, 'Partner Hub']);
    // Back in the spreadsheet's sidebar, all are there again.
    expect(w.services.LockService.getDocumentLock()).not.toBeNull();
    expect(w.services.PropertiesService.getDocumentProperties()).not.toBeNull();
  });

  test('repeating triggers stay, move on, and do not make up missed runs', () => {
    const w = createWorkspace({ now: () => start });
    const runs: string[] = [];
    w.triggers.setRunner((name) => runs.push(name));
    w.services.ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create();
    w.clock.advance(59 * 60_000);
    w.triggers.runDue();
    expect(runs).toEqual([]);
    w.clock.advance(60_000);
    w.triggers.runDue();
    expect(runs).toEqual(['hourly']);
    w.clock.advance(3 * 60 * 60_000);
    w.triggers.runDue();
    expect(runs).toEqual(['hourly', 'hourly']);
    expect(w.triggers.list()[0].dueAt).toBe(start.getTime() + 5 * 60 * 60_000);
  });

  test('a daily trigger at 7:00 keeps 7:00 local across the daylight-saving change', () => {
    const w = createWorkspace({ now: () => start, timeZone: 'America/Chicago' });
    const fired: string[] = [];
    w.triggers.setRunner(() => fired.push(wall(w.clock.now(), 'America/Chicago')));
    w.services.ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(7).create();
    const due = () => new Date(w.triggers.list()[0].dueAt ?? 0);
    for (let i = 0; i < 4; i++) {
      w.clock.set(due());
      w.triggers.runDue();
    }
    expect(fired).toEqual(['07:00', '07:00', '07:00', '07:00']);
    expect(due().toISOString()).toBe('2026-03-10T12:00:00.000Z'); // 7:00 CDT (the first run was 13:00Z, CST)
  });

  test('clock.advance works with a fixed options.now', () => {
    const w = createWorkspace({ now: () => new Date(start.getTime()) });
    w.clock.advance(6 * 60_000);
    expect(w.clock.now().getTime() - start.getTime()).toBe(6 * 60_000);
    w.services.MailApp.sendEmail('a@p.org', 'S', 'B');
    expect(w.mail.sent[0].at).toBe('2026-03-06T12:06:00.000Z');
  });

  test('fireFor stands for a person’s edit', () => {
    const w = createWorkspace();
    const runs: string[] = [];
    w.triggers.setRunner((name, e) => runs.push(`${name}:${String(e.value)}`));
    w.services.ScriptApp.newTrigger('onEditInstalled')
      .forSpreadsheet(w.services.SpreadsheetApp.getActive())
      .onEdit()
      .create();
    w.triggers.fireFor('SPREADSHEETS', w.spreadsheet.getId(), 'ON_EDIT', () => ({ value: 'x' }));
    expect(runs).toEqual(['onEditInstalled:x']);
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
    w.services.ScriptApp.newTrigger('resume').timeBased().after(60_000).create();
    w.services.ScriptApp.newTrigger('onSurveySubmit').forForm(form).onFormSubmit().create();
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
        seen.push(e.response.getTimestamp() instanceof Date);
        const cal = CalendarApp.getDefaultCalendar();
        const ev = cal.createEvent('Follow-up', new Date(Date.UTC(2026, 8, 15, 20)), new Date(Date.UTC(2026, 8, 15, 21)));
        seen.push(ev.getStartTime() instanceof Date);
        try { cal.createEvent('bad', new Date(2), new Date(1)); } catch (err) { seen.push(err instanceof Error); }
        try { MailApp.sendEmail('nope', 'S', 'B'); } catch (err) { seen.push(err instanceof Error && err.message); }
      }
      function setUp() {
        ScriptApp.newTrigger('onSurveySubmit').forForm(FormApp.create('Survey').setPublished(true).getId()).onFormSubmit().create();
      }`,
      context,
    );
    const ctx = context as Record<string, unknown>;
    w.triggers.setRunner((name, e) => (ctx[name] as (event: unknown) => void)(e));
    (ctx.setUp as () => void)();
    const [form] = w.forms.inspect();
    w.forms.submit(form.id, {});
    expect(vm.runInContext('seen', context)).toEqual([true, true, true, 'Invalid email: nope']);
    expect(w.triggers.fired[0].error).toBeUndefined();
  });
});
