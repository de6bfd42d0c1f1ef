// How a workload's approval policy counts decisions, through the local runtime: a quorum of two distinct
// approvers, and a policy where one rejection is not enough to stop a failover.
import { ManualClock } from '../../local/clock/Clock';
import { startAppRuntime } from './support/appRuntime';
import { writeRunbookCatalog } from './support/runbookCatalog';

const KEYS = {
  alice: 'alice-approver-key-0123456789',
  bob: 'bob-approver-key-0123456789ab',
  carol: 'carol-approver-key-012345678',
};
const wait = [{ id: 'settle', name: 'Settle', type: 'wait', duration: '30s' }];

describe('approval policy', () => {
  let app: Awaited<ReturnType<typeof startAppRuntime>>;
  const clock = new ManualClock(Date.parse('2026-11-22T03:00:00.000Z'));
  let sequence = 0;

  beforeAll(async () => {
    app = await startAppRuntime({
      clock,
      catalogDir: writeRunbookCatalog([
        { id: 'board', steps: wait, approval: { quorum: 2, rejectionsToReject: 2 } },
        { id: 'council', steps: wait, approval: { quorum: 2, rejectionsToReject: 2 } },
        { id: 'veto', steps: wait },
      ]),
      settings: {
        LIFEBOAT_OPERATOR_KEYS: JSON.stringify(
          Object.entries(KEYS).map(([name, key]) => ({ key, name, roles: ['viewer', 'approver'] })),
        ),
      },
    });
  });
  afterAll(async () => {
    await app.stop();
  });

  async function awaitingApproval(workload: string): Promise<string> {
    await app.postAlerts({
      schema: 'lifeboat.alert/v1',
      alerts: [
        {
          source: 'synthetic',
          id: `policy-alert-${++sequence}`,
          status: 'fired',
          severity: 'Sev0',
          summary: `${workload} is down`,
          firedAt: new Date(clock.now()).toISOString(),
          labels: { service: workload },
        },
      ],
    });
    await app.runtime.idle();
    const res = await fetch(app.api(`incidents?workload=${workload}&status=awaiting-approval`), {
      headers: { authorization: `Bearer ${KEYS.alice}` },
    });
    const id = ((await res.json()) as { items: { id: string }[] }).items[0]?.id;
    if (id === undefined) throw new Error(`no ${workload} incident awaits approval`);
    return id;
  }
  async function decide(id: string, who: keyof typeof KEYS, decision: 'approve' | 'reject') {
    const res = await fetch(app.api(`incidents/${id}/actions/${decision}`), {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS[who]}` },
    });
    expect(res.status).toBe(202);
    await app.runtime.idle();
  }
  const view = async (id: string) =>
    (await (
      await fetch(app.api(`incidents/${id}`), { headers: { authorization: `Bearer ${KEYS.alice}` } })
    ).json()) as {
      status: string;
      approval: { status: string; quorum: { approvals: number; rejections: number } };
    };

  it('needs two distinct approvers, and two rejections to reject, when the policy says so', async () => {
    const approved = await awaitingApproval('board');
    await decide(approved, 'alice', 'reject');
    expect(await view(approved)).toMatchObject({
      status: 'awaiting-approval',
      approval: { status: 'pending', quorum: { rejections: 1 } },
    });
    await decide(approved, 'bob', 'approve');
    expect((await view(approved)).approval.status).toBe('pending');
    await decide(approved, 'carol', 'approve');
    expect(await view(approved)).toMatchObject({ status: 'failing-over', approval: { status: 'approved' } });

    // (Another workload: board's incident is still open and would take the alert.)
    const rejected = await awaitingApproval('council');
    await decide(rejected, 'alice', 'reject');
    await decide(rejected, 'bob', 'reject');
    expect(await view(rejected)).toMatchObject({ status: 'rejected', approval: { status: 'rejected' } });
  });

  it('lets one rejection stop the failover by default', async () => {
    const id = await awaitingApproval('veto');
    // No SMTP or Teams configured: the request went to the outbox, and its links were printed.
    const printed = app.outboxLines.filter((line) => line.includes(`/api/approvals/`));
    expect(printed).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Approve as Alice: http:\/\/127\.0\.0\.1:\d+\/api\/approvals\/\S+\?via=email$/,
        ),
        expect.stringMatching(/^Reject as Alice: /),
      ]),
    );
    await decide(id, 'bob', 'reject');
    expect(await view(id)).toMatchObject({ status: 'rejected', approval: { quorum: { rejections: 1 } } });
  });
});
