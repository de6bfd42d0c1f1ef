// Port: a dependency that can say whether it is ready (store, bus, ...).

export interface HealthCheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
}

export interface HealthCheck {
  readonly name: string;
  check(): Promise<HealthCheckResult>;
}
