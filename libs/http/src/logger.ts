import type { LoggerService } from '@nestjs/common';
import pino, { type Level, type Logger } from 'pino';

export type LogLevel = Level | 'silent';

/**
 * JSON lines on stdout. Credentials never reach a log line: the paths below are redacted
 * wherever a request or its headers are logged whole.
 */
export function createLogger(options: { name: string; level: LogLevel }): Logger {
  return pino({
    name: options.name,
    level: options.level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'headers.authorization',
        'headers["x-api-key"]',
      ],
      censor: '[redacted]',
    },
  });
}

/** Routes Nest's own log lines (bootstrap, route mapping) through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
