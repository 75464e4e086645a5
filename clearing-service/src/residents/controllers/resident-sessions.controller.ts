import { Body, Controller, Delete, HttpCode, Param, Post, UseFilters } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorBody, ResidentSessionCreate, ResidentSessionCreated } from '@tanlian/sdk';
import { programNotFound } from '../../tenancy/tenancy-errors';
import { openApiOutputSchema, openApiSchema } from '../../http/openapi-schema';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Public, Tenancy } from '../../tenancy/access/access.decorators';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import { ResidentLoginService } from '../services/resident-login.service';
import { ResidentSessionsService } from '../services/resident-sessions.service';
import { residentView } from '../views';
import { signedInResident } from './signed-in-resident';
import { WeChatLoginErrorFilter } from './wechat-login-error.filter';

const errorSchema = openApiOutputSchema(ApiErrorBody);

@ApiTags('residents')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/residents')
export class ResidentSessionsController {
  constructor(
    private readonly programs: ProgramsStore,
    private readonly login: ResidentLoginService,
    private readonly sessions: ResidentSessionsService,
  ) {}

  @Post('sessions')
  @Public()
  @UseFilters(WeChatLoginErrorFilter)
  @ApiOperation({
    summary:
      'Sign in from the mini-program with a wx.login code; the first sign-in creates the resident. The token lives 30 days',
  })
  @ApiBody({ schema: openApiSchema(ResidentSessionCreate) })
  @ApiCreatedResponse({ schema: openApiOutputSchema(ResidentSessionCreated) })
  @ApiResponse({ status: 403, description: 'WeChat blocks this user', schema: errorSchema })
  @ApiResponse({ status: 404, description: 'No such program', schema: errorSchema })
  @ApiResponse({ status: 422, description: 'Bad or refused code', schema: errorSchema })
  @ApiResponse({
    status: 429,
    description: 'WeChat rate limit; see Retry-After',
    schema: errorSchema,
  })
  @ApiResponse({ status: 503, description: 'WeChat busy or unreachable', schema: errorSchema })
  async signIn(
    @Param('program') code: string,
    @Body(new ZodPipe(ResidentSessionCreate)) body: ResidentSessionCreate,
  ): Promise<ResidentSessionCreated> {
    // A public route: the guard resolved no program, so look it up here.
    const program = await this.programs.findByCode(code);
    if (!program) throw programNotFound(code);
    const signedIn = await this.login.login(program, body.code);
    return {
      token: signedIn.token,
      expiresAt: signedIn.expiresAt.toISOString(),
      resident: residentView(signedIn.resident, program, signedIn.bindings),
    };
  }

  @Delete('me/sessions/current')
  @Allow('resident')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out: the token of this request is refused from now on' })
  @ApiNoContentResponse({ description: 'Logged out' })
  async logout(@Tenancy() tenancy: TenancyContext): Promise<void> {
    await this.sessions.revoke(signedInResident(tenancy).sessionId);
  }
}
