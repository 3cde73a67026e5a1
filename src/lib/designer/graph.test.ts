import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDefinition, type Definition } from '../engine/definition';
import { definitionToGraph, graphToDefinition, relativeTarget } from './graph';

const dir = new URL('../../../workflows/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.workflow.json'));

function load(file: string): Definition {
	const parsed = parseDefinition(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
	if (!parsed.ok) throw new Error(`${file} does not parse`);
	return parsed.value;
}

describe('definition ↔ graph', () => {
	it.each(files)('round-trips %s without changing a byte of its JSON', (file) => {
		const definition = load(file);
		const back = graphToDefinition(definitionToGraph(definition));
		expect(JSON.stringify(back, null, '\t')).toBe(JSON.stringify(definition, null, '\t'));
	});

	it('draws states as nodes, compound children inside their parent, after the parent', () => {
		const graph = definitionToGraph(load('annual-performance-cycle.workflow.json'));
		const ids = graph.nodes.map((n) => n.id);
		const watching = graph.nodes.find((n) => n.id === 'tracking.metrics.watching');
		expect(watching?.parentId).toBe('tracking.metrics');
		expect(ids.indexOf('tracking')).toBeLessThan(ids.indexOf('tracking.metrics'));
		expect(graph.nodes.find((n) => n.id === 'tracking')?.type).toBe('parallel');
		expect(graph.nodes.find((n) => n.id === 'managerApproval')?.type).toBe('approval');
		expect(graph.nodes.find((n) => n.id === 'done')?.type).toBe('final');
		expect(graph.nodes.find((n) => n.id === 'goalSetting')?.data.isInitial).toBe(true);
	});

	it('labels edges with the event, the guard and the actions; ids match lint paths', () => {
		const graph = definitionToGraph(load('annual-performance-cycle.workflow.json'));
		const ret = graph.edges.find((e) => e.id === 'managerApproval::on.return');
		expect(ret?.target).toBe('goalSetting');
		expect(ret?.data.label).toBe('return');
		expect(ret?.data.guardText).toContain('event.data.comment');
		expect(ret?.data.actionsText).toBe('core.setData, core.notify');
		const loop = graph.edges.find((e) => e.id === 'tracking.metrics.watching::after.P7D.0');
		expect(loop?.source).toBe(loop?.target);
		expect(loop?.data.label).toBe('⏱ P7D');
	});

	it('writes a moved edge target in the relative form XState reads', () => {
		const definition = load('annual-performance-cycle.workflow.json');
		const graph = definitionToGraph(definition);
		const edge = graph.edges.find((e) => e.id === 'selfReview::on.submit');
		if (!edge) throw new Error('missing edge');
		edge.target = 'calibration';
		const back = graphToDefinition(graph);
		expect(back.states.selfReview?.on?.submit).toMatchObject({ target: 'calibration' });
		expect(relativeTarget('tracking.feedback.checkIn', 'tracking.feedback.between')).toBe(
			'between'
		);
		expect(relativeTarget('tracking', 'tracking.metrics')).toBe('.metrics');
		expect(relativeTarget('tracking.metrics.watching', 'done')).toBe('#done');
	});
});
