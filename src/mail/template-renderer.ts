import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { EMAIL_TEMPLATE_SCHEMAS, isBuiltInTemplate } from './email-templates.js';
import { EmailTemplateError } from './mail-errors.js';

/** A rendered email. */
export interface RenderedEmail {
  /** One line, not HTML-escaped. */
  subject: string;
  /** The template's `html.hbs` inside `layouts/base.html.hbs`; variables HTML-escaped. */
  html: string;
  /** The template's `text.hbs` inside `layouts/base.text.hbs`; variables inserted as they are. */
  text: string;
}

/** Options for {@link TemplateRenderer}. */
export interface TemplateRendererOptions {
  /** Folder holding `<name>/`, `layouts/` and `partials/`. Use {@link defaultTemplatesDir} for the shipped set. */
  templatesDir: string;
  /** Sender name shown in the layout and available to every template as `brandName`. Default `Upshift`. */
  brandName?: string;
}

type Compiled = Handlebars.TemplateDelegate;
interface CompiledTemplate {
  subject: Compiled;
  html: Compiled;
  text: Compiled;
}
interface Layouts {
  html: Compiled;
  text: Compiled;
}

const PARTS = ['subject.hbs', 'html.hbs', 'text.hbs'] as const;
const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * `<package root>/templates/email`, found by walking up from this file to the nearest `package.json`, so it is right
 * whether the code runs from `dist/src/mail/` or from sources.
 */
export function defaultTemplatesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('defaultTemplatesDir: no package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return path.join(dir, 'templates', 'email');
}

/**
 * Renders `templates/email/<name>/{subject,html,text}.hbs` inside the shared layout.
 *
 * Two private Handlebars environments (nothing registered globally): HTML parts are compiled with escaping on, the
 * subject and text parts with escaping off — a client called `O'Brien & Co` must read as such in the plain-text
 * part. Both are `strict`: a variable the template uses but the caller did not pass throws an
 * {@link EmailTemplateError} naming the template, file and variable. For built-in templates the variables are also
 * checked against their schema (`email-templates.ts`) before rendering, which catches what `strict` cannot: a
 * variable used only inside `{{#if}}`, or one of the wrong kind.
 *
 * Partials live in `partials/html/` and `partials/text/` under the same names, so `{{> change-summary}}` is a table
 * in `html.hbs` and `Label: value` lines in `text.hbs`; subjects use the text partials. Partials and layouts are read
 * once; each template folder is read and compiled on first use and cached. Create one renderer per process.
 */
export class TemplateRenderer {
  private readonly templatesDir: string;
  private readonly brandName: string;
  private readonly htmlEnv = Handlebars.create();
  private readonly textEnv = Handlebars.create();
  private shared: Promise<Layouts> | undefined;
  private readonly templates = new Map<string, Promise<CompiledTemplate>>();

  constructor(opts: TemplateRendererOptions) {
    this.templatesDir = opts.templatesDir;
    this.brandName = opts.brandName ?? 'Upshift';
  }

  async render(name: string, vars: Record<string, unknown>): Promise<RenderedEmail> {
    if (!TEMPLATE_NAME.test(name)) {
      throw new EmailTemplateError(
        `email template name '${name}' is invalid: expected lower-case letters, digits and dashes`,
        name,
        null,
      );
    }
    if (isBuiltInTemplate(name)) checkVars(name, EMAIL_TEMPLATE_SCHEMAS[name], vars);
    const layouts = await this.loadShared();
    const template = await this.load(name);
    const context = { brandName: this.brandName, ...vars };
    const subject = run(name, 'subject.hbs', template.subject, context).replace(/\s+/g, ' ').trim();
    const layoutContext = (body: string) => ({ brandName: this.brandName, subject, body: body.trim() });
    return {
      subject,
      html: run(
        name,
        'layouts/base.html.hbs',
        layouts.html,
        layoutContext(run(name, 'html.hbs', template.html, context)),
      ),
      text: run(
        name,
        'layouts/base.text.hbs',
        layouts.text,
        layoutContext(run(name, 'text.hbs', template.text, context)),
      ),
    };
  }

  private compileHtml(source: string): Compiled {
    return this.htmlEnv.compile(source, { strict: true });
  }

  private compileText(source: string): Compiled {
    return this.textEnv.compile(source, { strict: true, noEscape: true });
  }

  private loadShared(): Promise<Layouts> {
    this.shared ??= (async () => {
      await this.registerPartials('html', this.htmlEnv, (source) => this.compileHtml(source));
      await this.registerPartials('text', this.textEnv, (source) => this.compileText(source));
      const layout = (file: string) =>
        readPart(path.join(this.templatesDir, 'layouts', file), 'layout', `layouts/${file}`);
      return {
        html: this.compileHtml(await layout('base.html.hbs')),
        text: this.compileText(await layout('base.text.hbs')),
      };
    })();
    // A failed load (missing folder) must not stay cached: the next render tries again.
    this.shared.catch(() => (this.shared = undefined));
    return this.shared;
  }

  /** `partials/html/*.hbs` go to the HTML environment, `partials/text/*.hbs` to the text one, under the same names. */
  private async registerPartials(
    format: 'html' | 'text',
    env: typeof Handlebars,
    compile: (source: string) => Compiled,
  ): Promise<void> {
    const dir = path.join(this.templatesDir, 'partials', format);
    const files = existsSync(dir) ? (await readdir(dir)).filter((f) => f.endsWith('.hbs')).sort() : [];
    for (const file of files) {
      env.registerPartial(
        path.basename(file, '.hbs'),
        compile(await readPart(path.join(dir, file), 'partial', `partials/${format}/${file}`)),
      );
    }
  }

  private load(name: string): Promise<CompiledTemplate> {
    let template = this.templates.get(name);
    if (template === undefined) {
      template = (async () => {
        const dir = path.join(this.templatesDir, name);
        if (!existsSync(dir))
          throw new EmailTemplateError(`email template '${name}' not found: no folder ${dir}`, name, null);
        const [subject, html, text] = await Promise.all(
          PARTS.map((part) => readPart(path.join(dir, part), name, part)),
        );
        return { subject: this.compileText(subject), html: this.compileHtml(html), text: this.compileText(text) };
      })();
      this.templates.set(name, template);
      template.catch(() => this.templates.delete(name));
    }
    return template;
  }
}

async function readPart(file: string, template: string, part: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new EmailTemplateError(
      `email template '${template}': cannot read ${part} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      template,
      part,
    );
  }
}

/** Runs one compiled part, turning Handlebars' terse strict-mode error into one that names template, file and variable. */
function run(template: string, part: string, compiled: Compiled, context: object): string {
  try {
    return compiled(context);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const missing = /^"([^"]+)" not defined in .*? - (\d+):(\d+)$/.exec(message);
    if (missing) {
      throw new EmailTemplateError(
        `email template '${template}' ${part}: variable '${missing[1]}' is not defined (line ${missing[2]} of ${part} or of a partial it includes)`,
        template,
        part,
        missing[1],
      );
    }
    throw new EmailTemplateError(`email template '${template}' ${part}: ${message}`, template, part);
  }
}

function checkVars(
  template: string,
  schema: (typeof EMAIL_TEMPLATE_SCHEMAS)[keyof typeof EMAIL_TEMPLATE_SCHEMAS],
  vars: Record<string, unknown>,
): void {
  const result = schema.safeParse(vars);
  if (result.success) return;
  const issue = result.error.issues[0];
  const variable = issue.path.join('.');
  const problem =
    issue.code === 'invalid_type' && vars[variable] === undefined ? 'is missing' : `is invalid: ${issue.message}`;
  throw new EmailTemplateError(
    `email template '${template}': variable '${variable}' ${problem}`,
    template,
    null,
    variable,
  );
}
