import HouseIcon from '@lucide/svelte/icons/house';
import WorkflowIcon from '@lucide/svelte/icons/workflow';
import ActivityIcon from '@lucide/svelte/icons/activity';
import TargetIcon from '@lucide/svelte/icons/target';
import ChartLineIcon from '@lucide/svelte/icons/chart-line';
import InboxIcon from '@lucide/svelte/icons/inbox';
import BellIcon from '@lucide/svelte/icons/bell';
import ShieldIcon from '@lucide/svelte/icons/shield';
import PencilRulerIcon from '@lucide/svelte/icons/pencil-ruler';
import { m } from '../../paraglide/messages.js';

export interface NavItem {
	href: string;
	label: () => string;
	icon: typeof HouseIcon;
	/** Which of the layout's `counts` to show as a badge. */
	count?: 'inbox' | 'notifications';
	/**
	 * The route whose access rule decides whether the item is shown (the layout passes the routes
	 * the actor may open); items without one are shown to everyone signed in.
	 */
	route?: string;
}

/** The main navigation; items with a `route` only for those its access rule lets in. */
export const navItems: NavItem[] = [
	{ href: '/', label: () => m.nav_home(), icon: HouseIcon },
	{ href: '/workflows', label: () => m.nav_workflows(), icon: WorkflowIcon, route: '/workflows' },
	{ href: '/instances', label: () => m.nav_instances(), icon: ActivityIcon, route: '/instances' },
	{ href: '/goals', label: () => m.goals_nav_goals(), icon: TargetIcon },
	{ href: '/insights', label: () => m.goals_nav_insights(), icon: ChartLineIcon },
	{ href: '/inbox', label: () => m.inbox_title(), icon: InboxIcon, count: 'inbox' },
	{ href: '/notifications', label: () => m.notify_title(), icon: BellIcon, count: 'notifications' },
	{ href: '/designer', label: () => m.nav_designer(), icon: PencilRulerIcon, route: '/designer' },
	{ href: '/admin', label: () => m.nav_admin(), icon: ShieldIcon, route: '/admin' }
];

/** The routes of items that carry an access check (what the layout asks the policy about). */
export const navRoutes: string[] = navItems.flatMap((item) => (item.route ? [item.route] : []));

/** The items to show, given the routes the actor may open (`null`: no check, e.g. signed out). */
export function visibleNavItems(allowed: readonly string[] | null | undefined): NavItem[] {
	if (!allowed) return navItems.filter((item) => !item.route);
	return navItems.filter((item) => !item.route || allowed.includes(item.route));
}

export function isCurrent(href: string, pathname: string): boolean {
	return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
