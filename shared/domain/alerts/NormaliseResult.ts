// What alert normalisation returns: alerts in a detected format, or an error that says what to fix.
import { type ValidationIssue } from '../../errors';
import { type Alert } from './Alert';

export const ALERT_FORMATS = ['azure-monitor-common', 'alertmanager-v4', 'generic-v1'] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

export type NormaliseErrorCode = 'unknown_format' | 'invalid_payload';

export type NormaliseResult =
  | { ok: true; format: AlertFormat; alerts: Alert[] }
  | {
      ok: false;
      error: { code: NormaliseErrorCode; message: string; details: ValidationIssue[] };
    };

/** What one format's normaliser returns before the entry point adds the format and error code. */
export type FormatOutcome = { ok: true; alerts: Alert[] } | { ok: false; details: ValidationIssue[] };
