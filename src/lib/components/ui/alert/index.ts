export { default as Alert, alertVariants } from './alert.svelte';
export type { AlertVariant } from './alert.svelte';
export { default as AlertTitle } from './alert-title.svelte';
export { default as AlertDescription } from './alert-description.svelte';
