import HouseIcon from '@lucide/svelte/icons/house';
import WorkflowIcon from '@lucide/svelte/icons/workflow';
import ActivityIcon from '@lucide/svelte/icons/activity';
import TargetIcon from '@lucide/svelte/icons/target';
import ChartLineIcon from '@lucide/svelte/icons/chart-line';
import InboxIcon from '@lucide/svelte/icons/inbox';
import BellIcon from '@lucide/svelte/icons/bell';
import { m } from '../../paraglide/messages.js';

export interface NavItem {
	href: string;
	label: () => string;
	icon: typeof HouseIcon;
	/** Which of the layout's `counts` to show as a badge. */
	count?: 'inbox' | 'notifications';
}

/** Only pages that exist are listed; Inbox, Goals and Admin join when they ship. */
export const navItems: NavItem[] = [
	{ href: '/', label: () => m.nav_home(), icon: HouseIcon },
	{ href: '/workflows', label: () => m.nav_workflows(), icon: WorkflowIcon },
	{ href: '/instances', label: () => m.nav_instances(), icon: ActivityIcon },
	{ href: '/goals', label: () => m.goals_nav_goals(), icon: TargetIcon },
	{ href: '/insights', label: () => m.goals_nav_insights(), icon: ChartLineIcon },
	{ href: '/inbox', label: () => m.inbox_title(), icon: InboxIcon, count: 'inbox' },
	{ href: '/notifications', label: () => m.notify_title(), icon: BellIcon, count: 'notifications' }
];

export function isCurrent(href: string, pathname: string): boolean {
	return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
