// Entry point of alert intake's domain logic: detects the format of a parsed body and normalises its alerts.
import { errorMessage, type ValidationIssue } from '../../errors';
import { formatZodIssues } from '../validation/formatZodIssues';
import { alertSchema } from './Alert';
import { normaliseAlertmanagerWebhook } from './alertmanager/normaliseAlertmanagerWebhook';
import { normaliseAzureMonitorAlert } from './azureMonitor/normaliseAzureMonitorAlert';
import { ACCEPTED_FORMATS_TEXT, detectAlertFormat } from './detectAlertFormat';
import { normaliseGenericAlert } from './generic/normaliseGenericAlert';
import { type AlertFormat, type FormatOutcome, type NormaliseResult } from './NormaliseResult';

export { type AlertFormat, type NormaliseResult } from './NormaliseResult';

const FORMAT_NAMES: Readonly<Record<AlertFormat, string>> = {
  'azure-monitor-common': 'Azure Monitor common alert schema',
  'alertmanager-v4': 'Alertmanager webhook (version 4)',
  'generic-v1': 'Lifeboat generic alert (lifeboat.alert/v1)',
};

const NORMALISERS: Readonly<Record<AlertFormat, (body: unknown) => FormatOutcome>> = {
  'azure-monitor-common': normaliseAzureMonitorAlert,
  'alertmanager-v4': normaliseAlertmanagerWebhook,
  'generic-v1': normaliseGenericAlert,
};

/** Never throws: any body, however malformed, yields alerts or an error that says what to fix. */
export function normaliseAlertPayload(body: unknown): NormaliseResult {
  try {
    return normalise(body);
  } catch (err) {
    // A bug here must not turn one odd payload into a 500 with no explanation.
    return invalid(`The alert payload could not be normalised: ${errorMessage(err)}`, []);
  }
}

function normalise(body: unknown): NormaliseResult {
  const detection = detectAlertFormat(body);
  if (detection.format === undefined) {
    return {
      ok: false,
      error: {
        code: 'unknown_format',
        message: `Unrecognised alert payload. Accepted formats: ${ACCEPTED_FORMATS_TEXT}.`,
        details: detection.hint === undefined ? [] : [detection.hint],
      },
    };
  }
  const format = detection.format;
  const outcome = NORMALISERS[format](body);
  if (!outcome.ok) {
    return invalid(describeIssues(FORMAT_NAMES[format], outcome.details), outcome.details);
  }
  // The normalisers build alerts that satisfy the contract; checking keeps a regression from leaking downstream.
  for (const [index, alert] of outcome.alerts.entries()) {
    const checked = alertSchema.safeParse(alert);
    if (!checked.success) {
      const details = formatZodIssues(checked.error.issues, `alerts[${index}]`);
      return invalid(`The ${FORMAT_NAMES[format]} payload produced an invalid alert.`, details);
    }
  }
  return { ok: true, format, alerts: outcome.alerts };
}

/** "Invalid <format> payload: <first path>: <expectation> (and N more)"; the details list them all. */
function describeIssues(formatName: string, details: readonly ValidationIssue[]): string {
  const first = details[0];
  if (first === undefined) {
    return `Invalid ${formatName} payload.`;
  }
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  return `Invalid ${formatName} payload: ${first.path === '' ? '(root)' : first.path}: ${first.message}${more}`;
}

function invalid(message: string, details: ValidationIssue[]): NormaliseResult {
  return { ok: false, error: { code: 'invalid_payload', message, details } };
}
