// Prints the closing line CI reads, "N passed, N failed", summed over the jest runs of every time zone.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const status = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;
const reports = existsSync('reports') ? readdirSync('reports').filter((f) => /^jest-.*\.json$/.test(f)) : [];
for (const file of reports) {
  const result = JSON.parse(readFileSync(`reports/${file}`, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
}
// A failure before jest ran (install, types, lint, build) still counts as a failure.
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
