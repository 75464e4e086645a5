/** Every BullMQ queue the service uses, in one place. Jobs carry wake-ups; MySQL holds the truth. */
export enum QueueName {
  /** Records when an API key was last used (at most once a minute per key). */
  KeyUsage = 'key-usage',
}
