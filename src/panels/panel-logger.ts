/** The slice of a pino logger the panel layer uses; a pino logger (or child) fits as is. */
export interface PanelLogger {
  warn(obj: object, msg: string): void;
}

/** Drops everything; the default when no logger is given. */
export const silentPanelLogger: PanelLogger = { warn: () => undefined };
