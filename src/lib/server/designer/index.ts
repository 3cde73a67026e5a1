/** The designer's server side: drafts, publish, versions, migration, previews, interchange. */
export { getDraft, saveDraft, discardDraft, type Draft } from './drafts';
export { publishDefinition, publishProblems, listVersions, type PublishResult } from './publish';
export {
	previewMigration,
	applyMigration,
	type MigrationPreview,
	type MigrationOutcome
} from './migrate';
export { renderPreview, type PreviewResult } from './preview';
export {
	toXStateConfig,
	fromInterchange,
	checkImport,
	importDraft,
	type ImportCheck
} from './interchange';
export { Migration20250620000000_designer } from './Migration20250620000000_designer';
