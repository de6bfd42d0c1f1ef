// Maps the Prometheus `severity` label onto Sev0..Sev4 (documented in docs/alert-formats.md).
import { type Severity } from '../Severity';

/**
 * `critical` is Sev1, not Sev0: Sev0 is kept for what an operator declares a disaster, so it is only
 * reached by writing `sev0` (or `disaster`) in the rule on purpose.
 */
const SEVERITY_BY_LABEL: ReadonlyMap<string, Severity> = new Map(
  Object.entries({
    sev0: 'Sev0',
    disaster: 'Sev0',
    sev1: 'Sev1',
    critical: 'Sev1',
    sev2: 'Sev2',
    error: 'Sev2',
    high: 'Sev2',
    major: 'Sev2',
    sev3: 'Sev3',
    warning: 'Sev3',
    warn: 'Sev3',
    medium: 'Sev3',
    minor: 'Sev3',
    sev4: 'Sev4',
    info: 'Sev4',
    informational: 'Sev4',
    low: 'Sev4',
    none: 'Sev4',
  } satisfies Record<string, Severity>),
);

/** An alert without a recognised severity label is treated like a warning rather than dropped. */
export const DEFAULT_ALERTMANAGER_SEVERITY: Severity = 'Sev3';

export function alertmanagerSeverity(label: string | undefined): Severity {
  return SEVERITY_BY_LABEL.get((label ?? '').trim().toLowerCase()) ?? DEFAULT_ALERTMANAGER_SEVERITY;
}
