import { commands } from './commands/index.js';

async function usage(): Promise<string> {
  const names = Object.keys(commands).sort();
  const summaries = await Promise.all(names.map(async (n) => (await commands[n]()).command.summary));
  const width = Math.max(...names.map((n) => n.length));
  const rows = names.map((n, i) => `  ${n.padEnd(width)}  ${summaries[i]}`);
  return `usage: upshift <command> [options]\n\ncommands:\n${rows.join('\n')}\n\nRun 'upshift <command> --help' for a command's options.\n`;
}

/** Dispatches `upshift <command> …`; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(await usage());
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`upshift: unknown command '${name}'\n\n${await usage()}`);
    return 1;
  }
  const { command } = await load();
  return command.run(rest);
}
