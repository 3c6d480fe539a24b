/** Inputs of the registry's operations (shared by registry.ts and registry-commands.ts). */
import type { ModelStage } from '@trialgrid/contracts';

export interface PredictInput {
  /** N images, each H·W·C values in [0, 1] (the model's input shape; 784 for MNIST) (checked; anything else is INVALID_INPUT). */
  images: readonly (readonly unknown[])[];
  modelName: string;
  alias?: string | undefined;
  /** This exact version (NOT_FOUND when it does not exist); wins over `alias` and the Production stage. */
  version?: number | undefined;
}

export interface RegisterInput {
  modelName: string;
  trialId: string;
  tags?: Record<string, unknown> | undefined;
  description?: string | undefined;
  /** Who asked (the gateway sends the calling token's owner); absent: 'registry'. */
  actor?: string | undefined;
}

/** A stage change or champion move asked for by a person (CLI, GraphQL, dashboard). */
export interface TransitionInput {
  modelName: string;
  version: number;
  stage: ModelStage;
  /** Staging only: archive the other Staging versions (Production is always exclusive). */
  archiveExisting?: boolean;
  /** Promote to Production although the version fails the production gate (needs `reason`). */
  override?: boolean;
  reason?: string | undefined;
  /** Who asked (recorded in the history); default 'registry'. */
  actor?: string | undefined;
}

