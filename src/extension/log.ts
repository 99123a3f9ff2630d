// The output channel "Prompt flow", where every line is redacted before it is written.
import * as vscode from 'vscode';
import { redact } from '../core/redact';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

/** The one output channel. Every line goes through `redact`, whoever wrote it. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Prompt flow', { log: true });

  write(level: LogLevel, message: string): void {
    const configured = vscode.workspace.getConfiguration('promptflow').get<LogLevel>('logLevel', 'info');
    if (order[level] < (order[configured] ?? order.info)) return;
    const line = redact(message);
    this.channel[level](line);
    // CI and host tests cannot read an output channel; this mirrors it to the host's console.
    if (process.env.PFS_LOG_CONSOLE === '1') console.log(`[promptflow ${level}] ${line}`);
  }
  trace(m: string): void {
    this.write('trace', m);
  }
  debug(m: string): void {
    this.write('debug', m);
  }
  info(m: string): void {
    this.write('info', m);
  }
  warn(m: string): void {
    this.write('warn', m);
  }
  error(m: string): void {
    this.write('error', m);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
