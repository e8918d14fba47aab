// Checks on what leaves the add-on: cells, email, Docs, calendar events and Forms. Each returns the
// problems it found, as sentences, so one assertion shows them all.
import type { AddOn } from '../../dev/gas';
import type { DocNode, SentMail } from '../../dev/workspace';

/** Tags an email body may hold, and the one attribute: a link's href. */
const MAIL_TAGS = new Set(['p', 'br', 'a', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'u']);
const SAFE_HREF = /^(https?:|mailto:)/i;
// eslint-disable-next-line no-control-regex -- line breaks and control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The markup of an HTML fragment, tag by tag: only known tags, no event handler, no attribute but a
 * link's http(s)/mailto href. Escaped text (&lt;script&gt;) is text and passes.
 */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (/<\s*script/i.test(html)) problems.push('holds a <script> tag');
  for (const m of html.matchAll(/<\/?\s*([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    const tag = m[1].toLowerCase();
    if (!MAIL_TAGS.has(tag)) problems.push(`holds a <${tag}> tag`);
    if (m[0].startsWith('</')) continue;
    for (const a of m[2].matchAll(/([^\s=/]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const name = a[1].toLowerCase();
      const value = unescapeHtml((a[2] ?? '').replace(/^["']|["']$/g, ''));
      if (name.startsWith('on')) problems.push(`has an event handler ${name}=`);
      else if (tag !== 'a' || name !== 'href') problems.push(`has an attribute ${name} on <${tag}>`);
      else if (!SAFE_HREF.test(value.trim())) problems.push(`links to ${JSON.stringify(value.slice(0, 60))}`);
    }
  }
  return problems;
}

/** Every sent email: a one-line subject and sender name, only intended recipients, a safe HTML body. */
export function mailProblems(mail: readonly SentMail[], intended: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const m of mail) {
    const where = `email to ${m.to.join(',')} ("${m.subject.slice(0, 40)}")`;
    if (CONTROL.test(m.subject))
      problems.push(`${where}: the subject holds a line break or control character`);
    if (m.name !== null && CONTROL.test(m.name))
      problems.push(`${where}: the sender name holds a line break`);
    if (m.to.length !== 1) problems.push(`${where}: has ${m.to.length} recipients`);
    if (m.cc.length || m.bcc.length)
      problems.push(`${where}: has cc or bcc ${[...m.cc, ...m.bcc].join(',')}`);
    if (m.replyTo !== null) problems.push(`${where}: has a reply-to ${m.replyTo}`);
    for (const to of m.to)
      if (!intended.has(to.toLowerCase()))
        problems.push(`${where}: goes to ${to}, which is nobody's contact`);
    if (m.htmlBody !== null)
      for (const p of htmlProblems(m.htmlBody)) problems.push(`${where}: its HTML ${p}`);
  }
  return problems;
}

/** Links in a Doc: each run's link, anywhere in the body (tables too), must be http(s) or mailto. */
export function docLinks(node: DocNode): string[] {
  const out: string[] = [];
  for (const r of node.runs ?? []) if (r.link) out.push(r.link);
  for (const child of node.children ?? []) out.push(...docLinks(child));
  return out;
}

export function docProblems(addOn: AddOn): string[] {
  const w = addOn.workspace;
  const problems: string[] = [];
  for (const f of w.inspectDrive().files) {
    if (f.mimeType !== 'application/vnd.google-apps.document') continue;
    const doc = w.inspectDocument(f.id);
    for (const link of docLinks(doc.tree))
      if (!SAFE_HREF.test(link))
        problems.push(`Doc "${doc.name.slice(0, 40)}" links to ${link.slice(0, 80)}`);
    if (CONTROL.test(doc.name)) problems.push(`Doc name "${doc.name.slice(0, 40)}" holds a line break`);
  }
  return problems;
}

/** A formula the add-on writes on purpose: the Gaps tab's links to a row of this spreadsheet. */
const OWN_FORMULA = /^=HYPERLINK\("#gid=\d+&range=A\d+", "Open (need|partner)"\)$/;

/** No cell of any tab holds a formula, except `allowed` ones ("Tab!R1C1") and the add-on's own row links. */
export function formulaProblems(addOn: AddOn, allowed: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  for (const tab of addOn.workspace.inspect().tabs) {
    tab.formulas.forEach((row, r) =>
      row.forEach((f, c) => {
        if (!f || allowed.has(`${tab.name}!R${r + 1}C${c + 1}`)) return;
        if (tab.name === 'Gaps' && OWN_FORMULA.test(f)) return;
        problems.push(`${tab.name}!R${r + 1}C${c + 1} holds the formula ${f.slice(0, 60)}`);
      }),
    );
  }
  return problems;
}

/** Calendar events: one-line titles and locations; descriptions the add-on wrote as plain text. */
export function eventProblems(addOn: AddOn, intended: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const e of addOn.workspace.calendar.inspect()) {
    const where = `event "${e.title.slice(0, 40)}"`;
    if (CONTROL.test(e.title)) problems.push(`${where}: the title holds a line break`);
    if (CONTROL.test(e.location)) problems.push(`${where}: the location holds a line break`);
    for (const g of e.guests) if (!intended.has(g.toLowerCase())) problems.push(`${where}: invites ${g}`);
  }
  return problems;
}

/** Forms: the Form's title, question titles and choices on one line. */
export function formProblems(addOn: AddOn): string[] {
  const problems: string[] = [];
  for (const f of addOn.workspace.forms.inspect()) {
    if (CONTROL.test(f.title)) problems.push(`Form "${f.title.slice(0, 40)}": the title holds a line break`);
    for (const i of f.items)
      for (const c of i.choices)
        if (CONTROL.test(c)) problems.push(`Form "${f.title.slice(0, 40)}": a choice holds a line break`);
    for (const i of f.items)
      if (CONTROL.test(i.title))
        problems.push(`Form "${f.title.slice(0, 40)}": a question title holds a line break`);
  }
  return problems;
}
