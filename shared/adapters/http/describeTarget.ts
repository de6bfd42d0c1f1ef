// How reasons name the endpoint they called: method, origin and path; never credentials or the query string,
// where webhook tokens and SAS signatures live (Azure Automation `?token=`, Logic Apps `&sig=`).

export function describeTarget(method: string, url: URL): string {
  return `${method} ${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`;
}

/** An absolute http(s) URL, or undefined for anything else (relative, another scheme, unparsable). */
export function parseHttpUrl(value: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}
