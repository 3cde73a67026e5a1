import type { AuditFilter } from '$lib/server/audit/query';

export const AUDIT_PAGE_SIZE = 50;

const day = (value: string | null): Date | undefined => {
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
	const date = new Date(`${value}T00:00:00Z`);
	return Number.isNaN(date.getTime()) ? undefined : date;
};

const text = (value: string | null): string | undefined => value?.trim().slice(0, 200) || undefined;

/** The filter from the page's query string (`?action=&entity=&actor=&from=&to=&page=`). */
export function auditFilterFromUrl(
	url: URL,
	organisationId: string
): AuditFilter & { page: number } {
	const params = url.searchParams;
	const to = day(params.get('to'));
	const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
	return {
		organisationId,
		action: text(params.get('action')),
		entity: text(params.get('entity')),
		entityId: text(params.get('entityId')),
		actor: text(params.get('actor')),
		from: day(params.get('from')),
		// `to` is inclusive: everything before the next midnight (UTC).
		to: to ? new Date(to.getTime() + 24 * 60 * 60 * 1000) : undefined,
		page
	};
}
