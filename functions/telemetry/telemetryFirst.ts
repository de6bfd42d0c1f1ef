// Imported first by functions/index.ts: telemetry starts before the SDKs it instruments are loaded (the
// instrumentations hook module loading), and every invocation after it runs in a span.
import { loadConfig } from '../../shared/config';
import { startTelemetry } from '../../shared/telemetry/startTelemetry';
import { registerInvocationSpans } from './invocationSpans';

startTelemetry(loadConfig());
registerInvocationSpans();
