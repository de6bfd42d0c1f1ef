// Renders an email's subject, plain text and HTML from mustache templates and one view.
import Mustache from 'mustache';
import type { EmailTemplates } from './MessageTemplates';

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Plain text needs the values as they are: escaping would print `&amp;` and break the raw URLs. */
const AS_IS = { escape: (value: unknown): string => String(value) };

/**
 * `{{value}}` is HTML-escaped in `html` only (mustache's default escaping, which also turns `/` and `=`
 * into entities: browsers decode entities in attribute values, so hrefs keep working). Templates must
 * never use `{{{…}}}` / `{{&…}}` for data. Mustache does not re-render values, so `{{` in data stays text.
 */
export function renderEmail(templates: EmailTemplates, view: object): RenderedEmail {
  return {
    // A header is one line: data with line breaks must not start a new header or fold oddly.
    subject: Mustache.render(templates.subject, view, undefined, AS_IS).replace(/\s+/g, ' ').trim(),
    text: Mustache.render(templates.text, view, undefined, AS_IS),
    html: Mustache.render(templates.html, view),
  };
}
