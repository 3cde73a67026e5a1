export * from './types';
export {
	authorize,
	mayEver,
	hasRole,
	relationTo,
	organisationTarget,
	type Relation
} from './decide';
export {
	ROUTE_RULES,
	checkRoute,
	accessKind,
	type RouteAccess,
	type RouteRule,
	type RouteGate
} from './routes';
export { loadActor, loadPersonFacts } from './load';
