import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type FundingMode = 'prepaid' | 'postpaid';
export type ParticipantRole = 'operator' | 'merchant';

/** An operator, a merchant, or both, inside one program. */
@Entity('participants')
@Index(['programId', 'code'], { unique: true })
export class Participant {
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  @Column({ name: 'program_id', type: 'int', unsigned: true })
  programId: number;

  /** Public identifier, unique within the program, e.g. `shenzhen-metro`. */
  @Column({ length: 64 })
  code: string;

  @Column({ length: 128 })
  name: string;

  @Column({ name: 'is_operator', type: 'boolean' })
  isOperator: boolean;

  @Column({ name: 'is_merchant', type: 'boolean' })
  isMerchant: boolean;

  /** How an operator funds the points its scenarios generate; null for a merchant only. */
  @Column({ name: 'funding_mode', type: 'enum', enum: ['prepaid', 'postpaid'], nullable: true })
  fundingMode: FundingMode | null;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  get roles(): ParticipantRole[] {
    const roles: ParticipantRole[] = [];
    if (this.isOperator) roles.push('operator');
    if (this.isMerchant) roles.push('merchant');
    return roles;
  }
}
