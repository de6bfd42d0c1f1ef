// The approval link pages over real HTTP in the local runtime, as registered by functions/approvalPages.ts:
// the confirmation page, the form POST through the durable client to a waiting orchestration, and the
// pages' headers as the host writes them. A probe orchestration stands in for the approval.
import { loadConfig } from '../../shared/config';
import { container, createContainer, setContainer } from '../../shared/container';
import { newNonce } from '../../shared/domain/approvalLinks/newNonce';
import { signApprovalLink } from '../../shared/domain/approvalLinks/signApprovalLink';
import { approvalInstanceId } from '../../shared/domain/contracts/approvalContracts';
import type { LocalRuntime } from '../../local/LocalRuntime';
import { HTML_SECURITY_HEADERS } from '../../functions/http/htmlResponse';
import {
  instanceStatus,
  removeDir,
  startTestRuntime,
  tempDataDir,
  waitForStatus,
} from '../local/support/testRuntime';
import { KEY } from '../unit/shared/domain/approvalLinks/approvalLinkTestSupport';
import { awaitingApproval } from '../unit/functions/approvalPagesTestSupport';
import { sampleCatalogDir } from './support/appRuntime';
import { APPROVAL_PROBE, loadApprovalPagesApp } from './support/approvalPagesApp';

/** An approver of orders-api in the sample catalog. */
const ALICE = 'alice.jansen@example.com';
const BRAM = 'bram.devries@example.com';
const incident = awaitingApproval();
const instanceId = approvalInstanceId(incident.id, 1);

let runtime: LocalRuntime;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  const settings = {
    LIFEBOAT_DATA_DIR: dataDir,
    LIFEBOAT_CATALOG_DIR: sampleCatalogDir,
    LIFEBOAT_SIGNING_KEY: KEY.reveal(),
  };
  setContainer(createContainer(loadConfig(settings), settings));
  ({ runtime } = await startTestRuntime({
    dataDir,
    loadApp: loadApprovalPagesApp,
  }));
  await container().incidentStore().create(incident);
  runtime.engine.startNew(APPROVAL_PROBE, instanceId, {});
  await waitForStatus(runtime, instanceId, ['Running']);
});

afterAll(async () => {
  await runtime.stop();
  await container().close();
  setContainer(undefined);
  removeDir(dataDir);
});

function link(approver: string, incidentId = incident.id): string {
  return signApprovalLink(
    {
      incidentId,
      round: 1,
      approver,
      decision: 'approve',
      nonce: newNonce(),
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    },
    KEY,
  );
}

const page = (token: string, query = '') => fetch(`${runtime.url}/api/approvals/${token}${query}`);
const submit = (token: string, form: Record<string, string>) =>
  fetch(`${runtime.url}/api/approvals/${token}?via=email`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });

function expectSecurityHeaders(response: Response): void {
  for (const [name, value] of Object.entries(HTML_SECURITY_HEADERS)) {
    expect(response.headers.get(name)).toBe(value);
  }
}

it('serves the page anonymously and deciding nothing; its form POST then delivers the decision once', async () => {
  const token = link(ALICE);

  // What a mail scanner does, twice: the same link must still decide afterwards.
  for (const fetched of [await page(token, '?via=email'), await page(token, '?via=email')]) {
    expect(fetched.status).toBe(200);
    expectSecurityHeaders(fetched);
    expect(await fetched.text()).toContain('Alice Jansen (alice.jansen@example.com)');
  }
  expect((await instanceStatus(runtime, instanceId))?.runtimeStatus).toBe('Running');

  const response = await submit(token, { decision: 'approve', channel: 'email', comment: 'Go ahead' });

  expect(response.status).toBe(200);
  expectSecurityHeaders(response);
  expect(await response.text()).toContain('Decision recorded');
  const done = await waitForStatus(runtime, instanceId, ['Completed']);
  expect(done.output).toEqual({
    approver: ALICE,
    name: 'Alice Jansen',
    decision: 'approve',
    channel: 'email',
    at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    comment: 'Go ahead',
  });

  const again = await submit(token, { decision: 'approve', channel: 'email' });
  expect(again.status).toBe(409);
  expectSecurityHeaders(again);
});

it('says the decision is recorded but not delivered when the approval instance does not exist', async () => {
  // Its approval instance was never started: the Durable API answers 404 and the client rejects.
  const orphan = awaitingApproval({ id: 'orders-api-20261122-051500' });
  await container().incidentStore().create(orphan);

  const response = await submit(link(BRAM, orphan.id), { decision: 'approve', channel: 'email' });

  expect(response.status).toBe(503);
  expectSecurityHeaders(response);
  expect(await response.text()).toContain('Decision recorded, not yet delivered');
});
