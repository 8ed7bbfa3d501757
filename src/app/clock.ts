/** Where use cases get "now" and "today", so tests can fix time. */
export interface Clock {
  now(): Date;
  /** Today's calendar date in the billing time zone, `YYYY-MM-DD`. */
  today(): string;
}

/** The real clock; "today" is computed in `billingTz` (DESIGN §3: dates are in the billing time zone). */
export function systemClock(billingTz: string): Clock {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: billingTz, year: 'numeric', month: '2-digit', day: '2-digit' });
  return { now: () => new Date(), today: () => fmt.format(new Date()) };
}

/** A clock stuck at one instant and date (tests, demo). */
export function fixedClock(today: string, now = new Date(`${today}T12:00:00Z`)): Clock {
  return { now: () => now, today: () => today };
}
