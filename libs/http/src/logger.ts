import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';

export type LogLevel = Level | 'silent';

/**
 * Fields an error object may carry that hold the values it was working on: TypeORM's
 * QueryFailedError keeps the query's parameters (a webhook's header values and signing
 * secret, when the failed statement wrote one) and the driver's error with its detail.
 */
const errorFieldsWithValues = ['parameters', 'driverError', 'query', 'detail'] as const;

/** pino's error serializer, minus the fields that may hold secrets or customer data. */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized: Record<string, unknown> = { ...pino.stdSerializers.err(error) };
  for (const field of errorFieldsWithValues) delete serialized[field];
  return serialized;
}

/**
 * JSON lines on stdout (or `destination`). Credentials never reach a log line: the paths
 * below are redacted wherever a request, its headers or a secret are logged whole, and
 * errors (`err`) are logged without the values they were working on.
 */
export function createLogger(options: {
  name: string;
  level: LogLevel;
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      name: options.name,
      level: options.level,
      serializers: { err: serializeError },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'headers.authorization',
          'headers["x-api-key"]',
          'secret',
          'secrets',
          '*.secret',
          '*.secrets',
        ],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
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
