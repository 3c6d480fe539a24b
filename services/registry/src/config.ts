import { bool, databaseEnv, loadConfig, logLevel, natsEnv, port, str, z, type ConfigOf, type Env } from '@trialgrid/config';

/** The registry's environment (README.md's configuration table lists every variable). */
export const registryEnv = {
  ...databaseEnv,
  ...natsEnv,
  LOG_LEVEL: logLevel(),
  HEALTH_PORT: port(4102),
  ARTIFACT_DIR: str('./.data/artifacts'),
  /** MNIST IDX files: the registry re-evaluates Production on a challenger's test set when they were tested on different data. */
  DATA_DIR: str('./.data/datasets/mnist'),
  TF_BACKEND: z.enum(['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).default('auto'),
  /** Registered model name used when an experiment does not name one. */
  MODEL_NAME: str('Mnist_Best_Model'),
  /** Register and promote the best trial when an experiment finishes. */
  AUTO_REGISTER: bool(true),
  /**
   * `if-better`: an auto-registered version that passes the production gate replaces Production only when its
   * objective is better on the same evaluation set; `always`: every version that passes the gate.
   */
  PROMOTION_POLICY: z.enum(['if-better', 'always']).default('if-better'),
};

export type RegistryEnvConfig = ConfigOf<typeof registryEnv>;

/** The checked registry configuration handed to createRegistry(). */
export interface RegistryConfig {
  prefix: string;
  artifactDir: string;
  /** Dataset directory (IDX files) for evaluating a model on another version's test set. */
  dataDir?: string;
  backend: 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
  modelName: string;
  autoRegister: boolean;
  /** When an auto-registered version goes to Production (default `if-better`). */
  promotionPolicy?: 'if-better' | 'always';
  /** Batch-1 inference runs whose median is the recorded latency (default 20). */
  latencyRuns?: number;
  /** Models kept loaded for model.predict (default 4). */
  modelCacheSize?: number;
}

export function toRegistryConfig(env: RegistryEnvConfig): RegistryConfig {
  return {
    prefix: env.TRIALGRID_PREFIX,
    artifactDir: env.ARTIFACT_DIR,
    dataDir: env.DATA_DIR,
    backend: env.TF_BACKEND,
    modelName: env.MODEL_NAME,
    autoRegister: env.AUTO_REGISTER,
    promotionPolicy: env.PROMOTION_POLICY,
  };
}

export function loadRegistryConfig(env: Env): RegistryConfig {
  return toRegistryConfig(loadConfig(registryEnv, env));
}
