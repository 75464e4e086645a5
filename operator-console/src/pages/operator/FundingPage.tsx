import {
  ModalForm,
  PageContainer,
  ProDescriptions,
  ProFormDigit,
  ProFormText,
} from '@ant-design/pro-components';
import { Alert, Button } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../components/useAsync';
import { pointsOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

type TopUp = ResponseOf<
  '/v1/programs/{program}/participants/{participant}/funding/top-ups',
  'post'
>;

/** The signed-in operator's own funding page. */
export function FundingPage() {
  const { principal } = useScope();
  const { t } = useI18n();
  return (
    <PageContainer title={t('funding.title')}>
      <FundingPanel participant={principal.participant!} canTopUp={false} />
    </PageContainer>
  );
}

/**
 * An operator's points funding: its prepaid block, what it issued, what waits for a top-up.
 * Top-ups are recorded by a platform admin (the service allows only them), from the participants page.
 */
export function FundingPanel({
  participant,
  canTopUp,
}: {
  participant: string;
  canTopUp: boolean;
}) {
  const { api, program } = useScope();
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<TopUp | null>(null);
  const funding = useAsync(
    useCallback(
      async () =>
        ok(
          await api.GET('/v1/programs/{program}/participants/{participant}/funding', {
            params: { path: { program, participant } },
          }),
        ),
      [api, program, participant],
    ),
  );

  const topUp = async (body: { points: number; reference: string }) => {
    setError(null);
    try {
      const answer = ok(
        await api.POST('/v1/programs/{program}/participants/{participant}/funding/top-ups', {
          params: { path: { program, participant } },
          body,
        }),
      );
      setDone(answer);
      funding.setValue(answer.funding);
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };

  const f = funding.value;
  return (
    <>
      {canTopUp && f?.fundingMode === 'prepaid' ? (
        <ModalForm<{ points: number; reference: string }>
          title={t('funding.topUp')}
          trigger={<Button type="primary">{t('funding.topUp')}</Button>}
          onFinish={topUp}
          modalProps={{ destroyOnHidden: true }}
        >
          <ProFormDigit
            name="points"
            label={t('events.points')}
            min={1}
            fieldProps={{ precision: 0 }}
            rules={[{ required: true }]}
          />
          <ProFormText
            name="reference"
            label={t('funding.reference')}
            rules={[{ required: true }]}
          />
        </ModalForm>
      ) : null}
      <ErrorAlert error={error ?? funding.error} />
      {done ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={`${t('funding.topUpDone')}: ${done.reference} +${pointsOf(done.points)}`}
          description={`${t('funding.released')}: ${pointsOf(done.released.points)} (${done.released.reductions})`}
        />
      ) : null}
      <ProDescriptions column={2} loading={funding.loading} bordered>
        <ProDescriptions.Item label={t('funding.mode')}>
          {f?.fundingMode ?? '—'}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('funding.block')}>
          {pointsOf(f?.blockPoints)}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('funding.issued')}>
          {pointsOf(f?.issuedPoints)}
        </ProDescriptions.Item>
        <ProDescriptions.Item label={t('funding.unfunded')}>
          {pointsOf(f?.unfundedPoints)}
        </ProDescriptions.Item>
      </ProDescriptions>
    </>
  );
}
