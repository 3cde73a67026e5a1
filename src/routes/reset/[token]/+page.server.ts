import { loadLink, redeemLinkAction } from '../link-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadLink(event, 'reset');

export const actions: Actions = {
	default: (event) => redeemLinkAction(event, 'reset')
};
