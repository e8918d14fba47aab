// The preview's page: a heading that says what this is and what to try, the add-on's sidebar, and the
// spreadsheet's tabs beside it with what the add-on made outside the sheet (Docs, Calendar, Forms,
// emails). The panel on the right is made here, on the server, from the in-memory Workspace: every text
// is escaped, and every time is shown in the school's time zone.
import type { AddOn } from '../gas';
import type { InspectedTab } from '../workspace';
import { chartSvg } from './charts-view';
import { docPage, escapeHtml } from './docs-view';
import { localFormPath } from './form-view';
import { when, whenRange } from './times';

export interface PanelQuery {
  /** 'sheet:<tab name>', 'docs', 'calendar', 'forms' or 'email'. */
  readonly tab?: string | null;
  /** The Doc to show under Docs. */
  readonly doc?: string | null;
  /** The local path of a Form link to show under Forms. */
  readonly form?: string | null;
}

export interface Panel {
  readonly tabs: { key: string; label: string }[];
  readonly current: string;
  readonly html: string;
}

const DOC_MIME = 'application/vnd.google-apps.document';

/** The school's name from the Schools tab, if it has one. */
function schoolName(tabs: readonly InspectedTab[]): string {
  const schools = tabs.find((t) => t.name === 'Schools');
  const column = schools?.values[0]?.indexOf('School') ?? -1;
  const name = column >= 0 ? schools?.display[1]?.[column] : '';
  return name ?? '';
}

function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function sheetHtml(tab: InspectedTab, tabs: readonly InspectedTab[]): string {
  const charts = (tab.charts ?? []).map((c) => chartSvg(c, tabs)).join('');
  const width = tab.display[0]?.length ?? 0;
  let grid = `<table class="grid" aria-label="${escapeHtml(tab.name)}"><thead><tr><td class="corner"></td>`;
  for (let c = 1; c <= width; c++) grid += `<th class="col" scope="col">${columnLetter(c)}</th>`;
  grid += '</tr></thead><tbody>';
  tab.display.forEach((row, i) => {
    const header = i < tab.frozenRows;
    grid += `<tr${header ? ' class="frozen"' : ''}><th class="row" scope="row">${i + 1}</th>`;
    for (const cell of row) {
      const text = escapeHtml(cell);
      grid += header ? `<th title="${text}">${text}</th>` : `<td title="${text}">${text}</td>`;
    }
    grid += '</tr>';
  });
  grid += '</tbody></table>';
  const empty = tab.display.length === 0 ? '<p class="empty">This tab is empty.</p>' : '';
  return `${charts ? `<div class="charts">${charts}</div>` : ''}${empty}${tab.display.length ? grid : ''}`;
}

function table(label: string, head: readonly string[], rows: readonly string[][]): string {
  return `<table class="list" aria-label="${escapeHtml(label)}"><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</tbody></table>`;
}

const td = (text: string) => `<td>${escapeHtml(text)}</td>`;

/** Plain text with its web links made clickable (the page opens Docs and Form links in the preview). */
function linked(text: string): string {
  return escapeHtml(text).replace(
    /https:\/\/[^\s<>"']+/g,
    (url) => `<a href="${url}" target="_blank" rel="noopener">${url}</a>`,
  );
}

export function panel(addOn: AddOn, query: PanelQuery): Panel {
  const w = addOn.workspace;
  const { timeZone, tabs: all } = w.inspect();
  const tabs = all.filter((t) => !t.hidden);
  const docs = w
    .inspectDrive()
    .files.filter((f) => f.mimeType === DOC_MIME && !f.trashed)
    .map((f) => w.inspectDocument(f.id));
  const events = w.calendar.inspect();
  const forms = w.forms.inspect();
  const mail = w.mail.sent;
  const keys = [
    ...tabs.map((t) => ({ key: `sheet:${t.name}`, label: t.name })),
    { key: 'docs', label: `Docs (${docs.length})` },
    { key: 'calendar', label: `Calendar (${events.length})` },
    { key: 'forms', label: `Forms (${forms.length})` },
    { key: 'email', label: `Email (${mail.length})` },
  ];
  const wanted = query.tab ?? '';
  const current = keys.some((k) => k.key === wanted)
    ? wanted
    : keys.some((k) => k.key === 'sheet:Partners')
      ? 'sheet:Partners'
      : keys[0].key;

  let html = '';
  if (current.startsWith('sheet:')) {
    const tab = tabs.find((t) => `sheet:${t.name}` === current);
    html = tab ? sheetHtml(tab, all) : '';
  } else if (current === 'docs') {
    const shown = docs.find((d) => d.id === query.doc) ?? docs[0];
    if (!shown) html = '<p class="empty">No Docs yet: make an agenda from a gathering in the sidebar.</p>';
    else {
      const list = docs
        .map(
          (d) =>
            `<li><button type="button" class="link" data-doc="${escapeHtml(d.id)}" aria-current="${d === shown}">${escapeHtml(d.name)}</button></li>`,
        )
        .join('');
      html = `<nav aria-label="Docs"><ul class="docs">${list}</ul></nav><p class="doc-actions"><a href="/sidebar?doc=${encodeURIComponent(shown.id)}" target="sidebar">Open its Docs sidebar</a></p><iframe class="doc" title="${escapeHtml(shown.name)}" sandbox="allow-same-origin allow-popups" srcdoc="${escapeHtml(docPage(shown.name, shown.tree))}"></iframe>`;
    }
  } else if (current === 'calendar') {
    html = events.length
      ? table(
          'Calendar events',
          ['When', 'Title', 'Location', 'Guests', 'Invitations'],
          events.map((e) => [
            `<td class="when">${escapeHtml(whenRange(e.start, e.end, timeZone))}</td>`,
            td(e.title),
            td(e.location),
            `<td title="${escapeHtml(e.guests.join(', '))}">${e.guests.length}</td>`,
            td(e.invitesSent ? 'sent' : 'not sent'),
          ]),
        )
      : '<p class="empty">No calendar events yet: put a gathering on the calendar from the sidebar.</p>';
  } else if (current === 'forms') {
    const path = query.form ? localFormPath(query.form) : null;
    const list = forms.length
      ? table(
          'Forms',
          ['Form', 'State', 'Answers', ''],
          forms.map((f) => [
            td(f.title),
            td(
              !f.published
                ? 'not published'
                : f.acceptingResponses
                  ? 'published, taking answers'
                  : 'published, closed',
            ),
            td(String(f.responses.length)),
            `<td><a href="${escapeHtml(f.publishedUrl)}">Open the Form</a></td>`,
          ]),
        )
      : '<p class="empty">No Forms yet: make a survey in the sidebar’s Surveys, or the partner intake Form in Settings.</p>';
    const shown = path
      ? `<p class="help">The Form as a partner or an applicant sees it (a partner’s personal link fills in their response code); sending it fires the add-on’s form-submit trigger:</p><iframe class="form" title="Survey Form" src="${escapeHtml(path)}"></iframe>`
      : '';
    html = `${list}${shown}`;
  } else {
    html = mail.length
      ? table(
          'Emails sent',
          ['Sent', 'To', 'Subject', 'Message'],
          [...mail].reverse().map((m) => [
            `<td class="when">${escapeHtml(when(m.at, timeZone))}</td>`,
            td(m.to.join(', ')),
            td(m.subject),
            // As the partner sees it: the HTML in a sandboxed frame (no script runs, nothing of this page
            // is reached); below it the plain text, whose links open here in the preview.
            `<td><details><summary>Read</summary>${
              m.htmlBody === null
                ? ''
                : `<iframe class="mail" sandbox="" title="${escapeHtml(m.subject)}" srcdoc="${escapeHtml(
                    `<!doctype html><meta charset="utf-8"><body style="font:13px/1.4 Arial,sans-serif">${m.htmlBody}`,
                  )}"></iframe>`
            }<div class="body">${linked(m.body)}</div></details></td>`,
          ]),
        )
      : '<p class="empty">No emails yet: send a survey from the sidebar.</p>';
  }
  return { tabs: keys, current, html };
}

/** The heading: what this is, where it runs, and three things to try. */
function intro(addOn: AddOn): string {
  const { timeZone, tabs } = addOn.workspace.inspect();
  const school = schoolName(tabs);
  return `<header class="intro">
<h1>Partner Hub <span class="tag">preview</span></h1>
<p>A Google Sheets add-on for schools and their community partners. It runs here on an in-memory copy of
Google Workspace with a demo school${school ? `, ${escapeHtml(school)}` : ''}: the add-on's sidebar is on
the left; on the right, the spreadsheet and what the add-on made. Times are the school's
(${escapeHtml(timeZone)}).</p>
<ol class="try" aria-label="Three things to try">
<li><strong>Plan a gathering and make its agenda.</strong> Gatherings › Plan the year, open a gathering,
make its agenda; read it under Docs.</li>
<li><strong>Send the survey and answer it as a partner.</strong> Surveys › New survey, create the Form and
send it; under Email, open a partner's link and answer; then refresh the responses in the sidebar.</li>
<li><strong>Read the gaps and the report.</strong> Needs lists gaps and risks; the Dashboard and Survey
Summary tabs draw their charts; Settings makes the year-end report Doc.</li>
</ol>
</header>`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;height:100vh;display:flex;flex-direction:column;font:13px Roboto,Arial,sans-serif;color:#202124}
.intro{flex:none;padding:10px 16px;border-bottom:1px solid #dadce0;background:#f8fafd}
.intro h1{font-size:18px;font-weight:500;margin:0 0 4px}
.intro p{margin:0 0 6px;max-width:1100px}
.tag{font-size:12px;font-weight:400;color:#fff;background:#1a73e8;border-radius:10px;padding:1px 8px;vertical-align:middle}
.try{display:flex;gap:16px;margin:0;padding-left:18px}
.try li{flex:1;max-width:360px}
.work{flex:1;display:flex;min-height:0}
iframe[name=sidebar]{width:300px;border:0;border-right:1px solid #dadce0;height:100%;flex:none}
#sheet{flex:1;overflow:auto;padding:8px;min-width:0}
#tabs{display:flex;flex-wrap:wrap;gap:4px;margin-bottom:8px}
#tabs button{font:inherit;border:1px solid #dadce0;background:#fff;border-radius:4px;padding:3px 8px;cursor:pointer}
#tabs button[aria-pressed=true]{background:#e8f0fe;border-color:#1a73e8;color:#174ea6;font-weight:500}
#tabs .sep{width:1px;background:#dadce0;margin:0 6px}
table{border-collapse:collapse}
.grid td,.grid th,.list td,.list th{border:1px solid #dadce0;padding:2px 6px;white-space:nowrap;max-width:260px;overflow:hidden;text-overflow:ellipsis;text-align:left}
.grid td.corner,.grid thead th,.grid th.row{background:#f1f3f4;color:#5f6368;font-weight:400;text-align:center}
.grid tr.frozen th{background:#f8f9fa;font-weight:600}
.list th{background:#f1f3f4}
.list td .body{white-space:pre-wrap;max-width:520px;padding:4px 0}
.list td:has(details[open]){white-space:normal;max-width:none}
.charts{display:flex;flex-wrap:wrap;gap:16px;margin-bottom:12px}
.chart{margin:0;padding:8px 12px;border:1px solid #dadce0;border-radius:8px;background:#fff}
.chart figcaption{font-weight:500;margin-bottom:6px}
.chart .value{fill:#5f6368}
.chart-note{color:#5f6368;font-size:11px;margin:4px 0 0}
.docs{list-style:none;display:flex;flex-wrap:wrap;gap:4px 12px;padding:0;margin:0 0 6px}
button.link{background:none;border:0;padding:0;font:inherit;color:#1a73e8;cursor:pointer;text-decoration:underline}
button.link[aria-current=true]{color:#202124;font-weight:600;text-decoration:none}
.doc-actions{margin:0 0 6px}
iframe.doc{display:block;width:100%;min-width:860px;height:1100px;border:0}
iframe.form{display:block;width:100%;max-width:760px;height:900px;border:1px solid #dadce0;margin-top:6px}
iframe.mail{display:block;width:100%;max-width:640px;height:320px;border:1px solid #dadce0;margin:6px 0}
.empty,.help{color:#5f6368}
`;

// The page's script: the tab bar, the panel, Docs and Form links opened here rather than on Google.
const SCRIPT = `
let current = '';
let doc = '';
let form = '';
function el(tag, text) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
async function refresh(navOnly) {
  const q = new URLSearchParams({ tab: current, doc, form });
  const data = await (await fetch('/panel?' + q)).json();
  current = data.current;
  const tabs = document.getElementById('tabs');
  tabs.replaceChildren();
  for (const t of data.tabs) {
    if (t.key === 'docs') tabs.append(Object.assign(el('span'), { className: 'sep' }));
    const b = el('button', t.label);
    b.type = 'button';
    b.setAttribute('aria-pressed', String(t.key === current));
    b.onclick = () => { current = t.key; doc = ''; form = ''; refresh(); };
    tabs.append(b);
  }
  const panel = document.getElementById('panel');
  if (navOnly) {
    // Keep the page in the panel (a Form being answered); bring its list up to date.
    const fresh = document.createElement('template');
    fresh.innerHTML = data.html;
    const list = fresh.content.querySelector('table.list');
    const shown = panel.querySelector('table.list');
    if (list && shown) shown.replaceWith(list);
    return;
  }
  panel.innerHTML = data.html;
  for (const b of panel.querySelectorAll('button[data-doc]')) b.onclick = () => { doc = b.dataset.doc; refresh(); };
  // Docs and Forms are as tall as their pages: nothing is out of sight inside a frame.
  for (const f of panel.querySelectorAll('iframe.doc, iframe.form')) f.addEventListener('load', () => {
    const d = f.contentDocument;
    if (!d) return;
    f.style.height = '0';
    f.style.height = (d.documentElement.scrollHeight + 4) + 'px';
    hook(d);
  });
}
/** Opens a Google link in the preview when the preview has it: a Doc under Docs, a Form under Forms. */
function open(url) {
  const d = /^https:\\/\\/docs\\.google\\.com\\/document\\/d\\/([A-Za-z0-9_-]+)/.exec(url);
  if (d) { current = 'docs'; doc = d[1]; form = ''; refresh(); return true; }
  if (/^https:\\/\\/docs\\.google\\.com\\/forms\\/d\\/e\\/[A-Za-z0-9_-]+\\/viewform/.test(url)) {
    current = 'forms'; form = url; doc = ''; refresh(); return true;
  }
  if (/^https:\\/\\/docs\\.google\\.com\\/forms\\/d\\//.test(url)) { current = 'forms'; form = ''; refresh(); return true; }
  return false;
}
function hook(d) {
  d.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (a && open(a.href)) e.preventDefault();
  }, true);
}
hook(document);
window.previewOpen = open;
window.addEventListener('message', (e) => {
  if (e.data === 'partner-hub:ran') refresh(current === 'forms' && form !== '');
  else if (e.data === 'partner-hub:answered') refresh(true);
  else if (e.data && e.data.type === 'partner-hub:open' && typeof e.data.url === 'string') open(e.data.url);
});
refresh();
`;

export function indexPage(addOn: AddOn): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner Hub preview</title><style>${STYLE}</style></head>
<body>${intro(addOn)}
<div class="work"><iframe src="/sidebar" name="sidebar" title="Partner Hub sidebar"></iframe>
<main id="sheet" aria-label="Spreadsheet and what the add-on made"><nav id="tabs" aria-label="Tabs"></nav><div id="panel"></div></main></div>
<script>${SCRIPT}</script></body></html>`;
}
