// HostResolver on the system resolver (what fetch itself uses): an IP literal needs no lookup.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { HostResolution, HostResolver } from '../../ports/HostResolver';

export class DnsHostResolver implements HostResolver {
  async resolve(host: string): Promise<HostResolution> {
    if (isIP(host) !== 0) return { ok: true };
    try {
      await lookup(host);
      return { ok: true };
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      return { ok: false, reason: typeof code === 'string' ? code : 'lookup failed' };
    }
  }
}
