export default definePageConfig({ navigationBarTitleText: '碳账户', enablePullDownRefresh: true });
