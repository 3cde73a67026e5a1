export {
	recordAudit,
	openAuditValue,
	CONFIDENTIAL_ENTITIES,
	SYSTEM_ACTOR,
	type AuditActor,
	type AuditEntry
} from './record';
export { listAudit, auditFacets, type AuditFilter, type AuditRow } from './query';
export { auditCsv } from './csv';
