// A workload's drills as the store holds them, scored (shared/domain/drill/drillHistory.ts): what the drill
// history route, the workloads API and the console's workloads page show.
import { container } from '../../shared/container';
import type { Workload } from '../../shared/domain/catalog/Workload';
import {
  drillSchedule,
  toDrillRecord,
  type DrillRecord,
  type DrillSchedule,
} from '../../shared/domain/drill/drillHistory';

/** The history lists this many drills, newest first; the schedule reads its last held drill among them. */
export const DRILL_HISTORY_LIMIT = 50;

export async function drillHistory(
  workload: Workload,
): Promise<{ readonly schedule: DrillSchedule; readonly items: DrillRecord[] }> {
  const c = container();
  const page = await c
    .incidentStore()
    .list({ workloadId: workload.id, mode: 'drill', limit: DRILL_HISTORY_LIMIT });
  const items = page.items.map(toDrillRecord);
  return { schedule: drillSchedule(workload, items, c.now()), items };
}
