// The local runtime's own log: a fixed message plus ids, one line each.

export interface RuntimeLogger {
  info(message: string, ids?: Record<string, unknown>): void;
  warn(message: string, ids?: Record<string, unknown>): void;
  error(message: string, ids?: Record<string, unknown>): void;
}

export function consoleLogger(): RuntimeLogger {
  const line = (level: string, message: string, ids?: Record<string, unknown>) =>
    `${new Date().toISOString()} ${level} ${message}${ids && Object.keys(ids).length ? ' ' + JSON.stringify(ids) : ''}`;
  return {
    info: (m, ids) => console.log(line('info ', m, ids)),
    warn: (m, ids) => console.warn(line('warn ', m, ids)),
    error: (m, ids) => console.error(line('error', m, ids)),
  };
}

/** Keeps lines in memory (tests read them) and prints nothing. */
export function memoryLogger(): RuntimeLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (m: string, ids?: Record<string, unknown>) =>
    void lines.push(`${level} ${m}${ids ? ' ' + JSON.stringify(ids) : ''}`);
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}

/** Routes a Functions log level to the runtime log; trace and debug are dropped. */
export function logAtLevel(
  log: RuntimeLogger,
  level: string,
  message: string,
  ids: Record<string, unknown>,
): void {
  if (level === 'error' || level === 'critical') log.error(message, ids);
  else if (level === 'warning') log.warn(message, ids);
  else if (level === 'information') log.info(message, ids);
}
