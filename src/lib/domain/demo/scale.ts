/**
 * A generated organisation of any size for scale tests and benchmarks: a manager tree with
 * 8–20 reports per manager, one unit per manager (company → departments → nested teams),
 * a goal cascade (company → unit objectives → one key result per individual contributor)
 * and 90 days of metric values streamed in chunks, so 100,000 people never hold millions of
 * value objects in memory at once.
 */
import { addDays, type IsoDate } from '../dates';
import type { Goal } from '../goals';
import type { MetricValue } from '../metrics';
import type { Employee, OrgUnit } from '../org';
import type { LocalizedText } from '../result';
import { isoWeekday } from './calendar';
import { DEMO_METRICS } from './metric-catalog';
import { createPrng, deriveSeed, type Prng } from './prng';
import { PLACES, SURNAMES, GIVEN_NAMES } from './names';
import { DEPARTMENTS, FAMILY_KR, TITLES, UNIT_OBJECTIVE } from './scale-catalog';

/** A generated organisation. `metricValues` may be iterated any number of times. */
export interface ScaleCompany {
	readonly units: readonly OrgUnit[];
	readonly employees: readonly Employee[];
	readonly goals: readonly Goal[];
	readonly metrics: typeof DEMO_METRICS;
	/** Streams 90 days of values ending at `today`, `chunkSize` values at a time (default 10,000). */
	metricValues(options?: {
		readonly chunkSize?: number;
	}): Generator<MetricValue[], void, undefined>;
}

function pickPlace(prng: Prng) {
	let roll = prng.next();
	for (const place of PLACES) {
		if (roll < place.share) return place;
		roll -= place.share;
	}
	return PLACES[0] as (typeof PLACES)[number];
}

/**
 * Generates an organisation of `employees` people, identical for the same seed and today.
 *
 * @example
 * const org = buildScaleCompany({ employees: 100_000, seed: 7, today: '2026-12-04' });
 * for (const chunk of org.metricValues({ chunkSize: 50_000 })) await copyInto('metric_value', chunk);
 */
export function buildScaleCompany(options: {
	readonly employees: number;
	readonly seed: number;
	readonly today: IsoDate;
}): ScaleCompany {
	const { seed, today } = options;
	const total = Math.max(1, Math.floor(options.employees));
	const prng = createPrng(seed);
	const pad = (n: number) => String(n).padStart(6, '0');
	const units: OrgUnit[] = [
		{
			id: 'u-000000',
			kind: 'company',
			name: { en: 'Scale Corp', 'zh-CN': '规模集团' },
			parentId: null,
			headId: 'e-000000'
		}
	];
	const managerOf = new Int32Array(total).fill(-1);
	// Filled by push so V8 keeps the arrays packed (a large new Array(n) may start out sparse).
	const family: string[] = ['executive'];
	const unitOf = new Int32Array(total);
	const headsUnit = new Int32Array(total).fill(-1);
	headsUnit[0] = 0;
	// Breadth-first: managers take 8–20 reports each until everyone is placed.
	const queue: number[] = [0];
	let next = 1;
	for (let q = 0; q < queue.length && next < total; q++) {
		const manager = queue[q] as number;
		const fanout = manager === 0 ? DEPARTMENTS.length : prng.int(8, 20);
		for (let k = 0; k < fanout && next < total; k++, next++) {
			managerOf[next] = manager;
			family.push(
				manager === 0
					? (DEPARTMENTS[k] as [string, string, string])[0]
					: (family[manager] as string)
			);
			queue.push(next);
		}
	}
	// A person who got reports heads a unit; everyone sits in the unit they head, or their manager's.
	for (let i = 1; i < total; i++) {
		const manager = managerOf[i] as number;
		if (manager >= 0 && headsUnit[manager] === -1) {
			// The manager's own manager got a unit when the manager (a lower index) was placed.
			const id = units.length;
			const dept = DEPARTMENTS.find(([f]) => f === family[manager]);
			const isDepartment = managerOf[manager] === 0;
			units.push({
				id: `u-${pad(id)}`,
				kind: isDepartment ? 'department' : 'team',
				name:
					isDepartment && dept
						? { en: dept[1], 'zh-CN': dept[2] }
						: { en: `Team ${pad(id)}`, 'zh-CN': `团队 ${pad(id)}` },
				parentId: units[headsUnit[managerOf[manager] as number] as number]?.id ?? null,
				headId: `e-${pad(manager)}`
			});
			headsUnit[manager] = id;
			unitOf[manager] = id;
		}
		unitOf[i] = headsUnit[manager] as number;
	}

	const employees: Employee[] = [];
	for (let i = 0; i < total; i++) {
		const place = pickPlace(prng);
		const titles = TITLES[family[i] as string] ?? (TITLES['hr'] as [LocalizedText, LocalizedText]);
		employees.push({
			id: `e-${pad(i)}`,
			name: { en: `${prng.pick(SURNAMES)[1]} ${prng.pick(GIVEN_NAMES)[1]}` },
			email: `e${pad(i)}@scale.example`,
			unitId: units[unitOf[i] as number]?.id ?? 'u-000000',
			managerId: (managerOf[i] as number) >= 0 ? `e-${pad(managerOf[i] as number)}` : null,
			jobTitle: (headsUnit[i] as number) >= 0 ? titles[0] : titles[1],
			jobFamily: family[i] as string,
			country: place.country,
			locale: place.locale,
			timeZone: place.timeZone,
			hireDate: addDays(today, -prng.int(30, 4000))
		});
	}

	const year = today.slice(0, 4);
	const base = {
		startDate: `${year}-01-01`,
		dueDate: `${year}-12-31`,
		status: 'active',
		supports: []
	} as const;
	const goals: Goal[] = units.map((unit, i) => ({
		...base,
		id: `g-${unit.id}`,
		kind: 'objective',
		title: UNIT_OBJECTIVE,
		owner: { kind: 'unit', id: unit.id },
		parentId: unit.parentId === null ? null : `g-${unit.parentId}`,
		weight: 1 + (i % 3)
	}));
	for (let i = 1; i < total; i++) {
		if ((headsUnit[i] as number) >= 0) continue;
		const kr = FAMILY_KR[family[i] as string];
		if (!kr) continue;
		goals.push({
			...base,
			id: `kr-${pad(i)}`,
			kind: 'key_result',
			title: kr.title,
			owner: { kind: 'person', id: `e-${pad(i)}` },
			parentId: `g-${units[unitOf[i] as number]?.id ?? 'u-000000'}`,
			weight: 1,
			metric: kr.metric,
			category: family[i] as string
		});
	}

	const firstDay = addDays(today, -89);
	const days = Array.from({ length: 90 }, (_, d) => addDays(firstDay, d));
	const weekdays = days.map((d) => isoWeekday(d) <= 5);
	function* metricValues(
		streamOptions: { readonly chunkSize?: number } = {}
	): Generator<MetricValue[], void, undefined> {
		const chunkSize = Math.max(1, streamOptions.chunkSize ?? 10_000);
		let chunk: MetricValue[] = [];
		for (let i = 1; i < total; i++) {
			if ((headsUnit[i] as number) >= 0) continue;
			const kr = FAMILY_KR[family[i] as string];
			if (!kr) continue;
			const own = createPrng(deriveSeed(seed, i));
			const level = own.between(0.7, 1.3);
			const subjectId = `e-${pad(i)}`;
			for (let d = 0; d < days.length; d++) {
				if (kr.weekdaysOnly && !weekdays[d]) continue;
				const raw =
					own.between(kr.daily[0], kr.daily[1]) *
					(kr.metric.metricKey === 'task_completion_rate' ? 1 : level);
				const value = kr.daily[1] < 1 ? (own.next() < kr.daily[1] ? 1 : 0) : Math.round(raw);
				if (value === 0 && kr.daily[1] < 1) continue;
				chunk.push({ metricKey: kr.metric.metricKey, subjectId, date: days[d] as IsoDate, value });
				if (chunk.length >= chunkSize) {
					yield chunk;
					chunk = [];
				}
			}
		}
		if (chunk.length > 0) yield chunk;
	}
	return { units, employees, goals, metrics: DEMO_METRICS, metricValues };
}
