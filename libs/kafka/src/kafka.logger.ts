import { logLevel as KafkaJsLevel, type logCreator } from 'kafkajs';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';
export type KafkaLogEntryLevel = Exclude<KafkaLogLevel, 'nothing'>;

export interface KafkaLogEntry {
  level: KafkaLogEntryLevel;
  /** `kafkajs.<Namespace>` for the client's own lines, `leadhooks.kafka` for ours. */
  source: string;
  message: string;
  fields: Record<string, unknown>;
}

/** Where every log line of this library goes, kafkajs's included. */
export type KafkaLogger = (entry: KafkaLogEntry) => void;

const rank: Record<KafkaLogLevel, number> = { nothing: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** One JSON object per line on stderr, so log shippers parse it like the apps' own logs. */
export const consoleJsonLogger: KafkaLogger = ({ level, source, message, fields }) => {
  const line = { time: new Date().toISOString(), level, source, msg: message, ...fields };
  console.error(
    JSON.stringify(line, (_key, value: unknown) =>
      value instanceof Error ? value.message : value,
    ),
  );
};

/** Our own lines, filtered by the same level as kafkajs's. */
export interface KafkaLog {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
}

export function createKafkaLog(logger: KafkaLogger, level: KafkaLogLevel): KafkaLog {
  const emit =
    (entryLevel: KafkaLogEntryLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (rank[entryLevel] <= rank[level])
        logger({ level: entryLevel, source: 'leadhooks.kafka', message, fields });
    };
  return { error: emit('error'), warn: emit('warn'), info: emit('info') };
}

export function toKafkaJsLevel(level: KafkaLogLevel): KafkaJsLevel {
  const levels: Record<KafkaLogLevel, KafkaJsLevel> = {
    nothing: KafkaJsLevel.NOTHING,
    error: KafkaJsLevel.ERROR,
    warn: KafkaJsLevel.WARN,
    info: KafkaJsLevel.INFO,
    debug: KafkaJsLevel.DEBUG,
  };
  return levels[level];
}

function fromKafkaJsLevel(level: KafkaJsLevel): KafkaLogEntryLevel {
  if (level <= KafkaJsLevel.ERROR) return 'error';
  if (level === KafkaJsLevel.WARN) return 'warn';
  return level === KafkaJsLevel.INFO ? 'info' : 'debug';
}

/**
 * Routes kafkajs's lines to our logger instead of its own text format. kafkajs has already
 * filtered them by the level it was given, so nothing is filtered here.
 */
const retryLimitWarning = 'Limiting retries for the idempotent producer';

export function toKafkaJsLogCreator(logger: KafkaLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      // Said of every idempotent producer made with a retry limit, which ours have on
      // purpose (kafka.config.ts clientRetry): a caller's resend may duplicate, and
      // consumers drop duplicates by id. A warning on every start would teach to ignore warnings.
      if (String(log.message).startsWith(retryLimitWarning)) return;
      const fields: Record<string, unknown> = { ...log };
      // `timestamp` and `logger` are kafkajs's own bookkeeping; our logger stamps its own time.
      delete fields['message'];
      delete fields['timestamp'];
      delete fields['logger'];
      logger({
        level: fromKafkaJsLevel(level),
        source: namespace ? `kafkajs.${namespace}` : 'kafkajs',
        message: String(log.message),
        fields,
      });
    };
}
