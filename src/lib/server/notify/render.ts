import Handlebars from 'handlebars';
import { pickLocalised, type Localised } from '../../ui/format';

/**
 * Renders the Handlebars templates HR writes in definitions (task titles, notification texts).
 * Runs on the server only: compiling needs `new Function`, which the browser's CSP refuses.
 * Sandboxed: built-in helpers only, no prototype access (the runtime default, kept explicit).
 */
const handlebars = Handlebars.create();
const cache = new Map<string, Handlebars.TemplateDelegate>();
const RUNTIME: Handlebars.RuntimeOptions = {
	allowProtoPropertiesByDefault: false,
	allowProtoMethodsByDefault: false
};

function compiled(source: string, isHtml: boolean): Handlebars.TemplateDelegate {
	const key = `${isHtml ? 'h' : 't'}:${source}`;
	let template = cache.get(key);
	if (!template) {
		if (cache.size > 2000) cache.clear();
		template = handlebars.compile(source, {
			knownHelpersOnly: true,
			noEscape: !isHtml,
			strict: false
		});
		cache.set(key, template);
	}
	return template;
}

/**
 * Plain text from a template (the page escapes it when showing it). A template that does not
 * compile renders as its source, so one bad definition template never breaks an inbox.
 */
export function renderText(source: string, context: unknown): string {
	try {
		return compiled(source, false)(context, RUNTIME).trim();
	} catch {
		return source;
	}
}

/** HTML from a template: values are escaped. */
export function renderHtml(source: string, context: unknown): string {
	try {
		return compiled(source, true)(context, RUNTIME);
	} catch {
		return handlebars.escapeExpression(source);
	}
}

/** A definition's template by key, in the viewer's locale, rendered as text; null when absent. */
export function renderDefinitionTemplate(
	templates: unknown,
	key: string | null | undefined,
	locale: string,
	context: unknown
): string | null {
	if (!key || !templates || typeof templates !== 'object') return null;
	const value = (templates as Record<string, Localised>)[key];
	const source = pickLocalised(value ?? null, locale);
	return source ? renderText(source, context) : null;
}
