/**
 * The demo company's org chart as tables: 启航科技 (Qihang Tech), six departments and their
 * teams, the named cast with their managers, and where the generated colleagues sit.
 *
 * The article makes Zhang San both a product manager and a salesperson. The demo keeps one
 * Zhang San, the sales manager with the 10M/month target, and gives the product key result
 * ("2 core feature iterations a month") to product manager Qian Jin (钱进). Zhang San reports
 * to Sun Li (his manager, who arranges the 100 leads), who reports to sales director Zhao
 * Qiang (who joins the key visits).
 */
import type { OrgUnit } from '../org';

const rows = (table: string): string[][] =>
	table
		.trim()
		.split('\n')
		.map((line) => line.split('|').map((cell) => cell.trim()));

// id | kind | English | 中文 | parent | head
const UNIT_TABLE = `
co                     | company    | Qihang Tech         | 启航科技     |                 | emp-chen-jing
dept-product           | department | Product             | 产品部       | co              | emp-wu-lei
dept-marketing         | department | Marketing           | 市场部       | co              | emp-zheng-shuang
dept-userops           | department | User Operations     | 用户运营部   | co              | emp-feng-xiao
dept-sales             | department | Sales               | 销售部       | co              | emp-zhao-qiang
dept-eng               | department | Engineering         | 研发部       | co              | emp-liu-yang
dept-hr                | department | HR                  | 人力资源部   | co              | emp-he-min
team-product-core      | team       | Core Product        | 核心产品组   | dept-product    | emp-qian-jin
team-marketing-brand   | team       | Brand               | 品牌组       | dept-marketing  | emp-zheng-shuang
team-marketing-growth  | team       | Growth              | 增长组       | dept-marketing  | emp-klein-anna
team-userops-community | team       | Community           | 社区运营组   | dept-userops    | emp-feng-xiao
team-sales-east        | team       | East China Sales    | 华东销售区   | dept-sales      | emp-sun-li
team-sales-east-ka     | team       | Key Accounts East   | 华东大客户组 | team-sales-east | emp-zhang-san
team-sales-north       | team       | North China Sales   | 华北销售区   | dept-sales      | emp-zhou-min
team-sales-intl        | team       | International Sales | 国际销售组   | dept-sales      | emp-sato-ken
team-eng-backend       | team       | Backend             | 后端组       | dept-eng        | emp-wang-fang
team-eng-frontend      | team       | Frontend            | 前端组       | dept-eng        | emp-kim-minjun
team-hr                | team       | People & Culture    | 人事组       | dept-hr         | emp-he-min
`;

/** The demo's org units (company → departments → teams). */
export const DEMO_UNITS: readonly OrgUnit[] = rows(UNIT_TABLE).map(
	([id, kind, en, zh, parent, head]) => ({
		id: id ?? '',
		kind: kind as OrgUnit['kind'],
		name: { en: en ?? '', 'zh-CN': zh ?? '' },
		parentId: parent ? parent : null,
		headId: head ?? null
	})
);

/** A named member of the cast. */
export interface CastMember {
	readonly id: string;
	readonly en: string;
	readonly zh: string;
	readonly unitId: string;
	readonly managerId: string | null;
	readonly titleEn: string;
	readonly titleZh: string;
	readonly jobFamily: string;
	readonly country: string;
	readonly hiredDaysAgo: number;
}

// id | English | 中文 | unit | manager | title | 职位 | job family | country | hired days ago
const CAST_TABLE = `
emp-chen-jing    | Chen Jing    | 陈静         | co                    |                  | Chief Executive Officer             | 首席执行官         | executive   | CN | 3200
emp-wu-lei       | Wu Lei       | 吴磊         | dept-product          | emp-chen-jing    | Head of Product                     | 产品总监           | product     | CN | 2100
emp-qian-jin     | Qian Jin     | 钱进         | team-product-core     | emp-wu-lei       | Product Manager                     | 产品经理           | product     | CN | 900
emp-zheng-shuang | Zheng Shuang | 郑爽         | dept-marketing        | emp-chen-jing    | Head of Marketing                   | 市场总监           | marketing   | CN | 1800
emp-klein-anna   | Anna Klein   | 安娜·克莱因  | team-marketing-growth | emp-zheng-shuang | Growth Marketing Lead               | 增长营销主管       | marketing   | DE | 700
emp-feng-xiao    | Feng Xiao    | 冯晓         | dept-userops          | emp-chen-jing    | Head of User Operations             | 用户运营总监       | userops     | CN | 1500
emp-zhao-qiang   | Zhao Qiang   | 赵强         | dept-sales            | emp-chen-jing    | Sales Director                      | 销售总监           | sales       | CN | 2600
emp-sun-li       | Sun Li       | 孙丽         | team-sales-east       | emp-zhao-qiang   | Regional Sales Manager, East China  | 华东区域销售经理   | sales       | CN | 1700
emp-zhang-san    | Zhang San    | 张三         | team-sales-east-ka    | emp-sun-li       | Sales Manager                       | 销售经理           | sales       | CN | 1200
emp-wang-wu      | Wang Wu      | 王五         | team-sales-east-ka    | emp-zhang-san    | Sales Representative                | 销售代表           | sales       | CN | 600
emp-zhou-min     | Zhou Min     | 周敏         | team-sales-north      | emp-zhao-qiang   | Regional Sales Manager, North China | 华北区域销售经理   | sales       | CN | 1400
emp-sato-ken     | Ken Sato     | 佐藤健       | team-sales-intl       | emp-zhao-qiang   | International Sales Manager         | 国际销售经理       | sales       | JP | 800
emp-carter-emily | Emily Carter | 艾米丽·卡特  | team-sales-intl       | emp-sato-ken     | Account Executive                   | 客户经理           | sales       | US | 400
emp-liu-yang     | Liu Yang     | 刘洋         | dept-eng              | emp-chen-jing    | Chief Technology Officer            | 技术总监           | engineering | CN | 2900
emp-wang-fang    | Wang Fang    | 王芳         | team-eng-backend      | emp-liu-yang     | Backend Team Lead                   | 后端组长           | engineering | CN | 1600
emp-li-si        | Li Si        | 李四         | team-eng-backend      | emp-wang-fang    | Software Engineer                   | 软件工程师         | engineering | CN | 750
emp-gao-yuan     | Gao Yuan     | 高远         | team-eng-backend      | emp-wang-fang    | System Administrator                | 系统管理员         | engineering | CN | 1300
emp-kim-minjun   | Kim Min-jun  | 金敏俊       | team-eng-frontend     | emp-liu-yang     | Frontend Team Lead                  | 前端组长           | engineering | KR | 1100
emp-he-min       | He Min       | 何敏         | dept-hr               | emp-chen-jing    | HR Director                         | 人力资源总监       | hr          | CN | 2400
emp-lin-tao      | Lin Tao      | 林涛         | team-hr               | emp-he-min       | HR Process Designer                 | 人力资源流程设计师 | hr          | CN | 500
`;

/** The people the stories name, and their reporting lines. */
export const CAST: readonly CastMember[] = rows(CAST_TABLE).map(
	([id, en, zh, unitId, managerId, titleEn, titleZh, jobFamily, country, hired]) => ({
		id: id ?? '',
		en: en ?? '',
		zh: zh ?? '',
		unitId: unitId ?? '',
		managerId: managerId ? managerId : null,
		titleEn: titleEn ?? '',
		titleZh: titleZh ?? '',
		jobFamily: jobFamily ?? '',
		country: country ?? 'CN',
		hiredDaysAgo: Number(hired)
	})
);

// unit | manager | job family | title | 职位 | how many
const COLLEAGUE_TABLE = `
team-product-core      | emp-qian-jin     | product     | Product Designer     | 产品设计师   | 4
team-marketing-brand   | emp-zheng-shuang | marketing   | Brand Specialist     | 品牌专员     | 3
team-marketing-growth  | emp-klein-anna   | marketing   | Growth Specialist    | 增长专员     | 3
team-userops-community | emp-feng-xiao    | userops     | Community Operator   | 社区运营专员 | 4
team-sales-east-ka     | emp-zhang-san    | sales       | Sales Representative | 销售代表     | 4
team-sales-east        | emp-sun-li       | sales       | Sales Representative | 销售代表     | 4
team-sales-north       | emp-zhou-min     | sales       | Sales Representative | 销售代表     | 5
team-sales-intl        | emp-sato-ken     | sales       | Account Executive    | 客户经理     | 1
team-eng-backend       | emp-wang-fang    | engineering | Software Engineer    | 软件工程师   | 5
team-eng-frontend      | emp-kim-minjun   | engineering | Frontend Engineer    | 前端工程师   | 4
team-hr                | emp-he-min       | hr          | HR Specialist        | 人事专员     | 3
`;

/** Where the 40 generated colleagues sit. */
export const COLLEAGUE_SLOTS = rows(COLLEAGUE_TABLE).map(
	([unitId, managerId, jobFamily, titleEn, titleZh, count]) => ({
		unitId: unitId ?? '',
		managerId: managerId ?? '',
		jobFamily: jobFamily ?? '',
		titleEn: titleEn ?? '',
		titleZh: titleZh ?? '',
		count: Number(count)
	})
);
