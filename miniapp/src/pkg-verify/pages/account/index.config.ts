export default definePageConfig({ navigationBarTitleText: '账户完整性' });
