// FormApp: forms, their settings and items, responses made by the script or by a person (the uncounted
// workspace.forms.submit), the response tab in a destination spreadsheet, and onFormSubmit triggers.
import { Counted, Env, isDate } from './env';
import {
  AnswerData,
  AnswerValue,
  checkAnswer,
  DestinationData,
  FakeItem,
  FakeItemResponse,
  FakeCheckboxItem,
  FakeMultipleChoiceItem,
  FakeParagraphTextItem,
  FakeScaleItem,
  FakeTextItem,
  FakeTextValidationBuilder,
  FormData,
  isQuestion,
  ItemData,
  ItemHost,
  ItemTypeName,
  ResponseData,
} from './form-items';
import { FakeRange } from './range';
import type { FiredTrigger, TriggerTable } from './script';
import type { SpreadsheetRegistry } from './spreadsheet-app';
import { displayValue } from './values';

export { ItemType } from './form-items';
export type { FormData, ItemData, ResponseData } from './form-items';

export const DestinationType = Object.freeze({ SPREADSHEET: 'SPREADSHEET' });
export const NO_FORM =
  'No item with the given ID could be found, or you do not have permission to access it.';
/** What Drive needs to show a form as a Drive file (drive.ts's DriveSource). */
export interface FormDriveSource {
  mimeType: string;
  url: string;
  getName(): string;
  setName(name: string): void;
}

const FORMS_MIME = 'application/vnd.google-apps.form';
const TIMESTAMP_FORMAT = 'M/d/yyyy H:mm:ss';
// forms/api/guides/api-changes-to-google-forms: forms created through the API after June 30, 2026 start
// unpublished and take no responses until published.
const UNPUBLISHED_FROM = Date.UTC(2026, 6, 1);
// Apps Script's error for setAcceptingResponses(true) before setPublished(true) (issue #26 of
// boilermaker-ben/Google-Sheets-NFL-Pick-Ems-and-Survivor-Pool; forms/api/reference/rest/v1/forms
// PublishState: accepting responses while unpublished "isn't supported and returns an error").
const UNPUBLISHED = 'Operation not supported on unpublished form';

export interface FormsState {
  forms: FormData[];
  /** The domain's default for new forms: respondents must sign in to it (absent: false). */
  requireLoginByDefault?: boolean;
}

export interface InspectedForm {
  id: string;
  title: string;
  description: string;
  publishedUrl: string;
  editUrl: string;
  published: boolean;
  /** Whether a respondent can answer now: published and accepting responses. */
  acceptingResponses: boolean;
  requireLogin: boolean;
  /** Respondents give their email address (setCollectEmail). */
  collectEmail: boolean;
  /** Shown after an answer is sent ('' for Forms' own "Your response has been recorded."). */
  confirmationMessage: string;
  /** Shown instead of the questions when the form takes no answers ('' for Forms' own words). */
  closedMessage: string;
  items: Array<{
    id: number;
    entryId: number;
    type: ItemTypeName;
    title: string;
    helpText: string;
    required: boolean;
    choices: string[];
    bounds: [number, number] | null;
    /** A scale's words at its low and high ends. */
    labels: [string, string] | null;
  }>;
  responses: Array<{ id: string; timestamp: string; email: string; answers: Record<string, AnswerValue> }>;
  destination: { spreadsheetId: string; sheetId: number } | null;
}

/** A person's answers for workspace.forms.submit: by item title or item id. */
export type SubmittedAnswers = Record<string, string | string[] | number>;

export interface SubmitResult {
  id: string;
  timestamp: Date;
  email: string;
  answers: Record<string, AnswerValue>;
  fired: FiredTrigger[];
}

function copyForm(f: FormData): FormData {
  return {
    ...f,
    // States saved before publishing existed hold forms that were all published, none domain-only.
    published: f.published ?? true,
    requireLogin: f.requireLogin ?? false,
    items: f.items.map((i) => ({ ...i, choices: [...i.choices] })),
    responses: f.responses.map((r) => ({
      ...r,
      answers: r.answers.map((a) => ({
        itemId: a.itemId,
        value: Array.isArray(a.value) ? [...a.value] : a.value,
      })),
    })),
    destination: f.destination ? { ...f.destination, columns: [...f.destination.columns] } : null,
  };
}

function publishedUrl(f: FormData): string {
  return `https://docs.google.com/forms/d/e/${f.publishedId}/viewform`;
}

function editUrl(f: FormData): string {
  return `https://docs.google.com/forms/d/${f.id}/edit`;
}

/** application/x-www-form-urlencoded, as in Forms' prefilled links (space → '+'). */
function formEncode(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+');
}

/** An unpublished form accepts nothing, whatever setAcceptingResponses said before. */
function accepting(f: FormData): boolean {
  return f.published && f.acceptingResponses;
}

function answerText(v: AnswerValue | undefined): string {
  if (v === undefined) return '';
  return Array.isArray(v) ? v.join(', ') : v;
}

/** The forms of the workspace and what happens when one is answered. Nothing here counts. */
export class FormStore {
  readonly forms = new Map<string, FormData>();
  /** Set by the workspace to make each new form a Drive file. */
  onCreate: ((form: FormData) => void) | null = null;
  /** New forms require respondents to sign in to the owner's domain (a school domain's default). */
  requireLoginByDefault = false;
  private readonly fakes = new WeakMap<FormData, FakeForm>();

  constructor(
    readonly env: Env,
    readonly registry: SpreadsheetRegistry,
    readonly triggers: TriggerTable,
    state?: FormsState,
  ) {
    if (state) {
      for (const f of state.forms) this.forms.set(f.id, copyForm(f));
      this.requireLoginByDefault = state.requireLoginByDefault ?? false;
    }
    // The tabs' links to their forms are not saved with the spreadsheets: they follow the destinations.
    for (const f of this.forms.values()) this.link(f, true);
  }

  /**
   * Not counted: the Workspace domain's default for new forms. With requireLogin, respondents must sign
   * in to an account in the owner's domain (that of the workspace's user) or a subdomain of it.
   */
  setDomainDefault(defaults: { requireLogin: boolean }): void {
    this.requireLoginByDefault = defaults.requireLogin;
  }

  /**
   * Not counted: a person ticks or unticks "Restrict to users in <domain>" in the Forms editor
   * (Settings > Responses; reference/forms/form#setRequireLogin(Boolean) changes the same setting).
   */
  setRequireLogin(formId: string, requireLogin: boolean): void {
    const form = this.forms.get(formId);
    if (!form) throw new Error(`No form ${formId}`);
    form.requireLogin = requireLogin;
  }

  /** The owner's domain: that of the workspace's user. */
  private domain(): string {
    return this.env.userEmail.slice(this.env.userEmail.lastIndexOf('@') + 1).toLowerCase();
  }

  /** Marks the destination tab as the form's (getFormUrl), or unmarks it. */
  private link(form: FormData, on: boolean): void {
    const dest = form.destination;
    const sheet = dest
      ? this.registry.books.get(dest.spreadsheetId)?.data.sheetById(dest.sheetId)
      : undefined;
    if (sheet && (on || sheet.formId === form.id)) sheet.formId = on ? form.id : null;
  }

  private randomDigits(n: number): number {
    let s = String(1 + (this.env.nextRandom() % 9));
    while (s.length < n) s += String(this.env.nextRandom() % 10);
    return Number(s);
  }

  /** published: FormApp.create(title, isPublished); else by the date, as the API does. */
  create(title: string, published?: boolean): FormData {
    let publishedId = '1FAIpQLS';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    while (publishedId.length < 56) publishedId += alphabet[this.env.nextRandom() % 64];
    const f: FormData = {
      id: this.env.nextFileId(),
      publishedId,
      fileName: title,
      title,
      description: '',
      confirmationMessage: '',
      customClosedFormMessage: '',
      collectEmail: false,
      allowResponseEdits: false,
      limitOneResponsePerUser: false,
      acceptingResponses: true,
      published: published ?? this.env.now().getTime() < UNPUBLISHED_FROM,
      requireLogin: this.requireLoginByDefault,
      progressBar: false,
      showLinkToRespondAgain: true,
      items: [],
      responses: [],
      destination: null,
    };
    this.forms.set(f.id, f);
    this.onCreate?.(f);
    return f;
  }

  newItem(form: FormData, type: ItemTypeName): ItemData {
    const ids = new Set(form.items.flatMap((i) => [i.id, i.entryId]));
    let id = this.randomDigits(9);
    while (ids.has(id)) id = this.randomDigits(9);
    ids.add(id);
    let entryId = this.randomDigits(10);
    while (ids.has(entryId)) entryId = this.randomDigits(10);
    const item: ItemData = {
      id,
      entryId,
      type,
      title: '',
      helpText: '',
      required: false,
      choices: [],
      hasOther: false,
      lower: 1,
      upper: 5,
      leftLabel: '',
      rightLabel: '',
    };
    form.items.push(item);
    if (isQuestion(item)) this.addColumn(form, item.id);
    return item;
  }

  /** The form for an id, an edit URL or a published (viewform) URL. */
  find(idOrUrl: string): FormData | undefined {
    const published = /\/forms\/d\/e\/([A-Za-z0-9_-]+)/.exec(idOrUrl);
    if (published) return [...this.forms.values()].find((f) => f.publishedId === published[1]);
    const id = /\/forms\/d\/([A-Za-z0-9_-]+)/.exec(idOrUrl)?.[1] ?? idOrUrl;
    return this.forms.get(id);
  }

  fake(form: FormData): FakeForm {
    let f = this.fakes.get(form);
    if (!f) {
      f = new FakeForm(this, form);
      this.fakes.set(form, f);
    }
    return f;
  }

  /** For Drive: a form by id, as a Drive file. */
  driveSource(id: string): FormDriveSource | undefined {
    const f = this.forms.get(id);
    if (!f) return undefined;
    return {
      mimeType: FORMS_MIME,
      url: `${editUrl(f)}?usp=drivesdk`,
      getName: () => f.fileName,
      setName: (name: string) => {
        f.fileName = name;
      },
    };
  }

  // --- the response tab -------------------------------------------------------------------------

  private destinationSheet(form: FormData) {
    const dest = form.destination;
    if (!dest) return null;
    const book = this.registry.books.get(dest.spreadsheetId);
    const sheet = book?.data.sheetById(dest.sheetId);
    return book && sheet ? { book, sheet, dest } : null;
  }

  private headerOf(form: FormData, column: number | 'email'): string {
    if (column === 'email') return 'Email Address';
    return form.items.find((i) => i.id === column)?.title ?? '';
  }

  /** A new question gets a column at the end of the response tab, as in Forms. */
  addColumn(form: FormData, column: number | 'email'): void {
    const target = this.destinationSheet(form);
    if (!target) return;
    target.dest.columns.push(column);
    const c = target.dest.columns.length + 1;
    if (c > target.sheet.maxColumns) target.sheet.insertColumns(target.sheet.maxColumns + 1, 1, null);
    target.sheet.writable(1, c).v = this.headerOf(form, column);
  }

  titleChanged(form: FormData, item: ItemData): void {
    const target = this.destinationSheet(form);
    if (!target) return;
    const i = target.dest.columns.indexOf(item.id);
    if (i >= 0) target.sheet.writable(1, i + 2).v = item.title;
  }

  setDestination(form: FormData, spreadsheetId: string): void {
    const book = this.registry.books.get(this.registry.idOf(spreadsheetId));
    if (!book) this.env.fail(NO_FORM);
    let n = 1;
    const taken = (name: string) => book.data.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase());
    while (taken(`Form Responses ${n}`)) n++;
    // Forms puts its new tab first in the workbook (as reported; no reference page says where).
    const sheet = book.addSheet(`Form Responses ${n}`, 0);
    const columns: Array<number | 'email'> = [
      ...(form.collectEmail ? (['email'] as const) : []),
      ...form.items.filter(isQuestion).map((i) => i.id),
    ];
    this.link(form, false);
    form.destination = { spreadsheetId: book.data.id, sheetId: sheet.id, columns };
    this.link(form, true);
    const header = ['Timestamp', ...columns.map((c) => this.headerOf(form, c))];
    if (header.length > sheet.maxColumns)
      sheet.insertColumns(sheet.maxColumns + 1, header.length - sheet.maxColumns, null);
    header.forEach((h, j) => {
      sheet.writable(1, j + 1).v = h;
    });
    sheet.frozenRows = 1;
    for (const r of form.responses) this.writeRow(form, r);
  }

  /** Appends the response's row; returns where, with the values as the tab now shows them. */
  private writeRow(form: FormData, r: ResponseData) {
    const target = this.destinationSheet(form);
    if (!target) return null;
    const { book, sheet, dest } = target;
    const row = sheet.lastRow() + 1;
    if (row > sheet.maxRows) sheet.insertRows(sheet.maxRows + 1, row - sheet.maxRows, null);
    const width = dest.columns.length + 1;
    if (width > sheet.maxColumns) sheet.insertColumns(sheet.maxColumns + 1, width - sheet.maxColumns, null);
    const answers = dest.columns.map((c) => {
      const text = c === 'email' ? r.email : answerText(r.answers.find((a) => a.itemId === c)?.value);
      // Sheets reads answers like typed input (leading zeros go, '-5' is a number), but never as a formula.
      return /^(=|[+\-@](?!\d+(\.\d+)?$))/.test(text) ? `'${text}` : text;
    });
    const range = new FakeRange(book.sheet(sheet), row, 1, 1, width);
    range.writeValuesUncounted([[new Date(r.timestamp), ...answers]]);
    const stamp = sheet.writable(row, 1);
    if (stamp.fmt === undefined) stamp.fmt = TIMESTAMP_FORMAT;
    const zone = book.data.timeZone;
    const values = Array.from({ length: width }, (_, j) => {
      const cell = sheet.cell(row, j + 1);
      return cell ? displayValue(cell.v, cell.fmt ?? '', zone) : '';
    });
    const namedValues: Record<string, string[]> = {};
    Array.from({ length: width }, (_, j) => {
      const header = String(sheet.cell(1, j + 1)?.v ?? '');
      (namedValues[header] ??= []).push(values[j]);
    });
    return { book, sheet, row, width, values, namedValues };
  }

  /** Stores a submitted response, writes its row and fires the onFormSubmit triggers. */
  record(form: FormData, r: ResponseData): FiredTrigger[] {
    form.responses.push(r);
    const written = this.writeRow(form, r);
    const fired = this.triggers.fireFor('FORMS', form.id, 'ON_FORM_SUBMIT', () => ({
      source: this.fake(form),
      response: new FakeFormResponse(this, form, r, true),
    }));
    if (written) {
      fired.push(
        ...this.triggers.fireFor('SPREADSHEETS', written.book.data.id, 'ON_FORM_SUBMIT', () => ({
          source: written.book.spreadsheet(),
          range: new FakeRange(written.book.sheet(written.sheet), written.row, 1, 1, written.width),
          values: [...written.values],
          namedValues: Object.fromEntries(Object.entries(written.namedValues).map(([k, v]) => [k, [...v]])),
        })),
      );
    }
    return fired;
  }

  newResponseId(): string {
    let id = '2_ABaOnu';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    while (id.length < 70) id += alphabet[this.env.nextRandom() % 64];
    return id;
  }

  /**
   * A person fills in the form, starting from its id, its URL or a prefilled link (whose values they
   * may change in `answers`, keyed by item title or item id); options.email is the account they are
   * signed in to, if any. Fails with what the person would be told (in the fake's words): unpublished
   * form, form for the owner's domain only, closed form, unanswered required question, answer the item
   * cannot take, second answer when limited to one.
   */
  submit(
    formIdOrUrl: string,
    answers: SubmittedAnswers = {},
    options: { email?: string } = {},
  ): SubmitResult {
    const form = this.find(formIdOrUrl);
    if (!form) throw new Error(`No form ${formIdOrUrl}`);
    const email = options.email ?? '';
    // forms/api/guides/api-changes-to-google-forms: an unpublished form receives no responses.
    if (!form.published)
      throw new Error(
        `The form ${form.title} is not published: it takes no responses until its owner publishes it.`,
      );
    // reference/forms/form#requiresLogin(): respondents sign in to the owner's domain or a subdomain.
    const domain = this.domain();
    const at = email.toLowerCase().slice(email.lastIndexOf('@') + 1);
    if (form.requireLogin && !(email.includes('@') && (at === domain || at.endsWith(`.${domain}`)))) {
      throw new Error(
        email === ''
          ? `Sign in to continue: only people signed in to an account in ${domain} can answer ${form.title}.`
          : `You need permission: only people signed in to an account in ${domain} can answer ${form.title}.`,
      );
    }
    // reference/forms/form#getCustomClosedFormMessage(): shown instead when the form takes no responses.
    if (!form.acceptingResponses) {
      throw new Error(
        form.customClosedFormMessage || `The form ${form.title} is no longer accepting responses.`,
      );
    }
    const given = new Map<number, unknown>();
    const query = formIdOrUrl.indexOf('?');
    if (query >= 0) {
      const params = new URLSearchParams(formIdOrUrl.slice(query + 1));
      for (const [key, value] of params) {
        const m = /^entry\.(\d+)$/.exec(key);
        if (!m) continue;
        const item = form.items.find((i) => i.entryId === Number(m[1]));
        if (!item) continue;
        if (item.type === 'CHECKBOX') {
          const prev = given.get(item.id);
          given.set(item.id, [...(Array.isArray(prev) ? prev : []), value]);
        } else given.set(item.id, value);
      }
    }
    for (const [key, value] of Object.entries(answers)) {
      const item =
        form.items.find((i) => isQuestion(i) && i.title === key) ??
        form.items.find((i) => String(i.id) === key);
      if (!item || !isQuestion(item)) throw new Error(`The form has no question "${key}".`);
      given.set(item.id, value);
    }
    const stored: AnswerData[] = [];
    for (const item of form.items.filter(isQuestion)) {
      const v = given.get(item.id);
      const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
      if (empty) {
        if (item.required) throw new Error(`"${item.title}" is a required question.`);
        continue;
      }
      stored.push({ itemId: item.id, value: checkAnswer(this.env, item, v) });
    }
    if (form.collectEmail && email === '')
      throw new Error('This form collects email addresses: pass options.email.');
    if (form.limitOneResponsePerUser && email !== '' && form.responses.some((r) => r.email === email)) {
      throw new Error('You can fill out this form only once.');
    }
    const r: ResponseData = {
      id: this.newResponseId(),
      timestamp: this.env.now().getTime(),
      email: form.collectEmail ? email : '',
      answers: stored,
    };
    const fired = this.record(form, r);
    return {
      id: r.id,
      timestamp: new Date(r.timestamp),
      email: r.email,
      answers: Object.fromEntries(
        r.answers.map((a) => [form.items.find((i) => i.id === a.itemId)?.title ?? String(a.itemId), a.value]),
      ),
      fired,
    };
  }

  inspect(): InspectedForm[] {
    return [...this.forms.values()].map((f) => ({
      id: f.id,
      title: f.title,
      description: f.description,
      publishedUrl: publishedUrl(f),
      editUrl: editUrl(f),
      published: f.published,
      acceptingResponses: accepting(f),
      requireLogin: f.requireLogin,
      collectEmail: f.collectEmail,
      confirmationMessage: f.confirmationMessage,
      closedMessage: f.customClosedFormMessage,
      items: f.items.map((i) => ({
        id: i.id,
        entryId: i.entryId,
        type: i.type,
        title: i.title,
        helpText: i.helpText,
        required: i.required,
        choices: [...i.choices],
        bounds: i.type === 'SCALE' ? [i.lower, i.upper] : null,
        labels: i.type === 'SCALE' ? [i.leftLabel, i.rightLabel] : null,
      })),
      responses: f.responses.map((r) => ({
        id: r.id,
        timestamp: new Date(r.timestamp).toISOString(),
        email: r.email,
        answers: Object.fromEntries(
          r.answers.map((a) => [f.items.find((i) => i.id === a.itemId)?.title ?? String(a.itemId), a.value]),
        ),
      })),
      destination: f.destination
        ? { spreadsheetId: f.destination.spreadsheetId, sheetId: f.destination.sheetId }
        : null,
    }));
  }

  toJSON(): FormsState {
    return {
      forms: [...this.forms.values()].map(copyForm),
      ...(this.requireLoginByDefault ? { requireLoginByDefault: true } : {}),
    };
  }
}

export class FakeFormResponse extends Counted {
  private readonly hostOf: ItemHost;

  constructor(
    private readonly store: FormStore,
    private readonly form: FormData,
    readonly data: ResponseData,
    private submitted: boolean,
  ) {
    super(store.env, 'FormApp', 'FormResponse');
    this.hostOf = store.fake(form).host;
  }

  /** null until submitted. */
  getId(): string | null {
    this.rec('getId');
    return this.submitted ? this.data.id : null;
  }
  getTimestamp(): Date | null {
    this.rec('getTimestamp');
    return this.submitted ? this.env.date(this.data.timestamp) : null;
  }
  /** The answers given, in the form's order of items. */
  getItemResponses(): FakeItemResponse[] {
    this.rec('getItemResponses');
    return this.form.items
      .map((item) => {
        const a = this.data.answers.find((x) => x.itemId === item.id);
        return a ? new FakeItemResponse(this.hostOf, item, a.value) : null;
      })
      .filter((x): x is FakeItemResponse => x !== null);
  }
  withItemResponse(response: unknown): this {
    this.rec('withItemResponse');
    if (!(response instanceof FakeItemResponse) || !this.form.items.includes(response.itemData)) {
      this.env.fail('Invalid argument: response');
    }
    const answers = this.data.answers.filter((a) => a.itemId !== response.itemData.id);
    answers.push({
      itemId: response.itemData.id,
      value: Array.isArray(response.value) ? [...response.value] : response.value,
    });
    this.data.answers = answers;
    return this;
  }
  /** The published URL with `usp=pp_url` and one `entry.<n>=` per answer (repeated for checkboxes). */
  toPrefilledUrl(): string {
    this.rec('toPrefilledUrl');
    const parts = ['usp=pp_url'];
    for (const item of this.form.items) {
      const a = this.data.answers.find((x) => x.itemId === item.id);
      if (!a) continue;
      for (const v of Array.isArray(a.value) ? a.value : [a.value])
        parts.push(`entry.${item.entryId}=${formEncode(v)}`);
    }
    return `${publishedUrl(this.form)}?${parts.join('&')}`;
  }
  /**
   * Submits a response the script built; it is stored, written to the response tab and fires the
   * onFormSubmit triggers like a person's. Submitting a submitted response again changes it in place.
   */
  submit(): this {
    this.rec('submit');
    if (this.submitted) return this;
    if (!accepting(this.form)) this.env.fail('This form is no longer accepting responses.');
    this.data.id = this.store.newResponseId();
    this.data.timestamp = this.env.now().getTime();
    this.submitted = true;
    this.store.record(this.form, this.data);
    return this;
  }
}

export class FakeForm extends Counted {
  readonly host: ItemHost;

  constructor(
    private readonly store: FormStore,
    readonly data: FormData,
  ) {
    super(store.env, 'FormApp', 'Form');
    this.host = {
      env: store.env,
      form: data,
      titleChanged: (item) => store.titleChanged(data, item),
      item: (item) => new FakeItem(this.host, item),
    };
  }

  private add<T>(method: string, type: ItemTypeName, make: (host: ItemHost, d: ItemData) => T): T {
    this.rec(method);
    return make(this.host, this.store.newItem(this.data, type));
  }

  getId(): string {
    this.rec('getId');
    return this.data.id;
  }
  setDescription(description: string): this {
    this.rec('setDescription');
    this.data.description = String(description);
    return this;
  }
  getPublishedUrl(): string {
    this.rec('getPublishedUrl');
    return publishedUrl(this.data);
  }
  getEditUrl(): string {
    this.rec('getEditUrl');
    return editUrl(this.data);
  }
  setCollectEmail(collect: boolean): this {
    this.rec('setCollectEmail');
    const on = collect === true;
    if (
      on &&
      !this.data.collectEmail &&
      this.data.destination &&
      !this.data.destination.columns.includes('email')
    ) {
      this.data.collectEmail = true;
      this.store.addColumn(this.data, 'email');
    }
    this.data.collectEmail = on;
    return this;
  }
  isAcceptingResponses(): boolean {
    this.rec('isAcceptingResponses');
    return accepting(this.data);
  }
  setAcceptingResponses(enabled: boolean): this {
    this.rec('setAcceptingResponses');
    if (enabled === true && !this.data.published) this.env.fail(UNPUBLISHED);
    this.data.acceptingResponses = enabled === true;
    return this;
  }
  // reference/forms/form#setPublished(Boolean); forms/api/guides/publish-form: publishing "also enables
  // accepting responses"; unpublishing stops them (PublishState).
  isPublished(): boolean {
    this.rec('isPublished');
    return this.data.published;
  }
  setPublished(enabled: boolean): this {
    this.rec('setPublished');
    this.data.published = enabled === true;
    this.data.acceptingResponses = enabled === true;
    return this;
  }
  // reference/forms/form#requiresLogin() (deprecated, still there): sign-in to the owner's domain.
  requiresLogin(): boolean {
    this.rec('requiresLogin');
    return this.data.requireLogin;
  }

  addTextItem(): FakeTextItem {
    return this.add('addTextItem', 'TEXT', (h, d) => new FakeTextItem(h, d));
  }
  addParagraphTextItem(): FakeParagraphTextItem {
    return this.add('addParagraphTextItem', 'PARAGRAPH_TEXT', (h, d) => new FakeParagraphTextItem(h, d));
  }
  addScaleItem(): FakeScaleItem {
    return this.add('addScaleItem', 'SCALE', (h, d) => new FakeScaleItem(h, d));
  }
  addCheckboxItem(): FakeCheckboxItem {
    return this.add('addCheckboxItem', 'CHECKBOX', (h, d) => new FakeCheckboxItem(h, d));
  }
  addMultipleChoiceItem(): FakeMultipleChoiceItem {
    return this.add('addMultipleChoiceItem', 'MULTIPLE_CHOICE', (h, d) => new FakeMultipleChoiceItem(h, d));
  }
  /** Every response, or those submitted at or after `timestamp`. */
  getResponses(timestamp?: Date): FakeFormResponse[] {
    this.rec('getResponses');
    if (timestamp !== undefined && !isDate(timestamp)) this.env.fail('Invalid argument: timestamp');
    const since = timestamp === undefined ? -Infinity : timestamp.getTime();
    return this.data.responses
      .filter((r) => r.timestamp >= since)
      .map((r) => new FakeFormResponse(this.store, this.data, r, true));
  }
  getItems(itemType?: string): FakeItem[] {
    this.rec('getItems');
    return this.data.items
      .filter((i) => itemType === undefined || i.type === itemType)
      .map((i) => new FakeItem(this.host, i));
  }

  setDestination(type: string, id: string): this {
    this.rec('setDestination');
    if (type !== DestinationType.SPREADSHEET) this.env.fail('Invalid argument: type');
    this.store.setDestination(this.data, String(id));
    return this;
  }

  createResponse(): FakeFormResponse {
    this.rec('createResponse');
    return new FakeFormResponse(
      this.store,
      this.data,
      { id: '', timestamp: 0, email: '', answers: [] },
      false,
    );
  }
}

export class FakeFormApp extends Counted {
  readonly DestinationType = DestinationType;

  constructor(
    env: Env,
    private readonly store: FormStore,
  ) {
    super(env, 'FormApp', null);
  }

  // reference/forms/form-app#create(String,Boolean): create(title) | create(title, isPublished).
  create(title: string, isPublished?: boolean): FakeForm {
    this.rec('create');
    if (String(title ?? '') === '') this.env.fail('Invalid argument: title');
    if (isPublished !== undefined && typeof isPublished !== 'boolean')
      this.env.fail('Invalid argument: isPublished');
    return this.store.fake(this.store.create(String(title), isPublished));
  }
  openById(id: string): FakeForm {
    this.rec('openById');
    const f = this.store.forms.get(String(id));
    return f ? this.store.fake(f) : this.env.fail(NO_FORM);
  }
  createTextValidation(): FakeTextValidationBuilder {
    this.rec('createTextValidation');
    return new FakeTextValidationBuilder(this.env);
  }
}

export type { AnswerData, DestinationData };

/** What linkFormsToDrive needs of drive.ts's DriveRegistry. */
export interface DriveLink {
  registerFile(init: { id: string; mimeType: string; source?: FormDriveSource }): unknown;
  grant(id: string): void;
  addResolver(resolve: (id: string) => FormDriveSource | undefined, list?: () => string[]): void;
}

/** Makes each form a Drive file: new ones when created, restored ones when Drive first asks. */
export function linkFormsToDrive(forms: FormStore, drive: DriveLink): void {
  forms.onCreate = (f) => {
    drive.registerFile({ id: f.id, mimeType: FORMS_MIME, source: forms.driveSource(f.id) });
    // Forms are only made by FormApp.create: the add-on may reach them under drive.file
    // (drive/api/guides/api-specific-auth).
    drive.grant(f.id);
  };
  drive.addResolver(
    (id) => forms.driveSource(id),
    () => [...forms.forms.keys()],
  );
}
