/**
 * Job `credit-program` on QueueName.Crediting, added by ingest (CreditingWakeups) when a program has
 * accepted events; crediting consumes it and drains the program. A wake-up only: the events are in
 * MySQL, and the sweeper finds them if the job is lost.
 */
export interface CreditProgramJob {
  programId: number;
}

export const CREDIT_PROGRAM_JOB = 'credit-program';
