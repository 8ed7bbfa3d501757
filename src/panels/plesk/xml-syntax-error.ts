/** A body is not well-formed XML, or is XML Upshift refuses to read (a DTD, several roots). */
export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
