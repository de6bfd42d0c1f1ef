import { alertmanagerSeverity } from '../../../../../../shared/domain/alerts/alertmanager/alertmanagerSeverity';

describe('alertmanagerSeverity', () => {
  it.each([
    ['sev0', 'Sev0'],
    ['Sev0', 'Sev0'],
    ['disaster', 'Sev0'],
    ['critical', 'Sev1'],
    ['CRITICAL', 'Sev1'],
    ['sev1', 'Sev1'],
    ['error', 'Sev2'],
    ['high', 'Sev2'],
    ['major', 'Sev2'],
    ['warning', 'Sev3'],
    ['warn', 'Sev3'],
    ['medium', 'Sev3'],
    ['minor', 'Sev3'],
    ['info', 'Sev4'],
    ['informational', 'Sev4'],
    ['low', 'Sev4'],
    ['none', 'Sev4'],
    [' sev4 ', 'Sev4'],
  ])('maps %p to %s', (label, severity) => {
    expect(alertmanagerSeverity(label)).toBe(severity);
  });

  it.each([undefined, '', 'page', 'p1', 'constructor', '__proto__'])('defaults %p to Sev3', (label) => {
    expect(alertmanagerSeverity(label)).toBe('Sev3');
  });
});
