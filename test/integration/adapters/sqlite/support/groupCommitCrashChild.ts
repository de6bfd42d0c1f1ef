// Child process of the group-commit crash test: submits writes through the group commit, says "committed"
// once every one has resolved, then waits to be killed.
import { groupCommitFor } from '../../../../../shared/adapters/sqlite/GroupCommit';
import { openEmbeddedDatabase } from '../../../../../shared/adapters/sqlite/openEmbeddedDatabase';

const [dataDir, countText] = process.argv.slice(2);
const db = openEmbeddedDatabase(dataDir ?? '');
db.exec(`CREATE TABLE IF NOT EXISTS crash_writes (id INTEGER PRIMARY KEY)`);
const group = groupCommitFor(db);
const count = Number(countText);
void Promise.all(
  Array.from({ length: count }, (_, id) =>
    group.run(() => db.prepare(`INSERT INTO crash_writes (id) VALUES (?)`).run(id)),
  ),
).then(() => {
  process.stdout.write('committed\n');
  setInterval(() => undefined, 60_000);
});
