import { invalidInput } from '@trialgrid/errors';
import type { ArchitectureParams, LayerSpec, ModelSpec, PresetName, TrainParams } from './types.js';

/** The three documented runs of the seed workload (SEED.md), in order. */
export interface PresetRun {
  name: string;
  preset: PresetName;
  arch: Required<ArchitectureParams>;
  params: TrainParams;
}

const ENHANCED_ARCH: Required<ArchitectureParams> = { filters: 64, hiddenUnits: 128, convDropout: 0.25, denseDropout: 0.5 };

export const PRESET_RUNS: readonly PresetRun[] = [
  {
    name: 'run_1_baseline',
    preset: 'baseline',
    arch: { filters: 32, hiddenUnits: 0, convDropout: 0, denseDropout: 0 },
    params: { learningRate: 0.001, batchSize: 128, epochs: 5, validationSplit: 0.1, seed: 42 },
  },
  {
    name: 'run_2_enhanced',
    preset: 'enhanced',
    arch: { ...ENHANCED_ARCH },
    params: { learningRate: 0.001, batchSize: 128, epochs: 5, validationSplit: 0.1, seed: 42 },
  },
  {
    name: 'run_3_optimized',
    preset: 'optimized',
    arch: { ...ENHANCED_ARCH },
    params: { learningRate: 0.0005, batchSize: 64, epochs: 5, validationSplit: 0.1, seed: 42 },
  },
];

const PRESET_ARCH: Record<PresetName, Required<ArchitectureParams>> = {
  baseline: PRESET_RUNS[0]!.arch,
  enhanced: PRESET_RUNS[1]!.arch,
  optimized: PRESET_RUNS[2]!.arch,
};

/** The preset's architecture, with any knob in `arch` overriding it. */
export function presetSpec(name: PresetName, arch: ArchitectureParams = {}): ModelSpec {
  const base = PRESET_ARCH[name];
  if (base === undefined) throw invalidInput(`unknown preset ${String(name)}`, { preset: name });
  return buildSpec({ ...base, ...stripUndefined(arch) }, name);
}

function stripUndefined(arch: ArchitectureParams): ArchitectureParams {
  return Object.fromEntries(Object.entries(arch).filter(([, v]) => v !== undefined));
}

/**
 * Conv2D(f, 3×3, relu) → MaxPool 2×2 → [Dropout] → Flatten → [Dense(h, relu) → [Dropout]] →
 * Dense(10, softmax), the seed's family of models.
 */
export function buildSpec(arch: ArchitectureParams, modelType = 'custom'): ModelSpec {
  const filters = arch.filters ?? 32;
  const hidden = arch.hiddenUnits ?? 0;
  const convDropout = arch.convDropout ?? 0;
  const denseDropout = arch.denseDropout ?? 0;
  if (!Number.isInteger(filters) || filters < 1 || filters > 1024) throw invalidInput('filters must be an integer in 1..1024', { filters });
  if (!Number.isInteger(hidden) || hidden < 0 || hidden > 8192) throw invalidInput('hiddenUnits must be an integer in 0..8192', { hiddenUnits: hidden });
  for (const [field, rate] of [['convDropout', convDropout], ['denseDropout', denseDropout]] as const) {
    if (!(rate >= 0 && rate < 1)) throw invalidInput(`${field} must be in [0, 1)`, { [field]: rate });
  }
  const layers: LayerSpec[] = [
    { type: 'conv2d', filters, kernelSize: 3, activation: 'relu' },
    { type: 'maxPooling2d', poolSize: 2 },
  ];
  if (convDropout > 0) layers.push({ type: 'dropout', rate: convDropout });
  layers.push({ type: 'flatten' });
  if (hidden > 0) {
    layers.push({ type: 'dense', units: hidden, activation: 'relu' });
    if (denseDropout > 0) layers.push({ type: 'dropout', rate: denseDropout });
  }
  layers.push({ type: 'dense', units: 10, activation: 'softmax' });
  return { modelType, inputShape: [28, 28, 1], numClasses: 10, layers };
}

/** Shape of each layer's output (without the batch dimension), validating the spec on the way. */
export function layerShapes(spec: ModelSpec): number[][] {
  let shape: number[] = [...spec.inputShape];
  const out: number[][] = [];
  for (const [i, layer] of spec.layers.entries()) {
    switch (layer.type) {
      case 'conv2d': {
        if (shape.length !== 3) throw invalidInput(`layer ${i}: conv2d needs a 3-d input`, { layer: i });
        const [h, w] = shape as [number, number, number];
        shape = [h - layer.kernelSize + 1, w - layer.kernelSize + 1, layer.filters];
        break;
      }
      case 'maxPooling2d': {
        if (shape.length !== 3) throw invalidInput(`layer ${i}: maxPooling2d needs a 3-d input`, { layer: i });
        const [h, w, c] = shape as [number, number, number];
        shape = [Math.floor(h / layer.poolSize), Math.floor(w / layer.poolSize), c];
        break;
      }
      case 'dropout':
        break;
      case 'flatten':
        shape = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'dense':
        if (shape.length !== 1) throw invalidInput(`layer ${i}: dense needs a flat input`, { layer: i });
        shape = [layer.units];
        break;
    }
    if (shape.some((d) => !(d >= 1))) throw invalidInput(`layer ${i}: output shape ${shape.join('×')} is empty`, { layer: i });
    out.push(shape);
  }
  const last = spec.layers[spec.layers.length - 1];
  if (last?.type !== 'dense' || last.units !== spec.numClasses) {
    throw invalidInput('the last layer must be a dense layer with numClasses units', { numClasses: spec.numClasses });
  }
  return out;
}

/** Trainable parameters (weights + biases), as Keras' model.count_params(). */
export function countParams(spec: ModelSpec): number {
  const shapes = layerShapes(spec);
  let inChannels = spec.inputShape[2];
  let inFeatures = 0;
  let total = 0;
  spec.layers.forEach((layer, i) => {
    const out = shapes[i]!;
    if (layer.type === 'conv2d') {
      total += layer.kernelSize * layer.kernelSize * inChannels * layer.filters + layer.filters;
    } else if (layer.type === 'dense') {
      total += inFeatures * layer.units + layer.units;
    }
    if (out.length === 3) inChannels = out[2]!;
    if (out.length === 1) inFeatures = out[0]!;
  });
  return total;
}
