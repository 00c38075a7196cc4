/**
 * NOTIFICATION_SECRET_KEYS for test and benchmark runs: notification refuses to start without a key
 * that encrypts webhook signing secrets at rest. Fixed and public: test data only.
 */
export const TEST_NOTIFICATION_SECRET_KEYS = 'test1:FE+1hvLncmrraDCgdBQXCRHrc9OcH24psfMyd8Vprno=';
