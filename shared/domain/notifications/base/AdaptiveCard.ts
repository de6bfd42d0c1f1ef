// The Adaptive Card a template expands to, with the structural check every rendered card passes before
// it is sent: Teams drops a malformed card without saying why, so a broken template must fail here.

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Teams renders up to 1.5 on desktop and web; mobile clients lag, so templates should not ask for more. */
export const SUPPORTED_CARD_VERSIONS = ['1.4', '1.5'] as const;

export interface AdaptiveCard {
  readonly $schema: string;
  readonly type: 'AdaptiveCard';
  readonly version: (typeof SUPPORTED_CARD_VERSIONS)[number];
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardElement[];
  readonly [key: string]: unknown;
}

/** Any element or action: the check looks at `type` and at the URL of `Action.OpenUrl`, nothing else. */
export interface CardElement {
  readonly type: string;
  readonly [key: string]: unknown;
}

/**
 * The problems that make `value` unusable as a card (empty when there are none): the top-level shape,
 * a `type` on every element and action, and an http(s) `url` on every `Action.OpenUrl`.
 */
export function adaptiveCardProblems(value: unknown): string[] {
  if (!isRecord(value)) {
    return ['the card is not a JSON object'];
  }
  const problems: string[] = [];
  if (value.$schema !== ADAPTIVE_CARD_SCHEMA) {
    problems.push(`$schema is not ${ADAPTIVE_CARD_SCHEMA}`);
  }
  if (value.type !== 'AdaptiveCard') {
    problems.push('type is not "AdaptiveCard"');
  }
  if (!SUPPORTED_CARD_VERSIONS.some((version) => version === value.version)) {
    problems.push(`version is not one of ${SUPPORTED_CARD_VERSIONS.join(', ')}`);
  }
  if (!Array.isArray(value.body)) {
    problems.push('body is not an array');
  }
  if (value.actions !== undefined && !Array.isArray(value.actions)) {
    problems.push('actions is not an array');
  }
  checkElements(value.body, 'body', problems);
  checkElements(value.actions, 'actions', problems);
  return problems;
}

export function isAdaptiveCard(value: unknown): value is AdaptiveCard {
  return adaptiveCardProblems(value).length === 0;
}

/** Walks a list of elements and everything nested in them (containers, columns, action sets, show-cards). */
function checkElements(value: unknown, path: string, problems: string[]): void {
  if (!Array.isArray(value)) {
    return;
  }
  value.forEach((element: unknown, index) => {
    // A RichTextBlock may list plain strings next to its TextRuns.
    if (!(typeof element === 'string' && path.endsWith('inlines'))) {
      checkElement(element, `${path}[${index}]`, problems);
    }
  });
}

function checkElement(element: unknown, at: string, problems: string[]): void {
  if (!isRecord(element) || typeof element.type !== 'string' || element.type === '') {
    problems.push(`${at} has no type`);
    return;
  }
  if (element.type === 'Action.OpenUrl' && !isHttpUrl(element.url)) {
    problems.push(`${at} is an Action.OpenUrl without an http(s) url`);
  }
  for (const [key, child] of Object.entries(element)) {
    if (NESTED_ELEMENT_KEYS.has(key)) {
      checkElements(child, `${at}.${key}`, problems);
    } else if (key === 'selectAction') {
      checkElement(child, `${at}.selectAction`, problems);
    } else if (key === 'card' && isRecord(child)) {
      // Action.ShowCard carries a whole card.
      checkElements(child.body, `${at}.card.body`, problems);
      checkElements(child.actions, `${at}.card.actions`, problems);
    }
  }
}

const NESTED_ELEMENT_KEYS: ReadonlySet<string> = new Set(['items', 'columns', 'actions', 'inlines']);

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
