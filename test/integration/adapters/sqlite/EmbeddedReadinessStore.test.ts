// The embedded ReadinessStore against the ReadinessStore contract, on a real embedded database file.
import { EmbeddedReadinessStore } from '../../../../shared/adapters/sqlite/EmbeddedReadinessStore';
import { openEmbeddedDatabase } from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { describeReadinessStoreContract } from '../../../contracts/readinessStoreContract';
import { removeDir, tempDataDir } from '../../../local/support/testRuntime';

describeReadinessStoreContract('EmbeddedReadinessStore', () => {
  const dir = tempDataDir();
  const db = openEmbeddedDatabase(dir);
  return Promise.resolve({
    store: new EmbeddedReadinessStore(db),
    dispose: () => {
      db.close();
      removeDir(dir);
      return Promise.resolve();
    },
  });
});
