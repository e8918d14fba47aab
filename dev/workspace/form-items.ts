// FormApp items: the generic Item, the typed items the add-on builds surveys from, choices and item
// responses. Plain data (FormData, ItemData) lives here too; forms.ts has the Form, its responses and
// FormApp.
import { Counted, Env } from './env';

export const ItemType = Object.freeze({
  CHECKBOX: 'CHECKBOX',
  CHECKBOX_GRID: 'CHECKBOX_GRID',
  DATE: 'DATE',
  DATETIME: 'DATETIME',
  DURATION: 'DURATION',
  GRID: 'GRID',
  IMAGE: 'IMAGE',
  LIST: 'LIST',
  MULTIPLE_CHOICE: 'MULTIPLE_CHOICE',
  PAGE_BREAK: 'PAGE_BREAK',
  PARAGRAPH_TEXT: 'PARAGRAPH_TEXT',
  SCALE: 'SCALE',
  SECTION_HEADER: 'SECTION_HEADER',
  TEXT: 'TEXT',
  TIME: 'TIME',
  VIDEO: 'VIDEO',
});
/** The item types this fake builds. */
export type ItemTypeName =
  | 'TEXT'
  | 'PARAGRAPH_TEXT'
  | 'SCALE'
  | 'MULTIPLE_CHOICE'
  | 'CHECKBOX'
  | 'LIST'
  | 'SECTION_HEADER'
  | 'PAGE_BREAK';

export interface ItemData {
  id: number;
  /** The number in a prefilled URL's `entry.<n>`: in Forms it is not the item id. */
  entryId: number;
  type: ItemTypeName;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  hasOther: boolean;
  lower: number;
  upper: number;
  leftLabel: string;
  rightLabel: string;
  /** A text item's validation: 'number' when answers must be numbers. */
  validation?: 'number' | 'pattern';
  pattern?: string;
}

export type AnswerValue = string | string[];

export interface AnswerData {
  itemId: number;
  value: AnswerValue;
}

export interface ResponseData {
  id: string;
  timestamp: number;
  email: string;
  answers: AnswerData[];
}

export interface DestinationData {
  spreadsheetId: string;
  sheetId: number;
  /** What each column after Timestamp holds: an item id, or the respondent's email. */
  columns: Array<number | 'email'>;
}

export interface FormData {
  id: string;
  publishedId: string;
  /** The Drive file name (FormApp.create names the file; setTitle does not rename it). */
  fileName: string;
  title: string;
  description: string;
  confirmationMessage: string;
  customClosedFormMessage: string;
  collectEmail: boolean;
  allowResponseEdits: boolean;
  limitOneResponsePerUser: boolean;
  /** What setAcceptingResponses set; an unpublished form accepts nothing whatever this says. */
  acceptingResponses: boolean;
  /** Published forms can be opened and answered by respondents (absent in states saved before: true). */
  published: boolean;
  /** Respondents must sign in to an account in the owner's domain or a subdomain (requiresLogin). */
  requireLogin: boolean;
  progressBar: boolean;
  showLinkToRespondAgain: boolean;
  items: ItemData[];
  responses: ResponseData[];
  destination: DestinationData | null;
}

export const QUESTION_TYPES: readonly ItemTypeName[] = [
  'TEXT',
  'PARAGRAPH_TEXT',
  'SCALE',
  'MULTIPLE_CHOICE',
  'CHECKBOX',
  'LIST',
];

export function isQuestion(item: ItemData): boolean {
  return QUESTION_TYPES.includes(item.type);
}

/** What the form keeps for an answer to an item; fails like Forms on a value the item cannot take. */
export function checkAnswer(env: Env, item: ItemData, value: unknown): AnswerValue {
  const bad = (): never => env.fail(`Invalid response submitted to item "${item.title}": ${String(value)}`);
  switch (item.type) {
    case 'TEXT':
    case 'PARAGRAPH_TEXT':
      if (value === null || value === undefined || typeof value === 'object') bad();
      if (item.validation === 'number' && String(value).trim() !== '' && !Number.isFinite(Number(value)))
        bad();
      if (
        item.validation === 'pattern' &&
        String(value) !== '' &&
        !new RegExp(item.pattern ?? '').test(String(value))
      )
        bad();
      return String(value);
    case 'SCALE': {
      const n = Number(value);
      if (!Number.isInteger(n) || n < item.lower || n > item.upper) bad();
      return String(n);
    }
    case 'MULTIPLE_CHOICE':
    case 'LIST': {
      const s = String(value);
      if (typeof value === 'object' || (!item.choices.includes(s) && !(item.hasOther && s !== ''))) bad();
      return s;
    }
    case 'CHECKBOX': {
      const list = Array.isArray(value) ? value.map(String) : bad();
      if (list.some((s) => !item.choices.includes(s) && !item.hasOther)) bad();
      return list;
    }
    default:
      return bad();
  }
}

/** The parts of the owning form an item needs: its data, and a way to tell it that a title changed. */
export interface ItemHost {
  env: Env;
  form: FormData;
  titleChanged(item: ItemData): void;
  /** The generic Item of one of the form's items (ItemResponse.getItem). */
  item(data: ItemData): FakeItem;
}

export class FakeItemResponse extends Counted {
  constructor(
    private readonly host: ItemHost,
    readonly itemData: ItemData,
    readonly value: AnswerValue,
  ) {
    super(host.env, 'FormApp', 'ItemResponse');
  }
  getItem(): FakeItem {
    this.rec('getItem');
    return this.host.item(this.itemData);
  }
  /** A string, or a string[] for a checkbox item, as in Forms. */
  getResponse(): AnswerValue {
    this.rec('getResponse');
    return Array.isArray(this.value) ? [...this.value] : this.value;
  }
}

abstract class ItemBase extends Counted {
  protected constructor(
    protected readonly host: ItemHost,
    typeName: string,
    readonly data: ItemData,
  ) {
    super(host.env, 'FormApp', typeName);
  }
  protected live(method: string): ItemData {
    this.rec(method);
    if (!this.host.form.items.includes(this.data)) this.env.fail('This item has been deleted.');
    return this.data;
  }
  getTitle(): string {
    return this.live('getTitle').title;
  }
  setTitle(title: string): this {
    const d = this.live('setTitle');
    d.title = String(title);
    this.host.titleChanged(d);
    return this;
  }
  setHelpText(text: string): this {
    this.live('setHelpText').helpText = String(text);
    return this;
  }
  getType(): ItemTypeName {
    return this.live('getType').type;
  }
}

abstract class QuestionItem extends ItemBase {
  setRequired(enabled: boolean): this {
    this.live('setRequired').required = enabled === true;
    return this;
  }
  protected respond(method: string, value: unknown): FakeItemResponse {
    const d = this.live(method);
    return new FakeItemResponse(this.host, d, checkAnswer(this.env, d, value));
  }
}

export class FakeTextItem extends QuestionItem {
  constructor(host: ItemHost, data: ItemData) {
    super(host, 'TextItem', data);
  }
  setValidation(validation: FakeTextValidation): this {
    const d = this.live('setValidation');
    d.validation = validation.kind;
    return this;
  }
  createResponse(response: string): FakeItemResponse {
    return this.respond('createResponse', response);
  }
}

export class FakeParagraphTextItem extends QuestionItem {
  constructor(host: ItemHost, data: ItemData) {
    super(host, 'ParagraphTextItem', data);
  }
  createResponse(response: string): FakeItemResponse {
    return this.respond('createResponse', response);
  }
}

export class FakeScaleItem extends QuestionItem {
  constructor(host: ItemHost, data: ItemData) {
    super(host, 'ScaleItem', data);
  }
  /** Lower bound 0 or 1, upper bound 3 to 10, as in Forms. */
  setBounds(lower: number, upper: number): this {
    const d = this.live('setBounds');
    const lo = Number(lower);
    const hi = Number(upper);
    if (lo !== 0 && lo !== 1) this.env.fail('Invalid argument: lower');
    if (!Number.isInteger(hi) || hi < 3 || hi > 10) this.env.fail('Invalid argument: upper');
    d.lower = lo;
    d.upper = hi;
    return this;
  }
  setLabels(lower: string, upper: string): this {
    const d = this.live('setLabels');
    d.leftLabel = String(lower);
    d.rightLabel = String(upper);
    return this;
  }
}

abstract class ChoiceItem extends QuestionItem {
  setChoiceValues(values: string[]): this {
    const d = this.live('setChoiceValues');
    if (!Array.isArray(values) || values.length === 0) this.env.fail('Invalid argument: values');
    d.choices = values.map(String);
    return this;
  }
}

export class FakeMultipleChoiceItem extends ChoiceItem {
  constructor(host: ItemHost, data: ItemData) {
    super(host, 'MultipleChoiceItem', data);
  }
  createResponse(response: string): FakeItemResponse {
    return this.respond('createResponse', response);
  }
}

export class FakeCheckboxItem extends ChoiceItem {
  constructor(host: ItemHost, data: ItemData) {
    super(host, 'CheckboxItem', data);
  }
  createResponse(responses: string[]): FakeItemResponse {
    return this.respond('createResponse', responses);
  }
}

/** The generic Item of getItems(): read its type, then cast with asXItem() (which fails on a mismatch). */
export class FakeItem extends ItemBase {
  constructor(host: ItemHost, data: ItemData) {
    super(host, 'Item', data);
  }
  private as<T>(method: string, type: ItemTypeName, make: () => T): T {
    const d = this.live(method);
    if (d.type !== type)
      this.env.fail(`Item with ID ${d.id} is of type ${d.type} and cannot be cast to ${type}.`);
    return make();
  }
  asTextItem(): FakeTextItem {
    return this.as('asTextItem', 'TEXT', () => new FakeTextItem(this.host, this.data));
  }
}

/** FormApp.createTextValidation(): only the rule the add-on uses (a number). */
export class FakeTextValidation {
  constructor(readonly kind: 'number' | 'pattern') {}
}

export class FakeTextValidationBuilder extends Counted {
  private kind: 'number' | 'pattern' = 'number';
  constructor(env: Env) {
    super(env, 'FormApp', 'TextValidationBuilder');
  }
  requireNumber(): this {
    this.rec('requireNumber');
    this.kind = 'number';
    return this;
  }
  build(): FakeTextValidation {
    this.rec('build');
    return new FakeTextValidation(this.kind);
  }
}
