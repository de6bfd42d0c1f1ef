// Text from alerts, comments and catalog authors, made inert in Markdown: a comment cannot become a link,
// a heading, a table cell break or raw HTML in the wiki copy of a report or runbook.

// Only what acts inline: callers never put this text at the start of a line, where # - + . would matter.
const SPECIAL = /[\\`*_[\]<>|~]/g;

/** One line of inline text, every Markdown-significant character backslash-escaped, line breaks flattened. */
export function markdownText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(SPECIAL, (c) => `\\${c}`);
}

/** Text for a fenced code block: the fence cannot be closed from inside. */
export function codeBlockText(text: string): string {
  return text.replace(/~{3,}/g, (run) => run.replace(/~/g, '\u223C'));
}
