// cwctl as a library: the pipeline stages the CLI, the GitHub Action and tests are built from.
// load -> validate -> read live -> plan -> apply -> state. Re-exports only; no behaviour of its own.
export { checkDesiredState, loadDesiredState } from './config/load-desired-state.js';
export { loadDesiredStateFromText } from './config/load-desired-state-from-text.js';
export type { DesiredStateResult } from './config/load-desired-state.js';
export { readLiveState } from './psa/read-live-state.js';
export type { LiveScope, ReadLiveStateOptions } from './psa/read-live-state.js';
export { buildPlan } from './plan/build-plan.js';
export type { BuildPlanInput } from './plan/build-plan.js';
export { applyPlan, runApply } from './apply/apply-plan.js';
export type { ApplyOutcome, ApplyPlanOptions, RunApplyOptions, RunApplyOutcome } from './apply/apply-plan.js';
export { readStateFile, writeStateFile } from './state/state-file.js';
export { createHttpPsaClient } from './psa/http-client.js';
export type { HttpPsaClientOptions } from './psa/http-client.js';
export { loadCredentials } from './psa/credentials.js';
export { PUBLIC_API_CAPABILITIES } from './psa/client.js';
export type { Capabilities, Credentials, PsaClient, PsaTarget } from './psa/client.js';
export { startSimulator } from './sim/start-simulator.js';
export type { RunningSimulator, SimulatorOptions } from './sim/start-simulator.js';
export { CATALOGUE } from './catalogue/modules.js';
export { PROFILES, findProfile } from './catalogue/profiles/index.js';
export { CwctlError, ExitCode, EXIT_CODE_TABLE } from './errors.js';
export type * from './model/address.js';
export type * from './model/desired.js';
export type * from './model/diagnostic.js';
export type * from './model/live.js';
export type * from './model/operation.js';
export type * from './model/plan.js';
export type * from './model/state.js';
