// The activation decision for an incident: activate, keep observing, or dismiss; with the reasons approvers read.
import { type ActivationCriteria } from './ActivationCriteria';
import { type ActivationEvaluation, type ConditionResult } from './ActivationEvaluation';
import { type ActivationFacts } from './ActivationFacts';
import { type AlertStates, deriveAlertStates } from './deriveAlertStates';
import { type EvaluatedCondition, evaluateCondition } from './evaluateCondition';
import { evaluateDismissRule } from './evaluateDismissRule';
import { type EvaluationContext } from './EvaluationContext';
import { explainMet, explainUnmet } from './explainEvaluation';
import { instantMillis } from './instantMillis';

/**
 * Dismiss when the dismiss rule holds (no alert firing), else activate when activateWhen holds, else observe.
 * Pure and deterministic: the only clock is `facts.now`, so an orchestrator may call it directly.
 */
export function evaluateActivation(
  criteria: ActivationCriteria,
  facts: ActivationFacts,
  /** `deriveAlertStates(facts.alerts)`, when the caller has it already (an assessment also summarises). */
  alertStates: AlertStates = deriveAlertStates(facts.alerts),
): ActivationEvaluation {
  const ctx: EvaluationContext = {
    nowMs: instantMillis(facts.now),
    alerts: alertStates,
    workload: facts.workload,
    probes: facts.probes,
  };
  const activate = evaluateCondition(criteria.activateWhen, ctx, ['activateWhen']);
  const dismiss = evaluateDismissRule(criteria.dismissWhen, ctx);
  const conditions = [toConditionResult(activate), dismiss];
  if (dismiss.met) {
    return { decision: 'dismiss', reasons: [dismiss.reason], conditions };
  }
  if (activate.met) {
    return { decision: 'activate', reasons: explainMet(activate), conditions };
  }
  return { decision: 'observe', reasons: explainUnmet(activate), conditions };
}

function toConditionResult(node: EvaluatedCondition): ConditionResult {
  const result = { path: node.path, label: node.label, met: node.met, reason: node.reason };
  return node.kind === 'leaf' ? result : { ...result, children: node.children.map(toConditionResult) };
}
