/**
 * The account rules, in one place: the registration and profile forms check them, and so does
 * the configuration of the first admin (ADMIN_USERNAME, ADMIN_PASSWORD).
 */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,30}$/;
export const PASSWORD_MIN = 8;
/** bcrypt ignores everything past 72 bytes, so longer passwords are refused rather than cut. */
export const PASSWORD_MAX_BYTES = 72;

