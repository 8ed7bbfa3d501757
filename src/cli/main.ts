import { commands } from './commands/index.js';

function usage(): string {
  const names = Object.keys(commands).sort();
  return `usage: upshift <command> [options]\n\ncommands:\n${names.map((n) => `  ${n}`).join('\n')}\n\nRun 'upshift <command> --help' for a command's options.\n`;
}

/** Dispatches `upshift <command> …`; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`upshift: unknown command '${name}'\n\n${usage()}`);
    return 1;
  }
  const { command } = await load();
  return command.run(rest);
}
