// Expands an Adaptive Card template (adaptivecards-templating) with one view, and checks the result.
import { Template } from 'adaptivecards-templating';
import { NonRetryableError, errorMessage } from '../../../errors';
import { adaptiveCardProblems, isAdaptiveCard, type AdaptiveCard } from './AdaptiveCard';

/**
 * Only the template is parsed for `${…}` bindings: values from the view are inserted as they are, so
 * data such as "cost ${budget}" stays literal text. Two library behaviours the view must respect: a
 * binding to a missing field is left in the card as the literal text `${field}`, and a `null` inside a
 * string with other text makes it throw a TypeError. Views therefore define every field, as a string,
 * number, boolean or array (a boolean with `$when` for optional parts).
 *
 * Throws NonRetryableError when the template is not JSON, cannot be expanded or does not expand to a
 * valid card: a broken template is a deployment fault that retrying cannot fix.
 */
export function renderAdaptiveCard(templateJson: string, view: object): AdaptiveCard {
  let template: unknown;
  try {
    template = JSON.parse(templateJson);
  } catch (err) {
    throw new NonRetryableError('The Adaptive Card template is not valid JSON.', { cause: err });
  }
  let expanded: unknown;
  try {
    // The library hands array and object values of the view into the card by reference; a JSON round
    // trip detaches the card from the view and drops anything JSON cannot carry.
    expanded = JSON.parse(JSON.stringify(new Template(template).expand({ $root: view })));
  } catch (err) {
    throw new NonRetryableError(`The Adaptive Card template cannot be expanded: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  if (isAdaptiveCard(expanded)) {
    return expanded;
  }
  const problems = adaptiveCardProblems(expanded).join('; ');
  throw new NonRetryableError(`The Adaptive Card template expands to an invalid card: ${problems}.`);
}
