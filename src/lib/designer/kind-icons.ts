import BadgeCheck from '@lucide/svelte/icons/badge-check';
import Box from '@lucide/svelte/icons/box';
import ClipboardList from '@lucide/svelte/icons/clipboard-list';
import Columns from '@lucide/svelte/icons/columns-2';
import Flag from '@lucide/svelte/icons/flag';
import Puzzle from '@lucide/svelte/icons/puzzle';
import Split from '@lucide/svelte/icons/split';
import Timer from '@lucide/svelte/icons/timer';
import Zap from '@lucide/svelte/icons/zap';
import type { Component } from 'svelte';

type KindLook = { icon: Component; tone: string };

/** The icon and colour of each node kind: the palette shows the look the canvas draws. */
const LOOKS: Record<string, KindLook> = {
	task: { icon: ClipboardList, tone: 'text-info' },
	approval: { icon: BadgeCheck, tone: 'text-warning' },
	action: { icon: Zap, tone: 'text-primary' },
	wait: { icon: Timer, tone: 'text-muted-foreground' },
	decision: { icon: Split, tone: 'text-secondary-foreground' },
	group: { icon: Box, tone: 'text-muted-foreground' },
	parallel: { icon: Columns, tone: 'text-muted-foreground' },
	final: { icon: Flag, tone: 'text-success' }
};

/** A plugin's own kinds (`<pluginId>.<kind>`) share the plugin icon. */
export function kindLook(kind: string): KindLook {
	return LOOKS[kind] ?? { icon: Puzzle, tone: 'text-muted-foreground' };
}
