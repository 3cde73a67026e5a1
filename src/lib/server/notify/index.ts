/** In-app notifications, the e-mail outbox and template rendering. */
export {
	listNotifications,
	unreadCount,
	markRead,
	insertNotification,
	notificationText,
	type NotificationItem
} from './notifications';
export { deliverMail, listMail, smtpUrl, type MailView } from './mail';
export { renderText, renderHtml, renderDefinitionTemplate } from './render';
export { renderShipped, renderShippedText } from './templates/index';
