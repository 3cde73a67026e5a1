import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/dates';
import { behindPaceDays, declineDepth, declineRuns } from './alerts';

const weeks = (values: number[]) =>
	values.map((value, i) => ({ date: addDays('2026-01-05', i * 7), value }));

describe('declineRuns', () => {
	it("finds Li Si's three falling weeks after he recovered", () => {
		const runs = declineRuns(weeks([90, 90, 84, 77, 70, 76, 85]));
		expect(runs).toEqual([
			{
				date: '2026-02-02',
				code: 'declined_periods',
				periods: 3,
				from: 90,
				to: 70,
				since: '2026-01-12'
			}
		]);
	});
	it('ignores shorter runs', () => expect(declineRuns(weeks([5, 4, 3, 4, 3]))).toEqual([]));
});

describe('behindPaceDays', () => {
	it('flags the first day a month fell more than 10 points behind', () => {
		const line = [
			{ date: '2026-03-10', value: 3 },
			{ date: '2026-03-14', value: 3.5 },
			{ date: '2026-03-21', value: 6 }
		];
		const pace = [
			{ date: '2026-03-01', value: 0 },
			{ date: '2026-03-31', value: 10 }
		];
		const [alert] = behindPaceDays([line], [pace]);
		expect(alert?.date).toBe('2026-03-14');
		expect(alert).toMatchObject({ code: 'behind_pace', progress: 35 });
	});
});

describe('declineDepth', () => {
	it('measures the fall relative to the start', () => {
		const [run] = declineRuns(weeks([90, 84, 77, 70]));
		expect(declineDepth(run!)).toBeCloseTo(0.222, 3);
	});
});
