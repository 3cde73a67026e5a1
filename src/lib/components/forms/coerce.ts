import { joinPath, isNumeric, type JsonSchema } from './schema';

/** What a posted form carries: FormData, or anything with the same read methods. */
export type FieldSource = {
	get: (name: string) => FormDataEntryValue | null;
	getAll: (name: string) => FormDataEntryValue[];
	keys: () => IterableIterator<string> | Iterable<string>;
};

/**
 * Turns posted fields (named by dotted path: `goals.0.title`) into the JSON value the schema
 * describes. Empty inputs become absent, so `required` reports them; a number field that does
 * not parse keeps its text, so the validator reports a type error on that field instead of
 * silently dropping it. Works with JavaScript off: the inputs carry the whole value.
 */
export function coerceForm(schema: JsonSchema, source: FieldSource): Record<string, unknown> {
	const keys = [...source.keys()];
	const value = coerceNode(schema, source, keys, '');
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}

function text(entry: FormDataEntryValue | null): string | undefined {
	if (typeof entry !== 'string') return undefined;
	const trimmed = entry.trim();
	return trimmed === '' ? undefined : entry;
}

function coerceNode(
	schema: JsonSchema,
	source: FieldSource,
	keys: string[],
	path: string
): unknown {
	const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
	if (type === 'object' || (type === undefined && schema.properties)) {
		const result: Record<string, unknown> = {};
		for (const [key, child] of Object.entries(schema.properties ?? {})) {
			const value = coerceNode(child, source, keys, joinPath(path, key));
			if (value !== undefined) result[key] = value;
		}
		return path && Object.keys(result).length === 0 ? undefined : result;
	}
	if (type === 'array') {
		const items = schema.items ?? {};
		const itemType = Array.isArray(items.type) ? items.type[0] : items.type;
		if (itemType !== 'object') {
			const values = source
				.getAll(path)
				.map((entry) => text(entry))
				.filter((entry): entry is string => entry !== undefined)
				.map((entry) => (isNumeric(items) ? toNumber(entry) : entry));
			// An empty multiple choice is posted as nothing; the marker says the field was on the form.
			return values.length || source.get(`${path}.$present`) !== null ? values : undefined;
		}
		const prefix = `${path}.`;
		const indices = new Set<number>();
		for (const key of keys) {
			if (!key.startsWith(prefix)) continue;
			const index = Number(key.slice(prefix.length).split('.')[0]);
			if (Number.isInteger(index) && index >= 0) indices.add(index);
		}
		const rows = [...indices]
			.sort((a, b) => a - b)
			.map((index) => coerceNode(items, source, keys, joinPath(path, index)) ?? {});
		return rows.length || source.get(`${path}.$present`) !== null ? rows : undefined;
	}
	const raw = text(source.get(path));
	if (type === 'boolean') {
		if (raw === undefined) return source.get(`${path}.$present`) !== null ? false : undefined;
		return raw === 'on' || raw === 'true';
	}
	if (raw === undefined) return undefined;
	if (type === 'number' || type === 'integer') return toNumber(raw);
	return raw;
}

function toNumber(raw: string): number | string {
	const normalised = raw.replace(/[\s,_]/g, '');
	const number = Number(normalised);
	return normalised !== '' && Number.isFinite(number) ? number : raw;
}
