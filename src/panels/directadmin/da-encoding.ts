/**
 * DirectAdmin's legacy reply encoding: `key=value&list[]=a&list[]=b`, URL-encoded, with values that may carry
 * HTML numeric entities (`&#39;`, `&#61`). Shared by the adapter and the fake DirectAdmin server.
 */

/** Decoded url-encoded reply: every key with all its values (`list[]` keeps the brackets). */
export type DaForm = Map<string, string[]>;

/** Splits on `&` that do not start a numeric entity, then URL-decodes and entity-decodes each pair. */
export function parseDaForm(body: string): DaForm {
  const form: DaForm = new Map();
  for (const pair of body.trim().split(/&(?!#\d+;?)/)) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeDaValue(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeDaValue(pair.slice(eq + 1));
    form.set(key, [...(form.get(key) ?? []), value]);
  }
  return form;
}

function decodeDaValue(raw: string): string {
  let text: string;
  try {
    text = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    text = raw;
  }
  return text.replace(/&#(\d+);?/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

/** Encodes key/values (arrays become repeated `key[]=`) the way DirectAdmin writes them. */
export function encodeDaForm(values: Record<string, string | readonly string[]>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string') parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    else for (const v of value) parts.push(`${encodeURIComponent(key)}[]=${encodeURIComponent(v)}`);
  }
  return parts.join('&');
}
