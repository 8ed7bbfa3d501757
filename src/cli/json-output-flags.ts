/** What a command that prints one JSON document was asked for, or the exit code when it is already done. */
export type JsonOutputFlags = { compact: boolean } | { exitCode: number };

/**
 * The flags of `upshift quote` and `upshift openapi`: `--compact` (one line instead of indented JSON) and
 * `--help`/`-h` (prints `usage`, exit 0). Anything else is refused with the usage on stderr (exit 1).
 */
export function parseJsonOutputFlags(command: string, args: string[], usage: string): JsonOutputFlags {
  let compact = false;
  for (const arg of args) {
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(usage);
      return { exitCode: 0 };
    }
    if (arg !== '--compact') {
      process.stderr.write(`upshift ${command}: unknown argument '${arg}'\n\n${usage}`);
      return { exitCode: 1 };
    }
    compact = true;
  }
  return { compact };
}
