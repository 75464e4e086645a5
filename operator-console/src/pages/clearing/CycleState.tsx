import { Tag } from 'antd';
import type { CycleView } from '../../api/types';

const COLOR: Record<CycleView['state'], string | undefined> = {
  open: 'blue',
  closed: 'gold',
  aggregated: 'gold',
  issued: 'purple',
  settling: 'purple',
  settled: 'green',
  aborted: 'red',
};

/** A cycle's state as a tag. */
export function CycleState({ state }: { state: CycleView['state'] }) {
  return (
    <Tag color={COLOR[state]} data-testid="cycle-state">
      {state}
    </Tag>
  );
}
