// Sorts the app's captured registrations by trigger, and refuses bindings the local runtime cannot honour
// (better a clear error at start-up than a function that silently never runs).
import type { CapturedFunction, RpcBindingInfo } from '../functionsCore/functionsCoreModule';
import { NcrontabSchedule } from '../timers/NcrontabSchedule';

export type AuthLevel = 'anonymous' | 'function' | 'admin';

export interface RegisteredFunction {
  readonly name: string;
  readonly fn: CapturedFunction;
  readonly triggerName: string;
  readonly trigger: RpcBindingInfo;
  /** Names of durableClient input bindings the runtime must fill. */
  readonly durableClientInputs: readonly string[];
}

export interface HttpFunction extends RegisteredFunction {
  readonly route: string;
  readonly methods: readonly string[];
  readonly authLevel: AuthLevel;
}

export interface ServiceBusFunction extends RegisteredFunction {
  /** Queue name, or `<topic>/Subscriptions/<subscription>`. */
  readonly entity: string;
  /** The app setting naming the namespace (`connection`; the host's default setting name otherwise). */
  readonly connection: string;
  readonly queueName?: string;
  readonly topicName?: string;
  readonly subscriptionName?: string;
}

export interface TimerFunction extends RegisteredFunction {
  readonly schedule: string;
  readonly runOnStartup: boolean;
}

const supportedInputTypes = new Set(['durableClient', 'orchestrationClient']);
const supportedOutputTypes = new Set(['http']);
const allHttpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];

export class FunctionCatalog {
  readonly http: HttpFunction[] = [];
  readonly serviceBus: ServiceBusFunction[] = [];
  readonly timers: TimerFunction[] = [];
  private readonly orchestrators = new Map<string, RegisteredFunction>();
  private readonly activities = new Map<string, RegisteredFunction>();
  private readonly entities = new Set<string>();

  constructor(functions: readonly CapturedFunction[]) {
    const problems: string[] = [];
    for (const fn of functions) {
      try {
        this.add(fn);
      } catch (err) {
        problems.push(err instanceof Error ? err.message : String(err));
      }
    }
    if (problems.length > 0) {
      throw new Error(`The local runtime cannot host this app:\n- ${problems.join('\n- ')}`);
    }
  }

  orchestrator(name: string): RegisteredFunction | undefined {
    return this.orchestrators.get(name.toLowerCase());
  }

  activity(name: string): RegisteredFunction | undefined {
    return this.activities.get(name.toLowerCase());
  }

  get functionCount(): number {
    return (
      this.http.length +
      this.serviceBus.length +
      this.timers.length +
      this.orchestrators.size +
      this.activities.size +
      this.entities.size
    );
  }

  private add(fn: CapturedFunction): void {
    const name = fn.metadata.name;
    const bindings = Object.entries(fn.metadata.bindings);
    const triggers = bindings.filter(([, b]) => b.direction === 'in' && (b.type ?? '').endsWith('Trigger'));
    const [triggerEntry] = triggers;
    if (!triggerEntry || triggers.length > 1) {
      throw new Error(`Function "${name}" must have exactly one trigger binding.`);
    }
    const [triggerName, trigger] = triggerEntry;
    const durableClientInputs: string[] = [];
    for (const [bindingName, binding] of bindings) {
      if (binding === trigger) {
        continue;
      }
      const type = binding.type ?? '';
      if (binding.direction === 'in' && supportedInputTypes.has(type)) {
        durableClientInputs.push(bindingName);
      } else if (binding.direction === 'out' && supportedOutputTypes.has(type)) {
        continue;
      } else {
        throw new Error(
          `Function "${name}" uses a ${binding.direction ?? ''} binding of type "${type}", which the local runtime does not support; use a port and adapter instead.`,
        );
      }
    }
    const base: RegisteredFunction = { name, fn, triggerName, trigger, durableClientInputs };
    switch (trigger.type) {
      case 'httpTrigger':
        this.http.push({
          ...base,
          route: typeof trigger.route === 'string' && trigger.route !== '' ? trigger.route : name,
          methods: Array.isArray(trigger.methods)
            ? (trigger.methods as string[]).map((m) => m.toUpperCase())
            : allHttpMethods,
          authLevel: parseAuthLevel(trigger.authLevel, name),
        });
        return;
      case 'orchestrationTrigger':
        this.orchestrators.set(name.toLowerCase(), base);
        return;
      case 'activityTrigger':
        this.activities.set(name.toLowerCase(), base);
        return;
      case 'entityTrigger':
        // Registered so the app loads, but entity operations are refused when an orchestrator calls them.
        this.entities.add(name.toLowerCase());
        return;
      case 'serviceBusTrigger':
        this.serviceBus.push(serviceBusFunction(base));
        return;
      case 'timerTrigger':
        if (typeof trigger.schedule !== 'string') {
          throw new Error(`Timer function "${name}" has no schedule.`);
        }
        NcrontabSchedule.parse(trigger.schedule); // refused at start, as the host refuses it
        this.timers.push({
          ...base,
          schedule: trigger.schedule,
          runOnStartup: trigger.runOnStartup === true,
        });
        return;
      default:
        throw new Error(
          `Function "${name}" uses trigger type "${trigger.type ?? ''}", which the local runtime does not support.`,
        );
    }
  }
}

function parseAuthLevel(value: unknown, name: string): AuthLevel {
  if (value === undefined || value === null) {
    return 'function';
  }
  if (value === 'anonymous' || value === 'function' || value === 'admin') {
    return value;
  }
  throw new Error(`HTTP function "${name}" has an unknown authLevel ${JSON.stringify(value)}.`);
}

function serviceBusFunction(base: RegisteredFunction): ServiceBusFunction {
  const t = base.trigger;
  if (t.isSessionsEnabled === true) {
    throw new Error(
      `Service Bus function "${base.name}" uses sessions, which the local runtime does not support.`,
    );
  }
  if (t.cardinality === 'many') {
    throw new Error(
      `Service Bus function "${base.name}" uses cardinality "many", which the local runtime does not support.`,
    );
  }
  // The extension's default connection setting name when a trigger names none.
  const connection =
    typeof t.connection === 'string' && t.connection !== '' ? t.connection : 'AzureWebJobsServiceBus';
  if (typeof t.queueName === 'string') {
    return { ...base, connection, entity: t.queueName, queueName: t.queueName };
  }
  if (typeof t.topicName === 'string' && typeof t.subscriptionName === 'string') {
    return {
      ...base,
      connection,
      entity: `${t.topicName}/Subscriptions/${t.subscriptionName}`,
      topicName: t.topicName,
      subscriptionName: t.subscriptionName,
    };
  }
  throw new Error(`Service Bus function "${base.name}" names neither a queue nor a topic and subscription.`);
}
