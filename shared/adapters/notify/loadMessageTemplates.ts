// Reads the message templates from `templates/messages/` (call once, at start-up or on first use) and
// checks them, so a broken template fails the deployment rather than the first approval request.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Mustache from 'mustache';
import { NonRetryableError, errorMessage } from '../../errors';
import {
  templateKey,
  type MessageTemplates,
  type MessageTemplateSet,
} from '../../domain/notifications/base/MessageTemplates';
import { NOTIFICATION_KINDS } from '../../domain/notifications/messageKinds';
import { TEMPLATES_DIR } from '../../templatesDir';

export const MESSAGE_TEMPLATES_DIR = path.join(TEMPLATES_DIR, 'messages');

/**
 * One set per registered kind of message, its files named after the kind: `approval-request.subject.mustache`,
 * `.text.mustache`, `.html.mustache` and `.card.json`. Throws NonRetryableError naming the file that is missing, unreadable or does not parse. With `fallbackDir`,
 * a kind of message that `dir` has no files for is read from there: a catalog's own templates written before
 * a kind existed keep working.
 */
export function loadMessageTemplates(
  dir: string = MESSAGE_TEMPLATES_DIR,
  fallbackDir?: string,
): MessageTemplates {
  const set = (stem: string): MessageTemplateSet =>
    readTemplateSet(
      fallbackDir === undefined || existsSync(path.join(dir, `${stem}.subject.mustache`)) ? dir : fallbackDir,
      stem,
    );
  // One entry per kind, keyed as MessageTemplates keys them: the object has exactly that type's keys.
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [templateKey(kind), set(kind)]),
  ) as MessageTemplates;
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
