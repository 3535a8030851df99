/**
 * The frame every training CLI runs in: errors end the process with a non-zero status and the message plus the
 * usage on stderr (never a stack trace), and progress lines go to stdout.
 */

export interface CliLog {
  info(msg: string): void;
  warn(msg: string): void;
}

/** Lines to stdout; warnings to stderr, marked so a reader of a mixed log can find them. */
export const stdoutLog: CliLog = {
  info: (msg) => void process.stdout.write(`${msg}\n`),
  warn: (msg) => void process.stderr.write(`warning: ${msg}\n`),
};

export function runCli(name: string, usage: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n${usage}\n`);
    process.exitCode = 1;
  });
}
