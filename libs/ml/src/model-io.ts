import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { AppError, errorMessage, invalidInput } from '@trialgrid/errors';
import { BATCH_NORM_DEFAULTS } from '@trialgrid/contracts';
import { forwardLogits, modelStatistics, modelVariables } from './network.js';
import { layerShapes } from './spec.js';
import type { LayerSpec, ModelSpec, TrainedModel } from './types.js';

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Writes a LayersModel as model.json + weights.bin (the tfjs file:// layout), with the spec as metadata. */
export async function saveLayersModel(model: tf.LayersModel, spec: ModelSpec, dir: string): Promise<{ dir: string; sizeBytes: number }> {
  await mkdir(dir, { recursive: true });
  let sizeBytes = 0;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const json = JSON.stringify({
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata: { trialgrid: { spec } },
      });
      // weights first: a model.json always refers to complete weights.
      await writeAtomic(path.join(dir, WEIGHTS_BIN), new Uint8Array(weightData));
      await writeAtomic(path.join(dir, MODEL_JSON), json);
      sizeBytes = weightData.byteLength + Buffer.byteLength(json);
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return { dir, sizeBytes };
}

/** The first value of a Keras size (a number or [h, w]). */
function first(v: unknown): number {
  return Array.isArray(v) ? (v[0] as number) : (v as number);
}

/** `strides` / `padding` of a window layer, only where they differ from the spec's defaults (so specs round-trip unchanged). */
function windowFields(c: tf.serialization.ConfigDict, defaultStride: number): { strides?: number; padding?: 'same' } {
  const strides = c['strides'] === undefined || c['strides'] === null ? defaultStride : first(c['strides']);
  return { ...(strides !== defaultStride ? { strides } : {}), ...(c['padding'] === 'same' ? { padding: 'same' as const } : {}) };
}

/** Reconstructs the spec from the layer configs of a LayersModel (for models saved elsewhere). */
export function specFromLayers(model: tf.LayersModel, modelType = 'custom'): ModelSpec {
  const layers: LayerSpec[] = [];
  const act = (a: unknown): string => (typeof a === 'string' ? a : 'linear');
  for (const layer of model.layers) {
    const c = layer.getConfig();
    switch (layer.getClassName()) {
      case 'Conv2D': {
        const a = act(c['activation']);
        if (a !== 'relu' && a !== 'linear') throw invalidInput(`unsupported conv2d activation ${a}`);
        layers.push({ type: 'conv2d', filters: c['filters'] as number, kernelSize: first(c['kernelSize']), ...windowFields(c, 1), activation: a });
        break;
      }
      case 'MaxPooling2D':
      case 'AveragePooling2D': {
        const poolSize = first(c['poolSize']);
        layers.push({ type: layer.getClassName() === 'MaxPooling2D' ? 'maxPooling2d' : 'averagePooling2d', poolSize, ...windowFields(c, poolSize) });
        break;
      }
      case 'BatchNormalization': {
        const momentum = c['momentum'] as number;
        const epsilon = c['epsilon'] as number;
        layers.push({
          type: 'batchNormalization',
          ...(momentum !== BATCH_NORM_DEFAULTS.momentum ? { momentum } : {}),
          ...(epsilon !== BATCH_NORM_DEFAULTS.epsilon ? { epsilon } : {}),
        });
        break;
      }
      case 'Activation': {
        const a = act(c['activation']);
        if (a !== 'relu' && a !== 'linear') throw invalidInput(`unsupported activation ${a}`);
        layers.push({ type: 'activation', activation: a });
        break;
      }
      case 'GlobalAveragePooling2D':
        layers.push({ type: 'globalAveragePooling2d' });
        break;
      case 'Dropout':
        layers.push({ type: 'dropout', rate: c['rate'] as number });
        break;
      case 'Flatten':
        layers.push({ type: 'flatten' });
        break;
      case 'Dense': {
        const a = act(c['activation']);
        if (a !== 'relu' && a !== 'softmax' && a !== 'linear') throw invalidInput(`unsupported dense activation ${a}`);
        layers.push({ type: 'dense', units: c['units'] as number, activation: a });
        break;
      }
      default:
        throw invalidInput(`unsupported layer ${layer.getClassName()}`);
    }
  }
  const input = model.inputs[0]!.shape.slice(1) as [number, number, number];
  const lastUnits = (layers[layers.length - 1] as { units?: number } | undefined)?.units ?? 0;
  const spec: ModelSpec = { modelType, inputShape: input, numClasses: lastUnits, layers };
  layerShapes(spec);
  return spec;
}

class LayersTrainedModel implements TrainedModel {
  constructor(
    readonly spec: ModelSpec,
    readonly model: tf.LayersModel,
  ) {}

  save(dir: string): Promise<{ dir: string; sizeBytes: number }> {
    return saveLayersModel(this.model, this.spec, dir);
  }

  async predict(images: Float32Array, count: number): Promise<{ probabilities: number[][]; classes: number[] }> {
    const [h, w, c] = this.spec.inputShape;
    if (!Number.isInteger(count) || count < 1 || images.length !== count * h * w * c) {
      throw invalidInput(`predict needs ${count}×${h}×${w}×${c} values, got ${images.length}`, { count, length: images.length });
    }
    // The explicit forward pass over the model's variables (network.ts) rather than
    // LayersModel.predict: the same function training evaluates with, and on tfjs-node about
    // half the per-call overhead at batch 1.
    const vars = modelVariables(this.model);
    const stats = modelStatistics(this.model);
    const probs = tf.tidy(() => tf.softmax(forwardLogits(this.spec, vars, tf.tensor4d(images, [count, h, w, c]), undefined, { stats })));
    try {
      const probabilities = (await probs.array());
      const classes = probabilities.map((row) => row.reduce((best, p, i) => (p > row[best]! ? i : best), 0));
      return { probabilities, classes };
    } finally {
      probs.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}

export function wrapModel(model: tf.LayersModel, spec: ModelSpec): TrainedModel & { model: tf.LayersModel } {
  return new LayersTrainedModel(spec, model);
}

interface ModelJson {
  modelTopology: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  userDefinedMetadata?: { trialgrid?: { spec?: ModelSpec } };
}

/** Loads a model saved by TrainedModel.save (or any tfjs layers-format directory of this family). */
export async function loadModel(dir: string): Promise<TrainedModel> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MODEL_JSON), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', `no ${MODEL_JSON} in ${dir}`, { details: { what: 'model', dir } });
    throw new AppError('UNAVAILABLE', `cannot read ${path.join(dir, MODEL_JSON)}: ${errorMessage(err)}`, { cause: err });
  }
  let json: ModelJson;
  try {
    json = JSON.parse(text) as ModelJson;
    if (typeof json.modelTopology !== 'object' || !Array.isArray(json.weightsManifest)) throw new Error('not a layers-model model.json');
  } catch (err) {
    throw new AppError('DATA_CORRUPT', `${MODEL_JSON} in ${dir}: ${errorMessage(err)}`, { cause: err, details: { file: MODEL_JSON } });
  }
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const buffers: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) {
      try {
        buffers.push(await readFile(path.join(dir, p)));
      } catch (err) {
        throw new AppError('NOT_FOUND', `weights file ${p} missing in ${dir}`, { cause: err, details: { what: 'weights', file: p } });
      }
    }
  }
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const expected = weightSpecs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (total !== expected) throw new AppError('DATA_CORRUPT', `weights in ${dir} are ${total} bytes, the manifest needs ${expected}`, { details: { file: WEIGHTS_BIN } });
  const weightData = new Uint8Array(total);
  let off = 0;
  for (const b of buffers) {
    weightData.set(b, off);
    off += b.byteLength;
  }
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData: weightData.buffer }));
  } catch (err) {
    throw new AppError('DATA_CORRUPT', `model in ${dir} cannot be loaded: ${errorMessage(err)}`, { cause: err });
  }
  const stored = json.userDefinedMetadata?.trialgrid?.spec;
  const spec = specFromLayers(model, stored?.modelType ?? 'custom');
  return wrapModel(model, spec);
}
