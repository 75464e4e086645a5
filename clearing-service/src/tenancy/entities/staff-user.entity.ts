import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type StaffRole = 'bureau' | 'admin';

/** A person acting for the environment bureau of one program, or a platform admin (no program). */
@Entity('staff_users')
export class StaffUser {
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  /** Null for a platform admin, who belongs to no program. */
  @Column({ name: 'program_id', type: 'int', unsigned: true, nullable: true })
  programId: number | null;

  @Column({ type: 'enum', enum: ['bureau', 'admin'] })
  role: StaffRole;

  @Column({ length: 128 })
  name: string;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;
}
