// A named activity with validated input and output: what orchestrations call and functions implement.
import type { z } from 'zod';

export interface ActivityContract<I extends z.ZodType, O extends z.ZodType> {
  /** Stored in orchestration history: never rename a contract that running instances use. */
  readonly name: string;
  readonly input: I;
  readonly output: O;
}

export function activityContract<I extends z.ZodType, O extends z.ZodType>(
  name: string,
  input: I,
  output: O,
): ActivityContract<I, O> {
  return { name, input, output };
}
