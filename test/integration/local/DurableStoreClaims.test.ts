// Which activity a worker runs is kept in memory: a claimed work item is never handed out twice while it
// runs, survives its instance's work being cleared until the worker reports, and after a restart (a new
// store on the same file) everything unfinished is handed out again.
import { DurableStore, type WorkItem } from '../../../local/durable/DurableStore';
import { openEmbeddedDatabase } from '../../../shared/adapters/sqlite/openEmbeddedDatabase';
import { removeDir, tempDataDir } from '../../local/support/testRuntime';

const item = (instanceId: string, taskId: number): Omit<WorkItem, 'id'> => ({
  instanceId,
  executionId: 'e1',
  taskId,
  name: 'noop',
  input: { taskId },
  attempt: 1,
});

describe('DurableStore work-item claims', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDir));

  function open() {
    const dir = tempDataDir();
    dirs.push(dir);
    return { dir, db: openEmbeddedDatabase(dir) };
  }

  it('hands each item to one worker, in order, until it is deleted', () => {
    const { db } = open();
    const store = new DurableStore(db);
    [1, 2, 3].forEach((taskId) => store.addWorkItem(item('a', taskId)));

    const first = store.claimWorkItems(2);
    expect(first.map((w) => w.taskId)).toEqual([1, 2]);
    expect(first[0]?.input).toEqual({ taskId: 1 });
    expect(store.claimWorkItems(5).map((w) => w.taskId)).toEqual([3]);
    expect(store.claimWorkItems(5)).toEqual([]);
    expect(store.hasUnclaimedWork()).toBe(false);

    store.addWorkItem(item('a', 4));
    expect(store.hasUnclaimedWork()).toBe(true);
    expect(store.deleteWorkItem(first[0]?.id ?? -1)).toBe(true);
    expect(store.claimWorkItems(5).map((w) => w.taskId)).toEqual([4]);
    db.close();
  });

  it("keeps the items workers hold when an instance's work is cleared, and drops the rest", () => {
    const { db } = open();
    const store = new DurableStore(db);
    [1, 2].forEach((taskId) => store.addWorkItem(item('a', taskId)));
    store.addWorkItem(item('b', 1));
    const [held] = store.claimWorkItems(1);

    store.deleteInstanceWork('a');
    expect(store.unfinishedWorkCount()).toBe(2); // a's held item and b's
    expect(store.claimWorkItems(5).map((w) => [w.instanceId, w.taskId])).toEqual([['b', 1]]);
    expect(store.deleteWorkItem(held?.id ?? -1)).toBe(true);
    db.close();
  });

  it('after a restart hands out again every item that was unfinished, claimed or not', () => {
    const { dir, db } = open();
    const before = new DurableStore(db);
    [1, 2].forEach((taskId) => before.addWorkItem(item('a', taskId)));
    expect(before.claimWorkItems(1)).toHaveLength(1);
    db.close();

    const reopened = openEmbeddedDatabase(dir);
    const after = new DurableStore(reopened);
    expect(after.unfinishedWorkCount()).toBe(2);
    expect(after.claimWorkItems(5).map((w) => w.taskId)).toEqual([1, 2]);
    reopened.close();
  });
});
