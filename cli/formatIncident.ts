// The terminal views of `lifeboat incidents` and `lifeboat incident <id>`: the status API's JSON in columns.
import { rtoClockText as rtoText } from '../shared/domain/incident/rtoClockText';
import type { IncidentSummary, IncidentView } from '../shared/domain/incident/incidentView';

const LATEST_TIMELINE = 10;

export function incidentsTable(items: readonly IncidentSummary[]): string {
  if (items.length === 0) return 'No incidents.';
  const rows = [
    ['ID', 'WORKLOAD', 'MODE', 'STATUS', 'SEV', 'DETECTED', 'RTO'],
    ...items.map((i) => [
      i.id,
      i.workloadId,
      i.mode,
      i.status,
      i.severity ?? '-',
      i.detectedAt,
      rtoText(i.rto),
    ]),
  ];
  return columns(rows);
}

export function incidentDetail(view: IncidentView): string {
  const lines = [
    `${view.id}  ${view.workloadId}  ${view.mode}  ${view.status}  ${view.severity ?? ''}`.trimEnd(),
    `RTO      ${rtoText(view.rto)}`,
    `Detected ${view.detectedAt}${view.activatedAt ? `  activated ${view.activatedAt}` : ''}${view.recoveredAt ? `  recovered ${view.recoveredAt}` : ''}`,
    `Approval ${view.approval.status} (${view.approval.quorum.approvals}/${view.approval.quorum.required})`,
  ];
  if (view.runbook?.paused) {
    lines.push(
      `Paused   ${view.runbook.paused.reason}${view.runbook.paused.stepId ? ` at ${view.runbook.paused.stepId}` : ''}`,
    );
  }
  if (view.outcome) lines.push(`Outcome  ${view.outcome.status}: ${view.outcome.reason}`);
  if (view.steps.length > 0) {
    lines.push('', 'Steps');
    lines.push(
      columns([
        ['  ID', 'TYPE', 'STATUS', 'ATTEMPTS', 'NOTE'],
        ...view.steps.map((s) => [
          `  ${s.id}`,
          s.type,
          s.status,
          String(s.attempts),
          s.error ?? s.detail ?? '',
        ]),
      ]),
    );
  }
  lines.push(
    '',
    `Timeline (latest ${Math.min(LATEST_TIMELINE, view.timeline.length)} of ${view.timeline.length})`,
  );
  for (const entry of view.timeline.slice(-LATEST_TIMELINE)) {
    lines.push(`  ${entry.at}  ${entry.actor ? `${entry.actor}: ` : ''}${entry.message}`);
  }
  return lines.join('\n');
}

function columns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
