// The local preview: the built add-on on the in-memory Workspace, its sidebar served over HTTP with
// google.script.run wired to it, and the spreadsheet's tabs shown beside it.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadAddOn, type AddOn } from '../gas';
import type { WorkspaceState } from '../workspace';
import { seedDemoSchool } from './demo';
import { formAt, formPage, submitForm } from './form-view';
import { indexPage, panel } from './page';

export interface PreviewOptions {
  readonly port?: number;
  /** Where the state is kept between starts; none keeps it in memory only. */
  readonly stateFile?: string;
  /** Start from an empty spreadsheet instead of the demo school. */
  readonly empty?: boolean;
  /** The Workspace's clock (the real one when absent): the demo school's dates are relative to its day. */
  readonly now?: () => Date;
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
  const addOn = loadAddOn({ ...(state ? { state } : {}), ...(options.now ? { now: options.now } : {}) });
  if (!state && !options.empty) seedDemoSchool(addOn, addOn.workspace.clock.now().toISOString().slice(0, 10));
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
    if (req.method === 'GET' && url.pathname === '/') return send(200, 'text/html', indexPage(addOn));
    if (req.method === 'GET' && url.pathname === '/panel') {
      const q = url.searchParams;
      const shown = panel(addOn, { tab: q.get('tab'), doc: q.get('doc'), form: q.get('form') });
      return send(200, 'application/json', JSON.stringify(shown));
    }
    // A survey Form at its published path, answered as a partner would (form-view.ts).
    if (url.pathname.startsWith('/forms/d/e/')) {
      const form = formAt(addOn.workspace, url.pathname);
      if (!form) return send(404, 'text/plain', 'No such Form in the preview.');
      if (req.method === 'GET' && url.pathname.endsWith('/viewform'))
        return send(200, 'text/html', formPage(form, url.searchParams));
      if (req.method === 'POST' && url.pathname.endsWith('/formResponse')) {
        return readBody(req, (body) => {
          const page = submitForm(addOn.workspace, form, body);
          addOn.workspace.locks.endExecution();
          save();
          send(200, 'text/html', page);
        });
      }
    }
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
      return readBody(req, (body) => {
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
    // Connections a browser keeps open (keep-alive, a request it gave up on) end with the server.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The request's body as text (at most 5 MB). */
function readBody(req: http.IncomingMessage, then: (body: string) => void): void {
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8');
    if (body.length > 5_000_000) req.destroy();
  });
  req.on('end', () => then(body));
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
