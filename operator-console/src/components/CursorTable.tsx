import { ProTable, type ProTableProps } from '@ant-design/pro-components';
import { Space } from 'antd';
import { ErrorAlert } from './ErrorAlert';
import { LoadMore } from './LoadMore';
import type { CursorList } from './useCursorList';

type TableProps<T> = Omit<
  ProTableProps<T, Record<string, unknown>>,
  'dataSource' | 'loading' | 'pagination' | 'search'
>;

/**
 * A list the service pages by cursor, as every list page shows one: the error (the page's own
 * action's, else the list's), the rows, a reload button and "load more" below. ProTable has no
 * cursor mode, so its pagination is off.
 */
export function CursorTable<T extends Record<string, unknown>>({
  list,
  error,
  ...table
}: { list: CursorList<T>; error?: unknown } & TableProps<T>) {
  return (
    <>
      <ErrorAlert error={error ?? list.error} />
      <ProTable<T>
        search={false}
        options={{ reload: () => void list.reload(), density: false, setting: false }}
        {...table}
        pagination={false}
        loading={list.loading}
        dataSource={list.items}
      />
      <Space style={{ marginTop: 12 }}>
        <LoadMore list={list} />
      </Space>
    </>
  );
}
