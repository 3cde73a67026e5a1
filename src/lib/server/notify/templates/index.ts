import { compiledTemplates } from './compiled.generated';
import type { ShippedTemplate } from './sources';

type Template = (context: unknown, options?: Record<string, unknown>) => string;
const templates = compiledTemplates as Record<ShippedTemplate, Template>;
const RUNTIME = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };

/** Renders a shipped (precompiled) template; nothing is compiled at run time. */
export function renderShipped(name: ShippedTemplate, context: unknown): string {
	return templates[name](context, RUNTIME);
}

/** A shipped text by key in a locale (`taskOverdue` + `zh-CN`), English when the locale has none. */
export function renderShippedText(key: string, locale: string, context: unknown): string | null {
	const name = (
		`${key}.${locale}` in templates ? `${key}.${locale}` : `${key}.en`
	) as ShippedTemplate;
	return name in templates ? renderShipped(name, context).trim() : null;
}
