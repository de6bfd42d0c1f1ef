import { defaultActivationCriteria } from '../../../../../shared/domain/criteria/defaultActivationCriteria';
import { parseWorkload, workloadInput, workloadIssues } from './catalogTestSupport';

const ALICE = { name: 'Alice', email: 'alice@example.com' };
const BOB = { name: 'Bob', email: 'bob@example.com' };

describe('workloadSchema', () => {
  it('yields durations in seconds, normalised regions and every default filled', () => {
    const workload = parseWorkload(
      workloadInput({ regions: { primary: 'West Europe', secondary: ' North  Europe ' } }),
    );
    expect(workload).toStrictEqual({
      id: 'orders-api',
      name: 'Orders API',
      tier: 1,
      rtoSeconds: 900,
      rpoSeconds: 300,
      strategy: 'warm-standby',
      regions: { primary: 'westeurope', secondary: 'northeurope' },
      services: ['App Service', 'Azure Cosmos DB'],
      match: { resourceIds: [], resourceGroups: ['rg-orders-*'], labels: {}, serviceHealth: true },
      correlation: {},
      drills: { approval: 'required' },
      contacts: workloadInput().contacts,
      channels: { teams: true, email: true },
      activation: defaultActivationCriteria,
      healthChecks: { primary: [], secondary: [] },
      runbooks: {},
      readiness: { everySeconds: 900, drillEverySeconds: 180 * 86_400, ownerRole: 'owner' },
      replication: [],
    });
  });

  it('renames the optional durations and fills health check defaults', () => {
    const workload = parseWorkload(
      workloadInput({
        correlation: { groupingWindow: '20m' },
        approval: { quorum: 1, escalation: [{ roles: ['deputy'], timeout: '5m' }], observationWindow: '0s' },
        healthChecks: {
          secondary: [
            { name: 'api', url: 'https://orders.example.com/health', maxLatency: '800ms', deadline: '10m' },
          ],
        },
        runbooks: { failover: 'orders-api-failover', failback: 'orders-api-failback' },
        activation: { activateWhen: { minSeverity: 'Sev0' } },
      }),
    );
    expect(workload.correlation).toStrictEqual({ groupingWindowSeconds: 1_200 });
    expect(workload.approval).toStrictEqual({
      quorum: 1,
      escalation: [{ roles: ['deputy'], timeoutSeconds: 300 }],
      observationWindowSeconds: 0,
    });
    expect(workload.healthChecks).toStrictEqual({
      primary: [],
      secondary: [
        {
          name: 'api',
          url: 'https://orders.example.com/health',
          expectStatus: 200,
          consecutivePasses: 3,
          maxLatencyMs: 800,
          deadlineSeconds: 600,
        },
      ],
    });
    expect(workload.runbooks).toStrictEqual({
      failover: 'orders-api-failover',
      failback: 'orders-api-failback',
    });
    expect(workload.activation).toStrictEqual({
      activateWhen: { minSeverity: 'Sev0' },
      dismissWhen: 'allResolved',
    });
  });

  it.each<[string, Record<string, unknown>, { path: string; message: RegExp }]>([
    ['a misspelt field', { rpoo: '5m' }, { path: '', message: /Unrecognized key: "rpoo"/ }],
    [
      'an id with capitals',
      { id: 'Orders-API' },
      { path: 'id', message: /Invalid id "Orders-API": expected 2-63/ },
    ],
    [
      'a tier out of range',
      { tier: 5 },
      { path: 'tier', message: /Expected a tier: 0 \(mission critical\)/ },
    ],
    ['a tier as text', { tier: '1' }, { path: 'tier', message: /Expected a tier/ }],
    ['a garbage RTO', { rto: 'soon' }, { path: 'rto', message: /Invalid duration "soon"/ }],
    ['an unknown strategy', { strategy: 'pilot-light' }, { path: 'strategy', message: /expected one of/ }],
    [
      'the same region twice',
      { regions: { primary: 'westeurope', secondary: 'West Europe' } },
      { path: 'regions.secondary', message: /must differ from the primary/ },
    ],
    [
      'a region that is not a name',
      { regions: { primary: 'west-europe', secondary: 'northeurope' } },
      { path: 'regions.primary', message: /Invalid region "west-europe"/ },
    ],
    ['no services', { services: [] }, { path: 'services', message: /expected array to have >=1 items/ }],
    [
      'match without a selector',
      { match: { serviceHealth: true } },
      { path: 'match', message: /at least one of resourceIds, resourceGroups or labels/ },
    ],
    [
      'a resource id glob that is not an ARM id',
      { match: { resourceIds: ['orders-*'] } },
      { path: 'match.resourceIds.0', message: /Invalid resource id pattern "orders-\*"/ },
    ],
    [
      'a resource group glob with a slash',
      { match: { resourceGroups: ['rg/orders'] } },
      { path: 'match.resourceGroups.0', message: /without "\/"/ },
    ],
    [
      'a numeric label value',
      { match: { labels: { replicas: 3 } } },
      { path: 'match.labels.replicas', message: /quote numbers and booleans/ },
    ],
    ['empty labels', { match: { labels: {} } }, { path: 'match.labels', message: /at least one label/ }],
    [
      'an unreachable contact',
      { contacts: { approver: [{ name: 'Alice' }] }, tier: 3 },
      { path: 'contacts.approver.0', message: /needs an email or a teamsUpn/ },
    ],
    [
      'a bad contact role',
      { contacts: { Approver: [ALICE] }, tier: 3 },
      { path: 'contacts.Approver', message: /Invalid role "Approver"/ },
    ],
    [
      'no channel at all',
      { channels: { teams: false, email: false } },
      { path: 'channels', message: /at least one channel/ },
    ],
    [
      'a health check over another protocol',
      { healthChecks: { primary: [{ name: 'a', url: 'ftp://example.com/health' }] } },
      { path: 'healthChecks.primary.0.url', message: /http:\/\/ or https:\/\// },
    ],
    [
      'two health checks with one name',
      {
        healthChecks: {
          primary: [
            { name: 'api', url: 'http://a.example.com/' },
            { name: 'API', url: 'http://b.example.com/' },
          ],
        },
      },
      { path: 'healthChecks.primary.1.name', message: /Duplicate health check name "API"/ },
    ],
    [
      'a runbook id that is not a slug',
      { runbooks: { failover: 'Orders Failover' } },
      { path: 'runbooks.failover', message: /Invalid id "Orders Failover"/ },
    ],
    [
      // Regression (issue 21): fetch never sent such a URL, and the catalog would have shown the password.
      'a health check URL with credentials',
      { healthChecks: { secondary: [{ name: 'api', url: 'https://mon:pw@orders.example.com/health' }] } },
      {
        path: 'healthChecks.secondary.0.url',
        message:
          /^The URL carries credentials \(user:password@\): health check and probe URLs are written in the catalog, where secrets never go/,
      },
    ],
    [
      'an unknown final outcome',
      { approval: { finalTimeoutOutcome: 'activate' } },
      { path: 'approval.finalTimeoutOutcome', message: /"expire"\|"auto-activate"/ },
    ],
  ])('rejects %s', (_what, changes, expected) => {
    const issues = workloadIssues(workloadInput(changes));
    expect(issues).toContainEqual({ path: expected.path, message: expect.stringMatching(expected.message) });
  });

  describe('approval staffing', () => {
    it.each([0, 1, 2] as const)('requires an approver for tier %p', (tier) => {
      const issues = workloadIssues(workloadInput({ tier, contacts: { deputy: [ALICE], executive: [BOB] } }));
      expect(issues).toEqual([
        {
          path: 'contacts.approver',
          message: expect.stringMatching(
            new RegExp(`^Tier ${tier} \\(.+\\) workloads need at least one contact`),
          ),
        },
      ]);
    });

    it('lets a tier 3 workload rely on operators approving over HTTP', () => {
      expect(workloadIssues(workloadInput({ tier: 3, contacts: { 'sre-oncall': [ALICE] } }))).toEqual([]);
    });

    it('requires contacts for the roles the default policy escalates to', () => {
      const issues = workloadIssues(workloadInput({ contacts: { approver: [ALICE], executive: [BOB] } }));
      expect(issues).toEqual([
        { path: 'contacts', message: expect.stringContaining('asks role "deputy", which has no contacts') },
      ]);
    });

    it('accepts a workload that overrides the escalation to roles it has', () => {
      const input = workloadInput({
        contacts: { approver: [ALICE], 'incident-lead': [BOB] },
        approval: { escalation: [{ roles: ['incident-lead'], timeout: '10m' }] },
      });
      expect(workloadIssues(input)).toEqual([]);
    });

    it('checks roles a tier 3 workload names itself', () => {
      const issues = workloadIssues(
        workloadInput({ tier: 3, contacts: { approver: [ALICE] }, approval: { approverRoles: ['board'] } }),
      );
      expect(issues).toEqual([{ path: 'contacts', message: expect.stringContaining('asks role "board"') }]);
    });

    it('does not mistake Object.prototype members for roles', () => {
      const issues = workloadIssues(
        workloadInput({ approval: { escalation: [{ roles: ['constructor'], timeout: '5m' }] } }),
      );
      expect(issues).toEqual([
        { path: 'contacts', message: expect.stringContaining('asks role "constructor"') },
      ]);
    });

    it('rejects a tier 2 default quorum of 2 that one person cannot meet, counting a person once across roles', () => {
      const issues = workloadIssues(
        workloadInput({ tier: 2, contacts: { approver: [ALICE], deputy: [ALICE], executive: [ALICE] } }),
      );
      expect(issues).toEqual([
        {
          path: 'contacts',
          message:
            'The approval quorum is 2 but the roles it asks (approver, deputy, executive) name 1 distinct person',
        },
      ]);
    });

    it('points an unreachable quorum override at approval.quorum', () => {
      const issues = workloadIssues(workloadInput({ approval: { quorum: 4 } }));
      expect(issues).toEqual([
        {
          path: 'approval.quorum',
          message: expect.stringMatching(/^The approval quorum is 4 .* name 3 distinct people$/),
        },
      ]);
    });
  });
});
