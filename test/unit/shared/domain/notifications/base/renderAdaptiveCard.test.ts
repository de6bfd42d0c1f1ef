// How card templates are expanded: what adaptivecards-templating evaluates, what it leaves alone, and
// what happens when a template is broken. The templates here are minimal, written for each case.
import { renderAdaptiveCard } from '../../../../../../shared/domain/notifications/base/renderAdaptiveCard';
import { NonRetryableError } from '../../../../../../shared/errors';

function template(body: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    ...extra,
  });
}

describe('renderAdaptiveCard', () => {
  it('evaluates bindings in the template, and never in the data', () => {
    const card = renderAdaptiveCard(
      template([
        { type: 'TextBlock', text: 'Alert: ${summary}' },
        { type: 'TextBlock', text: '${summary}' },
        { type: 'TextBlock', $data: '${items}', text: '- ${$data}' },
      ]),
      {
        summary: 'cost ${budget} is ${1 + 1}, see ${$root.secret}',
        items: ['${summary}'],
        secret: 'hidden',
        budget: 9,
      },
    );

    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'Alert: cost ${budget} is ${1 + 1}, see ${$root.secret}' },
      { type: 'TextBlock', text: 'cost ${budget} is ${1 + 1}, see ${$root.secret}' },
      { type: 'TextBlock', text: '- ${summary}' },
    ]);
  });

  it('leaves a binding to a missing field in the card as its literal text (why views define every field)', () => {
    const card = renderAdaptiveCard(template([{ type: 'TextBlock', text: 'Severity ${severity}' }]), {});

    expect(card.body).toEqual([{ type: 'TextBlock', text: 'Severity ${severity}' }]);
  });

  it('drops elements whose $when is false, and repeats elements over $data arrays', () => {
    const card = renderAdaptiveCard(
      template([
        { type: 'TextBlock', $when: '${shown}', text: 'shown' },
        { type: 'TextBlock', $when: '${hidden}', text: 'hidden' },
        { type: 'TextBlock', $data: '${none}', text: 'never' },
        { type: 'TextBlock', $data: '${two}', text: '${name}' },
      ]),
      { shown: true, hidden: false, none: [], two: [{ name: 'a' }, { name: 'b' }] },
    );

    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'shown' },
      { type: 'TextBlock', text: 'a' },
      { type: 'TextBlock', text: 'b' },
    ]);
  });

  it('returns a card detached from the view', () => {
    const view = { entities: [{ type: 'mention', text: '<at>A</at>' }] };
    const card = renderAdaptiveCard(template([], { msteams: { entities: '${entities}' } }), view);

    (card.msteams as { entities: unknown[] }).entities.pop();

    expect(view.entities).toHaveLength(1);
  });

  it('refuses a template that is not JSON', () => {
    const render = () => renderAdaptiveCard('{"type": "AdaptiveCard",', {});

    expect(render).toThrow(NonRetryableError);
    expect(render).toThrow('The Adaptive Card template is not valid JSON.');
  });

  it('turns the library throwing (null inside a string) into a NonRetryableError', () => {
    const render = () =>
      renderAdaptiveCard(template([{ type: 'TextBlock', text: 'a ${gone} b' }]), { gone: null });

    expect(render).toThrow(NonRetryableError);
    expect(render).toThrow(/cannot be expanded/);
  });

  it('refuses a template that expands to an invalid card, saying why', () => {
    const render = () =>
      renderAdaptiveCard(
        JSON.stringify({
          type: 'AdaptiveCard',
          version: '1.6',
          body: [{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Go', url: '${url}' }] }],
        }),
        { url: 'javascript:alert(1)' },
      );

    expect(render).toThrow(NonRetryableError);
    expect(render).toThrow(
      'The Adaptive Card template expands to an invalid card: $schema is not http://adaptivecards.io/schemas/adaptive-card.json; version is not one of 1.4, 1.5; body[0].actions[0] is an Action.OpenUrl without an http(s) url.',
    );
  });
});
