import { Select } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** A list's status filter, for its toolbar: empty shows every status. */
export function StatusSelect<S extends string>({
  statuses,
  value,
  onChange,
}: {
  statuses: readonly S[];
  value: S | undefined;
  onChange(status: S | undefined): void;
}) {
  const { t } = useI18n();
  return (
    <Select<S>
      aria-label={t('common.status')}
      placeholder={t('common.status')}
      allowClear
      style={{ width: 160 }}
      value={value}
      onChange={onChange}
      options={statuses.map((s) => ({ value: s, label: s }))}
    />
  );
}
