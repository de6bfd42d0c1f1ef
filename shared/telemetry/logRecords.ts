// Each app log line as an OpenTelemetry log record: the fixed message as its body, the ids as attributes
// (Application Insights customDimensions), and the active span's ids too, so every line written inside an
// incident's activity carries the incident id. A no-op until telemetry starts.
import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import type { LogIds } from '../logging';
import { idAttributes } from './telemetryAttributes';
import { activeIds } from './tracing';

const severities = {
  info: [SeverityNumber.INFO, 'INFO'],
  warn: [SeverityNumber.WARN, 'WARN'],
  error: [SeverityNumber.ERROR, 'ERROR'],
} as const;

export function emitLogRecord(
  level: keyof typeof severities,
  message: string,
  ids: LogIds | undefined,
): void {
  const [severityNumber, severityText] = severities[level];
  logs.getLogger('lifeboat').emit({
    severityNumber,
    severityText,
    body: message,
    attributes: idAttributes({ ...activeIds(), ...ids }),
  });
}
