// @ts-check
/**
 * A run that did the wrong thing (did not see every certificate, made the wrong number of requests)
 * measures nothing: such a row is not a MISS but a correctness failure, which the bench reports
 * loudly and turns into a non-zero exit, after the other rows have run.
 */
export class CorrectnessError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message)
    this.name = 'CorrectnessError'
  }
}
