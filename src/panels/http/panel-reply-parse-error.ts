/**
 * Thrown by the reply parsers when a body is not what the panel sends (truncated JSON, an HTML error page, a
 * missing field). `PanelHttpClient` turns it into a capped transient error, or an unknown outcome for a write.
 */
export class PanelReplyParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
