// Reads the message templates from `templates/messages/` (call once, at start-up or on first use) and
// checks them, so a broken template fails the deployment rather than the first approval request.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Mustache from 'mustache';
import { NonRetryableError, errorMessage } from '../../errors';
import type { MessageTemplates, MessageTemplateSet } from '../../domain/notifications/MessageTemplates';
import { TEMPLATES_DIR } from '../../templatesDir';

export const MESSAGE_TEMPLATES_DIR = path.join(TEMPLATES_DIR, 'messages');

/** File name stems per kind; each has `.subject.mustache`, `.text.mustache`, `.html.mustache`, `.card.json`. */
const STEMS: Readonly<Record<keyof MessageTemplates, string>> = {
  approvalRequest: 'approval-request',
  approvalDecided: 'approval-decided',
  incidentOutcome: 'incident-outcome',
};

/** Throws NonRetryableError naming the file that is missing, unreadable or does not parse. */
export function loadMessageTemplates(dir: string = MESSAGE_TEMPLATES_DIR): MessageTemplates {
  return {
    approvalRequest: readTemplateSet(dir, STEMS.approvalRequest),
    approvalDecided: readTemplateSet(dir, STEMS.approvalDecided),
    incidentOutcome: readTemplateSet(dir, STEMS.incidentOutcome),
  };
}

function readTemplateSet(dir: string, stem: string): MessageTemplateSet {
  const mustache = (part: string): string => {
    const file = `${stem}.${part}.mustache`;
    const text = read(dir, file);
    try {
      Mustache.parse(text);
    } catch (err) {
      throw new NonRetryableError(`Message template ${file} does not parse: ${errorMessage(err)}`);
    }
    return text;
  };
  const cardFile = `${stem}.card.json`;
  const card = read(dir, cardFile);
  try {
    JSON.parse(card);
  } catch (err) {
    throw new NonRetryableError(`Message template ${cardFile} is not valid JSON: ${errorMessage(err)}`);
  }
  return { subject: mustache('subject'), text: mustache('text'), html: mustache('html'), card };
}

function read(dir: string, file: string): string {
  try {
    return readFileSync(path.join(dir, file), 'utf8');
  } catch (err) {
    throw new NonRetryableError(`Message template ${file} cannot be read from ${dir}: ${errorMessage(err)}`);
  }
}
