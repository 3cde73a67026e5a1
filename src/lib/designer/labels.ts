import type { NamedRef } from '../engine/definition';

type LabelledTransition = {
	slot: 'on' | 'after' | 'always' | 'onDone';
	key?: string;
	item: string | { guard?: NamedRef; actions?: NamedRef | NamedRef[] };
};

/** A reference as a person reads it: the expression of a `core.expr` guard, else its name. */
export function describeRef(ref: NamedRef): string {
	if (typeof ref === 'string') return ref;
	const expr = ref.params?.expr;
	if (ref.type === 'core.expr' && typeof expr === 'string') return expr;
	return ref.type;
}

/** The edge label of a transition: its event (or delay), guard and actions. */
export function transitionLabel(t: LabelledTransition): {
	label: string;
	guardText?: string;
	actionsText?: string;
} {
	const label =
		t.slot === 'on'
			? (t.key ?? '')
			: t.slot === 'after'
				? `⏱ ${t.key ?? ''}`
				: t.slot === 'always'
					? '→'
					: '✓ done';
	if (typeof t.item === 'string') return { label };
	const actions =
		t.item.actions === undefined
			? []
			: Array.isArray(t.item.actions)
				? t.item.actions
				: [t.item.actions];
	return {
		label,
		...(t.item.guard ? { guardText: describeRef(t.item.guard) } : {}),
		...(actions.length ? { actionsText: actions.map(describeRef).join(', ') } : {})
	};
}
