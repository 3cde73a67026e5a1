import { describe, expect, it } from 'vitest';
import { toJournalEntries, toOpenTasks } from './instance-view';

describe('instance view mapping', () => {
	it('maps journal rows', () => {
		expect(
			toJournalEntries([
				{
					seq: 1,
					kind: 'start',
					eventType: 'xstate.init',
					toState: 'a',
					at: '2025-01-01T00:00:00Z'
				}
			])
		).toEqual([
			{
				seq: 1,
				kind: 'start',
				eventType: 'xstate.init',
				fromState: undefined,
				toState: 'a',
				actorId: null,
				actorName: null,
				at: '2025-01-01T00:00:00Z'
			}
		]);
	});

	it('names the subject as assignee and keeps roles', () => {
		const subject = { id: 'p1', name: 'Ada' };
		const [own, hr] = toOpenTasks(
			[
				{ id: 't1', assigneePersonId: 'p1', title: 'Set goals', dueAt: '2025-01-15T00:00:00Z' },
				{ id: 't2', assigneeRole: 'hr' }
			],
			subject
		);
		expect(own?.assignee).toEqual({ kind: 'person', id: 'p1', name: 'Ada' });
		expect(own?.dueAt).toBe('2025-01-15T00:00:00Z');
		expect(hr?.assignee).toEqual({ kind: 'role', role: 'hr' });
	});
});
