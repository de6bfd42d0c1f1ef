// The embedded dead-letter action log against the DeadLetterActionLog contract.
import { EmbeddedDeadLetterActionLog } from '../../../../shared/adapters/sqlite/EmbeddedDeadLetterActionLog';
import { openEmbeddedDatabase } from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { describeDeadLetterActionLogContract } from '../../../contracts/deadLetterActionLogContract';
import { removeDir, tempDataDir } from '../../../local/support/testRuntime';

describeDeadLetterActionLogContract('EmbeddedDeadLetterActionLog', () => {
  const dir = tempDataDir();
  const db = openEmbeddedDatabase(dir);
  return Promise.resolve({
    log: new EmbeddedDeadLetterActionLog(db),
    dispose: () => {
      db.close();
      removeDir(dir);
      return Promise.resolve();
    },
  });
});
