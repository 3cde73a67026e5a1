import annualJson from '../../../workflows/annual-performance-cycle.workflow.json';
import profitJson from '../../../workflows/annual-performance-cycle-profit.workflow.json';
import { describe, expect, it } from 'vitest';
import { parseDefinition, type Definition } from './definition';
import { diffDefinitions } from './diff';

function load(json: unknown): Definition {
	const parsed = parseDefinition(json);
	if (!parsed.ok) throw new Error('a shipped workflow does not parse');
	return parsed.value;
}

const annual = load(annualJson);
const profit = load(profitJson);

describe('diffDefinitions', () => {
	it('finds nothing between a definition and itself, nor after a layout move', () => {
		expect(diffDefinitions(annual, annual).isEmpty).toBe(true);
		const moved = { ...annual, layout: { goalSetting: { x: 500, y: 9 } } };
		expect(diffDefinitions(annual, moved).isEmpty).toBe(true);
	});

	it('lists the profit re-model: a state added, a transition re-targeted, a guard changed', () => {
		const diff = diffDefinitions(annual, profit);
		expect(diff.states.added).toEqual(['profitReview']);
		expect(diff.states.removed).toEqual([]);
		expect(diff.transitions.added.map((t) => t.id)).toEqual(['profitReview on.submit']);
		const changed = Object.fromEntries(diff.transitions.changed.map((c) => [c.after.id, c.fields]));
		expect(changed['selfReview on.submit']).toEqual(['targets']);
		expect(changed['tracking.metrics.watching after.P7D.0']).toEqual(['guard']);
		expect(diff.forms.added).toEqual(['profitReview']);
		expect(diff.templates.added).toContain('profitReviewTitle');
		expect(diff.other).toEqual(expect.arrayContaining(['context', 'data', 'id', 'name']));
	});

	it('names the changed fields of a state and a removed transition', () => {
		const edited = structuredClone(annual);
		const goalSetting = edited.states.goalSetting;
		if (!goalSetting?.meta?.params) throw new Error('fixture');
		goalSetting.meta.params.due = 'P21D';
		delete edited.states.hrApproval?.on?.return;
		const diff = diffDefinitions(annual, edited);
		expect(diff.states.changed).toEqual([{ path: 'goalSetting', fields: ['meta'] }]);
		expect(diff.transitions.removed.map((t) => t.id)).toEqual(['hrApproval on.return']);
	});
});
