// Keeps only what activation criteria read from a normalised alert, so facts stay small in orchestration history.
import { type Alert } from '../alerts/Alert';
import { type AlertFact } from './ActivationFacts';

export function toAlertFact(alert: Alert): AlertFact {
  const fact: AlertFact = {
    id: alert.id,
    fingerprint: alert.fingerprint,
    severity: alert.severity,
    condition: alert.condition,
    firedAt: alert.firedAt,
    targetResourceIds: [...alert.targetResourceIds],
    monitoringService: alert.monitoringService,
    impactedServices: alert.impactedServices.map((s) => ({ service: s.service, regions: [...s.regions] })),
  };
  if (alert.resolvedAt !== undefined) {
    fact.resolvedAt = alert.resolvedAt;
  }
  if (alert.region !== undefined) {
    fact.region = alert.region;
  }
  return fact;
}
