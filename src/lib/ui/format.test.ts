import { describe, expect, it } from 'vitest';
import {
	formatDateTime,
	formatNumber,
	formatRelative,
	pickLocalised,
	validTimeZone
} from './format';

describe('pickLocalised', () => {
	it('picks the locale, then English, then any value', () => {
		expect(pickLocalised({ en: 'Cycle', 'zh-CN': '周期' }, 'zh-CN')).toBe('周期');
		expect(pickLocalised({ en: 'Cycle' }, 'zh-CN')).toBe('Cycle');
		expect(pickLocalised({ fr: 'Cycle' }, 'zh-CN')).toBe('Cycle');
		expect(pickLocalised('plain', 'zh-CN')).toBe('plain');
		expect(pickLocalised(undefined, 'en')).toBe('');
	});
});

describe('formatters', () => {
	it('formats dates in the given zone', () => {
		const text = formatDateTime('2025-01-02T03:04:00Z', { locale: 'en-GB', timeZone: 'UTC' });
		expect(text).toContain('2025');
		expect(text).toContain('03:04');
		expect(formatDateTime('not a date', { locale: 'en' })).toBe('');
	});
	it('formats numbers per locale', () => {
		expect(formatNumber(12345, 'en')).toBe('12,345');
	});
	it('formats relative time', () => {
		const now = Date.parse('2025-01-10T00:00:00Z');
		expect(formatRelative('2025-01-07T00:00:00Z', { locale: 'en', now })).toBe('3 days ago');
	});
});

describe('validTimeZone', () => {
	it('accepts IANA names and refuses anything else', () => {
		expect(validTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
		expect(validTimeZone('Not/AZone')).toBeUndefined();
		expect(validTimeZone(undefined)).toBeUndefined();
	});
});
