export { default as Button, buttonVariants } from './button.svelte';
export type { ButtonVariant, ButtonSize } from './button.svelte';
