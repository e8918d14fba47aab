// The built script, loaded as Apps Script loads it, on the in-memory Workspace.
import { loadAddOn, runAsClient } from '../../dev/gas';
import { SERVER_FUNCTION_NAMES } from '../../src/server/api';
import vm from 'node:vm';

describe('the built add-on', () => {
  it('defines onOpen, onInstall, the menu actions and every contract function at top level', () => {
    const addOn = loadAddOn();
    expect(addOn.functions()).toEqual(
      expect.arrayContaining([
        'onOpen',
        'onInstall',
        'openSidebar',
        'setUpFromMenu',
        'openHelp',
        ...SERVER_FUNCTION_NAMES,
      ]),
    );
  });

  it('touches no service while loading', () => {
    const addOn = loadAddOn();
    expect(addOn.workspace.calls.total()).toBe(0);
  });

  it.each(['NONE', 'LIMITED', 'FULL'])('onOpen in AuthMode.%s adds the menu and reads no data', (mode) => {
    const addOn = loadAddOn();
    addOn.call('onOpen', { authMode: mode });
    const menus = addOn.workspace.ui.menus;
    expect(menus).toHaveLength(1);
    expect(menus[0].items.filter((i) => i.kind === 'item').map((i) => [i.caption, i.functionName])).toEqual([
      ['Open Partner Hub', 'openSidebar'],
      ['Set up partner database', 'setUpFromMenu'],
      ['Help', 'openHelp'],
    ]);
    const touched = Object.keys(addOn.workspace.calls.byMethod());
    expect(touched.every((m) => /Ui|getUi|Menu/.test(m))).toBe(true);
  });

  it('onInstall builds the same menu', () => {
    const addOn = loadAddOn();
    addOn.call('onInstall', { authMode: 'FULL' });
    expect(addOn.workspace.ui.menus[0].items.filter((i) => i.kind === 'item')).toHaveLength(3);
  });

  it('opens the sidebar with its first data inside the page, escaped for a script tag', () => {
    const addOn = loadAddOn();
    addOn.run('setUpDatabase');
    const saved = addOn.run('savePartner', {
      values: { name: '</script><script>alert(1)</script>', status: 'active' },
    });
    expect(saved).toMatchObject({ ok: true, value: { status: 'saved' } });
    addOn.call('openSidebar');
    const sidebar = addOn.workspace.ui.sidebars.at(-1)!;
    expect(sidebar.title).toBe('Partner Hub');
    expect(sidebar.html).not.toContain('</script><script>alert(1)');
    const boot = /window\.__BOOT__ = (.*);\n/.exec(sidebar.html)![1];
    const parsed = JSON.parse(boot) as { home: { page: { rows: { name: string }[] } } };
    expect(parsed.home.page.rows[0].name).toBe('</script><script>alert(1)</script>');
  });

  it('opens the sidebar with a readable error when the data cannot be read', () => {
    const addOn = loadAddOn();
    addOn.workspace.locks.holdDocumentLock();
    addOn.call('openSidebar'); // reading needs no lock: the sidebar still opens with data
    expect(addOn.workspace.ui.sidebars).toHaveLength(1);
  });
});

describe('google.script.run rules', () => {
  const context = vm.createContext({});
  vm.runInContext(
    `function plain() { return { a: [1, 'x', true, null] }; }
     function withDate() { return { when: new Date(0) }; }
     function fails() { throw new Error('Partner not found.'); }
     function hidden_() { return 1; }`,
    context,
  );

  it('passes plain data, turns a result with a Date into null, and reports errors by message', () => {
    expect(runAsClient(context, 'plain', [])).toEqual({ ok: true, value: { a: [1, 'x', true, null] } });
    expect(runAsClient(context, 'withDate', [])).toEqual({ ok: true, value: null });
    expect(runAsClient(context, 'fails', [])).toEqual({ ok: false, message: 'Partner not found.' });
    expect(runAsClient(context, 'hidden_', [])).toMatchObject({ ok: false });
    expect(runAsClient(context, 'nope', [])).toMatchObject({
      ok: false,
      message: 'Script function not found: nope',
    });
  });
});
