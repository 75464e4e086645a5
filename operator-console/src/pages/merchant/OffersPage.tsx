import {
  ModalForm,
  PageContainer,
  ProFormDateTimePicker,
  ProFormDigit,
  ProFormText,
} from '@ant-design/pro-components';
import { Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { ok } from '../../api/client';
import type { OfferView } from '../../api/types';
import { CursorTable } from '../../components/CursorTable';
import { useAction } from '../../components/useAction';
import { useCursorList } from '../../components/useCursorList';
import { pointsOf, timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';

interface OfferForm {
  code: string;
  title: string;
  pricePoints: number;
  stock?: number | null;
  limitPerResidentPerDay?: number | null;
  validFrom: string;
  validUntil: string;
}

/** The merchant's offers with their stock and limits; add one, withdraw or re-activate it. */
export function OffersPage() {
  const { api, program, principal } = useScope();
  const participant = principal.participant!;
  const { t } = useI18n();
  const action = useAction();
  const list = useCursorList<OfferView>(
    useCallback(
      async (after) => {
        const page = ok(
          await api.GET('/v1/programs/{program}/participants/{participant}/offers', {
            params: { path: { program, participant }, query: after ? { after } : {} },
          }),
        );
        return { items: page.offers, next: page.next };
      },
      [api, program, participant],
    ),
  );

  const run = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      await list.reload();
    });

  const add = (f: OfferForm) =>
    run(async () =>
      ok(
        await api.POST('/v1/programs/{program}/participants/{participant}/offers', {
          params: { path: { program, participant } },
          body: {
            code: f.code,
            title: f.title,
            pricePoints: f.pricePoints,
            stock: f.stock ?? null,
            limitPerResidentPerDay: f.limitPerResidentPerDay ?? null,
            validFrom: dayjs(f.validFrom).format(),
            validUntil: dayjs(f.validUntil).format(),
          },
        }),
      ),
    );

  const setStatus = (offer: OfferView, status: OfferView['status']) =>
    run(async () =>
      ok(
        await api.PATCH('/v1/programs/{program}/participants/{participant}/offers/{offer}', {
          params: { path: { program, participant, offer: offer.code } },
          body: { status },
        }),
      ),
    );

  return (
    <PageContainer title={t('offers.title')}>
      <CursorTable<OfferView>
        list={list}
        error={action.error}
        rowKey="code"
        toolBarRender={() => [
          <ModalForm<OfferForm>
            key="add"
            title={t('offers.add')}
            trigger={<Button type="primary">{t('offers.add')}</Button>}
            initialValues={{
              validFrom: dayjs().startOf('day'),
              validUntil: dayjs().add(90, 'day').startOf('day'),
            }}
            onFinish={add}
            modalProps={{ destroyOnHidden: true }}
          >
            <ProFormText name="code" label={t('common.code')} rules={[{ required: true }]} />
            <ProFormText name="title" label={t('offers.titleField')} rules={[{ required: true }]} />
            <ProFormDigit
              name="pricePoints"
              label={t('offers.price')}
              min={1}
              fieldProps={{ precision: 0 }}
              rules={[{ required: true }]}
            />
            <ProFormDigit
              name="stock"
              label={t('offers.stock')}
              min={0}
              fieldProps={{ precision: 0 }}
            />
            <ProFormDigit
              name="limitPerResidentPerDay"
              label={t('offers.limit')}
              min={1}
              fieldProps={{ precision: 0 }}
            />
            <ProFormDateTimePicker
              name="validFrom"
              label={t('offers.validFrom')}
              rules={[{ required: true }]}
            />
            <ProFormDateTimePicker
              name="validUntil"
              label={t('offers.validUntil')}
              rules={[{ required: true }]}
            />
          </ModalForm>,
        ]}
        columns={[
          { title: t('common.code'), dataIndex: 'code' },
          { title: t('offers.titleField'), dataIndex: 'title' },
          {
            title: t('offers.price'),
            dataIndex: 'pricePoints',
            render: (_, o) => pointsOf(o.pricePoints),
          },
          {
            title: t('offers.stock'),
            dataIndex: 'stock',
            render: (_, o) => o.stock ?? t('offers.unlimited'),
          },
          {
            title: t('offers.limit'),
            dataIndex: 'limitPerResidentPerDay',
            render: (_, o) => o.limitPerResidentPerDay ?? t('offers.unlimited'),
          },
          {
            title: t('offers.validFrom'),
            dataIndex: 'validFrom',
            render: (_, o) => timeOf(o.validFrom),
          },
          {
            title: t('offers.validUntil'),
            dataIndex: 'validUntil',
            render: (_, o) => timeOf(o.validUntil),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (_, o) => (
              <Tag color={o.status === 'active' ? 'green' : undefined}>{o.status}</Tag>
            ),
          },
          {
            title: t('common.actions'),
            valueType: 'option',
            render: (_, o) => [
              o.status === 'active' ? (
                <Button key="w" size="small" onClick={() => void setStatus(o, 'withdrawn')}>
                  {t('offers.withdraw')}
                </Button>
              ) : (
                <Button key="a" size="small" onClick={() => void setStatus(o, 'active')}>
                  {t('offers.activate')}
                </Button>
              ),
            ],
          },
        ]}
      />
    </PageContainer>
  );
}
