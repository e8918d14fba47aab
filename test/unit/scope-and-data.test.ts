// What the add-on may touch and keep: no restricted scope, no student-level field.
import fs from 'node:fs';
import { TABLES, TABLE_KEYS } from '../../src/shared/schema';

const RESTRICTED = [
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/drive.readonly',
  'https://mail.google.com/',
  'https://www.googleapis.com/auth/gmail.send',
  'https://www.googleapis.com/auth/gmail.modify',
  'https://www.googleapis.com/auth/gmail.readonly',
];

describe('scopes and data', () => {
  it('asks for no restricted scope, and every scope it asks for is explained in the README', () => {
    const manifest = JSON.parse(fs.readFileSync('appsscript.json', 'utf8')) as { oauthScopes: string[] };
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(manifest.oauthScopes.filter((s) => RESTRICTED.includes(s))).toEqual([]);
    for (const scope of manifest.oauthScopes)
      expect(readme).toContain(`\`${scope.replace('https://www.googleapis.com/auth/', '')}\``);
  });

  it('has no field for an individual student or family', () => {
    const fields = TABLE_KEYS.flatMap((k) =>
      TABLES[k].columns.map((c) => `${TABLES[k].tab}: ${c.header} (${c.key})`),
    );
    const studentLevel = fields.filter((f) =>
      /student|pupil|child|birth|dob|guardian|parent name|iep|grade level of/i.test(f),
    );
    expect(studentLevel).toEqual([]);
  });
});
