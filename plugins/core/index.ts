import { resolveAssignee } from '../../src/lib/engine/assignee';
import { DAY_MS } from '../../src/lib/engine/duration';
import { definePlugin, type JsonSchema } from '../../src/lib/engine/plugin';

const assignee: JsonSchema = {
	type: 'string',
	title: 'Assignee',
	description: 'subject, subject.manager, subject.manager.manager or role:<role>',
	pattern: '^(subject(\\.manager){0,2}|role:[a-z][a-z0-9_-]*)$'
};
const isoDuration: JsonSchema = {
	type: 'string',
	title: 'Due after',
	description: 'ISO-8601 duration, e.g. P14D',
	pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?!$)(\\d+H)?(\\d+M)?(\\d+S)?)?$'
};
const localized: JsonSchema = {
	anyOf: [{ type: 'string' }, { type: 'object', additionalProperties: { type: 'string' } }],
	description: 'Text, or a map from locale (en, zh-CN) to text'
};
const outcomes: JsonSchema = {
	type: 'object',
	title: 'Outcomes',
	description: 'Per outcome event: its button label per locale and whether it needs a comment',
	additionalProperties: {
		type: 'object',
		properties: { label: localized, requiresComment: { type: 'boolean' } },
		additionalProperties: false
	}
};
const taskParams: JsonSchema = {
	type: 'object',
	properties: {
		assignee,
		form: { type: 'string', title: 'Form' },
		title: { type: 'string', title: 'Title template' },
		due: isoDuration,
		outcomes
	},
	required: ['assignee', 'title'],
	additionalProperties: false
};
const formsOf = (params: Record<string, unknown>) =>
	typeof params.form === 'string' ? [{ path: 'form', source: params.form }] : [];
const titleOf = (params: Record<string, unknown>) =>
	typeof params.title === 'string' ? [{ path: 'title', source: params.title }] : [];
const noParams: JsonSchema = { type: 'object', additionalProperties: false };

function toMs(value: unknown): number {
	return typeof value === 'number' ? value : new Date(String(value)).getTime();
}

/**
 * The built-in node kinds, actions and guards every shipped workflow uses.
 */
export default definePlugin({
	id: 'core',
	version: '1.0.0',
	label: { en: 'Core', 'zh-CN': '核心' },
	nodeKinds: {
		task: {
			label: { en: 'Task', 'zh-CN': '任务' },
			description: 'A form a person fills in; its outcomes are the events on the state',
			isTask: true,
			params: taskParams,
			formsOf,
			templatesOf: titleOf
		},
		approval: {
			label: { en: 'Approval', 'zh-CN': '审批' },
			description: 'A decision by a person or a role: approve, return, reject',
			isTask: true,
			params: taskParams,
			formsOf,
			templatesOf: titleOf
		},
		action: {
			label: { en: 'Action', 'zh-CN': '动作' },
			description: 'Runs its entry actions and moves on',
			params: noParams
		},
		wait: {
			label: { en: 'Wait', 'zh-CN': '等待' },
			description: 'Waits for an event or a timer',
			params: noParams
		},
		decision: {
			label: { en: 'Decision', 'zh-CN': '判断' },
			description: 'Chooses the next state with guarded "always" transitions',
			params: noParams
		},
		group: {
			label: { en: 'Group', 'zh-CN': '分组' },
			description: 'A compound state holding steps',
			stateType: 'compound',
			params: noParams
		},
		parallel: {
			label: { en: 'Parallel', 'zh-CN': '并行' },
			description: 'Regions that run at the same time',
			stateType: 'parallel',
			params: noParams
		},
		final: {
			label: { en: 'End', 'zh-CN': '结束' },
			description: 'The end of a region or of the whole cycle',
			stateType: 'final',
			params: noParams
		}
	},
	actions: {
		setData: {
			label: { en: 'Set data', 'zh-CN': '设置数据' },
			description: 'Sets instance data fields to the values of expressions',
			params: {
				type: 'object',
				properties: {
					set: { type: 'object', title: 'Fields', additionalProperties: { type: 'string' } }
				},
				required: ['set'],
				additionalProperties: false
			},
			expressionsOf: (params) =>
				Object.entries((params.set ?? {}) as Record<string, unknown>).map(([key, source]) => ({
					path: `set.${key}`,
					source: String(source)
				})),
			apply: (_data, params, env) =>
				Object.fromEntries(
					Object.entries((params.set ?? {}) as Record<string, unknown>).map(([key, source]) => [
						key,
						env.evaluate(String(source))
					])
				)
		},
		notify: {
			label: { en: 'Notify', 'zh-CN': '通知' },
			description: 'Sends a notification rendered from a template',
			params: {
				type: 'object',
				properties: { template: { type: 'string', title: 'Template' }, to: assignee },
				required: ['template', 'to'],
				additionalProperties: false
			},
			templatesOf: (params) => [{ path: 'template', source: String(params.template) }],
			effects: (params, env) => [
				{
					type: 'notify',
					template: String(params.template),
					to: resolveAssignee(String(params.to), env.subject),
					params: {
						subject: { id: env.subject.id, name: env.subject.name ?? env.subject.id },
						data: env.data,
						event: { type: env.event.type },
						now: env.now
					}
				}
			]
		},
		log: {
			description: 'Records a message in the instance journal (no effect on the flow)',
			params: {
				type: 'object',
				properties: { message: { type: 'string' } },
				required: ['message'],
				additionalProperties: false
			},
			run: async () => undefined
		}
	},
	guards: {
		expr: {
			label: { en: 'Condition', 'zh-CN': '条件' },
			description: 'True when the expression is true',
			params: {
				type: 'object',
				properties: { expr: { type: 'string', title: 'Expression' } },
				required: ['expr'],
				additionalProperties: false
			},
			expressionsOf: (params) => [{ path: 'expr', source: String(params.expr) }],
			check: (params, env) => env.evaluate(String(params.expr)) === true
		}
	},
	functions: {
		periodElapsed: {
			arity: 2,
			description: 'Share of the period [start, end] elapsed at now, 0..1 (the linear pace)',
			call: ([start, end], vars) => {
				const from = toMs(start);
				const span = toMs(end) - from;
				if (!(span > 0)) return 1;
				return Math.min(1, Math.max(0, (toMs(vars.now) - from) / span));
			}
		},
		days: {
			arity: 1,
			description: 'A number of days in milliseconds',
			call: ([count]) => Number(count) * DAY_MS
		}
	}
});
