/** Read models of the goal, people and insights pages (each page load calls one of these). */
export { cascadeView, type CascadeView } from './cascade';
export { goalDetailView, type GoalDetailView, type HistoryEntry } from './detail';
export { personView, type PersonView, type PersonKeyResult, type PersonMetric } from './person';
export { insightsView, type InsightsView, type BehindPace, type OrgAlert } from './insights';
export type { KeyResultTrend } from './trend';
