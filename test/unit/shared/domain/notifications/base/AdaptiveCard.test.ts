// The structural check every rendered card passes before it is sent.
import {
  ADAPTIVE_CARD_SCHEMA,
  adaptiveCardProblems,
  isAdaptiveCard,
} from '../../../../../../shared/domain/notifications/base/AdaptiveCard';

const valid = {
  $schema: ADAPTIVE_CARD_SCHEMA,
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'RichTextBlock', inlines: ['plain', { type: 'TextRun', text: 'run' }] },
    {
      type: 'Container',
      selectAction: { type: 'Action.OpenUrl', url: 'https://example.com/s' },
      items: [
        {
          type: 'ActionSet',
          actions: [{ type: 'Action.OpenUrl', title: 'Go', url: 'https://example.com/a' }],
        },
      ],
    },
  ],
  actions: [
    {
      type: 'Action.ShowCard',
      title: 'More',
      card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x' }] },
    },
  ],
};

describe('adaptiveCardProblems', () => {
  it('accepts a card with nested containers, inlines, select actions and show-cards', () => {
    expect(adaptiveCardProblems(valid)).toEqual([]);
    expect(isAdaptiveCard(valid)).toBe(true);
  });

  it('names the top-level fields that are wrong', () => {
    expect(adaptiveCardProblems({ type: 'Card', version: '2.0', body: {}, actions: 'none' })).toEqual([
      `$schema is not ${ADAPTIVE_CARD_SCHEMA}`,
      'type is not "AdaptiveCard"',
      'version is not one of 1.4, 1.5',
      'body is not an array',
      'actions is not an array',
    ]);
    expect(adaptiveCardProblems([])).toEqual(['the card is not a JSON object']);
  });

  it('finds elements without a type and OpenUrl actions without an http(s) url, however deep', () => {
    const card = {
      ...valid,
      body: [
        { text: 'no type' },
        {
          type: 'Container',
          selectAction: { type: 'Action.OpenUrl', url: 'javascript:alert(1)' },
          items: [{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Go' }] }],
        },
      ],
      actions: [
        {
          type: 'Action.ShowCard',
          card: {
            body: [{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', url: 'mailto:x@example.com' }] }],
          },
        },
      ],
    };

    expect(adaptiveCardProblems(card)).toEqual([
      'body[0] has no type',
      'body[1].selectAction is an Action.OpenUrl without an http(s) url',
      'body[1].items[0].actions[0] is an Action.OpenUrl without an http(s) url',
      'actions[0].card.body[0].actions[0] is an Action.OpenUrl without an http(s) url',
    ]);
    expect(isAdaptiveCard(card)).toBe(false);
  });
});
