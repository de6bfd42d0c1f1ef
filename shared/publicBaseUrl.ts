// The base of links Lifeboat puts in messages (approval pages, the status API): the configured public URL,
// else the Functions host's own name (WEBSITE_HOSTNAME, which Azure sets and the local runtime sets to its
// 127.0.0.1:port), so links work out of the box in both.
import type { LifeboatConfig } from './config';

export function publicBaseUrl(
  config: Pick<LifeboatConfig, 'publicBaseUrl'>,
  settings: Readonly<Record<string, string | undefined>>,
): string {
  if (config.publicBaseUrl) {
    return config.publicBaseUrl.replace(/\/+$/, '');
  }
  const host = settings.WEBSITE_HOSTNAME?.trim();
  if (!host) {
    throw new Error(
      'Set LIFEBOAT_PUBLIC_BASE_URL: links in messages need the address people reach Lifeboat at.',
    );
  }
  const local = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host);
  return `${local ? 'http' : 'https'}://${host}`;
}
