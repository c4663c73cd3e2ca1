/** Thrown by a handler when trying again cannot help (bad data, a contradiction): straight to the DLQ. */
export class NonRetryableError extends Error {
  constructor(message: string, readonly code = 'non_retryable') {
    super(message);
    this.name = 'NonRetryableError';
  }
}

/** Thrown while the consumer stops: the record is left uncommitted and is redelivered later. */
export class ConsumerStoppingError extends Error {
  constructor() {
    super('consumer is stopping');
    this.name = 'ConsumerStoppingError';
  }
}
