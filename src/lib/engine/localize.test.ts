import { describe, expect, it } from 'vitest';
import { outcomesOf, stateLabel } from './labels';
import { localize, missingLocales } from './localize';
import { fieldTexts } from './ui-hints';

describe('localize', () => {
	it('picks the locale, then its language, then English, then any text', () => {
		const text = { en: 'Goal setting', 'zh-CN': '目标设定' };
		expect(localize(text, 'zh-CN')).toBe('目标设定');
		expect(localize({ en: 'Done', zh: '完成' }, 'zh-CN')).toBe('完成');
		expect(localize(text, 'de')).toBe('Goal setting');
		expect(localize({ 'zh-CN': '完成' }, 'en')).toBe('完成');
		expect(localize('Plain', 'zh-CN')).toBe('Plain');
		expect(localize(undefined, 'en')).toBe('');
	});

	it('lists the required locales a text lacks', () => {
		expect(missingLocales({ en: 'A', 'zh-CN': '甲' })).toEqual([]);
		expect(missingLocales('A')).toEqual(['zh-CN']);
		expect(missingLocales({ 'zh-CN': '甲', en: ' ' })).toEqual(['en']);
		expect(missingLocales(undefined)).toEqual(['en', 'zh-CN']);
	});
});

describe('labels', () => {
	const definition = {
		states: {
			review: {
				meta: {
					kind: 'approval',
					label: { en: 'Manager approval', 'zh-CN': '经理审批' },
					params: {
						outcomes: {
							return: { label: { en: 'Return', 'zh-CN': '退回修改' }, requiresComment: true },
							approve: { label: { en: 'Approve', 'zh-CN': '批准' } }
						}
					}
				},
				on: { return: 'review', approve: 'review', skip: 'review' }
			},
			tracking: { states: { checkIn: { meta: { kind: 'task' } } } }
		}
	};

	it('gives state labels per locale, else the key made readable', () => {
		expect(stateLabel(definition, 'review', 'zh-CN')).toBe('经理审批');
		expect(stateLabel(definition, 'tracking.checkIn', 'zh-CN')).toBe('Check in');
	});

	it('lists outcomes with labels, those without a comment first', () => {
		expect(outcomesOf(definition, 'review')).toEqual([
			{ event: 'approve', label: { en: 'Approve', 'zh-CN': '批准' }, requiresComment: false },
			{ event: 'skip', requiresComment: false },
			{ event: 'return', label: { en: 'Return', 'zh-CN': '退回修改' }, requiresComment: true }
		]);
	});

	it('gives field texts from ui hints, falling back to the schema', () => {
		const schema = { title: 'Assessment', description: 'How it went', enum: ['below'] };
		const ui = {
			'ui:title': { en: 'Assessment', 'zh-CN': '评价' },
			'ui:enumLabels': { below: { en: 'Below target', 'zh-CN': '低于目标' } }
		};
		const zh = fieldTexts(schema, ui, 'zh-CN');
		expect([zh.title, zh.description, zh.enumLabel('below'), zh.enumLabel('x')]).toEqual([
			'评价',
			'How it went',
			'低于目标',
			'x'
		]);
		expect(fieldTexts({}, undefined, 'en', 'notes').title).toBe('notes');
	});
});
