/** Name of the cookie in which the browser tells the server its time zone, for server rendering. */
export const TIME_ZONE_COOKIE = 'loopwork_tz';
