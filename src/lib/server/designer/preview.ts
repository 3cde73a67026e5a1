import Handlebars from 'handlebars';
import { demoSubject } from '../../designer/demo-subjects';

export type PreviewResult = { ok: true; text: string } | { ok: false; message: string };

// One isolated environment: no helpers or partials registered by anything else leak in.
const sandbox = Handlebars.create();
const ENTITIES: Record<string, string> = {
	'&amp;': '&',
	'&lt;': '<',
	'&gt;': '>',
	'&quot;': '"',
	'&#x27;': "'",
	'&#x60;': '`',
	'&#x3D;': '='
};

/**
 * Renders an HR-written template against a demo subject, on the server: Handlebars compiles to
 * code (eval), which the page's CSP forbids. Values are escaped, prototype access is refused and
 * only built-in helpers are known. The text is returned unescaped for display as text.
 */
export function renderPreview(options: {
	template: string;
	subjectId?: string;
	data?: Record<string, unknown>;
	now: Date;
}): PreviewResult {
	if (options.template.length > 20_000) return { ok: false, message: 'Template too long' };
	const subject = demoSubject(options.subjectId);
	const data = options.data ?? {};
	const context = { ...data, data, subject, now: options.now.toISOString() };
	try {
		const render = sandbox.compile(options.template, { knownHelpersOnly: true, strict: false });
		const html = render(context, {
			allowProtoPropertiesByDefault: false,
			allowProtoMethodsByDefault: false,
			allowCallsToHelperMissing: false
		});
		return {
			ok: true,
			text: html.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (e) => ENTITIES[e] ?? e)
		};
	} catch (error) {
		return {
			ok: false,
			message: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
		};
	}
}
