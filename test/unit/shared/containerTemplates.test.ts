import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../shared/config';
import { createContainer } from '../../../shared/container';
import { MESSAGE_TEMPLATES_DIR } from '../../../shared/adapters/notify/loadMessageTemplates';

const sampleCatalog = path.resolve(__dirname, '../../../catalog');

function containerFor(catalogDir: string) {
  return createContainer(
    loadConfig({
      LIFEBOAT_CATALOG_DIR: catalogDir,
      LIFEBOAT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lb-')),
    }),
  );
}

describe('message templates', () => {
  it('are the shipped ones unless the catalog brings its own', () => {
    const shipped = readFileSync(
      path.join(MESSAGE_TEMPLATES_DIR, 'approval-request.subject.mustache'),
      'utf8',
    );
    expect(containerFor(sampleCatalog).messageTemplates().approvalRequest.subject).toBe(shipped);

    const catalog = mkdtempSync(path.join(tmpdir(), 'lb-catalog-'));
    cpSync(sampleCatalog, catalog, { recursive: true });
    cpSync(MESSAGE_TEMPLATES_DIR, path.join(catalog, 'templates', 'messages'), { recursive: true });
    writeFileSync(
      path.join(catalog, 'templates', 'messages', 'approval-request.subject.mustache'),
      '[Acme DR] {{workloadName}}: approve failover?',
    );
    expect(containerFor(catalog).messageTemplates().approvalRequest.subject).toBe(
      '[Acme DR] {{workloadName}}: approve failover?',
    );
  });
});
