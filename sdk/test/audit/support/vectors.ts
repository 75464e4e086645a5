// Loads the transparency-dev/merkle conformance vectors vendored in the repository's testdata/merkle.
// A missing folder is an error, never a skip: conformance is not optional.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** testdata/merkle at the repository root (this file is sdk/test/audit/support/vectors.ts). */
export const MERKLE_VECTORS_DIR = path.resolve(__dirname, '../../../../testdata/merkle');

export interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

export interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

export function requireVectorsDir(dir: string): string {
  if (!fs.existsSync(path.join(dir, 'README.md'))) {
    throw new Error(
      `Merkle conformance vectors not found at ${dir} (expected the repository's ` +
        'testdata/merkle, with README.md, inclusion/ and consistency/).',
    );
  }
  return dir;
}

/** Every *.json below `kind/`, as [relative path, parsed content], sorted. */
export function loadVectors<T>(dir: string, kind: 'inclusion' | 'consistency'): Array<[string, T]> {
  const root = path.join(requireVectorsDir(dir), kind);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) files.push(full);
    }
  };
  walk(root);
  return files
    .sort()
    .map((f) => [path.relative(dir, f), JSON.parse(fs.readFileSync(f, 'utf8')) as T]);
}

export function readVectorsReadme(dir: string): string {
  return fs.readFileSync(path.join(requireVectorsDir(dir), 'README.md'), 'utf8');
}
