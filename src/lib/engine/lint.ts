import type { Definition, Issue } from './definition';
import type { Registry } from './registry';
export function lintDefinition(_d: Definition, _r: Registry): Issue[] {
	return [];
}
