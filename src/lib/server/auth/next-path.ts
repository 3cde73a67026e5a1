/** Only same-site paths after sign-in: `next` must not become an open redirect. */
export function safeNextPath(value: string | null | undefined): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\'))
		return '/';
	if ([...value].some((c) => c.charCodeAt(0) < 0x20)) return '/';
	if (value === '/login' || value.startsWith('/login?') || value.startsWith('/logout')) return '/';
	return value;
}
