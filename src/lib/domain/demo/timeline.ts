/**
 * What happened around the numbers: the reminders, feedback, replies and interventions the
 * stories tell, dated on the story calendar, for the server to seed as feedback and
 * notifications. Texts are bilingual data, not UI strings.
 */
import { addDays, type IsoDate } from '../dates';
import type { LocalizedText } from '../result';
import type { StoryCalendar } from './calendar';

/** One story event. `alert` events carry the trend-alert code that raised them. */
export interface StoryEvent {
	readonly date: IsoDate;
	readonly kind: 'alert' | 'feedback' | 'reply' | 'intervention' | 'training';
	readonly subjectId: string;
	readonly authorId: string | null;
	readonly goalId?: string;
	readonly alertCode?: 'behind_pace' | 'declined_periods';
	readonly text: LocalizedText;
}

/** The demo's story events, oldest first. */
export function buildStoryTimeline(calendar: StoryCalendar): StoryEvent[] {
	const story = calendar.storyMonth.from;
	const liSiLowFriday = addDays(calendar.weeks[8] ?? story, 4);
	const events: StoryEvent[] = [
		{
			date: addDays(calendar.previousMonth.to, -2),
			kind: 'training',
			subjectId: 'emp-wang-wu',
			authorId: 'emp-he-min',
			text: {
				en: 'Learned to follow marketing\'s "brand exposure" goal and plan visits around its campaigns',
				'zh-CN': '学会查看市场部"品牌曝光"目标，并结合推广活动安排客户拜访'
			}
		},
		{
			date: addDays(story, 14),
			kind: 'alert',
			subjectId: 'emp-zhang-san',
			authorId: null,
			goalId: 'kr-zhang-san-10m',
			alertCode: 'behind_pace',
			text: {
				en: 'Zhang San is behind his sales target: talk to him',
				'zh-CN': '张三的销售进度落后，请与他沟通'
			}
		},
		{
			date: addDays(story, 15),
			kind: 'feedback',
			subjectId: 'emp-zhang-san',
			authorId: 'emp-sun-li',
			goalId: 'kr-zhang-san-10m',
			text: { en: 'Visit more customers', 'zh-CN': '多拜访客户' }
		},
		{
			date: addDays(story, 16),
			kind: 'reply',
			subjectId: 'emp-zhang-san',
			authorId: 'emp-zhang-san',
			goalId: 'kr-zhang-san-10m',
			text: { en: "Next week's visit plan is ready", 'zh-CN': '下周的拜访计划已经准备好了' }
		},
		{
			date: calendar.weekThreeEnd,
			kind: 'intervention',
			subjectId: 'emp-zhang-san',
			authorId: 'emp-sun-li',
			goalId: 'kr-zhang-san-10m',
			text: {
				en: 'Marketing hands over 100 leads; the sales director joins the key visits',
				'zh-CN': '市场部提供100条销售线索，销售总监参与重点客户拜访'
			}
		},
		{
			date: liSiLowFriday,
			kind: 'alert',
			subjectId: 'emp-li-si',
			authorId: null,
			goalId: 'kr-li-si-completion',
			alertCode: 'declined_periods',
			text: {
				en: "Li Si's commits fell three weeks in a row",
				'zh-CN': '李四的代码提交量连续三周下降'
			}
		},
		{
			date: addDays(liSiLowFriday, 3),
			kind: 'intervention',
			subjectId: 'emp-li-si',
			authorId: 'emp-wang-fang',
			goalId: 'kr-li-si-completion',
			text: {
				en: 'Workload adjusted: two tickets moved to the team backlog',
				'zh-CN': '调整工作量：两项任务移回团队待办'
			}
		}
	];
	return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
