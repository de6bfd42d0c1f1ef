// The embedded ApprovalLinkStore against the ApprovalLinkStore contract, on a real embedded database file,
// plus what only the embedded store promises: uses survive reopening, and the single use holds across
// connections to one file.
import { EmbeddedApprovalLinkStore } from '../../../../shared/adapters/sqlite/EmbeddedApprovalLinkStore';
import { openEmbeddedDatabase } from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { describeApprovalLinkStoreContract, linkUse } from '../../../contracts/approvalLinkStoreContract';
import { removeDir, tempDataDir } from '../../../local/support/testRuntime';

describeApprovalLinkStoreContract('EmbeddedApprovalLinkStore', () => {
  const dir = tempDataDir();
  const db = openEmbeddedDatabase(dir);
  return Promise.resolve({
    store: new EmbeddedApprovalLinkStore(db),
    dispose: () => {
      db.close();
      removeDir(dir);
      return Promise.resolve();
    },
  });
});

describe('EmbeddedApprovalLinkStore', () => {
  it('keeps a use across connections to the same file', async () => {
    const dir = tempDataDir();
    try {
      const first = openEmbeddedDatabase(dir);
      await new EmbeddedApprovalLinkStore(first).consume(linkUse({ comment: 'go' }));
      first.close();

      const second = openEmbeddedDatabase(dir);
      const again = await new EmbeddedApprovalLinkStore(second).consume(linkUse({ decision: 'reject' }));
      second.close();

      expect(again).toEqual({
        consumed: false,
        previous: { decision: 'approve', at: linkUse().at, channel: 'email', comment: 'go' },
      });
    } finally {
      removeDir(dir);
    }
  });

  it('consumes once across two connections to one file', async () => {
    const dir = tempDataDir();
    const a = openEmbeddedDatabase(dir);
    const b = openEmbeddedDatabase(dir);
    try {
      const storeA = new EmbeddedApprovalLinkStore(a);
      const storeB = new EmbeddedApprovalLinkStore(b);

      const results = await Promise.all([
        storeA.consume(linkUse()),
        storeB.consume(linkUse({ decision: 'reject' })),
        storeB.consume(linkUse()),
        storeA.consume(linkUse({ decision: 'reject' })),
      ]);

      expect(results.filter((r) => r.consumed)).toHaveLength(1);
    } finally {
      a.close();
      b.close();
      removeDir(dir);
    }
  });

  it('stores the nonce for the audit trail, in a table with no place for a token', async () => {
    const dir = tempDataDir();
    const db = openEmbeddedDatabase(dir);
    try {
      const use = linkUse();
      await new EmbeddedApprovalLinkStore(db).consume(use);

      const columns = (
        db.prepare(`PRAGMA table_info(app_approval_link_uses)`).all() as { name: string }[]
      ).map((c) => c.name);
      expect(columns).not.toContain('token');
      expect(db.prepare(`SELECT nonce FROM app_approval_link_uses`).all()).toEqual([{ nonce: use.nonce }]);
    } finally {
      db.close();
      removeDir(dir);
    }
  });
});
