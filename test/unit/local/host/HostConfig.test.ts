import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readHostConfig } from '../../../../local/host/HostConfig';
import { removeDir, repoRoot, tempDataDir } from '../../../local/support/testRuntime';

function hostJson(serviceBus: Record<string, unknown>): { file: string; dir: string } {
  const dir = tempDataDir();
  const file = path.join(dir, 'host.json');
  writeFileSync(file, JSON.stringify({ version: '2.0', extensions: { serviceBus } }));
  return { file, dir };
}

describe('host.json serviceBus settings', () => {
  it('defaults as the extension does: 16 concurrent calls, locks renewed for 5 minutes', () => {
    const { file, dir } = hostJson({});
    try {
      expect(readHostConfig(file)).toMatchObject({
        serviceBusMaxConcurrentCalls: 16,
        serviceBusMaxAutoLockRenewalDurationMs: 5 * 60 * 1000,
      });
    } finally {
      removeDir(dir);
    }
  });

  it('reads maxConcurrentCalls and a maxAutoLockRenewalDuration TimeSpan, and refuses another format', () => {
    const good = hostJson({ maxConcurrentCalls: 4, maxAutoLockRenewalDuration: '00:02:30' });
    const bad = hostJson({ maxAutoLockRenewalDuration: '5m' });
    try {
      expect(readHostConfig(good.file)).toMatchObject({
        serviceBusMaxConcurrentCalls: 4,
        serviceBusMaxAutoLockRenewalDurationMs: 150_000,
      });
      expect(() => readHostConfig(bad.file)).toThrow(
        /maxAutoLockRenewalDuration: expected a TimeSpan hh:mm:ss/,
      );
    } finally {
      removeDir(good.dir);
      removeDir(bad.dir);
    }
  });

  it("reads the repository's host.json", () => {
    expect(readHostConfig(path.join(repoRoot, 'host.json')).serviceBusMaxConcurrentCalls).toBe(16);
  });
});
