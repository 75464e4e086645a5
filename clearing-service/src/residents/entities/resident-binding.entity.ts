import { CreateDateColumn, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * `(operator, external user id) → resident`: how an operator's events find the resident they credit.
 * A pair binds one resident only (unique key); a resident may hold several pairs.
 */
@Entity('resident_bindings')
@Index(['participantId', 'externalUserId'], { unique: true })
@Index(['residentId'])
export class ResidentBinding {
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  @Column({ name: 'program_id', type: 'int', unsigned: true })
  programId: number;

  /** The operator. */
  @Column({ name: 'participant_id', type: 'int', unsigned: true })
  participantId: number;

  @Column({ name: 'external_user_id', length: 128, charset: 'ascii', collation: 'ascii_bin' })
  externalUserId: string;

  @Column({ name: 'resident_id', type: 'int', unsigned: true })
  residentId: number;

  /** When the binding was made ("bound at"). */
  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;
}
