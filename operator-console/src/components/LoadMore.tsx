import { Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { CursorList } from './useCursorList';

/** The footer of a cursor list: "load more" while there is a next page. */
export function LoadMore<T>({ list }: { list: CursorList<T> }) {
  const { t } = useI18n();
  if (!list.hasMore)
    return list.items.length > 0 ? <span className="list-end">{t('common.end')}</span> : null;
  return (
    <Button onClick={() => void list.loadMore()} loading={list.loading}>
      {t('common.loadMore')}
    </Button>
  );
}
