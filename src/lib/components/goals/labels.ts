/** Message lookups for goal enums (kept in one place so every view says the same). */
import type { GoalStatus } from '../../domain/goals';
import { m } from '../../paraglide/messages.js';
import type { OwnerLevel } from './types';

export const statusLabel: Record<GoalStatus, () => string> = {
	draft: m.goals_status_draft,
	awaiting_approval: m.goals_status_awaiting_approval,
	active: m.goals_status_active,
	done: m.goals_status_done,
	archived: m.goals_status_archived
};

export const levelLabel: Record<OwnerLevel, () => string> = {
	company: m.goals_level_company,
	department: m.goals_level_department,
	team: m.goals_level_team,
	person: m.goals_level_person
};

export const changeLabel: Record<string, () => string> = {
	create: m.goals_change_create,
	retarget: m.goals_change_retarget,
	reweight: m.goals_change_reweight,
	reparent: m.goals_change_reparent,
	archive: m.goals_change_archive,
	relink: m.goals_change_relink,
	activate: m.goals_change_activate,
	status: m.goals_change_status,
	progress: m.goals_change_progress
};
