// The git layer's public face: a GitPort for the git tools and Checkpoints for the agent, both over simple-git.
export { createGitCheckpoints, type GitCheckpointsOptions } from './checkpoints';
export { GitFailure, type GitFailureCode } from './errors';
export { createGitPort, type GitPortOptions } from './gitPort';
export { shadowGitDir } from './shadowRepo';
export { branchSlug, startTaskBranch, type TaskBranchResult } from './taskBranch';
