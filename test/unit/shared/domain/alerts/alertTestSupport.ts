// Test support for alert normalisation: fixture loading and an independent computation of the dedup id.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Alert } from '../../../../../shared/domain/alerts/Alert';
import { type NormaliseResult } from '../../../../../shared/domain/alerts/NormaliseResult';

export const ALERT_FIXTURES_DIR = path.join(__dirname, '..', '..', '..', '..', 'fixtures', 'alerts');

export function loadAlertFixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(ALERT_FIXTURES_DIR, name), 'utf8'));
}

/** Written from the contract, not imported, so a change to the implementation's hashing is caught. */
export function expectedAlertId(source: string, sourceAlertId: string, condition: string): string {
  return createHash('sha256').update(`${source}\n${sourceAlertId}\n${condition}`).digest('hex').slice(0, 32);
}

export function expectAlerts(result: NormaliseResult): Alert[] {
  if (!result.ok) {
    throw new Error(`expected alerts, got ${result.error.code}: ${result.error.message}`);
  }
  return result.alerts;
}

export function expectError(result: NormaliseResult): Extract<NormaliseResult, { ok: false }>['error'] {
  if (result.ok) {
    throw new Error(`expected an error, got ${result.alerts.length} alert(s)`);
  }
  return result.error;
}

/** The alert without `raw`, for comparing the normalised fields to an expected object. */
export function withoutRaw(alert: Alert): Omit<Alert, 'raw'> {
  const { raw: _raw, ...rest } = alert;
  return rest;
}

/** Marks a path to delete in `fixtureWith`. */
export const REMOVE = Symbol('remove');

/**
 * A fresh copy of a fixture with changes applied at dotted paths (`data.essentials.severity`,
 * `alerts.0.status`); the value REMOVE deletes the field.
 */
export function fixtureWith(name: string, changes: Readonly<Record<string, unknown>>): unknown {
  const body = loadAlertFixture(name);
  for (const [dotted, value] of Object.entries(changes)) {
    const keys = dotted.split('.');
    const last = keys.pop();
    let target: unknown = body;
    for (const key of keys) {
      target = (target as Record<string, unknown>)[key];
    }
    if (last === undefined || typeof target !== 'object' || target === null) {
      throw new Error(`fixtureWith: no object at ${dotted} in ${name}`);
    }
    const container = target as Record<string, unknown>;
    if (value === REMOVE) {
      delete container[last];
    } else {
      container[last] = value;
    }
  }
  return body;
}
