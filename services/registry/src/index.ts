/**
 * @trialgrid/registry: registers and promotes the best trial of each finished experiment and
 * serves model commands. `main.ts` runs it as a service; tests embed it.
 */
export {
  createRegistry,
  checkImages,
  CHAMPION_ALIAS,
  type Registry,
  type RegistryDeps,
  type RegisterInput,
  type PredictInput,
  type PromotionResult,
  type TransitionInput,
  judgeStoredVersion,
  type VersionReply,
} from './registry.js';
export { registryEnv, toRegistryConfig, loadRegistryConfig, type RegistryConfig, type RegistryEnvConfig } from './config.js';
export { judgeGate, classBiasGap, storedMeasurements, promotionPolicyInputSchema, measureLatencyMs, modelDirSize, median, type Measurements } from './criteria.js';
export { describeEvaluation, sameEvaluation, evaluateModel, testSetSize } from './evaluation.js';
export { ensureRegistryConsumer } from './consumer.js';
