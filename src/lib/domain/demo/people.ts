/**
 * The demo company's org chart: 启航科技 (Qihang Tech) with six departments, their teams and
 * 60 people. The named people carry the stories; the others are generated from a seeded
 * stream so every build is identical.
 *
 * The article makes Zhang San both a product manager and a salesperson. The demo keeps one
 * Zhang San, the sales manager with the 10M/month target, and gives the product key result
 * ("2 core feature iterations a month") to product manager Qian Jin (钱进).
 */
import { addDays, type IsoDate } from '../dates';
import type { Employee, OrgUnit } from '../org';
import type { LocalizedText } from '../result';
import type { Prng } from './prng';

const unit = (
	id: string,
	kind: OrgUnit['kind'],
	en: string,
	zh: string,
	parentId: string | null,
	headId: string
): OrgUnit => ({
	id,
	kind,
	name: { en, 'zh-CN': zh },
	parentId,
	headId
});

/** The demo's org units (company → departments → teams). */
export const DEMO_UNITS: readonly OrgUnit[] = [
	unit('co', 'company', 'Qihang Tech', '启航科技', null, 'emp-chen-jing'),
	unit('dept-product', 'department', 'Product', '产品部', 'co', 'emp-wu-lei'),
	unit('dept-marketing', 'department', 'Marketing', '市场部', 'co', 'emp-zheng-shuang'),
	unit('dept-userops', 'department', 'User Operations', '用户运营部', 'co', 'emp-feng-xiao'),
	unit('dept-sales', 'department', 'Sales', '销售部', 'co', 'emp-zhao-qiang'),
	unit('dept-eng', 'department', 'Engineering', '研发部', 'co', 'emp-liu-yang'),
	unit('dept-hr', 'department', 'HR', '人力资源部', 'co', 'emp-he-min'),
	unit('team-product-core', 'team', 'Core Product', '核心产品组', 'dept-product', 'emp-qian-jin'),
	unit('team-marketing-brand', 'team', 'Brand', '品牌组', 'dept-marketing', 'emp-zheng-shuang'),
	unit('team-marketing-growth', 'team', 'Growth', '增长组', 'dept-marketing', 'emp-klein-anna'),
	unit(
		'team-userops-community',
		'team',
		'Community',
		'社区运营组',
		'dept-userops',
		'emp-feng-xiao'
	),
	unit('team-sales-east', 'team', 'East China Sales', '华东销售区', 'dept-sales', 'emp-sun-li'),
	unit(
		'team-sales-east-ka',
		'team',
		'Key Accounts East',
		'华东大客户组',
		'team-sales-east',
		'emp-zhang-san'
	),
	unit('team-sales-north', 'team', 'North China Sales', '华北销售区', 'dept-sales', 'emp-zhou-min'),
	unit(
		'team-sales-intl',
		'team',
		'International Sales',
		'国际销售组',
		'dept-sales',
		'emp-sato-ken'
	),
	unit('team-eng-backend', 'team', 'Backend', '后端组', 'dept-eng', 'emp-wang-fang'),
	unit('team-eng-frontend', 'team', 'Frontend', '前端组', 'dept-eng', 'emp-kim-minjun'),
	unit('team-hr', 'team', 'People & Culture', '人事组', 'dept-hr', 'emp-he-min')
];

interface Place {
	readonly country: string;
	readonly locale: string;
	readonly timeZone: string;
}
const CN: Place = { country: 'CN', locale: 'zh-CN', timeZone: 'Asia/Shanghai' };
const JP: Place = { country: 'JP', locale: 'ja', timeZone: 'Asia/Tokyo' };
const KR: Place = { country: 'KR', locale: 'ko', timeZone: 'Asia/Seoul' };
const US: Place = { country: 'US', locale: 'en-US', timeZone: 'America/Los_Angeles' };
const DE: Place = { country: 'DE', locale: 'de', timeZone: 'Europe/Berlin' };

type Named = [
	id: string,
	en: string,
	zh: string,
	unitId: string,
	managerId: string | null,
	titleEn: string,
	titleZh: string,
	family: string,
	place: Place,
	hiredDaysAgo: number
];

/** The people the stories name, and their chains. */
const NAMED: readonly Named[] = [
	[
		'emp-chen-jing',
		'Chen Jing',
		'陈静',
		'co',
		null,
		'Chief Executive Officer',
		'首席执行官',
		'executive',
		CN,
		3200
	],
	[
		'emp-wu-lei',
		'Wu Lei',
		'吴磊',
		'dept-product',
		'emp-chen-jing',
		'Head of Product',
		'产品总监',
		'product',
		CN,
		2100
	],
	[
		'emp-qian-jin',
		'Qian Jin',
		'钱进',
		'team-product-core',
		'emp-wu-lei',
		'Product Manager',
		'产品经理',
		'product',
		CN,
		900
	],
	[
		'emp-zheng-shuang',
		'Zheng Shuang',
		'郑爽',
		'dept-marketing',
		'emp-chen-jing',
		'Head of Marketing',
		'市场总监',
		'marketing',
		CN,
		1800
	],
	[
		'emp-klein-anna',
		'Anna Klein',
		'安娜·克莱因',
		'team-marketing-growth',
		'emp-zheng-shuang',
		'Growth Marketing Lead',
		'增长营销主管',
		'marketing',
		DE,
		700
	],
	[
		'emp-feng-xiao',
		'Feng Xiao',
		'冯晓',
		'dept-userops',
		'emp-chen-jing',
		'Head of User Operations',
		'用户运营总监',
		'userops',
		CN,
		1500
	],
	[
		'emp-zhao-qiang',
		'Zhao Qiang',
		'赵强',
		'dept-sales',
		'emp-chen-jing',
		'Sales Director',
		'销售总监',
		'sales',
		CN,
		2600
	],
	[
		'emp-sun-li',
		'Sun Li',
		'孙丽',
		'team-sales-east',
		'emp-zhao-qiang',
		'Regional Sales Manager, East China',
		'华东区域销售经理',
		'sales',
		CN,
		1700
	],
	[
		'emp-zhang-san',
		'Zhang San',
		'张三',
		'team-sales-east-ka',
		'emp-sun-li',
		'Sales Manager',
		'销售经理',
		'sales',
		CN,
		1200
	],
	[
		'emp-wang-wu',
		'Wang Wu',
		'王五',
		'team-sales-east-ka',
		'emp-zhang-san',
		'Sales Representative',
		'销售代表',
		'sales',
		CN,
		600
	],
	[
		'emp-zhou-min',
		'Zhou Min',
		'周敏',
		'team-sales-north',
		'emp-zhao-qiang',
		'Regional Sales Manager, North China',
		'华北区域销售经理',
		'sales',
		CN,
		1400
	],
	[
		'emp-sato-ken',
		'Ken Sato',
		'佐藤健',
		'team-sales-intl',
		'emp-zhao-qiang',
		'International Sales Manager',
		'国际销售经理',
		'sales',
		JP,
		800
	],
	[
		'emp-liu-yang',
		'Liu Yang',
		'刘洋',
		'dept-eng',
		'emp-chen-jing',
		'Chief Technology Officer',
		'技术总监',
		'engineering',
		CN,
		2900
	],
	[
		'emp-wang-fang',
		'Wang Fang',
		'王芳',
		'team-eng-backend',
		'emp-liu-yang',
		'Backend Team Lead',
		'后端组长',
		'engineering',
		CN,
		1600
	],
	[
		'emp-li-si',
		'Li Si',
		'李四',
		'team-eng-backend',
		'emp-wang-fang',
		'Software Engineer',
		'软件工程师',
		'engineering',
		CN,
		750
	],
	[
		'emp-kim-minjun',
		'Kim Min-jun',
		'金敏俊',
		'team-eng-frontend',
		'emp-liu-yang',
		'Frontend Team Lead',
		'前端组长',
		'engineering',
		KR,
		1100
	],
	[
		'emp-he-min',
		'He Min',
		'何敏',
		'dept-hr',
		'emp-chen-jing',
		'HR Director',
		'人力资源总监',
		'hr',
		CN,
		2400
	],
	[
		'emp-lin-tao',
		'Lin Tao',
		'林涛',
		'team-hr',
		'emp-he-min',
		'HR Process Designer',
		'人力资源流程设计师',
		'hr',
		CN,
		500
	],
	[
		'emp-gao-yuan',
		'Gao Yuan',
		'高远',
		'team-eng-backend',
		'emp-wang-fang',
		'System Administrator',
		'系统管理员',
		'engineering',
		CN,
		1300
	],
	[
		'emp-carter-emily',
		'Emily Carter',
		'艾米丽·卡特',
		'team-sales-intl',
		'emp-sato-ken',
		'Account Executive',
		'客户经理',
		'sales',
		US,
		400
	]
];

/** Where the generated people go: team, its manager, job family, title. */
const FILL: readonly [
	unitId: string,
	managerId: string,
	family: string,
	titleEn: string,
	titleZh: string,
	count: number
][] = [
	['team-product-core', 'emp-qian-jin', 'product', 'Product Designer', '产品设计师', 4],
	['team-marketing-brand', 'emp-zheng-shuang', 'marketing', 'Brand Specialist', '品牌专员', 3],
	['team-marketing-growth', 'emp-klein-anna', 'marketing', 'Growth Specialist', '增长专员', 3],
	['team-userops-community', 'emp-feng-xiao', 'userops', 'Community Operator', '社区运营专员', 4],
	['team-sales-east-ka', 'emp-zhang-san', 'sales', 'Sales Representative', '销售代表', 4],
	['team-sales-north', 'emp-zhou-min', 'sales', 'Sales Representative', '销售代表', 5],
	['team-sales-intl', 'emp-sato-ken', 'sales', 'Account Executive', '客户经理', 1],
	['team-eng-backend', 'emp-wang-fang', 'engineering', 'Software Engineer', '软件工程师', 5],
	['team-eng-frontend', 'emp-kim-minjun', 'engineering', 'Frontend Engineer', '前端工程师', 4],
	['team-hr', 'emp-he-min', 'hr', 'HR Specialist', '人事专员', 3],
	['team-sales-east', 'emp-sun-li', 'sales', 'Sales Representative', '销售代表', 4]
];

const SURNAMES: readonly [string, string][] = [
	['王', 'Wang'],
	['李', 'Li'],
	['张', 'Zhang'],
	['刘', 'Liu'],
	['陈', 'Chen'],
	['杨', 'Yang'],
	['黄', 'Huang'],
	['赵', 'Zhao'],
	['吴', 'Wu'],
	['周', 'Zhou'],
	['徐', 'Xu'],
	['孙', 'Sun'],
	['马', 'Ma'],
	['朱', 'Zhu'],
	['胡', 'Hu'],
	['郭', 'Guo']
];
const GIVEN: readonly [string, string][] = [
	['伟', 'Wei'],
	['芳', 'Fang'],
	['娜', 'Na'],
	['敏', 'Min'],
	['静', 'Jing'],
	['磊', 'Lei'],
	['洋', 'Yang'],
	['艳', 'Yan'],
	['勇', 'Yong'],
	['军', 'Jun'],
	['杰', 'Jie'],
	['娟', 'Juan'],
	['涛', 'Tao'],
	['明', 'Ming'],
	['超', 'Chao'],
	['秀英', 'Xiuying'],
	['桂英', 'Guiying'],
	['建华', 'Jianhua'],
	['晓东', 'Xiaodong'],
	['海燕', 'Haiyan']
];

/** Lowercase ASCII e-mail local part from an English name. */
export function emailLocalPart(en: string): string {
	return en
		.toLowerCase()
		.replace(/[^a-z]+/g, '.')
		.replace(/^\.|\.$/g, '');
}

function employee(
	id: string,
	name: LocalizedText,
	unitId: string,
	managerId: string | null,
	jobTitle: LocalizedText,
	jobFamily: string,
	place: Place,
	hireDate: IsoDate,
	domain: string
): Employee {
	const en = name['en'] ?? id;
	return {
		id,
		name,
		email: `${emailLocalPart(en)}@${domain}`,
		unitId,
		managerId,
		jobTitle,
		jobFamily,
		...place,
		hireDate
	};
}

/** The demo's 60 employees: the named cast plus seeded fillers (Chinese names, CN-based). */
export function buildDemoPeople(today: IsoDate, prng: Prng, domain: string): Employee[] {
	const people = NAMED.map(
		([id, en, zh, unitId, managerId, titleEn, titleZh, family, place, hiredDaysAgo]) =>
			employee(
				id,
				{ en, 'zh-CN': zh },
				unitId,
				managerId,
				{ en: titleEn, 'zh-CN': titleZh },
				family,
				place,
				addDays(today, -hiredDaysAgo),
				domain
			)
	);
	const usedNames = new Set(people.map((p) => p.name['en']));
	let serial = 1;
	for (const [unitId, managerId, family, titleEn, titleZh, count] of FILL) {
		for (let i = 0; i < count; i++) {
			let surname = prng.pick(SURNAMES);
			let given = prng.pick(GIVEN);
			while (usedNames.has(`${surname[1]} ${given[1]}`)) {
				surname = prng.pick(SURNAMES);
				given = prng.pick(GIVEN);
			}
			const en = `${surname[1]} ${given[1]}`;
			usedNames.add(en);
			const id = `emp-${String(serial++).padStart(3, '0')}`;
			people.push(
				employee(
					id,
					{ en, 'zh-CN': `${surname[0]}${given[0]}` },
					unitId,
					managerId,
					{ en: titleEn, 'zh-CN': titleZh },
					family,
					CN,
					addDays(today, -prng.int(60, 2500)),
					domain
				)
			);
		}
	}
	return people;
}
