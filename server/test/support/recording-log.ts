/** A logger that keeps its lines, for asserting on what a module logs. */
export class RecordingLog {
  readonly lines: { level: 'debug' | 'info' | 'warn' | 'error'; msg: string }[] = [];
  debug(msg: string): void {
    this.lines.push({ level: 'debug', msg });
  }
  info(msg: string): void {
    this.lines.push({ level: 'info', msg });
  }
  warn(msg: string): void {
    this.lines.push({ level: 'warn', msg });
  }
  error(msg: string): void {
    this.lines.push({ level: 'error', msg });
  }
}
