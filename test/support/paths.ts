// Where things are, from a compiled test (out/test/<area>/x.test.js): the repository root and
// the shared contract folder beside it (../shared in CI and on developer machines).
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const sharedSpec = path.resolve(repoRoot, '..', 'shared', 'spec');
export const contractExamples = path.join(sharedSpec, 'examples');
