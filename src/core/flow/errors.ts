// The flow layer's own error: a flow folder or file that cannot be read as the service would read it.
// Layers above map it to their own taxonomy (the session service reports it as a validation error).

import { render, type Message } from '../i18n';

export class FlowError extends Error {
  constructor(
    message: string,
    /** What the user should do about it. */
    readonly fix: string,
    /** The message and fix as catalogue entries, rendered in the caller's locale (message and fix are their English). */
    readonly text?: { message: Message; fix: Message },
  ) {
    super(message);
    this.name = 'FlowError';
  }

  /** A flow error told in the catalogue's words. */
  static of(message: Message, fix: Message): FlowError {
    return new FlowError(render('en', message), render('en', fix), { message, fix });
  }
}
