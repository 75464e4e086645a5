import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One carbon account of one program, for one WeChat user (openid). The same person in two programs
 * is two residents. Only what sign-in and crediting need is kept (PIPL): no name, phone or avatar.
 */
@Entity('residents')
@Index(['programId', 'wechatOpenid'], { unique: true })
export class Resident {
  /** Internal only; the API shows publicId. */
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  /** e.g. `res_3f9c0a1b2c3d4e5f`: random, so it says nothing about how many residents there are. */
  @Column({ name: 'public_id', length: 20, unique: true })
  publicId: string;

  @Column({ name: 'program_id', type: 'int', unsigned: true })
  programId: number;

  /** The user's id within the mini-program (code2Session); how a returning resident is found. */
  @Column({ name: 'wechat_openid', length: 64, charset: 'ascii', collation: 'ascii_bin' })
  wechatOpenid: string;

  /** Given by WeChat only when the mini-program is bound to an Open Platform account. */
  @Column({
    name: 'wechat_unionid',
    type: 'varchar',
    length: 64,
    nullable: true,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  wechatUnionid: string | null;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;
}
