import { MailMessage } from './mail.entity';
import { FeedbackEntry } from '../feedback/feedback.entity';

/** The inbox's tables (feedback threads, the mail outbox) for the ORM config. */
export const inboxEntities = [MailMessage, FeedbackEntry];
