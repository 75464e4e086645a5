/**
 * Job `binding-created` on QueueName.Bindings, added after a binding commits. The ingest/crediting
 * side consumes it: events of this (operator, external user) waiting in pending_binding credit now.
 * A wake-up only: the binding row in MySQL is the truth, so a lost job must not lose credits.
 */
export interface BindingCreatedJob {
  programId: number;
  /** The operator. */
  participantId: number;
  externalUserId: string;
  residentId: number;
}

export const BINDING_CREATED_JOB = 'binding-created';
