import { ProLayout } from '@ant-design/pro-components';
import { Button, Empty, Space, Tag } from 'antd';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { accessOf } from '../access/access';
import { useI18n } from '../i18n/I18nProvider';
import { useSession } from '../session/SessionContext';
import { ProgramSwitcher } from './ProgramSwitcher';
import { SECTIONS } from './routes';
import { homeOf, visibleSections } from './visible-sections';

/** The signed-in console: a menu of the principal's sections, and the page it opened. */
export function ConsoleLayout() {
  const { principal, program, signOut } = useSession();
  const { t, toggle } = useI18n();
  const location = useLocation();
  const access = accessOf(principal);
  const sections = visibleSections(SECTIONS, access);
  const home = homeOf(SECTIONS, access);

  const route = {
    path: '/',
    routes: sections.map((s) => ({
      path: s.pages[0].path.split('/').slice(0, 2).join('/'),
      name: t(s.name),
      routes: s.pages.map((p) => ({ path: p.path, name: t(p.name) })),
    })),
  };

  return (
    <ProLayout
      title={t('app.title')}
      logo={false}
      layout="mix"
      route={route}
      location={{ pathname: location.pathname }}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      actionsRender={() => [
        access.admin ? <ProgramSwitcher key="program" /> : null,
        <Space key="who">
          {principal?.roles.map((r) => (
            <Tag key={r} color="green">
              {t(`role.${r}`)}
            </Tag>
          ))}
          {principal?.participant ?? principal?.program ?? ''}
        </Space>,
        <Button key="language" type="text" onClick={toggle}>
          {t('language')}
        </Button>,
        <Button key="out" onClick={signOut}>
          {t('signOut')}
        </Button>,
      ]}
    >
      <Routes>
        {sections.flatMap((s) =>
          s.pages.map((p) => (
            <Route
              key={p.path}
              path={p.path}
              element={p.scoped && !program ? <Empty description={t('program.none')} /> : p.element}
            />
          )),
        )}
        <Route path="*" element={home ? <Navigate to={home} replace /> : <Empty />} />
      </Routes>
    </ProLayout>
  );
}
