// Loading the message templates from disk: the shipped set, and the errors that name a broken file.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  MESSAGE_TEMPLATES_DIR,
  loadMessageTemplates,
} from '../../../../shared/adapters/notify/loadMessageTemplates';
import { NonRetryableError } from '../../../../shared/errors';

describe('loadMessageTemplates', () => {
  let copy: string;

  beforeEach(async () => {
    copy = await mkdtemp(path.join(tmpdir(), 'lifeboat-templates-'));
    await cp(MESSAGE_TEMPLATES_DIR, copy, { recursive: true });
  });

  afterEach(async () => {
    await rm(copy, { recursive: true, force: true });
  });

  it('reads every template that ships in templates/messages/', () => {
    const templates = loadMessageTemplates();

    for (const set of [
      templates.approvalRequest,
      templates.approvalDecided,
      templates.progressUpdate,
      templates.incidentOutcome,
    ]) {
      expect(set.subject).toContain('{{');
      expect(set.text).toContain('{{');
      expect(set.html).toMatch(/^<!doctype html>/);
      expect(JSON.parse(set.card)).toMatchObject({ type: 'AdaptiveCard' });
    }
  });

  it('reads from the directory it is given', async () => {
    await writeFile(path.join(copy, 'approval-decided.subject.mustache'), 'Custom {{outcomeTitle}}', 'utf8');

    expect(loadMessageTemplates(copy).approvalDecided.subject).toBe('Custom {{outcomeTitle}}');
  });

  it('with a fallback, reads a kind the directory has no files for from the fallback', async () => {
    for (const part of ['subject.mustache', 'text.mustache', 'html.mustache', 'card.json']) {
      await rm(path.join(copy, `progress-update.${part}`));
    }
    await writeFile(path.join(copy, 'approval-decided.subject.mustache'), 'Custom {{outcomeTitle}}', 'utf8');

    const templates = loadMessageTemplates(copy, MESSAGE_TEMPLATES_DIR);
    expect(templates.approvalDecided.subject).toBe('Custom {{outcomeTitle}}');
    expect(templates.progressUpdate).toEqual(loadMessageTemplates().progressUpdate);
    // Without one, the missing kind is named.
    expect(() => loadMessageTemplates(copy)).toThrow(
      /^Message template progress-update\.[a-z.]+ cannot be read/,
    );
  });

  it('names a missing template', async () => {
    await rm(path.join(copy, 'approval-request.html.mustache'));

    expect(() => loadMessageTemplates(copy)).toThrow(NonRetryableError);
    expect(() => loadMessageTemplates(copy)).toThrow(
      /^Message template approval-request\.html\.mustache cannot be read/,
    );
  });

  it('names a card template that is not JSON', async () => {
    await writeFile(path.join(copy, 'approval-decided.card.json'), '{ "type": ', 'utf8');

    expect(() => loadMessageTemplates(copy)).toThrow(
      /^Message template approval-decided\.card\.json is not valid JSON/,
    );
  });

  it('reads the incident outcome templates', async () => {
    await writeFile(path.join(copy, 'incident-outcome.subject.mustache'), 'Custom {{outcomeTitle}}', 'utf8');

    expect(loadMessageTemplates(copy).incidentOutcome.subject).toBe('Custom {{outcomeTitle}}');
  });

  it('names a missing incident outcome card template', async () => {
    await rm(path.join(copy, 'incident-outcome.card.json'));

    expect(() => loadMessageTemplates(copy)).toThrow(
      /^Message template incident-outcome\.card\.json cannot be read/,
    );
  });

  it('names a mustache template that does not parse', async () => {
    await writeFile(path.join(copy, 'approval-request.text.mustache'), '{{#reasons}} unclosed', 'utf8');

    expect(() => loadMessageTemplates(copy)).toThrow(
      /^Message template approval-request\.text\.mustache does not parse/,
    );
  });
});
