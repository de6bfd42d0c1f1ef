// The printable runbook as data: everything needed to run a workload's DR plan by hand when Lifeboat itself
// is down. Built from the catalog alone (the server and the offline CLI export build the same document).
// Secrets are named, never resolved: the document shows `{ secret: NAME }` where the value would go.
import type { Catalog } from '../catalog/Catalog';
import { findRunbook } from '../catalog/Catalog';
import { compilePolicy } from '../catalog/compilePolicy';
import { peopleInRoles } from '../catalog/contactsSchema';
import { approvalDeadlineSeconds } from '../catalog/EffectivePolicy';
import type { HealthCheck } from '../catalog/healthCheckSchema';
import { TIER_NAMES } from '../catalog/Tier';
import type { Workload } from '../catalog/Workload';
import { describeCriteria, type CriteriaLine } from '../criteria/describeCriteria';
import { formatDuration } from '../wording/formatDuration';
import { isSecretReference } from '../runbook/secretReference';
import type { Runbook } from '../runbook/Runbook';
import type { AzureStep, LeafStep, RunbookStep } from '../runbook/runbookStepSchema';
import { stepIdempotencyKey } from '../runbook/stepIdempotencyKey';
import { azureStepDryRun } from '../runbook/azure/azureStepPlans';
import { isAzureStepType } from '../runbook/azure/azureStepTypes';

export interface RunbookDocumentStep {
  readonly number: number;
  readonly id: string;
  readonly name: string;
  readonly type: string;
  /** What to do, in one line: the call, the wait, the checks, or "follow the instructions". */
  readonly action: string;
  readonly instructions?: string;
  /** `curl` for an http step, secrets as shell variables named after their app setting. */
  readonly command?: string;
  readonly secrets: readonly string[];
  readonly limits: string;
  readonly onFailure: string;
}

export interface RunbookDocumentSection {
  readonly purpose: 'failover' | 'failback';
  readonly title: string;
  readonly runbookId: string;
  readonly name: string;
  readonly description?: string;
  readonly steps: readonly RunbookDocumentStep[];
}

export interface RunbookDocument {
  readonly workloadId: string;
  readonly workloadName: string;
  readonly description?: string;
  readonly owner?: string;
  readonly tier: number;
  readonly tierName: string;
  readonly rto: string;
  readonly rpo: string;
  readonly strategy: string;
  readonly regions: { readonly primary: string; readonly secondary: string };
  readonly services: readonly string[];
  readonly contacts: readonly {
    readonly role: string;
    readonly people: readonly { readonly name: string; readonly email?: string; readonly teams?: string }[];
  }[];
  readonly activateWhen: readonly CriteriaLine[];
  readonly dismissWhen: string;
  readonly approval: readonly string[];
  readonly runbooks: readonly RunbookDocumentSection[];
  readonly healthChecks: readonly {
    readonly region: string;
    readonly name: string;
    readonly check: string;
    readonly command: string;
  }[];
  readonly secrets: readonly string[];
}

/** `INCIDENT_ID`: the idempotency key a hand-run step sends names the incident like Lifeboat's would. */
const INCIDENT_PLACEHOLDER = '$INCIDENT_ID';

export function buildRunbookDocument(workload: Workload, catalog: Catalog): RunbookDocument {
  const policy = compilePolicy(workload);
  const criteria = describeCriteria(workload.activation);
  const sections: RunbookDocumentSection[] = [];
  for (const purpose of ['failover', 'failback'] as const) {
    const id = workload.runbooks[purpose];
    const runbook = id === undefined ? undefined : findRunbook(catalog, id);
    if (runbook !== undefined) sections.push(section(purpose, runbook));
  }
  const healthChecks = (['primary', 'secondary'] as const).flatMap((region) =>
    workload.healthChecks[region].map((check) => ({
      region: `${region} (${workload.regions[region]})`,
      name: check.name,
      check: describeHealthCheck(check),
      command: `curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' ${shellQuote(check.url)}`,
    })),
  );
  return {
    workloadId: workload.id,
    workloadName: workload.name,
    ...(workload.description ? { description: workload.description } : {}),
    ...(workload.owner ? { owner: workload.owner } : {}),
    tier: workload.tier,
    tierName: TIER_NAMES[workload.tier],
    rto: formatDuration(workload.rtoSeconds * 1000),
    rpo: formatDuration(workload.rpoSeconds * 1000),
    strategy: workload.strategy,
    regions: workload.regions,
    services: workload.services,
    contacts: Object.entries(workload.contacts).map(([role, people]) => ({
      role,
      people: people.map((p) => ({
        name: p.name,
        ...(p.email ? { email: p.email } : {}),
        ...(p.teamsUpn ? { teams: p.teamsUpn } : {}),
      })),
    })),
    activateWhen: criteria.activateWhen,
    dismissWhen: criteria.dismissWhen,
    approval: approvalWords(workload, policy),
    runbooks: sections,
    healthChecks,
    secrets: [...new Set(sections.flatMap((s) => s.steps.flatMap((step) => step.secrets)))].sort(),
  };
}

function approvalWords(workload: Workload, policy: ReturnType<typeof compilePolicy>): string[] {
  const who = (roles: readonly string[]) => {
    const people = peopleInRoles(workload.contacts, roles).map((p) => p.name);
    return `${roles.join(', ')} (${people.length > 0 ? people.join(', ') : 'nobody listed'})`;
  };
  const lines = [
    `Observe for ${formatDuration(policy.observationWindowSeconds * 1000)} before asking (a blip resolves itself).`,
    `Ask ${who(policy.approverRoles)}: ${policy.quorum} approval(s) from distinct people activate; ${policy.rejectionsToReject} rejection(s) reject.`,
  ];
  let after = policy.approvalTimeoutSeconds;
  for (const level of policy.escalation) {
    lines.push(`No decision after ${formatDuration(after * 1000)}: also ask ${who(level.roles)}.`);
    after += level.timeoutSeconds;
  }
  lines.push(
    `No quorum after ${formatDuration(approvalDeadlineSeconds(policy) * 1000)}: ${
      policy.finalTimeoutOutcome === 'auto-activate' ? 'fail over without approval' : 'the request expires'
    }.`,
    'Failback always needs approval.',
    `Tell everyone in the contact matrix every ${formatDuration(policy.notificationCadenceSeconds * 1000)} while the failover runs.`,
  );
  return lines;
}

function section(purpose: 'failover' | 'failback', runbook: Runbook): RunbookDocumentSection {
  return {
    purpose,
    title: purpose === 'failover' ? 'Failover' : 'Failback',
    runbookId: runbook.id,
    name: runbook.name,
    ...(runbook.description ? { description: runbook.description } : {}),
    steps: documentSteps(runbook.steps),
  };
}

/**
 * Numbered in the order a person works through them: a parallel group first says what runs side by side,
 * then lists each branch's steps, named after their branch (people may split the branches between them).
 */
function documentSteps(steps: readonly RunbookStep[]): RunbookDocumentStep[] {
  const out: RunbookDocumentStep[] = [];
  for (const step of steps) {
    if (step.type !== 'parallel') {
      out.push(documentStep(step, out.length + 1));
      continue;
    }
    out.push({
      number: out.length + 1,
      id: step.id,
      name: step.name,
      type: step.type,
      ...(step.instructions ? { instructions: step.instructions } : {}),
      action: `Run these ${step.branches.length} branches at the same time: ${step.branches
        .map((b) => `${b.name} (${b.steps.map((s) => s.id).join(', ')})`)
        .join('; ')}. The group ends when every branch has.`,
      secrets: [],
      limits: 'Each branch step has its own limits, below.',
      onFailure:
        'A failing branch step follows its own rule; the other branches go on unless it stops the failover.',
    });
    for (const branch of step.branches) {
      for (const branchStep of branch.steps) {
        out.push(
          documentStep({ ...branchStep, name: `[${branch.name}] ${branchStep.name}` }, out.length + 1),
        );
      }
    }
  }
  return out;
}

function documentStep(step: LeafStep, number: number): RunbookDocumentStep {
  const common = {
    number,
    id: step.id,
    name: step.name,
    type: step.type,
    ...(step.instructions ? { instructions: step.instructions } : {}),
    onFailure: {
      pause: 'If it still fails: stop and decide (retry or skip) before going on.',
      abort: 'If it still fails: stop the failover.',
      continue: 'If it still fails: note it and go on with the next step.',
    }[step.onFailure],
  };
  const retry =
    step.retry.maxAttempts > 1
      ? `, up to ${step.retry.maxAttempts} attempts ${formatDuration(step.retry.firstIntervalSeconds * 1000)} apart at first (×${step.retry.backoffCoefficient}, at most ${formatDuration(step.retry.maxIntervalSeconds * 1000)})`
      : ', one attempt';
  if (isAzureStepType(step.type)) {
    return {
      ...common,
      ...documentAzureStep(step as AzureStep),
      limits: `Timeout ${formatDuration(step.timeoutSeconds * 1000)} per attempt${retry}.`,
    };
  }
  switch (step.type) {
    case 'http': {
      const { request } = step;
      const url = isSecretReference(request.url) ? `{ secret: ${request.url.secret} }` : request.url;
      return {
        ...common,
        action: `${request.method} ${url}, expecting ${request.expectStatus.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(' or ')}`,
        command: curlCommand(step),
        secrets: request.secretNames,
        limits: `Timeout ${formatDuration(step.timeoutSeconds * 1000)} per attempt${retry}.`,
      };
    }
    case 'manual':
      return {
        ...common,
        action: 'Follow the instructions, then record who confirmed it and when.',
        secrets: [],
        limits: `Confirm within ${formatDuration(step.timeoutSeconds * 1000)}.`,
      };
    case 'wait':
      return {
        ...common,
        action: `Wait ${formatDuration(step.durationSeconds * 1000)}.`,
        secrets: [],
        limits: 'A timer: nothing to call.',
      };
    case 'healthCheck':
      return {
        ...common,
        action:
          step.source.kind === 'workload'
            ? `Run the ${step.source.target} health checks (below) until each passes ${step.consecutivePasses} times in a row, ${formatDuration(step.intervalSeconds * 1000)} apart.`
            : `GET ${step.source.probe.url} until it answers ${step.source.probe.expectStatus} ${step.consecutivePasses} times in a row, ${formatDuration(step.intervalSeconds * 1000)} apart.`,
        ...(step.source.kind === 'probe'
          ? {
              command: `curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' ${shellQuote(step.source.probe.url)}`,
            }
          : {}),
        secrets: [],
        limits: `Give up after ${formatDuration(step.deadlineSeconds * 1000)}; each probe times out after ${formatDuration(step.timeoutSeconds * 1000)}.`,
      };
  }
}

/** An Azure step by hand: what it changes, and the same ARM requests with `az rest` (signed in as an operator). */
function documentAzureStep(step: AzureStep) {
  const plan = azureStepDryRun(step);
  const command = plan.requests
    .map((request) => {
      const body = request.body === undefined ? '' : ` --body ${shellQuote(JSON.stringify(request.body))}`;
      const note = request.note ? `  # ${request.note}` : '';
      return `az rest --method ${request.method.toLowerCase()} --url ${shellQuote(request.path)}${body}${note}`;
    })
    .join('\n');
  return { action: plan.summary, command, secrets: [] };
}

/** The request Lifeboat would send, as a shell command: secrets from environment variables of their name. */
function curlCommand(step: Extract<LeafStep, { type: 'http' }>): string {
  const { request } = step;
  const parts = [`curl -sS -X ${request.method}`];
  const url = isSecretReference(request.url) ? `"$${request.url.secret}"` : shellQuote(request.url);
  const key = stepIdempotencyKey(INCIDENT_PLACEHOLDER, step.id, 1).replace(
    INCIDENT_PLACEHOLDER,
    '${INCIDENT_ID}',
  );
  parts.push(`-H "Idempotency-Key: \\"${key}\\""`);
  for (const [name, value] of Object.entries(request.headers)) {
    parts.push(
      isSecretReference(value) ? `-H "${name}: $${value.secret}"` : `-H ${shellQuote(`${name}: ${value}`)}`,
    );
  }
  if (request.body !== undefined) {
    parts.push(`-H 'content-type: application/json'`);
    parts.push(`--data ${bodyArgument(request.body)}`);
  }
  parts.push(url);
  return parts.join(' \\\n  ');
}

/** The JSON body; a body with secrets is built in double quotes so the shell fills them in. */
function bodyArgument(body: unknown): string {
  const secrets: string[] = [];
  const json = JSON.stringify(body, (_key, value: unknown) => {
    if (isSecretReference(value)) {
      secrets.push(value.secret);
      return `\uE000${value.secret}\uE000`;
    }
    return value;
  });
  if (secrets.length === 0) return shellQuote(json);
  const escaped = json.replace(/[\\"$`]/g, (c) => `\\${c}`).replace(/\uE000([A-Z0-9_]+)\uE000/g, '$$$1');
  return `"${escaped}"`;
}

function describeHealthCheck(check: HealthCheck): string {
  return [
    `GET ${check.url} answers ${check.expectStatus}`,
    ...(check.maxLatencyMs === undefined ? [] : [`within ${check.maxLatencyMs} ms`]),
    ...(check.bodyContains === undefined ? [] : [`with "${check.bodyContains}" in the body`]),
    `${check.consecutivePasses} times in a row`,
    ...(check.deadlineSeconds === undefined
      ? []
      : [`(give up after ${formatDuration(check.deadlineSeconds * 1000)})`]),
  ].join(' ');
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
