/** A value as shown in an error message: JSON, cut short so a huge input cannot flood the message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON.stringify gives undefined only for functions and symbols.
  const text = JSON.stringify(value) ?? (typeof value === 'symbol' ? value.toString() : 'a function');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
