// d3-scale ships no types and @types/d3-scale is not installed; declare the one factory the
// charts use, typed as the scale layerchart accepts.
declare module 'd3-scale' {
	export function scaleUtc(): import('layerchart').AnyScale<Date, number>;
}
