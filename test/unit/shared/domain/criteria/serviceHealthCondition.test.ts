import { fired, leaf, resolved, serviceHealth, WORKLOAD } from './criteriaTestSupport';

const rule = { serviceHealthInPrimaryRegion: true } as const;

describe('serviceHealthInPrimaryRegion', () => {
  it("is met by a Service Health alert for one of the workload's services in the primary region", () => {
    expect(leaf(rule, { alerts: [serviceHealth('sh', 'App Service', ['westeurope'])] })).toEqual({
      met: true,
      reason: 'Azure Service Health alert for App Service in westeurope (primary region)',
    });
  });

  it('matches services case-insensitively and regions in any spelling', () => {
    const alerts = [serviceHealth('sh', 'azure sql  database', ['West Europe', 'North Europe'])];
    expect(leaf(rule, { alerts, workload: { ...WORKLOAD, primaryRegion: 'westeurope' } })).toEqual({
      met: true,
      reason: 'Azure Service Health alert for Azure SQL Database in westeurope (primary region)',
    });
  });

  it('names every affected workload service', () => {
    const alerts = [
      serviceHealth('sh1', 'Azure SQL Database', ['westeurope']),
      serviceHealth('sh2', 'App Service', ['westeurope']),
    ];
    expect(leaf(rule, { alerts }).reason).toBe(
      'Azure Service Health alert for App Service and Azure SQL Database in westeurope (primary region)',
    );
  });

  it('is unmet for another region and says where the impact is', () => {
    expect(leaf(rule, { alerts: [serviceHealth('sh', 'App Service', ['northeurope'])] })).toEqual({
      met: false,
      reason: 'Azure Service Health alert for App Service in northeurope, not in westeurope (primary region)',
    });
  });

  it('is unmet for a service the workload does not use', () => {
    expect(leaf(rule, { alerts: [serviceHealth('sh', 'Azure Cosmos DB', ['westeurope'])] })).toEqual({
      met: false,
      reason:
        'no Azure Service Health alert for App Service and Azure SQL Database in westeurope (primary region)',
    });
  });

  it('takes the alert region when an impacted service lists none', () => {
    const alert = fired('sh', {
      monitoringService: 'ServiceHealth',
      region: 'westeurope',
      impactedServices: [{ service: 'App Service', regions: [] }],
    });
    expect(leaf(rule, { alerts: [alert] }).met).toBe(true);
  });

  it('only counts alerts from Service Health', () => {
    const alert = fired('rh', {
      monitoringService: 'Resource Health',
      impactedServices: [{ service: 'App Service', regions: ['westeurope'] }],
    });
    expect(leaf(rule, { alerts: [alert] }).met).toBe(false);
  });

  it('ignores a Service Health incident that has resolved', () => {
    const alerts = [
      serviceHealth('sh', 'App Service', ['westeurope']),
      resolved('sh', {
        monitoringService: 'ServiceHealth',
        resources: [],
        impactedServices: [{ service: 'App Service', regions: ['westeurope'] }],
      }),
      fired('other'),
    ];
    expect(leaf(rule, { alerts }).met).toBe(false);
  });

  it('says so when the workload lists no services to match', () => {
    const alerts = [serviceHealth('sh', 'App Service', ['westeurope'])];
    expect(leaf(rule, { alerts, workload: { ...WORKLOAD, services: [] } })).toEqual({
      met: false,
      reason: 'no Service Health match possible: the workload lists no Azure services',
    });
  });
});
