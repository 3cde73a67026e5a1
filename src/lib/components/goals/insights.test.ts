import { describe, expect, it } from 'vitest';
import { noHrShare, strategyMonths } from './insights';

describe('strategyMonths', () => {
	it('divides profit by active users and tracks cost month on month', () => {
		const rows = strategyMonths({
			profit: [
				{ date: '2026-01-01', value: 2_400_000 },
				{ date: '2026-02-01', value: 2_600_000 }
			],
			activeUsers: [
				{ date: '2026-01-01', value: 240_000 },
				{ date: '2026-02-01', value: 260_000 }
			],
			cost: [
				{ date: '2026-01-01', value: 6_000_000 },
				{ date: '2026-02-01', value: 5_700_000 }
			]
		});
		expect(rows.map((r) => r.profitPerUser)).toEqual([10, 10]);
		expect(rows[1]?.costChange).toBeCloseTo(-5);
		expect(rows[0]?.costChange).toBeNull();
	});
});

describe('noHrShare', () => {
	it('counts system and non-HR steps', () => {
		expect(noHrShare({ system: 30, people: 30, hr: 40 })).toBe(60);
		expect(noHrShare({ system: 0, people: 0, hr: 0 })).toBeNull();
	});
});
