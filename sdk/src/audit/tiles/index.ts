// C2SP tlog-tiles on the client: paths, which tiles a proof needs, and proofs computed from them.
export {
  type NodeRef,
  type RangePlan,
  type NodeHasher,
  type NodeLookup,
  nodeKey,
  rangePlan,
  rootPlan,
  inclusionPlan,
  consistencyPlan,
  neededNodes,
  lookupIn,
  foldRange,
  foldPlans,
} from './range-plan';
export {
  type TileCoord,
  type TileOfNode,
  TILE_HEIGHT,
  FULL_TILE_WIDTH,
  tileFormatOf,
  leavesPerHash,
  tileWidth,
  tileOfNode,
  tilesFor,
  inclusionNodes,
  inclusionTiles,
  consistencyTiles,
  rootTiles,
} from './tile-layout';
export {
  type ParsedTilePath,
  MAX_TILE_LEVEL,
  formatTileIndex,
  formatTilePath,
  formatEntriesPath,
  parseTilePath,
} from './tile-path';
export {
  type TileSource,
  TileSizeError,
  nodesFromTiles,
  rootFromTiles,
  inclusionFromTiles,
  consistencyFromTiles,
  verifyInclusionFromTiles,
  verifyConsistencyFromTiles,
} from './tile-proofs';
