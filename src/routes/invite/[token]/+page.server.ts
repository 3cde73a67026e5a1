import { loadLink, redeemLinkAction } from '../../reset/link-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadLink(event, 'invitation');

export const actions: Actions = {
	default: (event) => redeemLinkAction(event, 'invitation')
};
