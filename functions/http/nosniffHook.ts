// Every HTTP response of the app carries `x-content-type-options: nosniff`: a browser takes a JSON answer
// (which may echo what a caller sent) as JSON, never sniffs it into HTML or script. Set once, in a
// postInvocation hook, so no handler can forget it; the Functions worker reads the hook's result back.
import { app, HttpResponse } from '@azure/functions';

export const NOSNIFF_HEADER = 'x-content-type-options';

/** The handler's result as an HttpResponse with the header set; no result stays no result. */
export function withNosniff(result: unknown): unknown {
  if (result === null || result === undefined || typeof result !== 'object') {
    return result;
  }
  const response = result instanceof HttpResponse ? result : new HttpResponse(result);
  response.headers.set(NOSNIFF_HEADER, 'nosniff');
  return response;
}

app.hook.postInvocation((context) => {
  if (context.invocationContext.options.trigger.type !== 'httpTrigger' || context.error) {
    return;
  }
  context.result = withNosniff(context.result);
});
