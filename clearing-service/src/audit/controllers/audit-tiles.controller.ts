import {
  Controller,
  createParamDecorator,
  Get,
  Headers,
  Param,
  Res,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { parseTilePath } from '@tanlian/sdk';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FieldError } from '../../http/domain-error';
import { Public } from '../../tenancy/access/access.decorators';
import { AuditPrograms } from '../services/audit-programs';
import { AuditTiles, type TileBytes } from '../services/audit-tiles';
import { AuditTileEdge, FULL_TILE_HEADERS } from '../services/audit-tile-edge';

// Full tiles never change (the log only appends); a partial one is replaced by a wider one as
// soon as the next checkpoint is signed, so caches keep it briefly.
const FULL = FULL_TILE_HEADERS['cache-control'];
const PARTIAL = 'public, max-age=10';

// Fastify's wildcard (`*`), which the OpenAPI document shows as {path}.
const TILE_INDEX =
  'Several path segments: the tile index in zero-padded 3-digit path elements, all but the last prefixed `x` (1234067: `x001/x234/067`), then `.p/<W>` (W 1..255) for a partial tile';

/** Whether an Accept-Encoding header takes gzip (or `*`), not at q=0 (RFC 9110 §12.5.3). */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    const name = coding.trim().toLowerCase();
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The rest of the path Fastify's wildcard matched; not @Param('*'), which OpenAPI would list. */
const Rest = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) =>
    (ctx.switchToHttp().getRequest<FastifyRequest>().params as Record<string, string>)['*'],
);

/**
 * The log as C2SP tlog-tiles, public and cacheable: `tile/<L>/<N>[.p/<W>]` and
 * `tile/entries/<N>[.p/<W>]` (README: "Tiles"). <N> spans several path segments, so each route
 * takes the rest of the path and the sdk's parser (the one clients format paths with) reads it.
 */
@ApiTags('audit')
@ApiParam({ name: 'program', description: 'Program code' })
@Controller('v1/programs/:program/audit/tile')
export class AuditTilesController {
  constructor(
    private readonly auditPrograms: AuditPrograms,
    private readonly tiles: AuditTiles,
    private readonly edge: AuditTileEdge,
  ) {}

  @Get('entries/*')
  @Public()
  @ApiProduces('application/octet-stream')
  @ApiParam({ name: 'path', type: String, description: TILE_INDEX })
  @ApiOperation({
    summary:
      'Entry bundle: the data of 256 leaves (fewer for a partial bundle), each after its big-endian uint16 length (public)',
  })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async entries(
    @Param('program') code: string,
    @Rest() rest: string,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const tile = this.parse(`entries/${rest}`);
    const program = await this.auditPrograms.find(code);
    const gzip = acceptsGzip(acceptEncoding);
    const bundle = gzip
      ? await this.tiles.entriesGzipped(program, tile.index, tile.width)
      : await this.tiles.entries(program, tile.index, tile.width);
    void reply.header('vary', 'accept-encoding');
    if (gzip) void reply.header('content-encoding', 'gzip');
    return this.send(reply, bundle);
  }

  @Get(':level/*')
  @Public()
  @ApiProduces('application/octet-stream')
  @ApiParam({
    name: 'level',
    type: String,
    description: 'Tile level L (0..63): hashes of tree level 8·L',
  })
  @ApiParam({ name: 'path', type: String, description: TILE_INDEX })
  @ApiOperation({
    summary:
      'Merkle tree tile: up to 256 consecutive 32-byte node hashes of tree level 8·L, within the latest signed checkpoint (public)',
  })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async hashes(
    @Param('program') code: string,
    @Param('level') level: string,
    @Rest() rest: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const tile = this.parse(`${level}/${rest}`);
    const program = await this.auditPrograms.find(code);
    const served = await this.tiles.hashes(program, tile.level, tile.index, tile.width);
    if (served.full) this.edge.remember(reply.request.url, served.bytes);
    return this.send(reply, served);
  }

  private parse(path: string) {
    const parsed = parseTilePath(path);
    if (!parsed.ok) throw new FieldError(parsed.part, parsed.reason);
    return parsed.tile;
  }

  private send(reply: FastifyReply, tile: TileBytes): Buffer {
    // Set once the tile is there: errors still go out as JSON, uncached.
    void reply.header('content-type', FULL_TILE_HEADERS['content-type']);
    void reply.header('cache-control', tile.full ? FULL : PARTIAL);
    return tile.bytes;
  }
}
