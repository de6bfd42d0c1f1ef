// The local outbox: notifications as JSON files in a directory, links printed for a local user.
import { OutboxChannel } from '../../../../shared/adapters/notify/OutboxChannel';
import { loadMessageTemplates } from '../../../../shared/adapters/notify/loadMessageTemplates';
import { buildApprovalDecidedNotification } from '../../../../shared/domain/notifications/kinds/approvalDecided';
import { buildApprovalRequestNotification } from '../../../../shared/domain/notifications/kinds/approvalRequest';
import { NonRetryableError } from '../../../../shared/errors';
import {
  ALICE,
  approvalDecidedFacts,
  approvalRequestFacts,
  BOB,
  CAROL,
} from '../../../unit/shared/domain/notifications/notificationTestSupport';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

describe('OutboxChannel', () => {
  const templates = loadMessageTemplates();
  const request = buildApprovalRequestNotification(approvalRequestFacts(), templates);
  let root: string;
  let dir: string;
  let lines: string[];
  let outbox: OutboxChannel;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'lifeboat-outbox-'));
    dir = path.join(root, 'data', 'outbox');
    lines = [];
    outbox = new OutboxChannel({ dir, log: (line) => lines.push(line) });
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes the whole notification to <dir>/<id>.json, creating the directory', async () => {
    const receipt = await outbox.send(request);

    expect(receipt).toEqual({ channel: 'outbox', notificationId: request.id, delivered: 1 });
    const file = path.join(dir, `${request.id}.json`);
    expect(outbox.fileFor(request.id)).toBe(file);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(request);
  });

  it('prints one line per link, so a local user can click them', async () => {
    await outbox.send(request);

    expect(lines).toEqual([
      `Approve as ${ALICE.name}: ${ALICE.approveUrl}`,
      `Reject as ${ALICE.name}: ${ALICE.rejectUrl}`,
      `Approve as ${BOB.name}: ${BOB.approveUrl}`,
      `Reject as ${BOB.name}: ${BOB.rejectUrl}`,
      `Approve as ${CAROL.name}: ${CAROL.approveUrl}`,
      `Reject as ${CAROL.name}: ${CAROL.rejectUrl}`,
    ]);
  });

  it('is idempotent: sending again rewrites the same file and leaves nothing else behind', async () => {
    await outbox.send(request);
    const first = await readFile(outbox.fileFor(request.id), 'utf8');

    await outbox.send(request);

    expect(await readdir(dir)).toEqual([`${request.id}.json`]);
    expect(await readFile(outbox.fileFor(request.id), 'utf8')).toBe(first);
  });

  it('replaces a file left from an earlier attempt whole', async () => {
    await outbox.send(request);
    await writeFile(outbox.fileFor(request.id), '{"truncated":', 'utf8');

    await outbox.send(request);

    expect(JSON.parse(await readFile(outbox.fileFor(request.id), 'utf8'))).toEqual(request);
  });

  it('keeps notifications apart by id', async () => {
    const decided = buildApprovalDecidedNotification(approvalDecidedFacts(), templates);

    await outbox.send(request);
    await outbox.send(decided);

    expect((await readdir(dir)).sort()).toEqual([`${decided.id}.json`, `${request.id}.json`].sort());
    expect(lines).toHaveLength(request.links.length);
  });

  it('writes without printing when no log is given', async () => {
    await new OutboxChannel({ dir }).send(request);

    expect(await readdir(dir)).toEqual([`${request.id}.json`]);
  });

  it('refuses an id that would escape the directory', async () => {
    await expect(outbox.send({ ...request, id: '../escaped' })).rejects.toThrow(NonRetryableError);
    expect(await readdir(root)).toEqual([]);
  });

  it('fails without retry when the directory cannot be created', async () => {
    const blocked = path.join(root, 'a-file');
    await writeFile(blocked, 'not a directory', 'utf8');

    const sending = new OutboxChannel({ dir: path.join(blocked, 'outbox') }).send(request);

    await expect(sending).rejects.toThrow(NonRetryableError);
    await expect(sending).rejects.toThrow(
      /^Writing notification .* to the outbox failed: .*; not retryable\.$/,
    );
  });
});
