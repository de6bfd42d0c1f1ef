// The embedded alert store against the AlertStore contract, on a real embedded database file, plus what only
// the embedded store promises: the alerts survive reopening the file.
import { EmbeddedAlertStore } from '../../../../shared/adapters/sqlite/EmbeddedAlertStore';
import { openEmbeddedDatabase } from '../../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { describeAlertStoreContract, storedAlert } from '../../../contracts/alertStoreContract';
import { removeDir, tempDataDir } from '../../../local/support/testRuntime';

describeAlertStoreContract('EmbeddedAlertStore', () => {
  const dir = tempDataDir();
  const db = openEmbeddedDatabase(dir);
  return Promise.resolve({
    store: new EmbeddedAlertStore(db),
    dispose: () => {
      db.close();
      removeDir(dir);
      return Promise.resolve();
    },
  });
});

describe('EmbeddedAlertStore', () => {
  it('keeps alerts across connections to the same file', async () => {
    const dir = tempDataDir();
    try {
      const first = openEmbeddedDatabase(dir);
      const alert = storedAlert('a', 1);
      await new EmbeddedAlertStore(first).record(alert);
      first.close();
      const second = openEmbeddedDatabase(dir);
      expect(await new EmbeddedAlertStore(second).get(alert.alert.id)).toEqual(alert);
      second.close();
    } finally {
      removeDir(dir);
    }
  });
});
