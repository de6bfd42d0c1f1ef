// A value that must never be logged or serialised: JSON, string conversion and inspection all print a mask.
import { inspect } from 'node:util';

const mask = '[secret]';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The only way to the value; call it where the secret is used, never to log or return it. */
  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return mask;
  }

  toString(): string {
    return mask;
  }

  [inspect.custom](): string {
    return mask;
  }
}
