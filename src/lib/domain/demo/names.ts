/**
 * Bilingual name parts and work places for generated people. Kept as compact tables: they
 * are data, read row by row.
 */

const pairs = (table: string): readonly (readonly [zh: string, en: string])[] =>
	table.split(',').map((entry) => {
		const [zh, en] = entry.trim().split(' ');
		return [zh ?? '', en ?? ''] as const;
	});

/** Common Chinese surnames, [汉字, pinyin]. */
export const SURNAMES = pairs(
	'王 Wang, 李 Li, 张 Zhang, 刘 Liu, 陈 Chen, 杨 Yang, 黄 Huang, 赵 Zhao, 吴 Wu, 周 Zhou, 徐 Xu, 孙 Sun, 马 Ma, 朱 Zhu, 胡 Hu, 郭 Guo'
);

/** Common given names, [汉字, pinyin]. */
export const GIVEN_NAMES = pairs(
	'伟 Wei, 芳 Fang, 娜 Na, 敏 Min, 静 Jing, 磊 Lei, 洋 Yang, 艳 Yan, 勇 Yong, 军 Jun, 杰 Jie, 娟 Juan, 涛 Tao, 明 Ming, 超 Chao, 秀英 Xiuying, 桂英 Guiying, 建华 Jianhua, 晓东 Xiaodong, 海燕 Haiyan'
);

/** Where a person works: country, locale and time zone. */
export interface Place {
	readonly country: string;
	readonly locale: string;
	readonly timeZone: string;
}

/** The demo's countries, with the share of a generated workforce in each (mostly China). */
export const PLACES: readonly (Place & { readonly share: number })[] = [
	{ country: 'CN', locale: 'zh-CN', timeZone: 'Asia/Shanghai', share: 0.85 },
	{ country: 'JP', locale: 'ja', timeZone: 'Asia/Tokyo', share: 0.04 },
	{ country: 'KR', locale: 'ko', timeZone: 'Asia/Seoul', share: 0.04 },
	{ country: 'US', locale: 'en-US', timeZone: 'America/Los_Angeles', share: 0.04 },
	{ country: 'DE', locale: 'de', timeZone: 'Europe/Berlin', share: 0.03 }
];

/** The place of a country code (China when unknown). */
export function placeOf(country: string): Place {
	const place = PLACES.find((p) => p.country === country) ?? PLACES[0];
	if (!place) throw new Error('no places');
	return { country: place.country, locale: place.locale, timeZone: place.timeZone };
}
