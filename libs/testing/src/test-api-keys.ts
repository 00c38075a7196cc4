/**
 * HASHDESK_ADMIN_API_KEY of every service a test starts (ServiceProcess sets it unless the test gives
 * its own): writes need a key. Fixed and public: test stacks only.
 */
export const TEST_ADMIN_API_KEY = 'hdk_test-admin-key-for-test-stacks-only-0000';

/** The header a test's write sends to authenticate as the test operator. */
export const TEST_ADMIN_HEADERS: Readonly<Record<string, string>> = { 'x-api-key': TEST_ADMIN_API_KEY };
