export { default as Badge, badgeVariants } from './badge.svelte';
export type { BadgeVariant } from './badge.svelte';
