import { Select } from 'antd';
import { useCallback } from 'react';
import { ok } from '../api/client';
import { useAsync } from '../components/useAsync';
import { useI18n } from '../i18n/I18nProvider';
import { useSession } from '../session/SessionContext';

/** An admin works on one program at a time; everyone else has their own program only. */
export function ProgramSwitcher() {
  const { api, program, setProgram } = useSession();
  const { t } = useI18n();
  const programs = useAsync(useCallback(async () => ok(await api.GET('/v1/programs')), [api]));
  return (
    <Select
      aria-label={t('program.switch')}
      placeholder={t('program.switch')}
      style={{ minWidth: 180 }}
      value={program ?? undefined}
      loading={programs.loading}
      onChange={setProgram}
      options={(programs.value ?? []).map((p) => ({
        value: p.code,
        label: `${p.name} (${p.code})`,
      }))}
    />
  );
}
