// Structured logging: a fixed message plus an object of ids. Never payloads, personal data or secrets.
import { emitLogRecord } from './telemetry/logRecords';

export type LogIds = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  info(message: string, ids?: LogIds): void;
  warn(message: string, ids?: LogIds): void;
  error(message: string, ids?: LogIds & { error?: string }): void;
}

/** Anything with the InvocationContext logging methods. */
export interface InvocationLogSink {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export function invocationLogger(sink: InvocationLogSink): Logger {
  const format = (message: string, ids?: LogIds) => (ids ? `${message} ${JSON.stringify(ids)}` : message);
  // The host's log line for people reading the stream; the log record, with the ids as properties, for queries.
  return {
    info: (m, ids) => (sink.log(format(m, ids)), emitLogRecord('info', m, ids)),
    warn: (m, ids) => (sink.warn(format(m, ids)), emitLogRecord('warn', m, ids)),
    error: (m, ids) => (sink.error(format(m, ids)), emitLogRecord('error', m, ids)),
  };
}

/** For work outside any invocation (app hooks, background publishing): the host keeps console output. */
export function consoleLogger(): Logger {
  // eslint-disable-next-line no-console
  return invocationLogger({ log: console.log, warn: console.warn, error: console.error });
}

/** For orchestrators: silent while replaying, so each line is written once. */
export function replaySafeLogger(logger: Logger, isReplaying: () => boolean): Logger {
  return {
    info: (m, ids) => (isReplaying() ? undefined : logger.info(m, ids)),
    warn: (m, ids) => (isReplaying() ? undefined : logger.warn(m, ids)),
    error: (m, ids) => (isReplaying() ? undefined : logger.error(m, ids)),
  };
}
