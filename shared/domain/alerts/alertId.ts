// The deterministic dedup id of a normalised alert: the same notification always gets the same id.
import { createHash } from 'node:crypto';
import { type AlertCondition, type AlertSource } from './Alert';

const ALERT_ID_LENGTH = 32;

export function computeAlertId(
  source: AlertSource,
  sourceAlertId: string,
  condition: AlertCondition,
): string {
  return createHash('sha256')
    .update(`${source}\n${sourceAlertId}\n${condition}`, 'utf8')
    .digest('hex')
    .slice(0, ALERT_ID_LENGTH);
}
