// The flow layer's own error: a flow folder or file that cannot be read as the service would read it.
// Layers above map it to their own taxonomy (the session service reports it as a validation error).

export class FlowError extends Error {
  constructor(
    message: string,
    /** What the user should do about it. */
    readonly fix: string,
  ) {
    super(message);
    this.name = 'FlowError';
  }
}
