// What the report template needs beyond the report itself: flags for empty sections and joined lists
// (Mustache has no logic, and the view stays the only place that shapes text for the page).
import type { IncidentReport } from './incidentReport';

export function reportPageView(report: IncidentReport) {
  const met = report.summary.rto.met;
  return {
    ...report,
    summary: {
      ...report.summary,
      verdictClass: met === undefined ? '' : met ? 'verdict-met' : 'verdict-missed',
    },
    decision: {
      ...report.decision,
      hasLevels: report.decision.levels.length > 0,
      levels: report.decision.levels.map((l) => ({
        ...l,
        rolesText: l.roles.join(', '),
        peopleText: l.people.join(', '),
      })),
      hasDecisions: report.decision.decisions.length > 0,
      decisions: report.decision.decisions.map((d) => ({
        ...d,
        who: d.name ?? d.approver,
        comment: d.comment ?? '',
      })),
    },
    hasSteps: report.steps.length > 0,
    hasInterventions: report.steps.some((s) => s.interventions.length > 0),
    interventions: report.steps.flatMap((s) => s.interventions),
    hasPauses: report.pauses.length > 0,
  };
}
