// `npm run smoke` on the in-memory Workspace: the same runSmokeTest a maintainer runs once on a real
// account passes here, step by step, and its time-driven trigger writes its row when it fires.
import fs from 'node:fs';
import path from 'node:path';
import { loadAddOn } from '../../dev/gas';

const SMOKE_DIR = path.resolve(process.env.PH_SMOKE_DIR ?? 'build-smoke');

describe('the smoke test', () => {
  it('passes every step on the in-memory Workspace, cleans up, and its trigger reports back', () => {
    if (!fs.existsSync(path.join(SMOKE_DIR, 'Code.js')))
      throw new Error(`${SMOKE_DIR} is missing: run \`node dev/build.mjs --smoke\` first.`);
    const addOn = loadAddOn({ buildDir: SMOKE_DIR, now: () => new Date('2026-11-30T15:00:00Z') });
    addOn.call('runSmokeTest');
    const table = () => addOn.workspace.inspect().tabs.find((t) => t.name === 'Smoke test')!.values;
    const rows = table().slice(1);
    const failed = rows.filter((r) => r[1] !== 'pass' && r[1] !== 'waiting');
    expect(failed).toEqual([]);
    expect(rows.map((r) => r[0])).toEqual([
      'Set up the partner database',
      'Save a partner and its main contact (text kept as typed)',
      'An agenda Doc from a template with {{placeholders}}',
      'The gathering on a scratch calendar, with an invitation to a guest',
      'A survey Form, published, sent by email to yourself',
      '"Send a test to me": one email to your own address (Session, userinfo.email)',
      'An answer through the prefilled link, matched by its code',
      'A time-driven trigger',
      'Clean up the scratch Docs, Form and calendar',
    ]);
    expect(rows.find((r) => r[0] === 'A time-driven trigger')?.[1]).toBe('waiting');
    // Two emails, to the runner (the survey, then its test); the scratch files are in the trash and the
    // calendar is gone.
    const me = addOn.workspace.services.CalendarApp.getDefaultCalendar().getId();
    expect(addOn.workspace.mail.sent.map((m) => m.to)).toEqual([[me], [me]]);
    const files = addOn.workspace.inspectDrive().files;
    expect(files.filter((f) => /smoke|Smoke/.test(f.name) && !f.trashed)).toEqual([]);
    expect(files.filter((f) => f.trashed)).toHaveLength(3);
    // The invitation went to the runner before the calendar was deleted.
    expect(addOn.workspace.calendar.invitations.map((i) => i.email)).toEqual([me]);
    expect(addOn.workspace.calendar.inspect().some((e) => /Smoke check-in/.test(e.title))).toBe(false);
    expect(addOn.workspace.triggers.list().map((t) => t.handler)).toEqual(['smokeTriggerCheck']);

    addOn.workspace.clock.advance(60 * 60 * 1000);
    expect(addOn.workspace.triggers.runDue().map((f) => f.error)).toEqual([undefined]);
    expect(table().find((r) => r[0] === 'A time-driven trigger')?.[1]).toBe('pass');
    expect(addOn.workspace.triggers.list()).toEqual([]);
  });
});
