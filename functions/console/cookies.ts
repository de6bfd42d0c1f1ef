// Reading the Cookie header and making the console's cookies. Responses carry them in `cookies` (the
// library and the host write one Set-Cookie each), never as a hand-written header.
import type { Cookie, HttpRequest } from '@azure/functions';

export function readCookie(request: HttpRequest, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Path=/api so the report
 * and runbook routes see it too, Secure when the request arrived over https (App Service's front end says
 * so in x-forwarded-proto), so plain-http local use still works.
 */
export function consoleCookie(
  request: HttpRequest,
  name: string,
  value: string,
  maxAgeSeconds: number,
): Cookie {
  return {
    name,
    value,
    path: '/api',
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(request),
    maxAge: maxAgeSeconds,
  };
}

/** Expired long ago. An Expires date, because a Max-Age of 0 is dropped by some writers as "unset". */
export function clearedCookie(request: HttpRequest, name: string): Cookie {
  return { ...consoleCookie(request, name, '', 1), maxAge: undefined, expires: new Date(1000) };
}

export function isHttps(request: HttpRequest): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(request.url).protocol === 'https:';
}
