import { z } from 'zod';
import { isoDateToDayNumber } from '../../domain/calendar/iso-date.js';

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-30). */
export const calendarDate = z.string().refine((v) => isoDateToDayNumber(v) !== null, 'must be a real date as YYYY-MM-DD');
