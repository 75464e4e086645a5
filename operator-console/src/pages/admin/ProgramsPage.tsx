import {
  ModalForm,
  PageContainer,
  ProFormDigit,
  ProFormSelect,
  ProFormText,
  ProTable,
} from '@ant-design/pro-components';
import { Button } from 'antd';
import { useCallback, useState } from 'react';
import { ok } from '../../api/client';
import type { BodyOf, ProgramView } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../components/useAsync';
import { timeOf } from '../../format/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useSession } from '../../session/SessionContext';

type NewProgram = BodyOf<'/v1/programs', 'post'>;

/** Every program (city scheme); an admin creates one and picks it to work on. */
export function ProgramsPage() {
  const { api, setProgram, program } = useSession();
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const programs = useAsync(useCallback(async () => ok(await api.GET('/v1/programs')), [api]));

  const create = async (body: NewProgram) => {
    setError(null);
    try {
      const created = ok(await api.POST('/v1/programs', { body }));
      await programs.reload();
      setProgram(created.code);
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };

  return (
    <PageContainer title={t('programs.title')}>
      <ErrorAlert error={error ?? programs.error} />
      <ProTable<ProgramView>
        rowKey="code"
        search={false}
        pagination={false}
        loading={programs.loading}
        dataSource={programs.value ?? []}
        options={{ reload: () => void programs.reload(), density: false, setting: false }}
        rowClassName={(p) => (p.code === program ? 'ant-table-row-selected' : '')}
        onRow={(p) => ({ onClick: () => setProgram(p.code) })}
        toolBarRender={() => [
          <ModalForm<NewProgram>
            key="create"
            title={t('programs.create')}
            trigger={<Button type="primary">{t('programs.create')}</Button>}
            initialValues={{
              gramsPerPoint: 10,
              fenPerPoint: 1,
              auditHash: 'sha256',
              settlementCycle: 'daily',
            }}
            onFinish={create}
            modalProps={{ destroyOnHidden: true }}
          >
            <ProFormText name="code" label={t('common.code')} rules={[{ required: true }]} />
            <ProFormText name="name" label={t('common.name')} rules={[{ required: true }]} />
            <ProFormDigit
              name="gramsPerPoint"
              label={t('programs.gramsPerPoint')}
              min={1}
              fieldProps={{ precision: 0 }}
            />
            <ProFormDigit
              name="fenPerPoint"
              label={t('programs.fenPerPoint')}
              min={1}
              fieldProps={{ precision: 0 }}
            />
            <ProFormSelect
              name="auditHash"
              label={t('programs.auditHash')}
              options={['sha256', 'sm3']}
            />
            <ProFormSelect
              name="settlementCycle"
              label={t('programs.cycle')}
              options={['daily', 'weekly', 'monthly']}
            />
          </ModalForm>,
        ]}
        columns={[
          { title: t('common.code'), dataIndex: 'code' },
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('programs.gramsPerPoint'), dataIndex: 'gramsPerPoint' },
          { title: t('programs.fenPerPoint'), dataIndex: 'fenPerPoint' },
          { title: t('programs.auditHash'), dataIndex: 'auditHash' },
          { title: t('programs.cycle'), dataIndex: 'settlementCycle' },
          {
            title: t('common.createdAt'),
            dataIndex: 'createdAt',
            render: (_, p) => timeOf(p.createdAt),
          },
        ]}
      />
    </PageContainer>
  );
}
