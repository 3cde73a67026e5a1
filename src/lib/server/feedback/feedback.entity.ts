import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Numbers at the moment of a check-in: each goal's progress and its current value. */
export type CheckIn = {
	note: string;
	at: string;
	goals: {
		id: string;
		title: string;
		progress: number;
		currentValue: number | null;
		target: number | null;
	}[];
	/** The subject's overall progress (weighted over their active goals), 0..1. */
	progress: number | null;
};

/**
 * One entry of a feedback thread about a person, on a goal or a cycle instance. A root entry
 * (`parentId` null) opens a thread; replies point at it. Private notes hold an encrypted body
 * and are never shown to the person they are about.
 */
export const FeedbackEntry = defineEntity({
	name: 'FeedbackEntry',
	tableName: 'feedback_entry',
	properties: {
		id: p.uuid().primary(),
		organisationId: p.uuid(),
		subjectId: p.uuid(),
		instanceId: p.uuid().nullable(),
		goalId: p.uuid().nullable(),
		parentId: p.uuid().nullable(),
		authorId: p.uuid().nullable(),
		authorAccountId: p.uuid().nullable(),
		body: p.text(),
		isPrivate: p.boolean().default(false),
		checkIn: p.json<CheckIn>().nullable(),
		createdAt: p.datetime()
	}
});
export type IFeedbackEntry = InferEntity<typeof FeedbackEntry>;
