import { m } from '../../paraglide/messages.js';

/** Role, account status and metric vocabulary in the viewer's language. */
export const roleLabel = (role: string): string =>
	(
		({
			employee: m.admin_role_employee,
			manager: m.admin_role_manager,
			hr: m.admin_role_hr,
			designer: m.admin_role_designer,
			admin: m.admin_role_admin
		}) as Record<string, () => string>
	)[role]?.() ?? role;

export const statusLabel = (status: string | null): string =>
	status === 'active'
		? m.admin_account_active()
		: status === 'invited'
			? m.admin_account_invited()
			: status === 'disabled'
				? m.admin_account_disabled()
				: m.admin_account_none();

export const aggregationLabel = (value: string): string =>
	(
		({
			sum: m.admin_agg_sum,
			average: m.admin_agg_average,
			last: m.admin_agg_last,
			min: m.admin_agg_min,
			max: m.admin_agg_max,
			count: m.admin_agg_count
		}) as Record<string, () => string>
	)[value]?.() ?? value;

export const periodLabel = (value: string): string =>
	(
		({
			day: m.admin_period_day,
			week: m.admin_period_week,
			month: m.admin_period_month,
			quarter: m.admin_period_quarter,
			year: m.admin_period_year
		}) as Record<string, () => string>
	)[value]?.() ?? value;

export const directionLabel = (value: string): string =>
	value === 'lower_is_better' ? m.admin_direction_lower() : m.admin_direction_higher();
