/**
 * Prediction: `model.predict` against a pinned version, an alias or the Production stage, on
 * the model cache (versions stay loaded until a stage change evicts them).
 */
import { getModelByAliasOrStage, getModelVersion } from '@trialgrid/db';
import { MAX_PREDICT_IMAGES } from '@trialgrid/contracts';
import { AppError, invalidInput } from '@trialgrid/errors';
import type { PredictReply } from '@trialgrid/messaging';
import type { PredictInput } from './registry-types.js';
import type { RegistryContext } from './versions.js';

/**
 * Flattens and checks prediction input: N images of H·W·C finite values in [0, 1] (row-major,
 * channels last), `shape` being the model's input shape (default MNIST's 28×28×1, 784 values).
 */
export function checkImages(images: readonly (readonly unknown[])[], shape: readonly [number, number, number] = [28, 28, 1]): Float32Array {
  if (images.length === 0) throw invalidInput('give at least one image', { field: 'images' });
  if (images.length > MAX_PREDICT_IMAGES) throw invalidInput(`at most ${MAX_PREDICT_IMAGES} images per request`, { field: 'images' });
  const pixels = shape[0] * shape[1] * shape[2];
  const flat = new Float32Array(images.length * pixels);
  images.forEach((img, i) => {
    if (img.length !== pixels) throw invalidInput(`images.${i} must have ${pixels} values (${shape.join('x')}), got ${img.length}`, { field: `images.${i}` });
    for (let j = 0; j < pixels; j++) {
      const v = img[j];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        throw invalidInput(`images.${i}[${j}] must be a number in [0, 1], got ${JSON.stringify(v)}`, { field: `images.${i}` });
      }
      flat[i * pixels + j] = v;
    }
  });
  return flat;
}

/**
 * The predict operation over `ctx`: classes and class probabilities of each image, with the
 * version that answered and the model's own time in milliseconds. NOT_FOUND without such a
 * version / alias / Production version; INVALID_INPUT for images that do not fit the model.
 */
export function createPredictor(ctx: Pick<RegistryContext, 'db' | 'models'>): (input: PredictInput) => Promise<PredictReply> {
  const { db, models } = ctx;
  return async function predict(input: PredictInput): Promise<PredictReply> {
    // A pinned version (a later part of a request the gateway split) wins over alias and stage.
    const version = input.version
      ? await getModelVersion(db, input.modelName, input.version)
      : await getModelByAliasOrStage(db, input.modelName, input.alias ? { alias: input.alias } : { stage: 'Production' });
    if (!version) {
      throw new AppError('NOT_FOUND', input.alias ? `model ${input.modelName} has no alias ${input.alias}` : `model ${input.modelName} has no Production version`, {
        details: { modelName: input.modelName, ...(input.alias ? { alias: input.alias } : {}) },
      });
    }
    const model = await models.get(version);
    // The pixel count is the model's: its dataset's image shape.
    const flat = checkImages(input.images, model.spec.inputShape);
    const t0 = performance.now();
    const out = await model.predict(flat, input.images.length);
    const latencyMs = performance.now() - t0;
    return { classes: out.classes, probabilities: out.probabilities, modelName: version.modelName, version: version.version, latencyMs };
  };
}
