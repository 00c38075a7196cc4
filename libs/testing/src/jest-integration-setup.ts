// testTimeout is a global option that Jest ignores inside `projects`; integration tests start real processes.
jest.setTimeout(180_000);
