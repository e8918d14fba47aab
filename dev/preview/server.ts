// The local preview: the built add-on on the in-memory Workspace, its sidebar served over HTTP with
// google.script.run wired to it, and the spreadsheet's tabs shown beside it.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadAddOn, type AddOn } from '../gas';
import type { WorkspaceState } from '../workspace';
import { seedDemoSchool } from './demo';

export interface PreviewOptions {
  readonly port?: number;
  /** Where the state is kept between starts; none keeps it in memory only. */
  readonly stateFile?: string;
  /** Start from an empty spreadsheet instead of the demo school. */
  readonly empty?: boolean;
}

export interface Preview {
  readonly url: string;
  readonly addOn: AddOn;
  close(): Promise<void>;
}

const BRIDGE = fs.readFileSync(path.resolve(process.cwd(), 'dev/preview/bridge.js'), 'utf8');

function loadState(file: string | undefined): WorkspaceState | undefined {
  if (!file || !fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as WorkspaceState;
}

export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const state = loadState(options.stateFile);
  const addOn = loadAddOn(state ? { state } : {});
  if (!state && !options.empty) seedDemoSchool(addOn);
  const save = () => {
    if (!options.stateFile) return;
    fs.mkdirSync(path.dirname(options.stateFile), { recursive: true });
    fs.writeFileSync(options.stateFile, JSON.stringify(addOn.workspace.toJSON()));
  };
  save();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method === 'GET' && url.pathname === '/') return send(200, 'text/html', indexPage());
    if (url.pathname === '/favicon.ico') return send(204, 'text/plain', '');
    if (req.method === 'GET' && url.pathname === '/sidebar') {
      const doc = url.searchParams.get('doc');
      try {
        inHost(doc, () => addOn.call(doc ? 'openDocsSidebar' : 'openSidebar'));
      } catch (error) {
        return send(500, 'text/plain', (error as Error).message);
      }
      const shown = addOn.workspace.ui.sidebars.at(-1);
      if (!shown) return send(500, 'text/plain', 'The add-on showed no sidebar.');
      const base = doc ? `/run/docs/${encodeURIComponent(doc)}` : '/run';
      const bridge = `<script>window.__PH_RUN_BASE__=${JSON.stringify(base)};${BRIDGE}</script>`;
      return send(
        200,
        'text/html',
        shown.html.replace('<head>', () => `<head>${bridge}`),
      );
    }
    if (req.method === 'GET' && url.pathname === '/sheet')
      return send(200, 'application/json', JSON.stringify(addOn.workspace.inspect()));
    if (req.method === 'GET' && url.pathname === '/outside')
      return send(200, 'application/json', JSON.stringify(outside(addOn)));
    if (req.method === 'POST' && url.pathname.startsWith('/run/')) {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
        if (body.length > 5_000_000) req.destroy();
      });
      req.on('end', () => {
        let args: unknown[] = [];
        try {
          const parsed = JSON.parse(body || '{}') as { args?: unknown };
          args = Array.isArray(parsed.args) ? parsed.args : [];
        } catch {
          return send(400, 'application/json', JSON.stringify({ ok: false, message: 'Bad request body' }));
        }
        const docs = /^\/run\/docs\/([^/]+)\/([^/]+)$/.exec(url.pathname);
        const name = decodeURIComponent(docs ? docs[2] : url.pathname.slice('/run/'.length));
        const outcome = inHost(docs ? decodeURIComponent(docs[1]) : null, () => addOn.run(name, ...args));
        save();
        send(200, 'application/json', JSON.stringify(outcome));
      });
      return;
    }
    send(404, 'text/plain', 'Not found');
  });

  /** Runs as the Docs add-on inside that document, or as the Sheets add-on. */
  function inHost<T>(doc: string | null, work: () => T): T {
    if (!doc) return work();
    addOn.workspace.setHost('docs');
    addOn.workspace.setActiveDocument(doc);
    try {
      return work();
    } finally {
      addOn.workspace.setHost('sheets');
      addOn.workspace.setActiveDocument(null);
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    addOn,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What the add-on made outside the sheet: Docs, calendar events and emails, for the preview to show. */
function outside(addOn: AddOn) {
  const w = addOn.workspace;
  const docs = w
    .inspectDrive()
    .files.filter((f) => f.mimeType === 'application/vnd.google-apps.document')
    .map((f) => {
      const d = w.inspectDocument(f.id);
      return { id: f.id, name: d.name, url: d.url, html: d.html };
    });
  return { docs, events: w.calendar.inspect(), mail: w.mail.sent };
}

function indexPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner Hub preview</title>
<style>
body{margin:0;display:flex;height:100vh;font:13px Roboto,Arial,sans-serif}
iframe{width:300px;border:0;border-right:1px solid #dadce0;height:100%;flex:none}
#sheet{flex:1;overflow:auto;padding:8px}
nav button{margin:0 4px 8px 0}
nav button[aria-pressed=true]{font-weight:bold}
table{border-collapse:collapse}
td,th{border:1px solid #dadce0;padding:2px 6px;white-space:nowrap;max-width:260px;overflow:hidden;text-overflow:ellipsis}
th{background:#f1f3f4}
</style></head>
<body><iframe src="/sidebar" name="sidebar" title="Partner Hub sidebar"></iframe>
<section id="sheet" aria-label="Spreadsheet"><nav id="tabs"></nav><div id="grid"></div></section>
<script>
let current = '';
function el(tag, text) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
async function refresh() {
  const data = await (await fetch('/sheet')).json();
  const more = await (await fetch('/outside')).json();
  const tabs = document.getElementById('tabs');
  tabs.replaceChildren();
  const names = [...data.tabs.map(t => t.name), 'Docs (' + more.docs.length + ')', 'Calendar (' + more.events.length + ')', 'Email (' + more.mail.length + ')'];
  if (!names.includes(current)) current = names.includes('Partners') ? 'Partners' : names[0] || '';
  for (const name of names) {
    const b = el('button', name);
    b.setAttribute('aria-pressed', String(name === current));
    b.onclick = () => { current = name; refresh(); };
    tabs.append(b);
  }
  const grid = document.getElementById('grid');
  if (current.startsWith('Docs')) {
    grid.replaceChildren(...more.docs.map(d => {
      const box = el('article');
      const h = el('h3', d.name);
      const open = el('a', 'Open its Docs sidebar');
      open.href = '/sidebar?doc=' + encodeURIComponent(d.id);
      open.target = 'sidebar';
      const frame = el('iframe');
      frame.title = d.name;
      frame.srcdoc = d.html;
      frame.style.cssText = 'width:100%;height:420px;border:1px solid #dadce0';
      box.append(h, open, frame);
      return box;
    }));
    return;
  }
  if (current.startsWith('Email')) {
    // Each email as its recipient sees it: the HTML in a sandboxed frame (no script runs, nothing of this
    // page is reached), or the plain text as text; the newest first.
    grid.replaceChildren(...more.mail.slice().reverse().map(m => {
      const box = el('article');
      const to = el('p', 'To ' + m.to.join(', ') + (m.name ? ' · from ' + m.name : '') + ' · sent ' + m.at);
      let shown;
      if (m.htmlBody !== null) {
        shown = el('iframe');
        shown.setAttribute('sandbox', '');
        shown.title = m.subject;
        shown.srcdoc = '<!doctype html><meta charset="utf-8"><body style="font:13px/1.4 Arial,sans-serif">' + m.htmlBody;
        shown.style.cssText = 'width:100%;max-width:640px;height:320px;border:1px solid #dadce0';
      } else {
        shown = el('pre', m.body);
        shown.style.whiteSpace = 'pre-wrap';
      }
      const text = el('details');
      text.append(el('summary', 'Plain-text version'), el('pre', m.body));
      box.append(el('h3', m.subject), to, shown, text);
      return box;
    }));
    return;
  }
  if (current.startsWith('Calendar')) {
    const rows = [['Title', 'Start', 'End', 'Location', 'Guests', 'Invitations'], ...more.events.map(e => [e.title, e.start, e.end, e.location, e.guests.join(', '), e.invitesSent ? 'sent' : 'not sent'])];
    const table = el('table');
    rows.forEach((r, i) => { const tr = el('tr'); r.forEach(c => tr.append(el(i ? 'td' : 'th', c))); table.append(tr); });
    grid.replaceChildren(table);
    return;
  }
  const tab = data.tabs.find(t => t.name === current);
  const table = document.createElement('table');
  for (const [i, row] of (tab ? tab.display : []).entries()) {
    const tr = document.createElement('tr');
    for (const cell of row) {
      const td = document.createElement(i < (tab.frozenRows || 0) ? 'th' : 'td');
      td.textContent = cell;
      td.title = cell;
      tr.append(td);
    }
    table.append(tr);
  }
  grid.replaceChildren(table);
}
window.addEventListener('message', (e) => { if (e.data === 'partner-hub:ran') refresh(); });
refresh();
</script></body></html>`;
}
