/**
 * The model language of an experiment: a sequential architecture written as a template whose
 * fields may name model parameters, resolved into a concrete ModelSpec (engine.ts) for each
 * point of a search space. The only copy of these rules; the gateway, the CLI, the scheduler
 * (through libs/sweep) and the worker (through the ModelSpec it receives) share them.
 *
 * A template (JSON, or YAML in a CLI experiment file):
 *
 * ```yaml
 * model:
 *   name: small-cnn                  # logged as model_type (default "custom")
 *   params: { width: 32, blocks: 2, head: flatten }   # model parameters and their defaults
 *   layers:
 *     - repeat: $blocks              # a block repeated 0..64 times
 *       layers:
 *         - { type: conv2d, filters: $width, kernelSize: 3, padding: same, activation: relu }
 *         - { type: maxPooling2d, poolSize: 2 }
 *     - choose: $head                # one of several alternatives, by a string parameter
 *       options:
 *         flatten: [{ type: flatten }, { type: dense, units: 128, activation: relu }]
 *         gap: [{ type: globalAveragePooling2d }]
 * ```
 *
 * Any field of a layer other than `type` may be `$name`, a parameter declared in `params`.
 * The output layer, Dense(numClasses, softmax), is appended by trialgrid: the dataset decides
 * the class count. A search space varies a model parameter by the name `model.<name>` (e.g.
 * `model.blocks`); a trial sets them in `modelParams`. Every problem is INVALID_INPUT naming
 * the template field (`searchSpace.base.model.layers.1.options.gap.0`).
 */
import { z } from 'zod';
import { AppError } from '@trialgrid/errors';
import { countParams, ENGINE_LIMITS, layerShapes, layerSpecSchema, type DataShape, type LayerSpec, type ModelSpec, type PresetName } from './engine.js';
import { invalidField, zodToAppError } from './issues.js';

/** The bounds of the language: nesting depth, repeat count, layers of a resolved model, parameters. */
export const MODEL_LANGUAGE_LIMITS = { depth: 8, repeat: 64, layers: 256, params: 64 } as const;

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const REF = /^\$([A-Za-z_][A-Za-z0-9_]{0,63})$/;

/** A model parameter's value: a number, a string (an alternative's name, a padding) or a boolean. */
export const modelParamValueSchema = z.union([z.number({ error: 'a model parameter must be a finite number, a string or a boolean' }), z.string().max(64), z.boolean()]);
export type ModelParamValue = z.infer<typeof modelParamValueSchema>;

/**
 * Refuses an object with an own `__proto__` key before zod's record, which would drop that key
 * without a word (`__proto__` fits NAME, and JSON.parse makes it an own key); the issue names
 * the key. As the tag rule in models.ts does for tags.
 */
function refuseProtoKey(what: string) {
  return (value: unknown, ctx: z.RefinementCtx): void => {
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, '__proto__')) {
      ctx.addIssue({ code: 'custom', path: ['__proto__'], message: `${what} "__proto__" is reserved`, input: value });
    }
  };
}

/** Parameter values by name (`{ width: 64, head: "gap" }`); `__proto__` is refused, naming the key. */
export const modelParamsSchema = z
  .unknown()
  .superRefine(refuseProtoKey('model parameter name'))
  .pipe(
    z
      .record(z.string().regex(NAME, { error: 'a model parameter name is a letter or _ followed by up to 63 letters, digits or _' }), modelParamValueSchema)
      .refine((r) => Object.keys(r).length <= MODEL_LANGUAGE_LIMITS.params, { error: `at most ${MODEL_LANGUAGE_LIMITS.params} model parameters` }),
  );
export type ModelParams = z.infer<typeof modelParamsSchema>;

/** One item of a template's `layers`: a layer (fields may be `$refs`), a `repeat` block, or a `choose` among alternatives. */
export type TemplateItem = { [field: string]: unknown };

/** The template's outer shape; items are checked while resolving (their rules depend on the parameters). */
export const modelTemplateSchema = z.strictObject({
  name: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, { error: 'model name: letters, digits, _ . - only' }).optional(),
  params: modelParamsSchema.optional(),
  layers: z
    .array(z.unknown().superRefine(refuseProtoKey('layer field')).pipe(z.record(z.string(), z.unknown())), { error: 'layers must be a list of layers' })
    .min(1, { error: 'a model needs at least one layer' }),
});
export type ModelTemplate = z.infer<typeof modelTemplateSchema>;

/** The prefix of a search-space parameter that sets a model parameter (`model.width`). */
export const MODEL_PARAM_PREFIX = 'model.';

/** `width` for `model.width`; undefined for any other name. */
export function modelParamOf(searchName: string): string | undefined {
  if (!searchName.startsWith(MODEL_PARAM_PREFIX)) return undefined;
  const name = searchName.slice(MODEL_PARAM_PREFIX.length);
  return NAME.test(name) ? name : undefined;
}

/** A resolved model: the spec to train, the parameter values it used, and where each layer came from. */
export interface ResolvedModel {
  spec: ModelSpec;
  /** The template's defaults overridden by the trial's values (what a trial logs as model.<name>). */
  params: Record<string, ModelParamValue>;
  /** For each layer of `spec.layers`, the template field it was written at. */
  origins: string[];
}

/**
 * The ModelSpec of `template` with `values` for its parameters, for images of `data`'s shape.
 * `field` is where the template sits in the input (e.g. `searchSpace.base.model`), `valuesField`
 * where the values came from. Throws INVALID_INPUT naming the field: an undeclared parameter, a
 * `$ref` to one, a value of the wrong type, a repeat count out of 0..64, an unknown alternative,
 * a layer field out of the engine's bounds, a shape error (a layer too large for its input,
 * dense before flatten, ...), or a model over ENGINE_LIMITS.maxParams parameters.
 */
export function resolveModel(template: unknown, values: ModelParams = {}, data: DataShape, field = 'model', valuesField = 'modelParams'): ResolvedModel {
  const parsed = modelTemplateSchema.safeParse(template);
  if (!parsed.success) throw zodToAppError(parsed.error, field);
  const t = parsed.data;
  const declared = t.params ?? {};
  for (const name of Object.keys(values)) {
    if (!Object.hasOwn(declared, name)) {
      throw invalidField(`${valuesField}.${name}`, `model parameter ${name} is not declared in the model's params (declared: ${Object.keys(declared).join(', ') || 'none'})`, { name });
    }
  }
  const params: Record<string, ModelParamValue> = { ...declared, ...values };
  const layers: LayerSpec[] = [];
  const origins: string[] = [];

  const ref = (value: unknown, at: string): unknown => {
    if (typeof value !== 'string') return value;
    const m = REF.exec(value);
    if (m === null) return value;
    const name = m[1]!;
    if (!Object.hasOwn(params, name)) throw invalidField(at, `${value} names no model parameter (declare it in ${field}.params)`, { name });
    return params[name];
  };

  const walk = (items: readonly unknown[], at: string, depth: number): void => {
    if (depth > MODEL_LANGUAGE_LIMITS.depth) throw invalidField(at, `blocks nest deeper than ${MODEL_LANGUAGE_LIMITS.depth} levels`);
    items.forEach((raw, i) => {
      const here = `${at}.${i}`;
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidField(here, 'a layer, a repeat block or a choose block must be an object');
      const item = raw as TemplateItem;
      if ('repeat' in item) {
        const extra = Object.keys(item).filter((k) => k !== 'repeat' && k !== 'layers');
        if (extra.length > 0) throw invalidField(`${here}.${extra[0]}`, `unknown field ${extra[0]} of a repeat block (expected repeat, layers)`);
        const count = ref(item['repeat'], `${here}.repeat`);
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MODEL_LANGUAGE_LIMITS.repeat) {
          throw invalidField(`${here}.repeat`, `repeat must be an integer in 0..${MODEL_LANGUAGE_LIMITS.repeat}, got ${JSON.stringify(count)}`, { value: count });
        }
        const inner = item['layers'];
        if (!Array.isArray(inner) || inner.length === 0) throw invalidField(`${here}.layers`, 'a repeat block needs a non-empty list of layers');
        for (let r = 0; r < count; r++) walk(inner, `${here}.layers`, depth + 1);
        return;
      }
      if ('choose' in item) {
        const extra = Object.keys(item).filter((k) => k !== 'choose' && k !== 'options');
        if (extra.length > 0) throw invalidField(`${here}.${extra[0]}`, `unknown field ${extra[0]} of a choose block (expected choose, options)`);
        if (typeof item['choose'] !== 'string' || !REF.test(item['choose'])) throw invalidField(`${here}.choose`, 'choose names a model parameter: "$name"');
        const options = item['options'];
        if (options === null || typeof options !== 'object' || Array.isArray(options) || Object.keys(options).length === 0) {
          throw invalidField(`${here}.options`, 'a choose block needs options: { name: [layers], ... }');
        }
        const picked = ref(item['choose'], `${here}.choose`);
        const key = String(picked);
        if (!Object.hasOwn(options, key)) {
          throw invalidField(`${here}.choose`, `${item['choose']} is ${JSON.stringify(picked)}, not one of the options ${Object.keys(options).join(', ')}`, { value: picked });
        }
        const chosen = (options as Record<string, unknown>)[key];
        if (!Array.isArray(chosen)) throw invalidField(`${here}.options.${key}`, 'an option is a list of layers (possibly empty)');
        walk(chosen, `${here}.options.${key}`, depth + 1);
        return;
      }
      const resolved = Object.fromEntries(Object.entries(item).map(([k, v]) => [k, k === 'type' ? v : ref(v, `${here}.${k}`)]));
      const layer = layerSpecSchema.safeParse(resolved);
      if (!layer.success) throw zodToAppError(layer.error, here);
      if (layer.data.type === 'dense' && layer.data.activation === 'softmax') {
        throw invalidField(`${here}.activation`, 'softmax belongs to the output layer, which trialgrid adds (Dense(numClasses, softmax)); use relu or linear here');
      }
      if (layers.length >= MODEL_LANGUAGE_LIMITS.layers) throw invalidField(here, `the model has more than ${MODEL_LANGUAGE_LIMITS.layers} layers`);
      layers.push(layer.data);
      origins.push(here);
    });
  };
  walk(t.layers, `${field}.layers`, 0);

  layers.push({ type: 'dense', units: data.numClasses, activation: 'softmax' });
  origins.push(`${field} (the output layer Dense(${data.numClasses}, softmax))`);
  const spec: ModelSpec = { modelType: t.name ?? 'custom', inputShape: [...data.inputShape], numClasses: data.numClasses, layers };
  let paramCount: number;
  try {
    layerShapes(spec);
    paramCount = countParams(spec);
  } catch (err) {
    if (err instanceof AppError && typeof err.details?.['layer'] === 'number') {
      const origin = origins[err.details['layer']] ?? field;
      throw invalidField(origin.split(' ')[0]!, `${origin}: ${err.message} (input ${data.inputShape.join('×')})`, { layer: err.details['layer'] });
    }
    throw err;
  }
  if (paramCount > ENGINE_LIMITS.maxParams) {
    throw invalidField(field, `the model would have ${paramCount} parameters, more than the engine's limit of ${ENGINE_LIMITS.maxParams}`, { paramCount, limit: ENGINE_LIMITS.maxParams });
  }
  return { spec, params, origins };
}

/**
 * The seed's three documented models written in the language (SEED.md): resolved with their
 * defaults on MNIST they are exactly buildSpec's presets (the same layer list, hence the same
 * parameter counts and, for a seed, the same initial weights).
 */
export const PRESET_MODELS: Readonly<Record<PresetName, ModelTemplate>> = {
  baseline: {
    name: 'baseline',
    params: { filters: 32 },
    layers: [
      { type: 'conv2d', filters: '$filters', kernelSize: 3, activation: 'relu' },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'flatten' },
    ],
  },
  enhanced: enhancedTemplate('enhanced'),
  optimized: enhancedTemplate('optimized'),
};

function enhancedTemplate(name: PresetName): ModelTemplate {
  return {
    name,
    params: { filters: 64, hiddenUnits: 128, convDropout: 0.25, denseDropout: 0.5 },
    layers: [
      { type: 'conv2d', filters: '$filters', kernelSize: 3, activation: 'relu' },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'dropout', rate: '$convDropout' },
      { type: 'flatten' },
      { type: 'dense', units: '$hiddenUnits', activation: 'relu' },
      { type: 'dropout', rate: '$denseDropout' },
    ],
  };
}
