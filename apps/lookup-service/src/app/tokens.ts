/** The app's pino Logger. */
export const LOGGER = Symbol('LOGGER');
