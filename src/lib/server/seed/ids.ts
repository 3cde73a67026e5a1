import { createHash } from 'node:crypto';

/**
 * The demo builders name things with readable refs (`emp-zhang-san`, `u-000042`); rows are
 * keyed by uuid. The uuid is derived from the organisation and the ref, so seeding is
 * repeatable and every reference (manager, unit, parent goal, supports) maps the same way.
 */
export function refId(orgId: string, ref: string): string {
	const hex = createHash('sha1').update(`${orgId}:${ref}`).digest('hex');
	const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
