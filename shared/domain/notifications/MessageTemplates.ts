// The texts a message is rendered from, as strings: the loader reads them from `templates/messages/`
// once; tests pass their own. Rendering never touches the disk.

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

export interface MessageTemplates {
  readonly approvalRequest: MessageTemplateSet;
  readonly approvalDecided: MessageTemplateSet;
  readonly progressUpdate: MessageTemplateSet;
  readonly incidentOutcome: MessageTemplateSet;
}
