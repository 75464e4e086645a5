import {
  ModalForm,
  PageContainer,
  ProFormCheckbox,
  ProFormSelect,
  ProFormText,
  ProTable,
} from '@ant-design/pro-components';
import { Button, Drawer, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { BodyOf, ParticipantView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../components/useAsync';
import { timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useScope } from '../../session/SessionContext';
import { FundingPanel } from '../operator/FundingPage';
import { ApiKeysPanel } from '../shared/ApiKeysPanel';
import { WebhookSecretsPanel } from '../shared/WebhookSecretsPanel';

type Onboarding = BodyOf<'/v1/programs/{program}/participants', 'post'>;

/** The program's operators and merchants: onboard one, and manage its keys. */
export function ParticipantsPage() {
  const { api, program } = useScope();
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<ParticipantView | null>(null);
  const participants = useAsync(
    useCallback(
      async () =>
        ok(await api.GET('/v1/programs/{program}/participants', { params: { path: { program } } })),
      [api, program],
    ),
  );

  const onboard = async (body: Onboarding) => {
    setError(null);
    try {
      const isOperator = body.roles.includes('operator');
      ok(
        await api.POST('/v1/programs/{program}/participants', {
          params: { path: { program } },
          body: isOperator ? body : { code: body.code, name: body.name, roles: body.roles },
        }),
      );
      await participants.reload();
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };

  return (
    <PageContainer title={`${t('participants.title')} · ${program}`}>
      <ErrorAlert error={error ?? participants.error} />
      <ProTable<ParticipantView>
        rowKey="code"
        search={false}
        pagination={false}
        loading={participants.loading}
        dataSource={participants.value ?? []}
        options={{ reload: () => void participants.reload(), density: false, setting: false }}
        toolBarRender={() => [
          <ModalForm<Onboarding>
            key="onboard"
            title={t('participants.onboard')}
            trigger={<Button type="primary">{t('participants.onboard')}</Button>}
            initialValues={{ roles: ['operator'], fundingMode: 'prepaid' }}
            onFinish={onboard}
            modalProps={{ destroyOnHidden: true }}
          >
            <ProFormText name="code" label={t('common.code')} rules={[{ required: true }]} />
            <ProFormText name="name" label={t('common.name')} rules={[{ required: true }]} />
            <ProFormCheckbox.Group
              name="roles"
              label={t('participants.roles')}
              options={[
                { value: 'operator', label: t('role.operator') },
                { value: 'merchant', label: t('role.merchant') },
              ]}
              rules={[{ required: true }]}
            />
            <ProFormSelect
              name="fundingMode"
              label={t('participants.fundingMode')}
              options={['prepaid', 'postpaid']}
            />
          </ModalForm>,
        ]}
        columns={[
          { title: t('common.code'), dataIndex: 'code' },
          { title: t('common.name'), dataIndex: 'name' },
          {
            title: t('participants.roles'),
            dataIndex: 'roles',
            render: (_, p) => p.roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>),
          },
          {
            title: t('participants.fundingMode'),
            dataIndex: 'fundingMode',
            render: (_, p) => p.fundingMode ?? '—',
          },
          {
            title: t('common.createdAt'),
            dataIndex: 'createdAt',
            render: (_, p) => timeOf(p.createdAt),
          },
          {
            title: t('common.actions'),
            valueType: 'option',
            render: (_, p) => [
              <Button key="keys" size="small" onClick={() => setOpen(p)}>
                {t('participants.manage')}
              </Button>,
            ],
          },
        ]}
      />
      <Drawer
        open={open !== null}
        width={860}
        title={open ? `${open.name} (${open.code})` : ''}
        onClose={() => setOpen(null)}
        destroyOnHidden
      >
        {open ? <ApiKeysPanel participant={open.code} /> : null}
        {open?.roles.includes('operator') ? (
          <>
            <WebhookSecretsPanel participant={open.code} />
            <FundingPanel participant={open.code} canTopUp />
          </>
        ) : null}
      </Drawer>
    </PageContainer>
  );
}
