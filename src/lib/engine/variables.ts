import type { Definition } from './definition';

/** Subject fields every expression may name; nested maps stay open. */
export const SUBJECT_VARIABLES = [
	'subject.id',
	'subject.name',
	'subject.email',
	'subject.managerId',
	'subject.unitId',
	'subject.jobTitle',
	'subject.country',
	'subject.locale',
	'subject.progress',
	'subject.pace',
	'subject.lag',
	'subject.hireDate',
	'subject.metrics.*',
	'subject.keyResults.*',
	'subject.manager.*',
	'subject.attributes.*'
] as const;

/**
 * The variables a definition's expressions may name: `data.<property>` (from the `data`
 * schema and the initial `context`), the subject's fields, `event.*` and `now`.
 */
export function definitionVariables(definition: Definition): string[] {
	const properties = definition.data?.properties;
	const names = new Set<string>([
		...Object.keys(typeof properties === 'object' && properties ? properties : {}),
		...Object.keys(definition.context ?? {})
	]);
	const data = names.size === 0 ? ['data.*'] : [...names].map((name) => `data.${name}.*`);
	return ['data', ...data, 'subject', ...SUBJECT_VARIABLES, 'event.*', 'now'];
}
