/** The notification pages' Chinese words (the first language). `{name}` marks a value filled in by `NotificationsI18n.t()`. */
export const notificationsZh = {
  'prefs.subtitle': '选择哪些消息发给您。关掉的一类不再发新消息，已经收到的不受影响。',
  'prefs.where': '消息显示在页面顶部的铃铛里。',
  'prefs.groups': '消息类型',
  'prefs.on': '开',
  'prefs.off': '关',
  'prefs.saved': '已保存',
  'prefs.none': '您的账号目前没有可以设置的消息。',
  // The bell's list: older notices, 50 at a time.
  'inbox.more': '更早的消息',
} as const;

export type NotificationsKey = keyof typeof notificationsZh;
