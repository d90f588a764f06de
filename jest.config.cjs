/** Jest runs TypeScript through @swc/jest (transpile only: the native tsc has no JS API). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 60000,
  // Longest first even on a fresh clone, where jest has no durations cached (see the file).
  testSequencer: '<rootDir>/scripts/jest-sequencer.mjs',
};
