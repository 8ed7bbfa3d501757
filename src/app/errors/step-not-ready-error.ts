/**
 * A step ran before the step it depends on finished (e.g. the completion email of an upgrade whose panel
 * change has not succeeded yet). Retryable: the job backs off and finds the state ready later, or fails for ops.
 */
export class StepNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
