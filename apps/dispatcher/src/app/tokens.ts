/** The app's pino Logger. */
export const LOGGER = Symbol('LOGGER');
/** The outbound HTTP client deliveries go through. */
export const OUTBOUND_CLIENT = Symbol('OUTBOUND_CLIENT');
