import type * as Types from '@trialgrid/graphql-types';
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ApiTokenModel, MetricPointModel, ExperimentRow, TrialRow, TrialConnectionModel, ExperimentConnectionModel, ExperimentEdgeModel, WorkerRow, ArtifactRow, TrialAttemptRow, TrialLogRow, RegisteredModelRow, ModelVersionModel, ModelEventModel, GateVerdictModel, ModelChangeModel, CompareResultModel, MetricModel, DatasetRow } from '../models.js';
import type { GatewayContext } from '../context.js';
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };


export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = {}, TContext = {}, TArgs = {}> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = {}, TContext = {}, TArgs = {}> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = {}, TContext = {}> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Types.Maybe<TTypes> | Promise<Types.Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = {}, TContext = {}> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = {}, TParent = {}, TContext = {}, TArgs = {}> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ApiToken: ResolverTypeWrapper<ApiTokenModel>;
  Artifact: ResolverTypeWrapper<ArtifactRow>;
  AuditEvent: ResolverTypeWrapper<Omit<Types.AuditEvent, 'at'> & { at: ResolversTypes['DateTime'] }>;
  Boolean: ResolverTypeWrapper<Types.Scalars['Boolean']['output']>;
  CompareResult: ResolverTypeWrapper<CompareResultModel>;
  CreateApiTokenInput: Types.CreateApiTokenInput;
  CreateExperimentInput: Types.CreateExperimentInput;
  CreatedApiToken: ResolverTypeWrapper<Omit<Types.CreatedApiToken, 'apiToken'> & { apiToken: ResolversTypes['ApiToken'] }>;
  Dataset: ResolverTypeWrapper<DatasetRow>;
  DateTime: ResolverTypeWrapper<Date>;
  EarlyStoppingInput: Types.EarlyStoppingInput;
  EvaluationSet: ResolverTypeWrapper<Types.EvaluationSet>;
  Experiment: ResolverTypeWrapper<ExperimentRow>;
  ExperimentConnection: ResolverTypeWrapper<ExperimentConnectionModel>;
  ExperimentEdge: ResolverTypeWrapper<ExperimentEdgeModel>;
  ExperimentPreset: Types.ExperimentPreset;
  ExperimentStatus: Types.ExperimentStatus;
  Float: ResolverTypeWrapper<Types.Scalars['Float']['output']>;
  GateCheck: ResolverTypeWrapper<Types.GateCheck>;
  GateVerdict: ResolverTypeWrapper<GateVerdictModel>;
  ID: ResolverTypeWrapper<Types.Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Types.Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Types.Scalars['JSON']['output']>;
  LogLine: ResolverTypeWrapper<TrialLogRow>;
  Metric: ResolverTypeWrapper<MetricModel>;
  MetricPoint: ResolverTypeWrapper<MetricPointModel>;
  MetricSeries: ResolverTypeWrapper<Omit<Types.MetricSeries, 'points'> & { points: Array<ResolversTypes['MetricPoint']> }>;
  ModelChange: ResolverTypeWrapper<ModelChangeModel>;
  ModelEvent: ResolverTypeWrapper<ModelEventModel>;
  ModelPreset: Types.ModelPreset;
  ModelStage: Types.ModelStage;
  ModelVersion: ResolverTypeWrapper<ModelVersionModel>;
  Mutation: ResolverTypeWrapper<{}>;
  Objective: ResolverTypeWrapper<Types.Objective>;
  ObjectiveDirection: Types.ObjectiveDirection;
  ObjectiveInput: Types.ObjectiveInput;
  PageInfo: ResolverTypeWrapper<Types.PageInfo>;
  Param: ResolverTypeWrapper<Types.Param>;
  ParamImportance: ResolverTypeWrapper<Types.ParamImportance>;
  ParamRangeInput: Types.ParamRangeInput;
  Prediction: ResolverTypeWrapper<Types.Prediction>;
  Principal: ResolverTypeWrapper<Types.Principal>;
  PromotionPolicy: ResolverTypeWrapper<Types.PromotionPolicy>;
  PromotionPolicyInput: Types.PromotionPolicyInput;
  Query: ResolverTypeWrapper<{}>;
  RegisterDatasetInput: Types.RegisterDatasetInput;
  RegisterModelVersionInput: Types.RegisterModelVersionInput;
  RegisteredModel: ResolverTypeWrapper<RegisteredModelRow>;
  Role: Types.Role;
  SearchAlgorithm: Types.SearchAlgorithm;
  SearchSpaceInput: Types.SearchSpaceInput;
  SortDirection: Types.SortDirection;
  String: ResolverTypeWrapper<Types.Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<{}>;
  Trial: ResolverTypeWrapper<TrialRow>;
  TrialAttempt: ResolverTypeWrapper<TrialAttemptRow>;
  TrialConnection: ResolverTypeWrapper<TrialConnectionModel>;
  TrialCounts: ResolverTypeWrapper<Types.TrialCounts>;
  TrialFilterInput: Types.TrialFilterInput;
  TrialFilterOp: Types.TrialFilterOp;
  TrialKeys: ResolverTypeWrapper<Types.TrialKeys>;
  TrialOrderInput: Types.TrialOrderInput;
  TrialParamsInput: Types.TrialParamsInput;
  TrialStatus: Types.TrialStatus;
  Worker: ResolverTypeWrapper<WorkerRow>;
  WorkerStatus: Types.WorkerStatus;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ApiToken: ApiTokenModel;
  Artifact: ArtifactRow;
  AuditEvent: Omit<Types.AuditEvent, 'at'> & { at: ResolversParentTypes['DateTime'] };
  Boolean: Types.Scalars['Boolean']['output'];
  CompareResult: CompareResultModel;
  CreateApiTokenInput: Types.CreateApiTokenInput;
  CreateExperimentInput: Types.CreateExperimentInput;
  CreatedApiToken: Omit<Types.CreatedApiToken, 'apiToken'> & { apiToken: ResolversParentTypes['ApiToken'] };
  Dataset: DatasetRow;
  DateTime: Date;
  EarlyStoppingInput: Types.EarlyStoppingInput;
  EvaluationSet: Types.EvaluationSet;
  Experiment: ExperimentRow;
  ExperimentConnection: ExperimentConnectionModel;
  ExperimentEdge: ExperimentEdgeModel;
  Float: Types.Scalars['Float']['output'];
  GateCheck: Types.GateCheck;
  GateVerdict: GateVerdictModel;
  ID: Types.Scalars['ID']['output'];
  Int: Types.Scalars['Int']['output'];
  JSON: Types.Scalars['JSON']['output'];
  LogLine: TrialLogRow;
  Metric: MetricModel;
  MetricPoint: MetricPointModel;
  MetricSeries: Omit<Types.MetricSeries, 'points'> & { points: Array<ResolversParentTypes['MetricPoint']> };
  ModelChange: ModelChangeModel;
  ModelEvent: ModelEventModel;
  ModelVersion: ModelVersionModel;
  Mutation: {};
  Objective: Types.Objective;
  ObjectiveInput: Types.ObjectiveInput;
  PageInfo: Types.PageInfo;
  Param: Types.Param;
  ParamImportance: Types.ParamImportance;
  ParamRangeInput: Types.ParamRangeInput;
  Prediction: Types.Prediction;
  Principal: Types.Principal;
  PromotionPolicy: Types.PromotionPolicy;
  PromotionPolicyInput: Types.PromotionPolicyInput;
  Query: {};
  RegisterDatasetInput: Types.RegisterDatasetInput;
  RegisterModelVersionInput: Types.RegisterModelVersionInput;
  RegisteredModel: RegisteredModelRow;
  SearchSpaceInput: Types.SearchSpaceInput;
  String: Types.Scalars['String']['output'];
  Subscription: {};
  Trial: TrialRow;
  TrialAttempt: TrialAttemptRow;
  TrialConnection: TrialConnectionModel;
  TrialCounts: Types.TrialCounts;
  TrialFilterInput: Types.TrialFilterInput;
  TrialKeys: Types.TrialKeys;
  TrialOrderInput: Types.TrialOrderInput;
  TrialParamsInput: Types.TrialParamsInput;
  Worker: WorkerRow;
};

export type ApiTokenResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ApiToken'] = ResolversParentTypes['ApiToken']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ArtifactResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Artifact'] = ResolversParentTypes['Artifact']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sha256?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  details?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  targetId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  targetKind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CompareResultResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CompareResult'] = ResolversParentTypes['CompareResult']> = {
  metricKeys?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  paramKeys?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  trials?: Resolver<Array<ResolversTypes['Trial']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CreatedApiTokenResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CreatedApiToken'] = ResolversParentTypes['CreatedApiToken']> = {
  apiToken?: Resolver<ResolversTypes['ApiToken'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DatasetResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Dataset'] = ResolversParentTypes['Dataset']> = {
  classNames?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fingerprint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageShape?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  location?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  numClasses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  testCount?: Resolver<Types.Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  trainCount?: Resolver<Types.Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EvaluationSetResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['EvaluationSet'] = ResolversParentTypes['EvaluationSet']> = {
  dataset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fingerprint?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  split?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ExperimentResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Experiment'] = ResolversParentTypes['Experiment']> = {
  bestTrial?: Resolver<Types.Maybe<ResolversTypes['Trial']>, ParentType, ContextType>;
  counts?: Resolver<ResolversTypes['TrialCounts'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dataset?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  earlyStopping?: Resolver<Types.Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  error?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maxFailedTrials?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxParallelTrials?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  modelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  objective?: Resolver<ResolversTypes['Objective'], ParentType, ContextType>;
  options?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  paramImportance?: Resolver<Array<ResolversTypes['ParamImportance']>, ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  searchSpace?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  startedAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ExperimentStatus'], ParentType, ContextType>;
  trialKeys?: Resolver<ResolversTypes['TrialKeys'], ParentType, ContextType>;
  trials?: Resolver<ResolversTypes['TrialConnection'], ParentType, ContextType, RequireFields<Types.ExperimentTrialsArgs, 'first'>>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ExperimentConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ExperimentConnection'] = ResolversParentTypes['ExperimentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ExperimentEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Experiment']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ExperimentEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ExperimentEdge'] = ResolversParentTypes['ExperimentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GateCheckResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GateCheck'] = ResolversParentTypes['GateCheck']> = {
  criterion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  measured?: Resolver<Types.Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  op?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  passed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GateVerdictResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GateVerdict'] = ResolversParentTypes['GateVerdict']> = {
  checks?: Resolver<Array<ResolversTypes['GateCheck']>, ParentType, ContextType>;
  evaluatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  passed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  policy?: Resolver<ResolversTypes['PromotionPolicy'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LogLineResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['LogLine'] = ResolversParentTypes['LogLine']> = {
  level?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  loggedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MetricResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Metric'] = ResolversParentTypes['Metric']> = {
  experimentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  loggedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trialId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MetricPointResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MetricPoint'] = ResolversParentTypes['MetricPoint']> = {
  loggedAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MetricSeriesResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MetricSeries'] = ResolversParentTypes['MetricSeries']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['MetricPoint']>, ParentType, ContextType>;
  totalPoints?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelChangeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelChange'] = ResolversParentTypes['ModelChange']> = {
  event?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<Types.Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelEventResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelEvent'] = ResolversParentTypes['ModelEvent']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  alias?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  details?: Resolver<Types.Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  fromValue?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  toValue?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<Types.Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ModelVersionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelVersion'] = ResolversParentTypes['ModelVersion']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  artifactPath?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  evaluation?: Resolver<Types.Maybe<ResolversTypes['EvaluationSet']>, ParentType, ContextType>;
  experiment?: Resolver<Types.Maybe<ResolversTypes['Experiment']>, ParentType, ContextType>;
  gate?: Resolver<Types.Maybe<ResolversTypes['GateVerdict']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metrics?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  modelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelUrl?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['ModelStage'], ParentType, ContextType>;
  tags?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  trial?: Resolver<Types.Maybe<ResolversTypes['Trial']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<Types.MutationCancelExperimentArgs, 'id'>>;
  createApiToken?: Resolver<ResolversTypes['CreatedApiToken'], ParentType, ContextType, RequireFields<Types.MutationCreateApiTokenArgs, 'input'>>;
  createExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<Types.MutationCreateExperimentArgs, 'input'>>;
  registerDataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<Types.MutationRegisterDatasetArgs, 'input'>>;
  registerModelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<Types.MutationRegisterModelVersionArgs, 'input'>>;
  retryTrial?: Resolver<ResolversTypes['Trial'], ParentType, ContextType, RequireFields<Types.MutationRetryTrialArgs, 'id'>>;
  revokeApiToken?: Resolver<ResolversTypes['ApiToken'], ParentType, ContextType, RequireFields<Types.MutationRevokeApiTokenArgs, 'id'>>;
  setModelAlias?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<Types.MutationSetModelAliasArgs, 'alias' | 'modelName' | 'override' | 'version'>>;
  setPromotionPolicy?: Resolver<ResolversTypes['RegisteredModel'], ParentType, ContextType, RequireFields<Types.MutationSetPromotionPolicyArgs, 'modelName' | 'policy'>>;
  stopTrial?: Resolver<ResolversTypes['Trial'], ParentType, ContextType, RequireFields<Types.MutationStopTrialArgs, 'id'>>;
  transitionModelVersionStage?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<Types.MutationTransitionModelVersionStageArgs, 'archiveExisting' | 'modelName' | 'override' | 'stage' | 'version'>>;
  updateModelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<Types.MutationUpdateModelVersionArgs, 'modelName' | 'version'>>;
  updateRegisteredModel?: Resolver<ResolversTypes['RegisteredModel'], ParentType, ContextType, RequireFields<Types.MutationUpdateRegisteredModelArgs, 'name'>>;
};

export type ObjectiveResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Objective'] = ResolversParentTypes['Objective']> = {
  direction?: Resolver<ResolversTypes['ObjectiveDirection'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ParamResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Param'] = ResolversParentTypes['Param']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ParamImportanceResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ParamImportance'] = ResolversParentTypes['ParamImportance']> = {
  groups?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  importance?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  param?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  trials?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PredictionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Prediction'] = ResolversParentTypes['Prediction']> = {
  classes?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  modelName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  probabilities?: Resolver<Array<Array<ResolversTypes['Float']>>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PrincipalResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Principal'] = ResolversParentTypes['Principal']> = {
  owner?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  tokenName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PromotionPolicyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PromotionPolicy'] = ResolversParentTypes['PromotionPolicy']> = {
  maxClassAccuracyGap?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maxLatencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maxModelSizeBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  minTestAccuracy?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  apiTokens?: Resolver<Array<ResolversTypes['ApiToken']>, ParentType, ContextType>;
  auditEvents?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType, RequireFields<Types.QueryAuditEventsArgs, 'first'>>;
  compareTrials?: Resolver<ResolversTypes['CompareResult'], ParentType, ContextType, RequireFields<Types.QueryCompareTrialsArgs, 'ids'>>;
  dataset?: Resolver<Types.Maybe<ResolversTypes['Dataset']>, ParentType, ContextType, RequireFields<Types.QueryDatasetArgs, 'name'>>;
  datasets?: Resolver<Array<ResolversTypes['Dataset']>, ParentType, ContextType>;
  experiment?: Resolver<Types.Maybe<ResolversTypes['Experiment']>, ParentType, ContextType, RequireFields<Types.QueryExperimentArgs, 'id'>>;
  experiments?: Resolver<ResolversTypes['ExperimentConnection'], ParentType, ContextType, RequireFields<Types.QueryExperimentsArgs, 'first'>>;
  me?: Resolver<ResolversTypes['Principal'], ParentType, ContextType>;
  modelVersion?: Resolver<Types.Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType, RequireFields<Types.QueryModelVersionArgs, 'modelName' | 'version'>>;
  predict?: Resolver<ResolversTypes['Prediction'], ParentType, ContextType, RequireFields<Types.QueryPredictArgs, 'images' | 'modelName'>>;
  registeredModel?: Resolver<Types.Maybe<ResolversTypes['RegisteredModel']>, ParentType, ContextType, RequireFields<Types.QueryRegisteredModelArgs, 'name'>>;
  registeredModels?: Resolver<Array<ResolversTypes['RegisteredModel']>, ParentType, ContextType, Partial<Types.QueryRegisteredModelsArgs>>;
  trial?: Resolver<Types.Maybe<ResolversTypes['Trial']>, ParentType, ContextType, RequireFields<Types.QueryTrialArgs, 'id'>>;
  workers?: Resolver<Array<ResolversTypes['Worker']>, ParentType, ContextType, RequireFields<Types.QueryWorkersArgs, 'includeDead'>>;
};

export type RegisteredModelResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RegisteredModel'] = ResolversParentTypes['RegisteredModel']> = {
  aliases?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['ModelEvent']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  latestVersion?: Resolver<Types.Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  production?: Resolver<Types.Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  promotionPolicy?: Resolver<ResolversTypes['PromotionPolicy'], ParentType, ContextType>;
  tags?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  versions?: Resolver<Array<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  experimentUpdated?: SubscriptionResolver<ResolversTypes['Experiment'], "experimentUpdated", ParentType, ContextType, Partial<Types.SubscriptionExperimentUpdatedArgs>>;
  metricLogged?: SubscriptionResolver<Array<ResolversTypes['Metric']>, "metricLogged", ParentType, ContextType, Partial<Types.SubscriptionMetricLoggedArgs>>;
  modelChanged?: SubscriptionResolver<ResolversTypes['ModelChange'], "modelChanged", ParentType, ContextType, Partial<Types.SubscriptionModelChangedArgs>>;
  trialUpdated?: SubscriptionResolver<ResolversTypes['Trial'], "trialUpdated", ParentType, ContextType, Partial<Types.SubscriptionTrialUpdatedArgs>>;
  workerUpdated?: SubscriptionResolver<ResolversTypes['Worker'], "workerUpdated", ParentType, ContextType>;
};

export type TrialResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Trial'] = ResolversParentTypes['Trial']> = {
  artifacts?: Resolver<Array<ResolversTypes['Artifact']>, ParentType, ContextType>;
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  attempts?: Resolver<Array<ResolversTypes['TrialAttempt']>, ParentType, ContextType>;
  currentEpoch?: Resolver<Types.Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  error?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  experiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType>;
  experimentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  finalMetrics?: Resolver<Types.Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  finishedAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  latestMetrics?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  logs?: Resolver<Array<ResolversTypes['LogLine']>, ParentType, ContextType, RequireFields<Types.TrialLogsArgs, 'tail'>>;
  metrics?: Resolver<Array<ResolversTypes['MetricSeries']>, ParentType, ContextType, RequireFields<Types.TrialMetricsArgs, 'maxPoints'>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paramMap?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  params?: Resolver<Array<ResolversTypes['Param']>, ParentType, ContextType>;
  provenance?: Resolver<Types.Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  queuedAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  spec?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  startedAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TrialStatus'], ParentType, ContextType>;
  summary?: Resolver<Types.Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  worker?: Resolver<Types.Maybe<ResolversTypes['Worker']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrialAttemptResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrialAttempt'] = ResolversParentTypes['TrialAttempt']> = {
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  error?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TrialStatus'], ParentType, ContextType>;
  workerId?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrialConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrialConnection'] = ResolversParentTypes['TrialConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Trial']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrialCountsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrialCounts'] = ResolversParentTypes['TrialCounts']> = {
  cancelled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  queued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  running?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stopped?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  succeeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrialKeysResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TrialKeys'] = ResolversParentTypes['TrialKeys']> = {
  metrics?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  params?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WorkerResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Worker'] = ResolversParentTypes['Worker']> = {
  alive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  backend?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  busy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  concurrency?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currentTrial?: Resolver<Types.Maybe<ResolversTypes['Trial']>, ParentType, ContextType>;
  details?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  hostname?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastHeartbeatAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  pid?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WorkerStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type Resolvers<ContextType = GatewayContext> = {
  ApiToken?: ApiTokenResolvers<ContextType>;
  Artifact?: ArtifactResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  CompareResult?: CompareResultResolvers<ContextType>;
  CreatedApiToken?: CreatedApiTokenResolvers<ContextType>;
  Dataset?: DatasetResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EvaluationSet?: EvaluationSetResolvers<ContextType>;
  Experiment?: ExperimentResolvers<ContextType>;
  ExperimentConnection?: ExperimentConnectionResolvers<ContextType>;
  ExperimentEdge?: ExperimentEdgeResolvers<ContextType>;
  GateCheck?: GateCheckResolvers<ContextType>;
  GateVerdict?: GateVerdictResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LogLine?: LogLineResolvers<ContextType>;
  Metric?: MetricResolvers<ContextType>;
  MetricPoint?: MetricPointResolvers<ContextType>;
  MetricSeries?: MetricSeriesResolvers<ContextType>;
  ModelChange?: ModelChangeResolvers<ContextType>;
  ModelEvent?: ModelEventResolvers<ContextType>;
  ModelVersion?: ModelVersionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Objective?: ObjectiveResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Param?: ParamResolvers<ContextType>;
  ParamImportance?: ParamImportanceResolvers<ContextType>;
  Prediction?: PredictionResolvers<ContextType>;
  Principal?: PrincipalResolvers<ContextType>;
  PromotionPolicy?: PromotionPolicyResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RegisteredModel?: RegisteredModelResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Trial?: TrialResolvers<ContextType>;
  TrialAttempt?: TrialAttemptResolvers<ContextType>;
  TrialConnection?: TrialConnectionResolvers<ContextType>;
  TrialCounts?: TrialCountsResolvers<ContextType>;
  TrialKeys?: TrialKeysResolvers<ContextType>;
  Worker?: WorkerResolvers<ContextType>;
};

