/** Shortest password accepted: checked by the API and, before sending, by the dashboard. */
export const MIN_PASSWORD_LENGTH = 10;
