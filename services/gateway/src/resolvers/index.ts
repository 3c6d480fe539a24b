import type { Resolvers } from '../generated/graphql.js';
import { Experiment } from './experiment.js';
import { GateVerdict, ModelEvent, ModelVersion, RegisteredModel } from './model.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';
import { DateTime, JSONScalar } from './scalars.js';
import { Subscription } from './subscription.js';
import { Artifact, Trial } from './trial.js';
import { Worker } from './worker.js';

export const resolvers: Resolvers = {
  DateTime,
  JSON: JSONScalar,
  Query,
  Mutation,
  Subscription,
  Experiment,
  Trial,
  Artifact,
  Worker,
  RegisteredModel,
  ModelVersion,
  ModelEvent,
  GateVerdict,
};
