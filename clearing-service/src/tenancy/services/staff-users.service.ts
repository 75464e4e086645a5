import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { StaffUser } from '../entities/staff-user.entity';

/** Bureau users (one program) and platform admins (no program); created from the admin CLI. */
@Injectable()
export class StaffUsersService {
  constructor(@InjectRepository(StaffUser) private readonly staff: Repository<StaffUser>) {}

  createBureauUser(programId: number, name: string): Promise<StaffUser> {
    return this.staff.save(this.staff.create({ programId, role: 'bureau', name }));
  }

  createAdmin(name: string): Promise<StaffUser> {
    return this.staff.save(this.staff.create({ programId: null, role: 'admin', name }));
  }
}
