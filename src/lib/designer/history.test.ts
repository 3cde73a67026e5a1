import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, record, redo, undo } from './history';

describe('history', () => {
	it('undoes and redoes edits; a new edit drops the redo branch', () => {
		let h = createHistory(1);
		h = record(h, 2);
		h = record(h, 3);
		h = undo(h);
		expect(h.present).toBe(2);
		h = redo(h);
		expect(h.present).toBe(3);
		h = undo(undo(h));
		expect(h.present).toBe(1);
		expect(canUndo(h)).toBe(false);
		h = record(h, 9);
		expect(canRedo(h)).toBe(false);
		expect(undo(h).present).toBe(1);
	});

	it('merges edits of one field typed in a row into one step', () => {
		let h = createHistory('');
		h = record(h, 'a', { coalesce: 'guard' });
		h = record(h, 'ab', { coalesce: 'guard' });
		h = record(h, 'abc', { coalesce: 'guard' });
		h = record(h, 'abc!', { coalesce: 'title' });
		expect(undo(h).present).toBe('abc');
		expect(undo(undo(h)).present).toBe('');
	});

	it('ignores an edit that changes nothing', () => {
		const h = createHistory({ a: 1 });
		expect(record(h, h.present)).toBe(h);
	});
});
