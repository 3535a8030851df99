import { pino } from 'pino';
import pretty from 'pino-pretty';

/** What the daemon's modules need from a logger; pino satisfies it, and tests pass a recorder. */
export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
export type LogFormat = 'pretty' | 'json';

/** Logs to stdout: readable lines for a VJ at a terminal, or JSON lines for a process manager. */
export function createLogger(level: LogLevel, format: LogFormat): Logger {
  if (format === 'json') return pino({ level, base: undefined });
  // Synchronous on this thread: a line logged just before a crash or exit is never lost.
  return pino({ level, base: undefined }, pretty({ colorize: process.stdout.isTTY, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname', sync: true }));
}

/** A logger that drops everything, for library use where the caller wants silence. */
export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
