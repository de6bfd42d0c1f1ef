// What a failed Durable task (activity, sub-orchestration) may say on the timeline and in API answers: its
// message, never its stack. durable-functions builds a failed task's error as `${Reason} \n ${Details}`, and
// the host fills Details with the error's stack (server file paths); an orchestration that failed on such an
// error carries it inside its own reason, so the text is cut at the first separator, wherever it is nested.

/** The separator durable-functions puts between a TaskFailed event's Reason and Details. */
const REASON_DETAILS_SEPARATOR = ' \n ';
/** A stack frame line: "    at fn (/srv/app/file.js:10:5)" or "    at /srv/app/file.js:10:5". */
const STACK_FRAME = /^\s*at\s.*(:\d+:\d+\)?|\(native\)|<anonymous>\)?)\s*$/;

export function taskFailureMessage(failure: unknown): string {
  const text = failure instanceof Error ? failure.message : String(failure);
  const cut = text.indexOf(REASON_DETAILS_SEPARATOR);
  const reason = cut === -1 ? text : text.slice(0, cut);
  return reason
    .split('\n')
    .filter((line) => !STACK_FRAME.test(line))
    .join('\n')
    .trim();
}
