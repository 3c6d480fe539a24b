import { withRoles } from '../auth.js';
import type { Resolvers } from '../generated/graphql.js';
import { Experiment } from './experiment.js';
import { IdentityMutation, IdentityQuery } from './identity.js';
import { GateVerdict, ModelEvent, ModelVersion, RegisteredModel } from './model.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';
import { DateTime, JSONScalar } from './scalars.js';
import { Subscription } from './subscription.js';
import { Artifact, Trial } from './trial.js';
import { Worker } from './worker.js';

/** Every resolver; root fields are wrapped with their role check (auth.ts OPERATION_ROLES). */
export const resolvers: Resolvers = withRoles<Resolvers>({
  DateTime,
  JSON: JSONScalar,
  Query: { ...Query, ...IdentityQuery },
  Mutation: { ...Mutation, ...IdentityMutation },
  Subscription,
  Experiment,
  Trial,
  Artifact,
  Worker,
  RegisteredModel,
  ModelVersion,
  ModelEvent,
  GateVerdict,
});
