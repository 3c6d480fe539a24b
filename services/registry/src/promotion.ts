/**
 * Promotion, what an experiment.finished triggers: register the experiment's best trial (the
 * same choice as the scheduler's bestTrial, libs/db bestTrialOf), judge it with the model's
 * production gate and, when it passes and beats the Production version on the experiment's
 * objective measured on the same evaluation set (policy `if-better`), promote it; otherwise it
 * stays a candidate with the reason in its tags and history.
 */
import {
  bestTrialOf,
  findExperiment,
  gateSummary,
  getModelByAliasOrStage,
  updateModel,
  type GateVerdict,
  type ModelVersionView,
} from '@trialgrid/db';
import { BUILTIN_DATASET, type Objective, type VersionReply } from '@trialgrid/contracts';
import { AppError, errorMessage } from '@trialgrid/errors';
import type { ExperimentFinished } from '@trialgrid/messaging';
import { judgeStoredVersion, numericRecord } from './criteria.js';
import { evaluateModel, sameEvaluation } from './evaluation.js';
import { toReply } from './registry-commands.js';
import type { RegistryContext, VersionOps } from './versions.js';

export interface PromotionResult {
  version: VersionReply;
  gate: GateVerdict;
  /** False when the version was registered but stays a candidate (gate failed, or Production is better). */
  promoted: boolean;
  /** Why it was or was not promoted (also in the history). */
  why: string;
  /** Versions archived by the promotion. */
  archived: number[];
}

export interface Promotion {
  /** Registers the best SUCCEEDED trial of an experiment and promotes it when it earns it; null when there is nothing (new) to promote. NOT_FOUND for an unknown experiment. */
  promoteBestOf: (experimentId: string, modelName?: string) => Promise<PromotionResult | null>;
  /** The experiment.finished handler: promoteBestOf for a SUCCEEDED experiment, nothing otherwise. */
  onExperimentFinished: (data: ExperimentFinished) => Promise<void>;
}

const round = (n: number): string => String(Number(n.toFixed(4)));

/** Promotion over `ctx`, registering and moving versions through `versions`. */
export function createPromotion(ctx: RegistryContext, versions: VersionOps): Promotion {
  const { db, log, config, models, testSets, announce } = ctx;
  const { registerTrial, transition } = versions;

  /**
   * Champion / challenger, like for like: with the `if-better` policy (the default) a version
   * that passed the gate replaces Production only when it is strictly better on the objective
   * measured on the same evaluation set. When the two were tested on different data, the
   * Production model is evaluated here on the challenger's test set (test_accuracy / test_loss);
   * when that is impossible, Production stays. No Production version, or `always`: promote.
   */
  async function weighAgainstProduction(challenger: ModelVersionView, objective: Objective): Promise<{ promote: boolean; why: string }> {
    if ((config.promotionPolicy ?? 'if-better') === 'always') return { promote: true, why: 'passes the production gate; promotion policy always' };
    const current = await getModelByAliasOrStage(db, challenger.modelName, { stage: 'Production' });
    if (!current || current.id === challenger.id) return { promote: true, why: 'passes the production gate; no other Production version' };
    const metric = objective.metric;
    const mine = numericRecord(challenger.metrics)[metric];
    const on = challenger.evaluation?.description ?? 'an unrecorded evaluation set';
    if (mine === undefined) return { promote: false, why: `has no ${metric} to weigh against Production v${current.version}` };
    let theirs: number | undefined;
    let how: string;
    if (sameEvaluation(challenger.evaluation, current.evaluation)) {
      theirs = numericRecord(current.metrics)[metric];
      how = `on the same evaluation set (${on})`;
    } else if ((metric === 'test_accuracy' || metric === 'test_loss') && challenger.evaluation?.dataset === BUILTIN_DATASET && testSets) {
      // Only mnist's test split is in DATA_DIR; another dataset's versions are compared like for like or not at all.
      try {
        const split = await testSets.load(challenger.evaluation.size);
        if (challenger.evaluation.fingerprint && split.fingerprint !== challenger.evaluation.fingerprint) throw new Error(`the test data in ${config.dataDir} is not the data the challenger was tested on`);
        const measured = await evaluateModel(await models.get(current), split);
        theirs = measured[metric];
        how = `re-evaluated on the challenger's evaluation set (${on}; Production v${current.version} was tested on ${current.evaluation?.description ?? 'an unrecorded set'})`;
      } catch (err) {
        log.warn({ err, modelName: challenger.modelName, production: current.version }, 'could not evaluate Production on the challenger test set');
        return { promote: false, why: `cannot weigh against Production v${current.version} like for like: ${errorMessage(err)}` };
      }
    } else {
      return {
        promote: false,
        why: `cannot weigh against Production v${current.version} like for like: it was evaluated on ${current.evaluation?.description ?? 'an unrecorded set'}, this version on ${on}`,
      };
    }
    if (theirs === undefined) return { promote: false, why: `Production v${current.version} has no ${metric} ${how}` };
    const better = objective.direction === 'MINIMIZE' ? mine < theirs : mine > theirs;
    const text = `${metric} ${round(mine)} ${better ? 'beats' : 'does not beat'} Production v${current.version} (${round(theirs)}) ${how}`;
    return { promote: better, why: text };
  }

  async function promoteBestOf(experimentId: string, modelName?: string): Promise<PromotionResult | null> {
    const experiment = await findExperiment(db, experimentId);
    if (!experiment) throw new AppError('NOT_FOUND', `experiment ${experimentId} not found`);
    const objective: Objective = { metric: experiment.objectiveMetric, direction: experiment.objectiveDirection };
    // The same choice as the scheduler's bestTrial (libs/db bestTrialOf).
    const { best, candidates } = await bestTrialOf(db, experimentId, objective);
    if (!best) {
      log.warn({ experimentId, succeeded: candidates.length, objective }, 'no trial with the objective metric to register');
      return null;
    }
    const name = modelName ?? experiment.modelName ?? config.modelName;
    const reason = `best trial of experiment ${experiment.name} (${experimentId}) by ${objective.metric}`;
    // the stage tag is set once the verdict is known (the demo waits for it)
    const registered = await registerTrial({ modelName: name, trialId: best.id, reuseExistingForTrial: true, reason });
    const v = registered.version;
    if (!registered.created && v.stage !== 'None') {
      // A redelivered experiment.finished whose promotion already happened: promoting again
      // could push back a version that a newer experiment has since replaced.
      log.info({ experimentId, modelName: name, version: v.version, stage: v.stage }, 'already registered and promoted; nothing to do');
      return null;
    }
    const gate = judgeStoredVersion(v.metrics, registered.model.promotionPolicy);
    const verdict = gate.passed ? await weighAgainstProduction(v, objective) : { promote: false, why: gateSummary(gate) };
    if (!verdict.promote) {
      await updateModel(db, { modelName: name, version: v.version, tags: { stage: 'candidate', candidate_reason: verdict.why }, actor: 'registry' });
      log.info({ experimentId, modelName: name, version: v.version, trialId: best.id, why: verdict.why }, 'best trial registered as a candidate; Production kept');
      announce(name, v.version, 'CANDIDATE');
      return { version: toReply(v), gate, promoted: false, why: verdict.why, archived: [] };
    }
    await updateModel(db, { modelName: name, version: v.version, tags: { stage: 'production', candidate_reason: null }, actor: 'registry' });
    const moved = await transition({ modelName: name, version: v.version, stage: 'Production', archiveExisting: true, reason: `${reason}: ${verdict.why}` });
    log.info({ experimentId, modelName: name, version: v.version, trialId: best.id, why: verdict.why }, 'best trial promoted to Production');
    return { version: toReply(moved.version), gate, promoted: true, why: verdict.why, archived: moved.archived.map((a) => a.version) };
  }

  async function onExperimentFinished(data: ExperimentFinished): Promise<void> {
    if (data.status !== 'SUCCEEDED') {
      log.info({ experimentId: data.experimentId, status: data.status }, 'experiment did not succeed; nothing to register');
      return;
    }
    await promoteBestOf(data.experimentId, data.modelName || undefined);
  }

  return { promoteBestOf, onExperimentFinished };
}
