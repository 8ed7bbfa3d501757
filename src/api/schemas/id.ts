import { z } from 'zod';

/** Largest id an `INT UNSIGNED` column holds. */
const MAX_ID = 4_294_967_295;

/** A row id in a JSON body: a positive integer. */
export const positiveId = z.number().int('must be a whole number').positive('must be a positive id').max(MAX_ID, 'is too large');

/** A row id in a path segment (`/v1/servers/:id`): digits only, converted to a number. */
export const idSegment = z.string()
  .regex(/^[1-9]\d{0,9}$/, 'must be a positive integer id')
  .transform(Number)
  .pipe(z.number().max(MAX_ID, 'is too large'));

/** Params of every `/…/:id` route. */
export const idParams = z.object({ id: idSegment });
