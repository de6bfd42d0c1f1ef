// Reading the Cookie header and writing Set-Cookie values for the console's session.
import type { HttpRequest } from '@azure/functions';

export function readCookie(request: HttpRequest, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Path=/api/console and the
 * report routes share it through Path=/api. Secure when the request arrived over https, which includes
 * App Service's front end telling us so (x-forwarded-proto), so plain-http local use still works.
 */
export function sessionCookie(
  request: HttpRequest,
  name: string,
  value: string,
  maxAgeSeconds: number,
): string {
  const secure = isHttps(request) ? '; Secure' : '';
  return `${name}=${value}; Path=/api; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export function clearedCookie(request: HttpRequest, name: string): string {
  return sessionCookie(request, name, '', 0);
}

export function isHttps(request: HttpRequest): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(request.url).protocol === 'https:';
}
