// Readiness of Service Bus: a sender link to the alerts queue attaches (connection, authorisation and the
// entity all in place) within a few seconds. Nothing is sent.
import { errorMessage } from '../../errors';
import type { HealthCheck, HealthCheckResult } from '../../ports/HealthCheck';
import type { ServiceBusMessageSender } from './ServiceBusMessageSender';

export const SERVICE_BUS_HEALTH_TIMEOUT_MS = 5000;

export class ServiceBusHealthCheck implements HealthCheck {
  readonly name = 'service-bus';
  constructor(
    private readonly sender: () => ServiceBusMessageSender,
    private readonly entity: string,
    private readonly timeoutMs: number = SERVICE_BUS_HEALTH_TIMEOUT_MS,
  ) {}

  async check(): Promise<HealthCheckResult> {
    try {
      await this.sender().reachable(this.entity, this.timeoutMs);
      return { name: this.name, ok: true };
    } catch (err) {
      return { name: this.name, ok: false, detail: errorMessage(err) };
    }
  }
}
