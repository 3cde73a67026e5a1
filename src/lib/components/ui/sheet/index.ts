import { Dialog as SheetPrimitive } from 'bits-ui';

export const Sheet = SheetPrimitive.Root;
export const SheetTrigger = SheetPrimitive.Trigger;
export const SheetClose = SheetPrimitive.Close;
export const SheetTitle = SheetPrimitive.Title;
export const SheetDescription = SheetPrimitive.Description;
export { default as SheetContent, sheetVariants } from './sheet-content.svelte';
export type { SheetSide } from './sheet-content.svelte';
