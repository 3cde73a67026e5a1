import { definePlugin } from '../../src/lib/engine/plugin';
import { domainExpressionFunctions } from '../../src/lib/domain/expression-functions';

/**
 * The domain's analytics as expression functions (`pace`, `lag`, `forecast`, `runRate`,
 * `declinedPeriods`, `attainment`), so guards, lint and the designer use the same functions
 * as the dashboards. Pure: nothing here touches the server.
 */
export default definePlugin({
	id: 'domain',
	version: '1.0.0',
	label: { en: 'Goals and metrics', 'zh-CN': '目标与指标' },
	functions: domainExpressionFunctions
});
