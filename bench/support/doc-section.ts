import { readFile, writeFile } from 'node:fs/promises';

/**
 * Replaces what lies between the `begin` and `end` markers of a Markdown file with `body`, leaving the rest as it
 * is; without the markers (or the file), appends them with the body at the end. The hand-written text around a
 * measured section survives every run.
 */
export async function writeDocSection(path: string, begin: string, end: string, body: string): Promise<void> {
  const doc = await readFile(path, 'utf8').catch(() => '');
  const [head, rest] =
    doc.includes(begin) && doc.includes(end)
      ? [doc.slice(0, doc.indexOf(begin)), doc.slice(doc.indexOf(end) + end.length)]
      : [doc.trim() === '' ? '' : `${doc.trimEnd()}\n\n`, '\n'];
  await writeFile(path, `${head}${begin}\n${body}\n${end}${rest}`);
}
