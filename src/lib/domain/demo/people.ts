/**
 * The demo company's 60 employees: the named cast plus 40 colleagues generated from a seeded
 * stream (Chinese names, based in China), so every build is identical.
 */
import { addDays, type IsoDate } from '../dates';
import type { Employee } from '../org';
import { CAST, COLLEAGUE_SLOTS } from './org-chart';
import { GIVEN_NAMES, SURNAMES, placeOf } from './names';
import type { Prng } from './prng';

/** Lowercase ASCII e-mail local part from an English name: "Kim Min-jun" → "kim.min.jun". */
export function emailLocalPart(en: string): string {
	return en
		.toLowerCase()
		.replace(/[^a-z]+/g, '.')
		.replace(/^\.|\.$/g, '');
}

/** Builds the demo's employees; e-mails use `domain`. */
export function buildDemoPeople(today: IsoDate, prng: Prng, domain: string): Employee[] {
	const people: Employee[] = CAST.map((member) => ({
		id: member.id,
		name: { en: member.en, 'zh-CN': member.zh },
		email: `${emailLocalPart(member.en)}@${domain}`,
		unitId: member.unitId,
		managerId: member.managerId,
		jobTitle: { en: member.titleEn, 'zh-CN': member.titleZh },
		jobFamily: member.jobFamily,
		...placeOf(member.country),
		hireDate: addDays(today, -member.hiredDaysAgo)
	}));
	const usedNames = new Set(people.map((p) => p.name['en']));
	let serial = 1;
	for (const slot of COLLEAGUE_SLOTS) {
		for (let i = 0; i < slot.count; i++) {
			let surname = prng.pick(SURNAMES);
			let given = prng.pick(GIVEN_NAMES);
			while (usedNames.has(`${surname[1]} ${given[1]}`)) {
				surname = prng.pick(SURNAMES);
				given = prng.pick(GIVEN_NAMES);
			}
			const en = `${surname[1]} ${given[1]}`;
			usedNames.add(en);
			people.push({
				id: `emp-${String(serial++).padStart(3, '0')}`,
				name: { en, 'zh-CN': `${surname[0]}${given[0]}` },
				email: `${emailLocalPart(en)}@${domain}`,
				unitId: slot.unitId,
				managerId: slot.managerId,
				jobTitle: { en: slot.titleEn, 'zh-CN': slot.titleZh },
				jobFamily: slot.jobFamily,
				...placeOf('CN'),
				hireDate: addDays(today, -prng.int(60, 2500))
			});
		}
	}
	return people;
}
