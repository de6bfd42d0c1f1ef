// Turns telemetry on when APPLICATIONINSIGHTS_CONNECTION_STRING is set: traces, metrics and logs through
// OpenTelemetry to Application Insights (@azure/monitor-opentelemetry), ingested as the app's identity when
// the resource has local authentication off. Without the setting nothing is registered and every span, metric
// and log record of the app is a no-op.
import { useAzureMonitor } from '@azure/monitor-opentelemetry';
import { azureCredential } from '../azureCredential';
import type { LifeboatConfig } from '../config';

let started = false;

/** Once per process, before the app's functions run (functions/index.ts). Returns whether it started. */
export function startTelemetry(config: LifeboatConfig): boolean {
  if (started || !config.telemetry) return started;
  const { connectionString, entraIdentity } = config.telemetry;
  useAzureMonitor({
    azureMonitorExporterOptions: {
      connectionString,
      ...(entraIdentity ? { credential: azureCredential(entraIdentity) } : {}),
    },
    // A DR tool sends little and every trace of an incident matters: keep them all, not 5 a second.
    samplingRatio: 1,
    tracesPerSecond: 0,
    enableLiveMetrics: true,
  });
  started = true;
  return started;
}
