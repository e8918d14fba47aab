import { createWorkspace } from '../../../dev/workspace';
import { repositoryScopes } from '../../../dev/workspace/scopes';

describe('HtmlService', () => {
  const files: Record<string, string> = {
    Sidebar:
      '<h1><?= title ?></h1><?!= raw ?><ul><? for (const p of partners) { ?><li><?= p ?></li><? } ?></ul>',
    Broken: '<?= missing ?>',
  };
  const ws = () => createWorkspace({ html: (name) => files[name] });

  test('<?= ?> escapes, <?!= ?> does not, loops span HTML', () => {
    const w = ws();
    const t = w.services.HtmlService.createTemplateFromFile('Sidebar') as GoogleAppsScript.HTML.HtmlTemplate &
      Record<string, unknown>;
    t.title = `Tom & "Jerry's" <b>`;
    t.raw = '<em>ok</em>';
    t.partners = ['<script>x</script>', 'Food Bank'];
    w.services.SpreadsheetApp.getUi().showSidebar(t.evaluate().setTitle('T'));
    expect(w.ui.sidebars).toEqual([
      {
        title: 'T',
        html: '<h1>Tom &amp; &quot;Jerry&#39;s&quot; &lt;b&gt;</h1><em>ok</em><ul><li>&lt;script&gt;x&lt;/script&gt;</li><li>Food Bank</li></ul>',
        width: 300,
      },
    ]);
  });

  test('missing file and template errors', () => {
    const html = ws().services.HtmlService;
    expect(() => html.createTemplateFromFile('Nope')).toThrow('No HTML file named Nope was found.');
    expect(() => html.createTemplateFromFile('Broken').evaluate()).toThrow(/missing is not defined/);
  });
});

describe('PropertiesService', () => {
  test('get/set/delete and null for missing', () => {
    const p = createWorkspace().services.PropertiesService.getDocumentProperties();
    expect(p.getProperty('x')).toBeNull();
    p.setProperty('x', 5 as unknown as string).setProperties({ a: '1', b: '2' });
    expect(p.getProperty('x')).toBe('5');
    expect(Object.keys(p.getProperties()).sort()).toEqual(['a', 'b', 'x']);
    p.setProperties({ c: '3' }, true);
    expect(p.getProperties()).toEqual({ c: '3' });
    p.deleteProperty('c');
    expect(p.getProperties()).toEqual({});
  });

  test('stores are separate and shared across getters', () => {
    const svc = createWorkspace().services.PropertiesService;
    svc.getDocumentProperties().setProperty('k', 'document');
    expect(svc.getUserProperties().getProperty('k')).toBeNull();
    expect(svc.getDocumentProperties().getProperty('k')).toBe('document');
  });

  test('9 KB per value and 500 KB per store', () => {
    const p = createWorkspace().services.PropertiesService.getUserProperties();
    expect(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    p.setProperty('ok', 'x'.repeat(9 * 1024));
    for (let i = 0; i < 54; i++) p.setProperty(`k${i}`, 'y'.repeat(9 * 1024));
    expect(() => p.setProperty('one-more', 'z'.repeat(9 * 1024))).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(p.getProperty('one-more')).toBeNull();
  });
});

describe('LockService', () => {
  test('mutual exclusion between lock objects, re-entrant for the holder', () => {
    const ls = createWorkspace().services.LockService;
    const a = ls.getDocumentLock();
    const b = ls.getDocumentLock();
    expect(a.tryLock(1000)).toBe(true);
    expect(a.tryLock(1000)).toBe(true);
    expect(b.tryLock(1000)).toBe(false);
    expect(ls.getUserLock().tryLock(0)).toBe(true); // other scope
    a.releaseLock();
    expect(b.tryLock(1000)).toBe(true);
    expect(a.tryLock(0)).toBe(false);
  });

  test('an outside holder blocks until released', () => {
    const w = createWorkspace();
    const release = w.locks.holdDocumentLock();
    const lock = w.services.LockService.getDocumentLock();
    expect(lock.tryLock(30000)).toBe(false);
    release();
    expect(lock.tryLock(30000)).toBe(true);
  });
});

describe('Utilities', () => {
  const u = () => createWorkspace().services.Utilities;

  test('formatDate across the 2026-03-08 DST change in America/Chicago', () => {
    const before = new Date('2026-03-08T07:59:00Z'); // 01:59 CST
    const after = new Date('2026-03-08T08:00:00Z'); // 03:00 CDT
    const f = "yyyy-MM-dd'T'HH:mm:ss z Z";
    expect(u().formatDate(before, 'America/Chicago', f)).toBe('2026-03-08T01:59:00 CST -0600');
    expect(u().formatDate(after, 'America/Chicago', f)).toBe('2026-03-08T03:00:00 CDT -0500');
  });

  test('SimpleDateFormat tokens', () => {
    const d = new Date('2026-09-15T20:30:05Z');
    expect(u().formatDate(d, 'America/Chicago', 'EEEE, MMMM d, yyyy h:mm a')).toBe(
      'Tuesday, September 15, 2026 3:30 PM',
    );
    expect(u().formatDate(d, 'America/Chicago', "EEE MMM dd yy HH:mm:ss 'o''clock'")).toBe(
      "Tue Sep 15 26 15:30:05 o'clock",
    );
    expect(u().formatDate(d, 'UTC', 'M/d/yyyy H:mm')).toBe('9/15/2026 20:30');
    expect(() => u().formatDate(d, 'UTC', 'yyyy-bb')).toThrow(/Invalid argument/);
  });

  test('ids', () => {
    expect(u().getUuid()).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('Session', () => {
    const w = createWorkspace({
      userEmail: 'rc@school.example',
      scopes: repositoryScopes().filter((s) => !s.endsWith('/userinfo.email')),
    });
    // Without userinfo.email the address is out of reach.
    expect(() => w.services.Session.getActiveUser()).toThrow(
      'Specified permissions are not sufficient to call Session.getActiveUser.',
    );
    // The add-on declares it (for "Send a test to me").
    expect(repositoryScopes()).toContain('https://www.googleapis.com/auth/userinfo.email');
    const withEmail = createWorkspace({ userEmail: 'rc@school.example' });
    expect(withEmail.services.Session.getActiveUser().getEmail()).toBe('rc@school.example');
    // …and even with it, blank for a consumer account or someone of another domain.
    withEmail.setActiveUserEmail('');
    expect(withEmail.services.Session.getActiveUser().getEmail()).toBe('');
  });
});
