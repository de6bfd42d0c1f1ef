// Turns what an ARM call threw into a step outcome that says what to fix: a 403 names the action, the scope
// and the role to assign; a timeout says the operation may still be running; a missing credential says how
// to give Lifeboat one.
import { isRestError } from '@azure/core-rest-pipeline';
import type { AzureStepFailed } from '../../ports/AzureStepExecutor';
import { parseRetryAfter } from '../http/parseRetryAfter';

const AUTHORIZATION_FAILED = /perform action '([^']+)' over scope '([^']+)'/;
const CREDENTIAL_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationRequiredError',
  'AggregateAuthenticationError',
  'AuthenticationError',
]);
const MESSAGE_LIMIT = 400;

export interface ArmErrorContext {
  /** "make server sql-b primary of fg-pay": what the step was doing. */
  readonly doing: string;
  /** The built-in role that allows the step (from the step type's definition). */
  readonly role: string;
  readonly timeoutMs: number;
  readonly latencyMs: number;
}

export function describeArmError(err: unknown, context: ArmErrorContext): AzureStepFailed {
  const { latencyMs } = context;
  // Read, not `instanceof`: errors from other realms (Node's timers, test sandboxes) are Errors too.
  const name = errorField(err, 'name');
  if (name === 'AbortError' || name === 'TimeoutError') {
    return {
      kind: 'failed',
      retryable: true,
      latencyMs,
      reason: `${context.doing}: not finished within ${formatTimeout(context.timeoutMs)}; the operation may still be running in Azure, and the next attempt reads its state again before doing anything; retryable`,
    };
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return {
      kind: 'failed',
      retryable: false,
      latencyMs,
      reason: `${context.doing}: Lifeboat has no Azure credential (${firstLine(err)}). In Azure, give the function app a managed identity (AZURE_CLIENT_ID for a user-assigned one) with ${context.role}; locally, sign in with \`az login\` or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET; not retryable`,
    };
  }
  if (!isRestError(err)) {
    return {
      kind: 'failed',
      retryable: false,
      latencyMs,
      reason: `${context.doing}: ${firstLine(err)}; not retryable`,
    };
  }
  const status = err.statusCode;
  const code = err.code ? ` ${err.code}` : '';
  const message = err.message ? `: ${truncate(err.message)}` : '';
  if (status === undefined) {
    return {
      kind: 'failed',
      retryable: true,
      latencyMs,
      reason: `${context.doing}: no answer from Azure Resource Manager (${err.code ?? 'network error'}); retryable`,
    };
  }
  const base = { kind: 'failed' as const, status, latencyMs };
  if (status === 403 || status === 401) {
    const match = AUTHORIZATION_FAILED.exec(err.message);
    const what = match
      ? `the identity may not perform ${match[1]} on ${match[2]}: assign it ${context.role} on that scope (or a custom role with that action)`
      : `the identity is not allowed${message}; assign it ${context.role} on the resource`;
    return {
      ...base,
      retryable: false,
      reason: `${context.doing}: ${status}${code}: ${what}; not retryable`,
    };
  }
  if (status === 404) {
    return {
      ...base,
      retryable: false,
      reason: `${context.doing}: 404${code}${message}; check the resource id in the runbook; not retryable`,
    };
  }
  const retryAfterMs = parseRetryAfter(err.response?.headers.get('retry-after') ?? null, Date.now());
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  const hint =
    status === 409
      ? ' (another operation on the resource is in progress)'
      : status === 429
        ? ' (Azure Resource Manager is throttling)'
        : '';
  return {
    ...base,
    retryable,
    ...(retryable && retryAfterMs !== undefined ? { retryAfterMs } : {}),
    reason: `${context.doing}: ${status}${code}${hint}${message}; ${retryable ? 'retryable' : 'not retryable'}`,
  };
}

function errorField(err: unknown, field: 'name' | 'message'): string {
  const value = err !== null && typeof err === 'object' ? (err as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : '';
}

function formatTimeout(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1_000)}s`;
}

function firstLine(err: unknown): string {
  const text = errorField(err, 'message') || String(err);
  return truncate(text.split('\n')[0] ?? text);
}

function truncate(text: string): string {
  return text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT)}…` : text;
}
