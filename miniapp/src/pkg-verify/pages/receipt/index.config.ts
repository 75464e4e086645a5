export default definePageConfig({ navigationBarTitleText: '验证记录' });
