import type { FormIssues } from './issues';

/** What every field of one form shares: errors, reviewer comments, choices and mode. */
export type FormContext = {
	issues: FormIssues;
	/** Reviewer comments by field path (a returned task), shown beside the field. */
	comments: Record<string, string>;
	/** Choice lists provided by the server for `ui:options.source` (e.g. department goals). */
	sources: Record<string, { value: string; label: string }[]>;
	isReadonly: boolean;
	locale: string;
	/** Lets the reviewer comment on each entry of a submission (inputs `fieldComment.<path>`). */
	isReviewing?: boolean;
	/** Fields an outcome may require (a return's comment): shown without the optional mark. */
	conditionallyRequired?: readonly string[];
};
