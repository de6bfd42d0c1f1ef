// HTML pages for people (the approval link pages): rendered from templates/pages with every value
// escaped, and served with headers that keep them uncached, unframed, script-free and out of Referer.
import type { HttpResponseInit } from '@azure/functions';
import Mustache from 'mustache';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES_DIR } from '../../shared/templatesDir';

export const HTML_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  // A page can show who may decide what on which incident: never keep it in a cache.
  'cache-control': 'no-store',
  // The token is in the URL: no link or resource on the page may carry it elsewhere.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  // No scripts at all; inline styles only; forms post back here only; the page cannot be framed.
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  // For browsers that predate frame-ancestors.
  'x-frame-options': 'DENY',
};

export function htmlResponse(status: number, html: string): HttpResponseInit {
  return { status, body: html, headers: { ...HTML_SECURITY_HEADERS } };
}

const templates = new Map<string, string>();
let partials: Record<string, string> | undefined;

/**
 * Renders `templates/pages/<name>.html.mustache`, read from disk once per process, with the partials in
 * `templates/pages/partials/` (`{{> name}}`). Templates use `{{ }}` only, so every value in `view` is
 * HTML-escaped, whatever an alert or catalog author wrote into it.
 */
export function renderPage(name: string, view: object): string {
  let template = templates.get(name);
  if (template === undefined) {
    template = readFileSync(path.join(TEMPLATES_DIR, 'pages', `${name}.html.mustache`), 'utf8');
    templates.set(name, template);
  }
  return Mustache.render(template, view, pagePartials());
}

function pagePartials(): Record<string, string> {
  if (partials === undefined) {
    const dir = path.join(TEMPLATES_DIR, 'pages', 'partials');
    partials = Object.fromEntries(
      readdirSync(dir)
        .filter((file) => file.endsWith('.mustache'))
        .map((file) => [file.replace(/\.mustache$/, ''), readFileSync(path.join(dir, file), 'utf8')]),
    );
  }
  return partials;
}
