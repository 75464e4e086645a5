import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { StaffUser } from '../entities/staff-user.entity';

/** Bureau users (one program) and platform admins (no program); from the admin CLI or, bureau users, the admin's staff route. */
@Injectable()
export class StaffUsersService {
  constructor(@InjectRepository(StaffUser) private readonly staff: Repository<StaffUser>) {}

  createBureauUser(programId: number, name: string): Promise<StaffUser> {
    return this.staff.save(this.staff.create({ programId, role: 'bureau', name }));
  }

  /** The program's bureau users, oldest first. */
  listBureau(programId: number): Promise<StaffUser[]> {
    return this.staff.find({
      where: { programId, role: 'bureau' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  createAdmin(name: string): Promise<StaffUser> {
    return this.staff.save(this.staff.create({ programId: null, role: 'admin', name }));
  }
}
