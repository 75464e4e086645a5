/** Every BullMQ queue the service uses, in one place. Jobs carry wake-ups; MySQL holds the truth. */
export enum QueueName {
  /** Records when an API key was last used (at most once a minute per key). */
  KeyUsage = 'key-usage',
  /** Wakes the worker to credit a program's accepted events. */
  Crediting = 'crediting',
  /** A resident bound an operator account: its events waiting in pending_binding can credit now. */
  Bindings = 'bindings',
  /** A callback delivery to an operator is due (new, or its retry backoff is over). */
  Callbacks = 'callbacks',
}
