/**
 * An email template could not be rendered: unknown template, a file missing from its folder, a syntax error, or
 * (most often) a variable the template uses that the caller did not pass. The message names the template, the part
 * (`subject.hbs`, `html.hbs`, `text.hbs`, a layout or partial) and, when known, the variable.
 */
export class EmailTemplateError extends Error {
  constructor(
    message: string,
    /** Template name, e.g. `upgrade-completed`. */
    readonly template: string,
    /** The file being rendered when it failed, e.g. `html.hbs`; null when the template folder itself is the problem. */
    readonly part: string | null,
    /** The missing variable, when that is the cause; null otherwise. */
    readonly variable: string | null = null,
  ) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
