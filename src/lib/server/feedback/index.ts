/** Feedback threads on goals and cycle instances, with check-ins and private notes. */
export { getFeedbackPage, postFeedback, checkInSnapshot, BODY_MAX } from './service';
export type {
	FeedbackPage,
	FeedbackThread,
	FeedbackEntryView,
	GoalThreads,
	PostFeedbackResult
} from './service';
export { FeedbackEntry, type CheckIn, type IFeedbackEntry } from './feedback.entity';
