// A survey Form as a partner sees it, served at the Form's own path (/forms/d/e/<id>/viewform, with the
// prefilled `entry.<n>` values of a personal link), and its answers sent as Forms receives them
// (/forms/d/e/<id>/formResponse, one `entry.<n>` per answer): the in-memory Forms stores the response,
// writes the response tab and fires the add-on's form-submit trigger, as Google does. An unpublished or
// closed Form shows its message instead of its questions, as Forms does.
import type { InspectedForm, Workspace } from '../workspace';
import { escapeHtml } from './docs-view';

type Item = InspectedForm['items'][number];

/** The local path of a Form link ("https://docs.google.com/forms/d/e/…/viewform?…"), or null. */
export function localFormPath(url: string): string | null {
  const m = /^(?:https:\/\/docs\.google\.com)?(\/forms\/d\/e\/[A-Za-z0-9_-]+\/viewform)(\?[^#\s]*)?$/.exec(
    url,
  );
  return m ? `${m[1]}${m[2] ?? ''}` : null;
}

/** The Form whose published id is in the path "/forms/d/e/<id>/…". */
export function formAt(workspace: Workspace, pathname: string): InspectedForm | undefined {
  const id = /^\/forms\/d\/e\/([A-Za-z0-9_-]+)\//.exec(pathname)?.[1];
  return id ? workspace.forms.inspect().find((f) => f.publishedUrl.includes(`/e/${id}/`)) : undefined;
}

// Google Forms' look: a lilac page, white cards, the default purple theme.
const STYLE = `
body{margin:0;background:#f0ebf8;font:14px/1.5 Roboto,Arial,sans-serif;color:#202124}
main{max-width:640px;margin:12px auto 32px;padding:0 8px}
.card{background:#fff;border:1px solid #dadce0;border-radius:8px;padding:24px;margin-bottom:12px}
.head{border-top:10px solid #673ab7}
h1{font-size:32px;font-weight:400;line-height:1.25;margin:0 0 12px}
.description{white-space:pre-wrap;margin:0 0 12px}
.required-note,.help{color:#5f6368;font-size:12px;margin:0}
.head .required-note{border-top:1px solid #dadce0;padding-top:12px;color:#d93025}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend,.question{font-size:16px;padding:0;margin-bottom:8px}
.star{color:#d93025}
input[type=text],input[type=email],textarea,select{width:100%;box-sizing:border-box;font:inherit;border:0;border-bottom:1px solid #dadce0;padding:6px 0;background:transparent}
textarea{min-height:3em;resize:vertical}
.scale{display:flex;align-items:flex-end;gap:12px;flex-wrap:wrap}
.scale label{display:flex;flex-direction:column;align-items:center}
.scale .end{align-self:center;color:#5f6368}
.choice{display:block;margin:4px 0}
.error{border-color:#d93025;color:#d93025}
button{background:#673ab7;color:#fff;border:0;border-radius:4px;padding:9px 24px;font:500 14px Roboto,Arial,sans-serif;cursor:pointer}
.behind{background:#fff8e1;border:1px dashed #f9ab00;border-radius:8px;padding:12px 16px;font-size:13px}
`;

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main>${script}</body></html>`;
}

function required(item: Item): string {
  return item.required ? ' <span class="star" aria-hidden="true">*</span>' : '';
}

function help(item: Item, id: string): string {
  return item.helpText ? `<p class="help" id="${id}">${escapeHtml(item.helpText)}</p>` : '';
}

/** One question's card, its inputs named `entry.<n>` as in Forms, holding `given` when there is one. */
function question(item: Item, given: readonly string[]): string {
  const name = `entry.${item.entryId}`;
  const id = `q${item.entryId}`;
  const describedBy = item.helpText ? ` aria-describedby="${id}-help"` : '';
  const req = item.required ? ' required' : '';
  const value = given[0] ?? '';
  switch (item.type) {
    case 'SECTION_HEADER':
      return `<section class="card"><h2 class="question">${escapeHtml(item.title)}</h2>${help(item, `${id}-help`)}</section>`;
    case 'PAGE_BREAK':
      // Forms shows the next section on its own page; here every section follows on one page.
      return `<section class="card head"><h2 class="question">${escapeHtml(item.title || 'Next section')}</h2>${help(item, `${id}-help`)}</section>`;
    case 'TEXT':
    case 'PARAGRAPH_TEXT': {
      const field =
        item.type === 'TEXT'
          ? `<input type="text" id="${id}" name="${name}" value="${escapeHtml(value)}"${req}${describedBy}>`
          : `<textarea id="${id}" name="${name}"${req}${describedBy}>${escapeHtml(value)}</textarea>`;
      return `<div class="card"><label class="question" for="${id}">${escapeHtml(item.title)}${required(item)}</label>${help(item, `${id}-help`)}${field}</div>`;
    }
    case 'SCALE': {
      const [low, high] = item.bounds ?? [1, 5];
      const [left, right] = item.labels ?? ['', ''];
      let options = '';
      for (let n = low; n <= high; n++) {
        const checked = value === String(n) ? ' checked' : '';
        options += `<label><span>${n}</span><input type="radio" name="${name}" value="${n}"${checked}${req}></label>`;
      }
      return `<div class="card"><fieldset${describedBy}><legend>${escapeHtml(item.title)}${required(item)}</legend>${help(item, `${id}-help`)}<div class="scale">${left ? `<span class="end">${escapeHtml(left)}</span>` : ''}${options}${right ? `<span class="end">${escapeHtml(right)}</span>` : ''}</div></fieldset></div>`;
    }
    case 'MULTIPLE_CHOICE':
    case 'CHECKBOX': {
      const type = item.type === 'CHECKBOX' ? 'checkbox' : 'radio';
      const choices = item.choices
        .map((c) => {
          const checked = given.includes(c) ? ' checked' : '';
          const r = type === 'radio' ? req : '';
          return `<label class="choice"><input type="${type}" name="${name}" value="${escapeHtml(c)}"${checked}${r}> ${escapeHtml(c)}</label>`;
        })
        .join('');
      return `<div class="card"><fieldset${describedBy}><legend>${escapeHtml(item.title)}${required(item)}</legend>${help(item, `${id}-help`)}${choices}</fieldset></div>`;
    }
    case 'LIST': {
      const options = ['', ...item.choices]
        .map((c) => {
          const selected = c === value ? ' selected' : '';
          return `<option value="${escapeHtml(c)}"${selected}>${c ? escapeHtml(c) : 'Choose'}</option>`;
        })
        .join('');
      return `<div class="card"><label class="question" for="${id}">${escapeHtml(item.title)}${required(item)}</label>${help(item, `${id}-help`)}<select id="${id}" name="${name}"${req}${describedBy}>${options}</select></div>`;
    }
  }
}

/** The values of `entry.<n>` fields, by entry number. */
function entries(params: URLSearchParams): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const [key, value] of params) {
    const m = /^entry\.(\d+)$/.exec(key);
    if (m) out.set(Number(m[1]), [...(out.get(Number(m[1])) ?? []), value]);
  }
  return out;
}

/** The page a person opening this Form link sees: its questions, or why it takes no answers. */
export function formPage(form: InspectedForm, params: URLSearchParams, error = ''): string {
  const head = `<h1>${escapeHtml(form.title)}</h1>`;
  if (!form.published) {
    return page(
      form.title,
      `<div class="card head">${head}<p>This form is not published: it takes no answers until its owner publishes it.</p></div>`,
    );
  }
  if (!form.acceptingResponses) {
    const message =
      form.closedMessage ||
      `The form ${form.title} is no longer accepting responses. Try contacting the owner of the form if you think this is a mistake.`;
    return page(form.title, `<div class="card head">${head}<p>${escapeHtml(message)}</p></div>`);
  }
  const given = entries(params);
  const hasRequired = form.items.some((i) => i.required);
  const account =
    form.collectEmail || form.requireLogin
      ? `<div class="card"><label class="question" for="email">${form.requireLogin ? 'Signed in as' : 'Email'} <span class="star" aria-hidden="true">*</span></label>${form.requireLogin ? '<p class="help">Only accounts in the school’s domain can answer (the preview has no sign-in: type the account).</p>' : ''}<input type="email" id="email" name="emailAddress" value="${escapeHtml(params.get('emailAddress') ?? '')}" required></div>`
      : '';
  const alert = error ? `<div class="card error" role="alert">${escapeHtml(error)}</div>` : '';
  const action = `/forms/d/e/${escapeHtml(/\/e\/([A-Za-z0-9_-]+)\//.exec(form.publishedUrl)?.[1] ?? '')}/formResponse`;
  const body = `<div class="card head">${head}${form.description ? `<p class="description">${escapeHtml(form.description)}</p>` : ''}${hasRequired ? '<p class="required-note">* Indicates required question</p>' : ''}</div>${alert}<form method="post" action="${action}" aria-label="${escapeHtml(form.title)}">${account}${form.items.map((i) => question(i, given.get(i.entryId) ?? [])).join('')}<button type="submit">Submit</button></form>`;
  return page(form.title, body);
}

/**
 * A person sends the Form: the answers go to the in-memory Forms as Forms receives them, which fires
 * the form-submit triggers. The page is the Form's confirmation, or the Form again with what is wrong.
 */
export function submitForm(workspace: Workspace, form: InspectedForm, body: string): string {
  const params = new URLSearchParams(body);
  const answers = new URLSearchParams();
  for (const [key, value] of params) if (/^entry\.\d+$/.test(key)) answers.append(key, value);
  const email = params.get('emailAddress') ?? '';
  let fired;
  try {
    fired = workspace.forms.submit(
      `${form.publishedUrl}?${answers.toString()}`,
      {},
      email ? { email } : {},
    ).fired;
  } catch (error) {
    return formPage(form, params, (error as Error).message);
  }
  const message = form.confirmationMessage || 'Your response has been recorded.';
  // Outside what the partner sees: what Google did with the answer behind the scenes.
  const behind = fired.length
    ? fired
        .map(
          (t) =>
            `<p>Google ran the add-on’s form-submit trigger (<code>${escapeHtml(t.handler)}</code>)${t.error ? `: it failed with “${escapeHtml(t.error)}”` : '.'}</p>`,
        )
        .join('')
    : '<p>No form-submit trigger is installed for this Form: nothing ran.</p>';
  return page(
    form.title,
    `<div class="card head"><h1>${escapeHtml(form.title)}</h1><p role="status">${escapeHtml(message)}</p></div><aside class="behind" aria-label="In the preview">${behind}<p>The coordinator sees the answer after refreshing the survey’s responses in the sidebar.</p></aside>`,
    "<script>if (parent !== window) parent.postMessage('partner-hub:answered', '*');</script>",
  );
}
