/**
 * The organisation: a tree of units (company → department → team) and the manager relation
 * between people. Queries take a prebuilt {@link ReportingIndex} so that repeated lookups on a
 * large org (100k people) stay linear overall.
 */
import type { IsoDate } from './dates';
import { fromIssues, type DomainIssue, type LocalizedText, type Result } from './result';

/** Levels of the org-unit tree. A team may sit under a department or another team. */
export const ORG_UNIT_KINDS = ['company', 'department', 'team'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/** A node of the org-unit tree. The company is the only unit without a parent. */
export interface OrgUnit {
	readonly id: string;
	readonly kind: OrgUnitKind;
	readonly name: LocalizedText;
	readonly parentId: string | null;
	/** The person who heads the unit, if any. */
	readonly headId?: string | null;
}

/** An employee record as the domain needs it. `managerId` null means top of the chain. */
export interface Employee {
	readonly id: string;
	readonly name: LocalizedText;
	readonly email: string;
	readonly unitId: string;
	readonly managerId: string | null;
	readonly jobTitle: LocalizedText;
	/** Used to scope weighting schemes (e.g. `sales`, `engineering`). */
	readonly jobFamily: string;
	/** ISO 3166-1 alpha-2. */
	readonly country: string;
	readonly locale: string;
	/** IANA time zone, e.g. `Asia/Shanghai`. */
	readonly timeZone: string;
	readonly hireDate: IsoDate;
}

/** The minimum the reporting queries need. */
export interface ReportingLine {
	readonly id: string;
	readonly managerId: string | null;
}

/** Adjacency of the manager relation, built once with {@link buildReportingIndex}. */
export interface ReportingIndex {
	readonly managerOf: ReadonlyMap<string, string | null>;
	readonly reportsOf: ReadonlyMap<string, readonly string[]>;
}

/** Indexes people by manager. Managers not in `people` are kept as dangling references. */
export function buildReportingIndex(people: Iterable<ReportingLine>): ReportingIndex {
	const managerOf = new Map<string, string | null>();
	const reportsOf = new Map<string, string[]>();
	for (const person of people) {
		managerOf.set(person.id, person.managerId);
		if (person.managerId === null) continue;
		const list = reportsOf.get(person.managerId);
		if (list) list.push(person.id);
		else reportsOf.set(person.managerId, [person.id]);
	}
	return { managerOf, reportsOf };
}

/** People whose manager is `managerId`. */
export function directReports(index: ReportingIndex, managerId: string): readonly string[] {
	return index.reportsOf.get(managerId) ?? [];
}

/** Everyone below `managerId`, breadth-first (direct reports first). Safe on cyclic data. */
export function allReports(index: ReportingIndex, managerId: string): string[] {
	const seen = new Set<string>([managerId]);
	const result: string[] = [];
	for (let i = -1; i < result.length; i++) {
		const current = i < 0 ? managerId : (result[i] as string);
		for (const report of directReports(index, current)) {
			if (seen.has(report)) continue;
			seen.add(report);
			result.push(report);
		}
	}
	return result;
}

/** The managers above `personId`, nearest first. Stops (without repeating) on a cycle. */
export function managerChain(index: ReportingIndex, personId: string): string[] {
	const chain: string[] = [];
	const seen = new Set<string>([personId]);
	let current = index.managerOf.get(personId) ?? null;
	while (current !== null && !seen.has(current)) {
		chain.push(current);
		seen.add(current);
		current = index.managerOf.get(current) ?? null;
	}
	return chain;
}

/**
 * True when `personId` reports to `managerId`: directly, or through the chain when
 * `transitive` (the default). Nobody is their own report.
 */
export function isReportOf(
	index: ReportingIndex,
	personId: string,
	managerId: string,
	options: { transitive?: boolean } = {}
): boolean {
	if (personId === managerId) return false;
	if (options.transitive === false) return index.managerOf.get(personId) === managerId;
	return managerChain(index, personId).includes(managerId);
}

/**
 * Finds the cycles of a parent relation (manager or parent unit) in O(n). Each cycle is
 * listed once, as the ids on it in parent order.
 */
export function findParentCycles(parentOf: ReadonlyMap<string, string | null>): string[][] {
	const state = new Map<string, 'visiting' | 'done'>();
	const cycles: string[][] = [];
	for (const start of parentOf.keys()) {
		if (state.has(start)) continue;
		const path: string[] = [];
		let current: string | null = start;
		while (current !== null && !state.has(current)) {
			state.set(current, 'visiting');
			path.push(current);
			current = parentOf.get(current) ?? null;
		}
		if (current !== null && state.get(current) === 'visiting') {
			cycles.push(path.slice(path.indexOf(current)));
		}
		for (const id of path) state.set(id, 'done');
	}
	return cycles;
}

/** Ids of `unitId` and every unit below it. */
export function unitSubtree(units: readonly OrgUnit[], unitId: string): Set<string> {
	const children = new Map<string, string[]>();
	for (const unit of units) {
		if (unit.parentId === null) continue;
		const list = children.get(unit.parentId);
		if (list) list.push(unit.id);
		else children.set(unit.parentId, [unit.id]);
	}
	const result = new Set<string>([unitId]);
	const queue = [unitId];
	for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
		for (const child of children.get(id) ?? []) {
			if (result.has(child)) continue;
			result.add(child);
			queue.push(child);
		}
	}
	return result;
}

/** The unit and its ancestors, nearest first (`[team, department, company]`). */
export function unitAncestry(units: ReadonlyMap<string, OrgUnit>, unitId: string): string[] {
	const chain: string[] = [];
	let current: string | null = unitId;
	while (current !== null && !chain.includes(current)) {
		chain.push(current);
		current = units.get(current)?.parentId ?? null;
	}
	return chain;
}

const ALLOWED_PARENT: Record<OrgUnitKind, readonly (OrgUnitKind | null)[]> = {
	company: [null],
	department: ['company', 'department'],
	team: ['department', 'team']
};

/**
 * Checks an org: unit parents exist and fit the kind (company at the root, departments under
 * the company, teams under departments), no unit or manager cycles, every employee's unit and
 * manager exist.
 */
export function validateOrg(
	units: readonly OrgUnit[],
	people: readonly Employee[]
): Result<{ units: readonly OrgUnit[]; people: readonly Employee[] }> {
	const issues: DomainIssue[] = [];
	const unitById = new Map(units.map((unit) => [unit.id, unit]));
	for (const unit of units) {
		const parent = unit.parentId === null ? undefined : unitById.get(unit.parentId);
		if (unit.parentId !== null && !parent) {
			issues.push({
				code: 'org.unknown_parent',
				path: `units.${unit.id}.parentId`,
				message: `Unit ${unit.id} has unknown parent ${unit.parentId}`,
				params: { unit: unit.id, parent: unit.parentId }
			});
			continue;
		}
		if (!ALLOWED_PARENT[unit.kind].includes(parent?.kind ?? null)) {
			issues.push({
				code: 'org.bad_parent_kind',
				path: `units.${unit.id}.parentId`,
				message: `A ${unit.kind} cannot sit under ${parent ? `a ${parent.kind}` : 'nothing'}`,
				params: { unit: unit.id, kind: unit.kind, parentKind: parent?.kind ?? 'none' }
			});
		}
	}
	const unitParents = new Map(units.map((unit) => [unit.id, unit.parentId]));
	for (const cycle of findParentCycles(unitParents)) {
		issues.push({
			code: 'org.unit_cycle',
			path: `units.${cycle[0] ?? ''}.parentId`,
			message: `Units form a cycle: ${cycle.join(' → ')}`,
			params: { cycle: cycle.join(',') }
		});
	}
	const personIds = new Set(people.map((person) => person.id));
	for (const person of people) {
		if (!unitById.has(person.unitId)) {
			issues.push({
				code: 'org.unknown_unit',
				path: `people.${person.id}.unitId`,
				message: `${person.id} belongs to unknown unit ${person.unitId}`,
				params: { person: person.id, unit: person.unitId }
			});
		}
		if (person.managerId !== null && !personIds.has(person.managerId)) {
			issues.push({
				code: 'org.unknown_manager',
				path: `people.${person.id}.managerId`,
				message: `${person.id} reports to unknown person ${person.managerId}`,
				params: { person: person.id, manager: person.managerId }
			});
		}
	}
	const managers = new Map(people.map((person) => [person.id, person.managerId]));
	for (const cycle of findParentCycles(managers)) {
		issues.push({
			code: 'org.manager_cycle',
			path: `people.${cycle[0] ?? ''}.managerId`,
			message: `Managers form a cycle: ${cycle.join(' → ')}`,
			params: { cycle: cycle.join(',') }
		});
	}
	return fromIssues({ units, people }, issues);
}
