import { QuoteError, type QuoteErrorJson } from '../../domain/quote-error.js';
import { quote } from '../../domain/quote/quote.js';
import type { Quote } from '../../domain/quote/quote-output.js';
import { parseJsonOutputFlags } from '../json-output-flags.js';
import type { CliCommand } from '../command.js';

// Imports only src/domain: `upshift quote` needs no database or Redis and must start fast.

const USAGE = `usage: upshift quote [--compact] < input.json

Reads one quote input (DESIGN §3) as JSON on stdin and prints the Quote (exit 0), or
{"error":{"code","message"}} (exit 2). A JSON array of inputs prints an array of results,
quotes or errors in the same order (exit 0).

options:
  --compact   print the JSON on one line instead of indented
  --help      show this help
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function quoteOrError(input: unknown): Quote | QuoteErrorJson {
  try {
    return quote(input);
  } catch (error) {
    if (error instanceof QuoteError) return error.toJSON();
    throw error;
  }
}

function parseJson(text: string): { value: unknown } | QuoteErrorJson {
  if (text.trim() === '')
    return new QuoteError('invalid_input', 'input', 'input is empty: pipe the quote input as JSON on stdin').toJSON();
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return new QuoteError('invalid_input', 'input', `input is not valid JSON: ${(error as Error).message}`).toJSON();
  }
}

export const command: CliCommand = {
  summary: 'price an upgrade: quote input (JSON) on stdin, Quote on stdout',
  async run(args: string[]): Promise<number> {
    const flags = parseJsonOutputFlags('quote', args, USAGE);
    if ('exitCode' in flags) return flags.exitCode;
    const { compact } = flags;
    const print = (value: unknown): void => {
      process.stdout.write(`${JSON.stringify(value, null, compact ? undefined : 2)}\n`);
    };
    const parsed = parseJson(await readStdin());
    if ('error' in parsed) {
      print(parsed);
      return 2;
    }
    if (Array.isArray(parsed.value)) {
      print(parsed.value.map(quoteOrError));
      return 0;
    }
    const result = quoteOrError(parsed.value);
    print(result);
    return 'error' in result ? 2 : 0;
  },
};
