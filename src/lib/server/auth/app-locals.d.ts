import type { Actor } from '../policy/types';
import type { SessionRecord } from './sessions';

declare global {
	namespace App {
		interface Locals {
			/** Set by the auth handle for a valid session; null on public routes without one. */
			session: SessionRecord | null;
			actor: Actor | null;
		}
	}
}

export {};
