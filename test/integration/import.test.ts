// Importing a partner list kept in the school's own layout, on the built bundle.
import type { ImportPreview, ImportResult, ImportSource } from '../../src/shared/contract';
import { addPartner, directory, failure, ok, setUpAddOn, snapshot } from './helpers';
import { byHand } from '../../dev/workspace/by-hand';

function withOldList() {
  const addOn = setUpAddOn();
  addPartner(addOn, { name: 'Riverside Food Bank' });
  const sheet = addOn.workspace.spreadsheet.insertSheet('Old list');
  sheet.getRange(1, 1, 7, 5).setValues([
    ['Org Name', 'Contact', 'Email', 'Phone', 'Focus Area'],
    ['Reading Partners', 'Ana Diaz', 'ana@readingpartners.org', "'555-0100", 'Tutoring'],
    ['reading partners.', 'Bo Li', 'bo@readingpartners.org', '', 'mentoring'],
    ['RP Literacy Corps', 'Cy Ng', 'cy@readingpartners.org', '', ''],
    ['RIVERSIDE FOOD BANK', 'Di Oz', 'di@gmail.com', '', 'basic needs'],
    ['\'=HYPERLINK("http://x","Evil")', '', '', '', ''],
    ['Art Studio', '', 'not-an-email', '', 'astrology'],
  ]);
  return addOn;
}

describe('import', () => {
  it('offers the other tabs with a suggested mapping', () => {
    const addOn = withOldList();
    const [source] = ok<ImportSource[]>(addOn, 'getImportSources');
    expect(source).toMatchObject({
      tab: 'Old list',
      rows: 6,
      suggested: { 'Org Name': 'name', Email: 'contact.email', 'Focus Area': 'focusAreas' },
    });
  });

  it('previews duplicates (same name or email domain, in the list or already in the sheet) without writing', () => {
    const addOn = withOldList();
    const before = snapshot(addOn);
    const [source] = ok<ImportSource[]>(addOn, 'getImportSources');
    const preview = ok<ImportPreview>(addOn, 'previewImport', { tab: 'Old list', mapping: source.suggested });
    expect(preview.rows.map((r) => [r.sourceRow, r.action, r.duplicateOf?.name ?? ''])).toEqual([
      [2, 'add', ''],
      [3, 'merge', 'Reading Partners'],
      [4, 'merge', 'Reading Partners'],
      [5, 'merge', 'Riverside Food Bank'],
      [6, 'add', ''],
      [7, 'error', ''],
    ]);
    expect(preview.rows[5].errors.join(' ')).toMatch(
      /not an email address.*astrology|astrology.*not an email/,
    );
    expect(snapshot(addOn)).toEqual(before);
  });

  it('imports: adds, merges contacts into the match, keeps decisions, and never loses a row silently', () => {
    const addOn = withOldList();
    const [source] = ok<ImportSource[]>(addOn, 'getImportSources');
    const result = ok<ImportResult>(addOn, 'runImport', {
      tab: 'Old list',
      mapping: source.suggested,
      decisions: { '4': 'add' },
    });
    expect(result).toMatchObject({ added: 3, merged: 1, contactsAdded: 4, errors: 1 });
    const d = directory(addOn);
    const names = d.partners.map((p) => p.record.name).sort();
    expect(names).toEqual(
      [
        '=HYPERLINK("http://x","Evil")',
        'Reading Partners',
        'Riverside Food Bank',
        'RP Literacy Corps',
      ].sort(),
    );
    const rp = d.partners.find((p) => p.record.name === 'Reading Partners')!;
    expect(rp.record.focusAreas).toEqual(['tutoring', 'mentoring']);
    const rpContacts = d.contacts
      .filter((c) => c.record.partnerId === rp.record.id)
      .map((c) => [c.record.name, c.record.phone, c.record.primary]);
    expect(rpContacts).toEqual([
      ['Ana Diaz', '555-0100', true],
      ['Bo Li', '', false],
    ]);
    const foodBank = d.partners.find((p) => p.record.name === 'Riverside Food Bank')!;
    expect(
      d.contacts.filter((c) => c.record.partnerId === foodBank.record.id).map((c) => c.record.name),
    ).toEqual(['Di Oz']);
    const tab = addOn.workspace.inspect().tabs.find((t) => t.name === 'Partners')!;
    expect(tab.formulas.flat().filter(Boolean)).toEqual([]);
    // Importing the same list again adds nothing new: every row is now a duplicate.
    const again = ok<ImportPreview>(addOn, 'previewImport', { tab: 'Old list', mapping: source.suggested });
    expect(again.adds).toBe(0);
  });

  it('refuses a mapping to an unknown field or a missing column, writing nothing', () => {
    const addOn = withOldList();
    const before = snapshot(addOn);
    expect(failure(addOn, 'runImport', { tab: 'Old list', mapping: { 'Org Name': 'password' } })).toMatch(
      /not a partner field/,
    );
    expect(failure(addOn, 'runImport', { tab: 'Old list', mapping: { Nope: 'name' } })).toMatch(
      /no column "Nope"/,
    );
    expect(failure(addOn, 'runImport', { tab: 'Nope', mapping: {} })).toMatch(/no tab named "Nope"/);
    expect(snapshot(addOn)).toEqual(before);
  });
});

describe('import sources', () => {
  it('never offers Partner Hub’s own tabs: database, report and survey response tabs, renamed or not', () => {
    const addOn = withOldList();
    ok(addOn, 'writeGapsTab');
    ok(addOn, 'writeDashboard');
    const bank = ok<{ questions: { id: string; required: boolean }[] }>(
      addOn,
      'surveyQuestions',
      'convening feedback',
    );
    const survey = ok<{ record: { id: string; formUrl: string } }>(addOn, 'createSurvey', {
      kind: 'convening feedback',
      title: 'After the fall gathering',
      questions: bank.questions.map((q) => ({ ...q, required: false })),
      opens: '',
      closes: '',
      threshold: null,
    });
    // An answer, so its response tab has a row; and a summary tab.
    addOn.workspace.forms.submit(survey.record.formUrl, {});
    ok(addOn, 'writeSurveySummary', survey.record.id);
    const ss = addOn.workspace.spreadsheet;
    const tabs = ss.getSheets().map((s) => s.getName());
    expect(tabs).toEqual(expect.arrayContaining(['Gaps', 'Dashboard', 'Survey Summary']));
    // The coordinator renames the Partners tab and the survey's response tab.
    byHand.renameSheet(ss.getSheetByName('Partners')!, 'Our partners');
    const responses = ss.getSheets().find((s) => s.getFormUrl());
    if (!responses) throw new Error('no response tab');
    byHand.renameSheet(responses, 'Fall answers');
    expect(ok<ImportSource[]>(addOn, 'getImportSources').map((s) => s.tab)).toEqual(['Old list']);
    // Nor can they be imported from by name.
    expect(failure(addOn, 'previewImport', { tab: 'Dashboard', mapping: { Figure: 'name' } })).toBe(
      "The Dashboard tab is Partner Hub's own: import from a list of yours.",
    );
  });
});
