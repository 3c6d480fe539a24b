/**
 * What the resolvers pass around: libs/db's row types (codegen maps the GraphQL object types
 * onto these, so a resolver returning a row type-checks and the field resolvers derive the rest).
 */
import type { ApiToken, Artifact, DatasetRow, Experiment, GateVerdict, ModelEvent, ModelVersion, RegisteredModel, Trial, TrialAttempt, TrialLog, Worker } from '@trialgrid/db';

export type ExperimentRow = Experiment;
export type TrialRow = Trial;
export type WorkerRow = Worker;
export type ArtifactRow = Artifact;
export type TrialAttemptRow = TrialAttempt;
export type TrialLogRow = TrialLog;
export type RegisteredModelRow = RegisteredModel;
export type { DatasetRow };

/** An API token as stored, without its secret's hash (what createApiToken and the token queries return). */
export type ApiTokenModel = ApiToken;

/** One point of a trial's metric series: `loggedAt` is null where the store did not read it. */
export interface MetricPointModel {
  step: number;
  value: number;
  loggedAt: Date | null;
}

/** A version row with its model's name joined in (every ModelVersion field needs it). */
export type ModelVersionModel = ModelVersion & { modelName: string };

/** The stored gate verdict (evaluatedAt is an ISO string in jsonb). */
export type GateVerdictModel = GateVerdict;

/** A registry change as published on updates.model. */
export interface ModelChangeModel {
  modelName: string;
  version?: number | null | undefined;
  event: string;
}

/** An audit event with the version number of `versionId` joined in. */
export type ModelEventModel = ModelEvent & { version: number | null };

export interface TrialConnectionModel {
  nodes: TrialRow[];
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export interface ExperimentEdgeModel {
  cursor: string;
  node: ExperimentRow;
}

export interface ExperimentConnectionModel {
  edges: ExperimentEdgeModel[];
  nodes: ExperimentRow[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

export interface CompareResultModel {
  trials: TrialRow[];
  paramKeys: string[];
  metricKeys: string[];
}

/** One stored metric point as pushed by `metricLogged`. */
export interface MetricModel {
  trialId: string;
  experimentId: string;
  key: string;
  step: number;
  value: number;
  loggedAt: Date;
}
