/**
 * Full-data accuracy of the three documented runs (60k MNIST, 5 epochs each, the seed's
 * hyperparameters). Prints per-epoch metrics and one JSON line per run.
 *
 *   npm run bench:accuracy -w @trialgrid/ml [-- --data DIR --runs run_1_baseline,... --epochs N --seed N]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { initBackend } from '../backend.js';
import { loadDataset } from '../dataset.js';
import { presetSpec, PRESET_RUNS } from '../spec.js';
import { train } from '../train.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(here, '..', '..', '..', '..', '..', 'shared', 'datasets', 'mnist') },
    runs: { type: 'string' },
    epochs: { type: 'string' },
    seed: { type: 'string' },
  },
});

const backend = await initBackend('auto');
const data = await loadDataset({ dir: args.data });
console.log(`backend ${backend.name}; ${data.trainLabels.length} training / ${data.testLabels.length} test images`);
const wanted = args.runs?.split(',');
for (const run of PRESET_RUNS.filter((r) => wanted === undefined || wanted.includes(r.name))) {
  const params = {
    ...run.params,
    ...(args.epochs === undefined ? {} : { epochs: Number(args.epochs) }),
    ...(args.seed === undefined ? {} : { seed: Number(args.seed) }),
  };
  const { result, model } = await train({
    spec: presetSpec(run.preset),
    params,
    data,
    onEpoch: (m) =>
      console.log(
        `${run.name} epoch ${m.epoch + 1}/${params.epochs}: loss ${m.train_loss.toFixed(4)} acc ${m.train_accuracy.toFixed(4)} ` +
          `val_loss ${m.val_loss.toFixed(4)} val_acc ${m.val_accuracy.toFixed(4)} (${m.seconds.toFixed(0)} s, ${m.imagesPerSecond.toFixed(0)} img/s)`,
      ),
  });
  model.dispose();
  console.log(
    JSON.stringify({
      bench: 'accuracy',
      run: run.name,
      backend: backend.name,
      epochs: params.epochs,
      seed: params.seed,
      test_accuracy: result.test_accuracy,
      test_loss: result.test_loss,
      final_val_accuracy: result.epochs[result.epochs.length - 1]?.val_accuracy ?? null,
      trainingSeconds: Math.round(result.trainingSeconds),
      imagesPerSecond: Math.round(result.imagesPerSecond),
      paramCount: result.paramCount,
      perClassAccuracy: result.perClassAccuracy.map((a) => Number(a.toFixed(4))),
    }),
  );
}
