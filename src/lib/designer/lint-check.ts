import type { Definition } from '../engine/definition';
import { parseDefinition } from '../engine/definition';
import { lintDefinition } from '../engine/lint';
import type { Registry } from '../engine/registry';
import { placeIssues, type Problem } from './problems';

/**
 * The engine's own checks, exactly as publish runs them: the file format, then lint against
 * the registry, each issue placed on its state and transition. It runs in the designer's page
 * (lint interprets JSON Schema without generating code, so the strict CSP allows it).
 */
export function checkDefinition(definition: Definition, registry: Registry): Problem[] {
	const parsed = parseDefinition(definition);
	const issues = parsed.ok ? lintDefinition(parsed.value, registry) : parsed.issues;
	return placeIssues(definition, issues);
}
