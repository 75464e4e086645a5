import type { ProColumns } from '@ant-design/pro-components';
import { Button } from 'antd';
import type { CycleView } from '../../api/types';
import { timeOf } from '../../format/format';
import type { MessageKey } from '../../i18n/zh-CN';
import { CycleState } from './CycleState';

/** The columns of a cycles list, the hub's or a participant's; "open" shows one. */
export function cycleColumns(
  t: (key: MessageKey) => string,
  open: (cycle: CycleView) => void,
): ProColumns<CycleView>[] {
  return [
    { title: t('cycles.cycle'), dataIndex: 'sequence' },
    { title: t('common.status'), render: (_, c) => <CycleState state={c.state} /> },
    { title: t('cycles.openedAt'), render: (_, c) => timeOf(c.openedAt) },
    { title: t('cycles.closesAt'), render: (_, c) => timeOf(c.closesAt) },
    { title: t('cycles.tradeDate'), render: (_, c) => c.tradeDate ?? '—' },
    { title: t('cycles.valueDate'), render: (_, c) => c.valueDate ?? '—' },
    {
      title: t('common.actions'),
      valueType: 'option',
      render: (_, c) => [
        <Button key="open" size="small" onClick={() => open(c)}>
          {t('redemptions.open')}
        </Button>,
      ],
    },
  ];
}
