// The texts a message is rendered from, as strings: the loader reads them from `templates/messages/`
// once, one set per registered kind (messageKinds.ts); tests pass their own. Rendering never touches the disk.
import type { NotificationKind } from '../messageKinds';

/** Mustache templates. `subject` and `text` are rendered without HTML escaping, `html` with it. */
export interface EmailTemplates {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** One kind of message: its email and its Adaptive Card template (JSON text for adaptivecards-templating). */
export interface MessageTemplateSet extends EmailTemplates {
  readonly card: string;
}

/** `approval-request` → `approvalRequest`: kinds are named in kebab case, their template sets in camel case. */
export type TemplateKey<Kind extends string> = Kind extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<TemplateKey<Tail>>}`
  : Kind;

export function templateKey<Kind extends string>(kind: Kind): TemplateKey<Kind> {
  return kind.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()) as TemplateKey<Kind>;
}

/** Every registered kind's template set: `templates.approvalRequest` for kind `approval-request`. */
export type MessageTemplates = {
  readonly [Kind in NotificationKind as TemplateKey<Kind>]: MessageTemplateSet;
};
