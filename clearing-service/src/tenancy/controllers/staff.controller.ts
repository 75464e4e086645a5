import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { StaffCreate, StaffCreated, StaffView } from '@tanlian/sdk';
import { z } from 'zod';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../access/access.decorators';
import { TenancyContext } from '../access/tenancy-context';
import { ApiKeysService } from '../services/api-keys.service';
import { StaffUsersService } from '../services/staff-users.service';
import { staffView } from '../views';

/**
 * A program's staff: the environment bureau's users, each signing in with API keys of its own.
 * The admin lists them and adds one with its first key (shown once).
 */
@ApiTags('programs')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/staff')
export class StaffController {
  constructor(
    private readonly staff: StaffUsersService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  @Get()
  @Allow('admin')
  @ApiOperation({ summary: "The program's bureau users with their API keys (never the secrets)" })
  @ApiOkResponse({ schema: openApiOutputSchema(z.array(StaffView)) })
  async list(@Tenancy() tenancy: TenancyContext): Promise<StaffView[]> {
    const users = await this.staff.listBureau(tenancy.program.id);
    const keys = await this.apiKeys.listForStaff(users.map((u) => u.id));
    return users.map((u) => staffView(u, keys));
  }

  @Post()
  @Allow('admin')
  @ApiOperation({
    summary: 'Add a bureau user with its first API key; the token is shown in this response only',
  })
  @ApiBody({ schema: openApiSchema(StaffCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(StaffCreated) })
  async create(
    @Tenancy() tenancy: TenancyContext,
    @Body(new ZodPipe(StaffCreate)) body: StaffCreate,
  ): Promise<StaffCreated> {
    const issued = await this.apiKeys.issueForNewBureauUser(
      tenancy.program.id,
      body.name,
      body.label,
    );
    const user = (await this.staff.listBureau(tenancy.program.id)).find(
      (u) => u.id === issued.key.staffUserId,
    )!;
    return { ...staffView(user, [issued.key]), token: issued.token };
  }
}
