// A failed task's text for the timeline: the message, never the stack (issue 21).
import { taskFailureMessage } from '../../../../../shared/domain/contracts/taskFailureMessage';

const stack = [
  'TransientError: the webhook answered 500; retryable.',
  '    at TeamsWebhookChannel.send (/srv/lifeboat/dist/shared/adapters/notify/TeamsWebhookChannel.js:71:15)',
  '    at async /srv/lifeboat/dist/functions/activities/registerActivity.js:30:22',
].join('\n');

it("keeps the Reason of durable-functions' `${Reason} \\n ${Details}` and drops the stack in Details", () => {
  const failure = new Error(
    `Activity function 'sendEmail' failed: the webhook answered 500; retryable. \n ${stack}`,
  );
  expect(taskFailureMessage(failure)).toBe(
    "Activity function 'sendEmail' failed: the webhook answered 500; retryable.",
  );
});

it("cuts a sub-orchestration's reason that nests an activity's failure with its stack", () => {
  const nested = new Error(
    `Orchestrator function 'runbook' failed: Activity function 'runStep' failed: boom \n ${stack}`,
  );
  expect(taskFailureMessage(nested)).toBe(
    "Orchestrator function 'runbook' failed: Activity function 'runStep' failed: boom",
  );
});

it('keeps a message of several lines, dropping only stack frames', () => {
  const failure = new Error(
    `steps[0].url: Expected a URL\nsteps[1].name: Required\n    at parse (/srv/app/x.js:1:2)`,
  );
  expect(taskFailureMessage(failure)).toBe('steps[0].url: Expected a URL\nsteps[1].name: Required');
});

it('reads values that are not errors as text', () => {
  expect(taskFailureMessage('the approval gate timed out')).toBe('the approval gate timed out');
});
