/** The seeded PRNG lives in @trialgrid/contracts (one copy for the sampler and the engine). */
export { bernoulliMask, deriveSeed, mulberry32, permutation, type Rng } from '@trialgrid/contracts';
