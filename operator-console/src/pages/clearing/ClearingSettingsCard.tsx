import { ProForm, ProFormDigit, ProFormSelect, ProFormText } from '@ant-design/pro-components';
import { Card, Descriptions } from 'antd';
import { useCallback } from 'react';
import { ok } from '../../api/client';
import type { ClearingSettingsUpdate } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useAsync } from '../../components/useAsync';
import { timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

/**
 * The program's cycle settings (length, cut-off, time zone, fee), read and changed; a change moves
 * the OPEN cycle's cut-off, which the card shows again as the service answers it.
 */
export function ClearingSettingsCard() {
  const { api, program } = useScope();
  const { t } = useI18n();
  const saving = useAction();
  const settings = useAsync(
    useCallback(
      async () =>
        ok(
          await api.GET('/v1/programs/{program}/clearing/settings', {
            params: { path: { program } },
          }),
        ),
      [api, program],
    ),
  );
  const save = (body: ClearingSettingsUpdate) =>
    saving.run(async () =>
      settings.setValue(
        ok(
          await api.PUT('/v1/programs/{program}/clearing/settings', {
            params: { path: { program } },
            body,
          }),
        ),
      ),
    );
  const s = settings.value;
  return (
    <Card
      title={t('clearing.settings')}
      size="small"
      style={{ marginBottom: 16 }}
      loading={settings.loading}
    >
      <ErrorAlert error={saving.error ?? settings.error} />
      {s ? (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('clearing.openCycle')}>
              <span data-testid="open-cycle">{s.openCycle?.sequence ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cycles.closesAt')}>
              {timeOf(s.openCycle?.closesAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('cycles.fenPerPoint')}>{s.fenPerPoint}</Descriptions.Item>
          </Descriptions>
          <ProForm<ClearingSettingsUpdate>
            layout="inline"
            initialValues={s}
            onFinish={save}
            submitter={{ searchConfig: { submitText: t('common.save') }, resetButtonProps: false }}
          >
            <ProFormSelect
              name="settlementCycle"
              label={t('clearing.length')}
              options={['daily', 'weekly', 'monthly'].map((v) => ({
                value: v,
                label: t(`clearing.${v}` as 'clearing.daily'),
              }))}
              allowClear={false}
            />
            <ProFormText
              name="cutoffLocalTime"
              label={t('clearing.cutoff')}
              placeholder="00:00"
              width="xs"
            />
            <ProFormText
              name="timeZone"
              label={t('clearing.timeZone')}
              placeholder="Asia/Shanghai"
              width="sm"
            />
            <ProFormDigit
              name="merchantFeeBps"
              label={t('cycles.feeBps')}
              min={0}
              max={10_000}
              fieldProps={{ precision: 0 }}
              width="xs"
            />
          </ProForm>
        </>
      ) : null}
    </Card>
  );
}
