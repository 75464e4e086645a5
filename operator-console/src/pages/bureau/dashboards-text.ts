// The dashboards page's own words, zh-CN and English (the shared catalogue holds the menu's).
import type { Language } from '../../i18n/I18nProvider';

const zh = {
  title: '数据看板',
  range: '时间范围',
  period: '周期',
  day: '日',
  week: '周',
  month: '月',
  behaviour: '行为',
  district: '区县代码',
  operator: '运营方',
  total: '合计减排',
  points: '积分',
  events: '记录数',
  byDistrict: '各区县减排（排名）',
  byPeriod: '各周期减排',
  active: '活跃居民（每期单独去重，不可相加）',
  flows: '各发行方积分：发放、兑换、过期、注销',
  cycles: '清算周期：应收应付与净头寸',
  csv: '导出 CSV',
  records: '明细记录',
  none: '未标注',
  clickHint: '点击柱条查看明细',
  share: '仅显示本运营方的数据',
};
const en: typeof zh = {
  title: 'Dashboards',
  range: 'Range',
  period: 'Period',
  day: 'Day',
  week: 'Week',
  month: 'Month',
  behaviour: 'Behaviour',
  district: 'District code',
  operator: 'Operator',
  total: 'Total reduction',
  points: 'Points',
  events: 'Records',
  byDistrict: 'Reductions by district (ranked)',
  byPeriod: 'Reductions per period',
  active: 'Active residents (distinct per period; never add periods up)',
  flows: 'Points per issuer: issued, redeemed, expired, cancelled',
  cycles: 'Clearing cycles: obligations and net positions',
  csv: 'Export CSV',
  records: 'Records',
  none: 'none',
  clickHint: 'Click a bar for its records',
  share: 'Your own share only',
};

export type DashboardText = typeof zh;
export const dashboardText = (language: Language): DashboardText => (language === 'en' ? en : zh);
