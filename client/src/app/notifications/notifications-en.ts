import type { NotificationsKey } from './notifications-zh';

/** The notification pages in English. Every Chinese key must be here (the type checks it). */
export const notificationsEn: Record<NotificationsKey, string> = {
  'prefs.subtitle': 'Choose which messages reach you. A group turned off sends nothing new; messages already received stay.',
  'prefs.where': 'Messages appear under the bell at the top of the page.',
  'prefs.groups': 'Kinds of message',
  'prefs.on': 'On',
  'prefs.off': 'Off',
  'prefs.saved': 'Saved',
  'prefs.none': 'There are no messages to set for your account yet.',
  'inbox.more': 'Older messages',
};
