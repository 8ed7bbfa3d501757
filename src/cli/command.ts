/** One `upshift` sub-command. Modules are loaded lazily so `upshift quote` never loads TypeORM or BullMQ. */
export interface CliCommand {
  /** One line shown by `upshift help`. */
  summary: string;
  /** Runs the command with the arguments after its name; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

export type CliCommandLoader = () => Promise<{ command: CliCommand }>;
