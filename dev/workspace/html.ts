// HtmlService: templates with scriptlets (<?= escaped ?>, <?!= raw ?>, <? code ?>) and HtmlOutput.
import { Counted, Env } from './env';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function messageOf(e: unknown): string {
  return e !== null && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
}

function printable(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** Turns a template into JavaScript source that builds the output in `__out`. */
export function compileTemplate(source: string): string {
  let code = '';
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('<?', i);
    if (open === -1) {
      code += `__out.push(${JSON.stringify(source.slice(i))});\n`;
      break;
    }
    if (open > i) code += `__out.push(${JSON.stringify(source.slice(i, open))});\n`;
    const close = source.indexOf('?>', open + 2);
    if (close === -1) throw new Error('Unterminated scriptlet: missing ?>');
    const body = source.slice(open + 2, close);
    if (body.startsWith('!=')) code += `__out.push(__raw(${body.slice(2).trim()}));\n`;
    else if (body.startsWith('=')) code += `__out.push(__esc(${body.slice(1).trim()}));\n`;
    else code += `${body}\n`;
    i = close + 2;
  }
  return code;
}

export class FakeHtmlOutput extends Counted {
  private title = '';

  constructor(
    env: Env,
    private readonly content: string,
  ) {
    super(env, 'HtmlService', 'HtmlOutput');
  }
  /** Uncounted, for the Ui record and the preview. */
  snapshot(): { html: string; title: string } {
    return { html: this.content, title: this.title };
  }
  setTitle(title: string): this {
    this.rec('setTitle');
    this.title = printable(title);
    return this;
  }
}

/**
 * Properties the add-on sets on the template become scriptlet variables; the ES private fields keep our
 * own state out of that scope.
 */
export class FakeHtmlTemplate {
  readonly #env: Env;
  readonly #source: string;
  readonly #globals: () => object;

  constructor(env: Env, source: string, globals: () => object) {
    this.#env = env;
    this.#source = source;
    this.#globals = globals;
  }

  #rec(method: string): void {
    this.#env.calls.record('HtmlService', `HtmlTemplate.${method}`);
  }

  evaluate(): FakeHtmlOutput {
    this.#rec('evaluate');
    const scope: Record<string, unknown> = {};
    for (const key of Object.keys(this)) scope[key] = (this as unknown as Record<string, unknown>)[key];
    // `with` needs sloppy mode, which Function bodies get unless they ask for strict.
    const run = new Function(
      '__g',
      '__s',
      '__esc',
      '__raw',
      `var __out = [];\nwith (__g) { with (__s) {\n${compileTemplate(this.#source)}\n} }\nreturn __out.join('');`,
    ) as (g: object, s: object, esc: (v: unknown) => string, raw: (v: unknown) => string) => string;
    let html: string;
    try {
      html = run(this.#globals(), scope, (v) => escapeHtml(printable(v)), printable);
    } catch (e) {
      return this.#env.fail(messageOf(e));
    }
    return new FakeHtmlOutput(this.#env, html);
  }
}

export class FakeHtmlService extends Counted {
  constructor(
    env: Env,
    private readonly files: ((fileName: string) => string) | undefined,
    private readonly scriptGlobals: () => object,
  ) {
    super(env, 'HtmlService', null);
  }
  private file(name: string): string {
    const fileName = String(name).replace(/\.html$/, '');
    let text: string | undefined;
    try {
      text = this.files?.(fileName);
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string') return this.env.fail(`No HTML file named ${fileName} was found.`);
    return text;
  }
  createTemplateFromFile(filename: string): FakeHtmlTemplate {
    this.rec('createTemplateFromFile');
    return new FakeHtmlTemplate(this.env, this.file(filename), this.scriptGlobals);
  }
}
