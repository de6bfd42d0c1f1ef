// The simulated world behind the two-region demo app: the Cosmos DB write region, where traffic goes,
// maintenance mode, region outages, injected faults, the idempotency record and a log of what arrived.
// Pure state and rules; TwoRegionDemoApp turns HTTP requests into calls here.

export const DEMO_REGIONS = ['westeurope', 'northeurope'] as const;
export type DemoRegion = (typeof DEMO_REGIONS)[number];

/** The regions of catalog/workloads/orders-api.yaml. */
export const PRIMARY_REGION = 'westeurope' satisfies DemoRegion;
export const SECONDARY_REGION = 'northeurope' satisfies DemoRegion;

/** The three listeners; faults and the request log say which one they mean, as `/health` is on two. */
export const DEMO_SERVERS = ['primary', 'secondary', 'automation'] as const;
export type DemoServer = (typeof DEMO_SERVERS)[number];

/** The requests that change the world; each is applied at most once per idempotency key. */
export const EFFECT_ENDPOINTS = {
  maintenance: 'POST /admin/maintenance',
  cosmosFailover: 'POST /cosmos/failover',
  trafficSwitch: 'POST /traffic/switch',
} as const;
export type EffectEndpoint = (typeof EFFECT_ENDPOINTS)[keyof typeof EFFECT_ENDPOINTS];

/** Enough history for a whole activation with retries, small enough to print. */
export const REQUEST_LOG_LIMIT = 1000;

export interface Maintenance {
  readonly enabled: boolean;
  readonly reason?: string;
}

/** A response as the idempotency record keeps it: replayed verbatim for a repeated key. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface AppliedEffect {
  readonly endpoint: EffectEndpoint;
  readonly idempotencyKey: string;
  /** ISO 8601, from the app's clock. */
  readonly at: string;
  readonly body: unknown;
}

export interface RequestRecord {
  readonly server: DemoServer;
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey?: string;
  readonly status: number;
  readonly at: string;
}

/** A request a delay fault is holding: it has arrived and will be handled when the delay ends. */
export interface DelayedRequest {
  readonly server: DemoServer;
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey?: string;
  /** When the delay began. */
  readonly at: string;
}

export interface FaultSpec {
  /** Any listener when absent. */
  readonly server?: DemoServer;
  /** Upper case; any method when absent. */
  readonly method?: string;
  readonly path: string;
  /** Answered instead of handling the request; absent for a delay-only fault. */
  readonly status?: number;
  readonly times: number;
  readonly delayMs?: number;
}

export interface ArmedFault extends FaultSpec {
  /** How many more matching requests this fault will hit. */
  readonly remaining: number;
}

/** What one faulted request suffers: a delay before handling, a status instead of handling, or both. */
export interface FaultHit {
  readonly status?: number;
  readonly delayMs?: number;
}

export interface RegionHealth {
  readonly healthy: boolean;
  readonly report: {
    readonly region: DemoRegion;
    readonly status: 'healthy' | 'standby' | 'ready' | 'unavailable';
    readonly role?: RegionRole;
    readonly reason?: string;
    readonly maintenance?: Maintenance;
  };
}

/** A region is active when it holds the Cosmos DB write role and receives the traffic. */
export type RegionRole = 'active' | 'standby';

export type OrdersAvailability =
  | { readonly available: true }
  | { readonly available: false; readonly reason: string; readonly inMaintenance: boolean };

export type IdempotentOutcome =
  | { readonly kind: 'applied'; readonly response: StoredResponse }
  | { readonly kind: 'replayed'; readonly response: StoredResponse }
  | { readonly kind: 'keyReused' };

export interface DemoStateSnapshot {
  readonly cosmosWriteRegion: DemoRegion;
  readonly trafficRegion: DemoRegion;
  readonly maintenance: Maintenance;
  /** The regions under a simulated outage. */
  readonly outage: DemoRegion[];
  readonly effects: AppliedEffect[];
  /** Requests answered from the idempotency record instead of applying their effect again. */
  readonly deduplicated: number;
  readonly faults: ArmedFault[];
  /** Requests held by a delay fault right now, oldest first. */
  readonly delayed: DelayedRequest[];
  /** The last REQUEST_LOG_LIMIT requests to the regions and the automation API, oldest first. */
  readonly requests: RequestRecord[];
}

interface IdempotencyEntry {
  readonly fingerprint: string;
  readonly response: StoredResponse;
}

/**
 * What outlives a restart of the demo app (`npm start` keeps it in the data directory, demoStateFile.ts): the
 * regions' roles and outage, the effects applied and the idempotency record, so a failover survives the
 * restart and a step re-sent after it is still answered once. Faults, held requests and the request log
 * belong to a moment and start empty.
 */
export interface DurableDemoState {
  readonly cosmosWriteRegion: DemoRegion;
  readonly trafficRegion: DemoRegion;
  readonly maintenance: Maintenance;
  readonly outage: readonly DemoRegion[];
  readonly effects: readonly AppliedEffect[];
  readonly deduplicated: number;
  readonly idempotency: readonly {
    readonly key: string;
    readonly fingerprint: string;
    readonly response: StoredResponse;
  }[];
}

interface MutableFault extends FaultSpec {
  remaining: number;
}

const NO_MAINTENANCE: Maintenance = { enabled: false };

/** A healthy asynchronous replica: a few seconds behind. */
export const DEFAULT_REPLICATION_LAG_SECONDS = 4;

export class DemoRegionState {
  private cosmosWriteRegion: DemoRegion = PRIMARY_REGION;
  private trafficRegion: DemoRegion = PRIMARY_REGION;
  private maintenance: Maintenance = NO_MAINTENANCE;
  private readonly regionsDown = new Set<DemoRegion>();
  private readonly idempotency = new Map<string, IdempotencyEntry>();
  private readonly effects: AppliedEffect[] = [];
  private deduplicated = 0;
  private faults: MutableFault[] = [];
  private requests: RequestRecord[] = [];
  private readonly delayed = new Map<number, DelayedRequest>();
  private lastDelayId = 0;
  private replicationLagSeconds = DEFAULT_REPLICATION_LAG_SECONDS;

  constructor(private readonly now: () => Date) {}

  /** How far North Europe's replica is behind West Europe's writes (the walkthrough sets it). */
  setReplicationLag(seconds: number): void {
    this.replicationLagSeconds = seconds;
  }

  replication(): { source: DemoRegion; replica: DemoRegion; lagSeconds: number; measuredAt: string } {
    const replica = this.cosmosWriteRegion === PRIMARY_REGION ? SECONDARY_REGION : PRIMARY_REGION;
    return {
      source: this.cosmosWriteRegion,
      replica,
      lagSeconds: this.replicationLagSeconds,
      measuredAt: this.now().toISOString(),
    };
  }

  isDown(region: DemoRegion): boolean {
    return this.regionsDown.has(region);
  }

  setOutage(region: DemoRegion, down: boolean): void {
    if (down) {
      this.regionsDown.add(region);
    } else {
      this.regionsDown.delete(region);
    }
  }

  /** Liveness of West Europe: healthy unless it is down, whatever its role (maintenance is not an outage). */
  primaryHealth(): RegionHealth {
    if (this.isDown(PRIMARY_REGION)) {
      return outageHealth(PRIMARY_REGION);
    }
    return {
      healthy: true,
      report: {
        region: PRIMARY_REGION,
        status: 'healthy',
        role: this.roleOf(PRIMARY_REGION),
        maintenance: this.maintenance,
      },
    };
  }

  /**
   * Whether North Europe could take over (DR readiness): up, whatever its role. Its /health answers 503
   * while it stands by, because validation after a failover asks whether it serves.
   */
  secondaryReadiness(): RegionHealth {
    if (this.isDown(SECONDARY_REGION)) {
      return outageHealth(SECONDARY_REGION);
    }
    const role = this.cosmosWriteRegion === SECONDARY_REGION ? 'active' : 'standby';
    return {
      healthy: true,
      report: { region: SECONDARY_REGION, status: 'ready', role, reason: 'Ready to take over.' },
    };
  }

  /**
   * Readiness of North Europe to serve, which is what the runbook's validate-secondary step proves:
   * healthy only once it is both the Cosmos DB write region and the traffic target.
   */
  secondaryHealth(): RegionHealth {
    if (this.isDown(SECONDARY_REGION)) {
      return outageHealth(SECONDARY_REGION);
    }
    const missing: string[] = [];
    if (this.cosmosWriteRegion !== SECONDARY_REGION) {
      missing.push(`the Cosmos DB write region is ${this.cosmosWriteRegion}`);
    }
    if (this.trafficRegion !== SECONDARY_REGION) {
      missing.push(`traffic goes to ${this.trafficRegion}`);
    }
    if (missing.length > 0) {
      return {
        healthy: false,
        report: {
          region: SECONDARY_REGION,
          status: 'standby',
          role: 'standby',
          reason: `Standing by: ${missing.join(' and ')}.`,
        },
      };
    }
    return { healthy: true, report: { region: SECONDARY_REGION, status: 'healthy', role: 'active' } };
  }

  /** A region takes orders when it is up, not frozen for maintenance, and holds the Cosmos DB write role. */
  ordersAvailability(region: DemoRegion): OrdersAvailability {
    if (this.isDown(region)) {
      return { available: false, reason: `Simulated outage of ${region}.`, inMaintenance: false };
    }
    if (region === PRIMARY_REGION && this.maintenance.enabled) {
      const why = this.maintenance.reason === undefined ? '' : ` (${this.maintenance.reason})`;
      return { available: false, reason: `${region} is in maintenance mode${why}.`, inMaintenance: true };
    }
    if (this.cosmosWriteRegion !== region) {
      return {
        available: false,
        reason: `${region} is not the Cosmos DB write region (${this.cosmosWriteRegion} is).`,
        inMaintenance: false,
      };
    }
    return { available: true };
  }

  setMaintenance(next: Maintenance): Maintenance {
    this.maintenance = next.enabled ? next : NO_MAINTENANCE;
    return this.maintenance;
  }

  failOverCosmos(writeRegion: DemoRegion): { previousWriteRegion: DemoRegion; writeRegion: DemoRegion } {
    const previousWriteRegion = this.cosmosWriteRegion;
    this.cosmosWriteRegion = writeRegion;
    return { previousWriteRegion, writeRegion };
  }

  switchTraffic(to: DemoRegion): { previousTrafficRegion: DemoRegion; trafficRegion: DemoRegion } {
    const previousTrafficRegion = this.trafficRegion;
    this.trafficRegion = to;
    return { previousTrafficRegion, trafficRegion: to };
  }

  /**
   * Applies `effect` the first time `idempotencyKey` arrives at `endpoint` and keeps its response; a repeat
   * with the same body gets that response back and changes nothing; a repeat with another body is refused,
   * since the caller has mixed up two operations. Only call this once the request is known to be valid:
   * rejections are not kept, so a corrected request with the same key still runs.
   */
  runOnce(
    endpoint: EffectEndpoint,
    idempotencyKey: string,
    body: unknown,
    effect: () => StoredResponse,
  ): IdempotentOutcome {
    const recordKey = `${endpoint}\n${idempotencyKey}`;
    const fingerprint = canonicalJson(body);
    const earlier = this.idempotency.get(recordKey);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        return { kind: 'keyReused' };
      }
      this.deduplicated += 1;
      return { kind: 'replayed', response: earlier.response };
    }
    const response = effect();
    this.idempotency.set(recordKey, { fingerprint, response });
    this.effects.push({ endpoint, idempotencyKey, at: this.timestamp(), body });
    return { kind: 'applied', response };
  }

  armFault(spec: FaultSpec): ArmedFault {
    const fault: MutableFault = { ...spec, remaining: spec.times };
    this.faults.push(fault);
    return { ...fault };
  }

  /** Consumes one hit of the oldest armed fault matching the request, if any. */
  takeFault(server: DemoServer, method: string, path: string): FaultHit | undefined {
    const fault = this.faults.find(
      (f) =>
        f.path === path &&
        (f.server === undefined || f.server === server) &&
        (f.method === undefined || f.method === method),
    );
    if (!fault) {
      return undefined;
    }
    fault.remaining -= 1;
    if (fault.remaining === 0) {
      this.faults = this.faults.filter((f) => f !== fault);
    }
    return {
      ...(fault.status === undefined ? {} : { status: fault.status }),
      ...(fault.delayMs === undefined ? {} : { delayMs: fault.delayMs }),
    };
  }

  /** Lists a request as held by a delay fault until `release` is called. */
  holdRequest(request: Omit<DelayedRequest, 'at'>): { release(): void } {
    const id = ++this.lastDelayId;
    this.delayed.set(id, { ...request, at: this.timestamp() });
    return { release: () => this.delayed.delete(id) };
  }

  recordRequest(request: Omit<RequestRecord, 'at'>): void {
    this.requests.push({ ...request, at: this.timestamp() });
    if (this.requests.length > REQUEST_LOG_LIMIT) {
      this.requests = this.requests.slice(-REQUEST_LOG_LIMIT);
    }
  }

  /** Back to a region pair nobody has touched: the state the app starts in. */
  reset(): void {
    this.cosmosWriteRegion = PRIMARY_REGION;
    this.trafficRegion = PRIMARY_REGION;
    this.maintenance = NO_MAINTENANCE;
    this.regionsDown.clear();
    this.idempotency.clear();
    this.effects.length = 0;
    this.deduplicated = 0;
    this.faults = [];
    this.requests = [];
    this.delayed.clear();
    this.replicationLagSeconds = DEFAULT_REPLICATION_LAG_SECONDS;
  }

  /** A deep copy of what outlives a restart. */
  durable(): DurableDemoState {
    return structuredClone({
      cosmosWriteRegion: this.cosmosWriteRegion,
      trafficRegion: this.trafficRegion,
      maintenance: this.maintenance,
      outage: DEMO_REGIONS.filter((region) => this.regionsDown.has(region)),
      effects: this.effects,
      deduplicated: this.deduplicated,
      idempotency: [...this.idempotency].map(([key, entry]) => ({ key, ...entry })),
    });
  }

  /** Back to what `durable()` gave before a restart; what belongs to a moment starts empty. */
  restore(saved: DurableDemoState): void {
    this.reset();
    const copy = structuredClone(saved);
    this.cosmosWriteRegion = copy.cosmosWriteRegion;
    this.trafficRegion = copy.trafficRegion;
    this.maintenance = copy.maintenance.enabled ? copy.maintenance : NO_MAINTENANCE;
    for (const region of copy.outage) this.regionsDown.add(region);
    this.effects.push(...copy.effects);
    this.deduplicated = copy.deduplicated;
    for (const { key, fingerprint, response } of copy.idempotency) {
      this.idempotency.set(key, { fingerprint, response });
    }
  }

  /** A deep copy: callers may keep or change it without touching the state. */
  snapshot(): DemoStateSnapshot {
    return structuredClone({
      cosmosWriteRegion: this.cosmosWriteRegion,
      trafficRegion: this.trafficRegion,
      maintenance: this.maintenance,
      outage: DEMO_REGIONS.filter((region) => this.regionsDown.has(region)),
      effects: this.effects,
      deduplicated: this.deduplicated,
      faults: this.faults,
      delayed: [...this.delayed.values()],
      requests: this.requests,
    });
  }

  private roleOf(region: DemoRegion): RegionRole {
    return this.cosmosWriteRegion === region && this.trafficRegion === region ? 'active' : 'standby';
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}

function outageHealth(region: DemoRegion): RegionHealth {
  return {
    healthy: false,
    report: { region, status: 'unavailable', reason: `Simulated outage of ${region} (POST /demo/outage).` },
  };
}

/** JSON with object keys sorted, so a repeated request matches whatever order its keys were sent in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
