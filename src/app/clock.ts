/** Where use cases get "now" and "today", so tests can fix time. */
export interface Clock {
  now(): Date;
  /** Today's calendar date in the billing time zone, `YYYY-MM-DD`. */
  today(): string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function calendarDateIn(timeZone: string, instant: Date): string {
  let fmt = formats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, fmt);
  }
  return fmt.format(instant);
}

/** The real clock; "today" is computed in `billingTz` (DESIGN §3: dates are in the billing time zone). */
export function systemClock(billingTz: string): Clock {
  return { now: () => new Date(), today: () => calendarDateIn(billingTz, new Date()) };
}

/** A clock stuck at one instant and date (tests, demo). */
export function fixedClock(today: string, now = new Date(`${today}T12:00:00Z`)): Clock {
  return { now: () => now, today: () => today };
}
