export { default as Table } from './table.svelte';
export { default as TableHeader } from './table-header.svelte';
export { default as TableBody } from './table-body.svelte';
export { default as TableRow } from './table-row.svelte';
export { default as TableHead } from './table-head.svelte';
export { default as TableCell } from './table-cell.svelte';
export { default as TableCaption } from './table-caption.svelte';
