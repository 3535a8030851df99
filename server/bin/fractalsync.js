#!/usr/bin/env node
// The installed `fractalsync` command. It exists before the first build (npm links bins at install time),
// so it says what to do when the build is missing instead of failing on a missing module.
try {
  await import('../dist/cli/main.js');
} catch (error) {
  if (error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND' && error.message.includes('dist/cli/main.js')) {
    process.stderr.write('fractalsync: the daemon is not built yet; run `npm run build` in the repository root first\n');
    process.exit(1);
  }
  throw error;
}
