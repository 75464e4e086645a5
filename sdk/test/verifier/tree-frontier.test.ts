// The verifier's O(log n) frontier gives the same root as the reference tree at every size.
import { MerkleTree, sha256LogHash, sm3LogHash } from '../../src';
import { TreeFrontier } from '../../src/verifier/tree-frontier';
import { syntheticLeafHash } from '../audit/support/leaves';

test.each([sha256LogHash, sm3LogHash])(
  'matches MerkleTree.root at sizes 0..300 ($name)',
  (hash) => {
    const tree = new MerkleTree(hash);
    const frontier = TreeFrontier.empty(hash);
    expect(frontier.root()).toEqual(tree.root());
    for (let i = 0; i < 300; i++) {
      const leaf = syntheticLeafHash(i);
      tree.appendLeafHash(leaf);
      frontier.append(leaf);
      expect({ size: frontier.size, root: frontier.root() }).toEqual({
        size: i + 1,
        root: tree.root(),
      });
    }
  },
);

test('a clone grows independently of its original', () => {
  const frontier = TreeFrontier.empty(sha256LogHash);
  for (let i = 0; i < 5; i++) frontier.append(syntheticLeafHash(i));
  const before = frontier.root();
  const clone = frontier.clone();
  clone.append(syntheticLeafHash(5));
  expect(frontier.root()).toEqual(before);
  expect(clone.root()).not.toEqual(before);
});
