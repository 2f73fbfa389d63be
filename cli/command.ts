import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command writes: stdout for results (JSON summaries last), stderr for progress. */
export interface CommandIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** One `escucha <name>` command, in its own file under cli/commands/. */
export interface Command {
  name: string;
  /** One line, shown by `escucha --help`. */
  summary: string;
  /** Full usage text, shown by `escucha <name> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[], io: CommandIO): Promise<number>;
}

/** A user error: printed without a stack trace, exits with `exitCode`. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** node:util parseArgs that turns unknown options into a UsageError with the command's usage. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
