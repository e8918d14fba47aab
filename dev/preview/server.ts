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
      addOn.call('openSidebar');
      const shown = addOn.workspace.ui.sidebars.at(-1);
      if (!shown) return send(500, 'text/plain', 'The add-on showed no sidebar.');
      return send(
        200,
        'text/html',
        shown.html.replace('<head>', () => `<head><script>${BRIDGE}</script>`),
      );
    }
    if (req.method === 'GET' && url.pathname === '/sheet')
      return send(200, 'application/json', JSON.stringify(addOn.workspace.inspect()));
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
        const outcome = addOn.run(decodeURIComponent(url.pathname.slice('/run/'.length)), ...args);
        save();
        send(200, 'application/json', JSON.stringify(outcome));
      });
      return;
    }
    send(404, 'text/plain', 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    addOn,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
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
<body><iframe src="/sidebar" title="Partner Hub sidebar"></iframe>
<section id="sheet" aria-label="Spreadsheet"><nav id="tabs"></nav><div id="grid"></div></section>
<script>
let current = '';
async function refresh() {
  const data = await (await fetch('/sheet')).json();
  const tabs = document.getElementById('tabs');
  tabs.replaceChildren();
  if (!data.tabs.some(t => t.name === current)) current = data.tabs[0] ? data.tabs[0].name : '';
  for (const t of data.tabs) {
    const b = document.createElement('button');
    b.textContent = t.name;
    b.setAttribute('aria-pressed', String(t.name === current));
    b.onclick = () => { current = t.name; refresh(); };
    tabs.append(b);
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
  document.getElementById('grid').replaceChildren(table);
}
window.addEventListener('message', (e) => { if (e.data === 'partner-hub:ran') refresh(); });
refresh();
</script></body></html>`;
}
