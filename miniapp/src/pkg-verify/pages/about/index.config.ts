export default definePageConfig({ navigationBarTitleText: '关于审计' });
