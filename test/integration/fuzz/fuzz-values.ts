import fc from 'fast-check';

/** Bodies that are not JSON. Every one must be a 400. */
export const MALFORMED_JSON: Array<string | Buffer> = [
  '{',
  '}',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '[1,2',
  'nul',
  'NaN',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":01}',
  '{"a":"\\x41"}',
  '{"a":1}{"b":2}',
  '\u0000',
  Buffer.from([0xff, 0xfe, 0xfd]),
];

/**
 * JSON that is not an object. (`null` is left out: a route whose fields are all optional reads it as no body, and
 * `POST /v1/upgrades/:id/cancel` with no body cancels, as it should.)
 */
export const NOT_AN_OBJECT = ['[]', '[{}]', '"text"', '42', 'true', 'false', '0'];

/** Injection and oddity strings, put into fields that have a format (which none of these match). */
export const INJECTION_STRINGS = [
  "' OR '1'='1",
  '1; DROP TABLE clients; --',
  '" OR ""="',
  "admin'--",
  '1 UNION SELECT secretEncrypted FROM panel_servers',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '${7*7}',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\u202e',
  '𝕏'.repeat(300),
  'a'.repeat(10_000),
  '',
  ' ',
];

/** Dotted paths of the leaves of a body (`tls.verify`, `taxRates.0.rate`); with `containers`, of its objects and arrays too. */
export function leafPaths(value: unknown, containers = false, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return prefix ? [prefix] : [];
  const children = Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    leafPaths(child, containers, prefix ? `${prefix}.${key}` : key),
  );
  return containers && prefix ? [prefix, ...children] : children;
}

/** A deep copy of `body` with the value at `path` replaced. */
export function withField(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((v, k) => v[k] as Record<string, unknown>, copy);
  parent[keys[keys.length - 1]] = value;
  return copy;
}

/** A deep copy of `body` without the field at `path`. */
export function withoutField(body: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((v, k) => v[k] as Record<string, unknown>, copy);
  delete parent[keys[keys.length - 1]];
  return copy;
}

const someString = fc.string({ maxLength: 20 });
const someObject = fc.dictionary(someString, fc.integer(), { minKeys: 1, maxKeys: 3 });
/** Numbers no field of the API accepts: fractions, negatives, beyond INT and safe-integer range. */
const badNumbers = fc.constantFrom(1.5, -1, 2 ** 31, 2 ** 32, 2 ** 53, 1e308, -1e308);

/**
 * Values of another JSON type than `sample` (never null: some fields are nullable), or for a number an
 * out-of-range one. 2^31 and 2^32 are valid ids but unknown ones, and beyond every other integer field's range.
 */
export function wrongValueFor(sample: unknown): fc.Arbitrary<unknown> {
  if (typeof sample === 'string')
    return fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.array(someString, { maxLength: 3 }),
      someObject,
    );
  if (typeof sample === 'number')
    return fc.oneof(someString, fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), someObject, badNumbers);
  if (typeof sample === 'boolean')
    return fc.oneof(someString, fc.integer(), fc.array(fc.boolean(), { maxLength: 2 }), someObject);
  if (Array.isArray(sample)) return fc.oneof(someString, fc.integer(), fc.boolean(), someObject);
  return fc.oneof(someString, fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }));
}
