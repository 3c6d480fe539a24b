/**
 * Training kernels for the tfjs wasm backend.
 *
 * The stock wasm backend cannot train a CNN at a useful speed: it has no
 * Conv2DBackpropFilter at all, its BatchMatMul falls into a scalar loop whenever an operand
 * is transposed (every matmul gradient), and its MaxPoolGrad and leading-axes Sum (the
 * bias gradient) go through a transpose plus a generic loop. The kernels here replace those
 * four. They work directly on the wasm heap: data are re-laid out in plain JS loops, and
 * every real product goes to the backend's own XNNPACK matmul with no transposes (the path
 * that is fast). Each kernel is checked against the cpu backend in wasm-kernels.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Info = tf.TensorInfo;
type KernelFunc = tf.KernelConfig['kernelFunc'];

interface TensorData {
  memoryOffset: number;
}

/** Names of the kernels this module supplies, for BackendInfo.details. */
export const CUSTOM_WASM_KERNELS = ['Conv2DBackpropFilter', 'BatchMatMul', 'MaxPoolGrad', 'Sum'] as const;

function heap(backend: BackendWasm): Float32Array {
  // Re-read each time: any allocation may grow the wasm memory and detach older views.
  return (backend.wasm as unknown as { HEAPF32: Float32Array }).HEAPF32;
}

function offsetOf(backend: BackendWasm, t: Info): number {
  const data = backend.dataIdMap.get(t.dataId) as TensorData | undefined;
  if (data === undefined) throw new Error('wasm kernel: tensor data not found on the wasm backend');
  return data.memoryOffset >>> 2;
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** dst[c*rows + r] = src[r*cols + c], in cache-sized blocks (measured fastest of a few orders). */
export function transpose2d(h: Float32Array, src: number, dst: number, rows: number, cols: number): void {
  if (rows >= cols) {
    const B = 64;
    for (let r0 = 0; r0 < rows; r0 += B) {
      const r1 = Math.min(rows, r0 + B);
      for (let c = 0; c < cols; c++) {
        let d = dst + c * rows + r0;
        for (let s = src + r0 * cols + c, r = r0; r < r1; r++, s += cols) h[d++] = h[s]!;
      }
    }
    return;
  }
  const B = 16;
  for (let c0 = 0; c0 < cols; c0 += B) {
    const c1 = Math.min(cols, c0 + B);
    for (let r0 = 0; r0 < rows; r0 += B) {
      const r1 = Math.min(rows, r0 + B);
      for (let c = c0; c < c1; c++) {
        let d = dst + c * rows + r0;
        for (let s = src + r0 * cols + c, r = r0; r < r1; r++, s += cols) h[d++] = h[s]!;
      }
    }
  }
}

/** Allocates a [batch, cols, rows] copy of a [batch, rows, cols] tensor. */
function transposed(backend: BackendWasm, t: Info, batch: number, rows: number, cols: number): Info {
  const out = backend.makeOutput([batch, cols, rows], 'float32');
  const h = heap(backend);
  const src = offsetOf(backend, t);
  const dst = offsetOf(backend, out);
  for (let b = 0; b < batch; b++) transpose2d(h, src + b * rows * cols, dst + b * rows * cols, rows, cols);
  return out;
}

const view = (t: Info, shape: number[]): Info => ({ dataId: t.dataId, shape, dtype: t.dtype });

/**
 * Registers the kernels on the 'wasm' backend, replacing the stock ones. Call after the
 * wasm backend is initialised (its stock kernels' setup has run). Idempotent.
 */
let registered = false;
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  const stockMatMul = tf.getKernel('BatchMatMul', 'wasm');
  const stockSum = tf.getKernel('Sum', 'wasm');
  if (stockMatMul === undefined || stockSum === undefined) throw new Error('the wasm backend is not registered');
  const plainMatMul = stockMatMul.kernelFunc;
  const plainSum = stockSum.kernelFunc;

  const matmul = (backend: BackendWasm, a: Info, b: Info): Info =>
    plainMatMul({ inputs: { a, b }, backend, attrs: { transposeA: false, transposeB: false } }) as Info;

  const replace = (kernelName: string, kernelFunc: KernelFunc): void => {
    if (tf.getKernel(kernelName, 'wasm') !== undefined) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  };

  replace('BatchMatMul', (args) => batchMatMul(args.backend as BackendWasm, args.inputs, args.attrs as unknown as tf.BatchMatMulAttrs, plainMatMul, matmul));
  replace('Conv2DBackpropFilter', (args) =>
    conv2DBackpropFilter(args.backend as BackendWasm, args.inputs, args.attrs as unknown as tf.Conv2DBackpropFilterAttrs, matmul),
  );
  replace('MaxPoolGrad', (args) => maxPoolGrad(args.backend as BackendWasm, args.inputs, args.attrs as unknown as tf.MaxPoolGradAttrs));
  replace('Sum', (args) => sum(args.backend as BackendWasm, args.inputs, args.attrs as unknown as tf.SumAttrs, plainSum, args));
  registered = true;
}

function batchMatMul(
  backend: BackendWasm,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.BatchMatMulAttrs,
  plain: KernelFunc,
  matmul: (backend: BackendWasm, a: Info, b: Info) => Info,
): Info {
  const a = inputs['a']!;
  const b = inputs['b']!;
  const { transposeA, transposeB } = attrs;
  if (!transposeA && !transposeB) return plain({ inputs, backend, attrs: attrs as unknown as tf.NamedAttrMap }) as Info;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const batchA = sizeOf(a.shape.slice(0, -2));
  const batchB = sizeOf(b.shape.slice(0, -2));
  if (batchA !== batchB || a.dtype !== 'float32' || b.dtype !== 'float32') {
    // Broadcast batches are not used by training; the stock kernel handles them correctly.
    return plain({ inputs, backend, attrs: attrs as unknown as tf.NamedAttrMap }) as Info;
  }
  const batch = batchA;
  const aRows = a.shape[ra - 2]!;
  const aCols = a.shape[ra - 1]!;
  const bRows = b.shape[rb - 2]!;
  const bCols = b.shape[rb - 1]!;
  const M = transposeA ? aCols : aRows;
  const K = transposeA ? aRows : aCols;
  const N = transposeB ? bRows : bCols;
  const outShape = [...(ra >= rb ? a.shape : b.shape).slice(0, -2), M, N];

  // Either re-pack the transposed operands or compute the transposed product from the
  // other operands and re-pack the result: out = op(A)·op(B)  ⇔  outᵀ = op(B)ᵀ·op(A)ᵀ.
  // Cost = floats copied by our transposes + the right operand, which XNNPACK packs on
  // every call (it is a fresh tensor each training step).
  const costDirect = (transposeA ? M * K : 0) + (transposeB ? K * N : 0) + K * N;
  const costSwapped = (transposeA ? 0 : M * K) + (transposeB ? 0 : K * N) + M * N + K * M;
  const temps: Info[] = [];
  try {
    let out: Info;
    if (costDirect <= costSwapped) {
      const left = transposeA ? transposed(backend, a, batch, aRows, aCols) : view(a, [batch, M, K]);
      if (transposeA) temps.push(left);
      const right = transposeB ? transposed(backend, b, batch, bRows, bCols) : view(b, [batch, K, N]);
      if (transposeB) temps.push(right);
      out = matmul(backend, view(left, [batch, M, K]), view(right, [batch, K, N]));
    } else {
      // outᵀ [N, M] = Bop' [N, K] · Aop' [K, M] where Bop' = op(B)ᵀ and Aop' = op(A)ᵀ.
      const left = transposeB ? view(b, [batch, N, K]) : transposed(backend, b, batch, bRows, bCols);
      if (!transposeB) temps.push(left);
      const right = transposeA ? view(a, [batch, K, M]) : transposed(backend, a, batch, aRows, aCols);
      if (!transposeA) temps.push(right);
      const outT = matmul(backend, view(left, [batch, N, K]), view(right, [batch, K, M]));
      temps.push(outT);
      out = transposed(backend, outT, batch, N, M);
    }
    return { dataId: out.dataId, shape: outShape, dtype: 'float32' };
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}

function conv2DBackpropFilter(
  backend: BackendWasm,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.Conv2DBackpropFilterAttrs,
  matmul: (backend: BackendWasm, a: Info, b: Info) => Info,
): Info {
  const x = inputs['x']!;
  const dy = inputs['dy']!;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter (wasm): only NHWC is supported, got ${dataFormat}`);
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  const K = filterHeight * filterWidth * inChannels;
  const pixels = outHeight * outWidth;
  // Bound the im2col buffer (K × images·pixels floats) by working in chunks of images.
  const maxCols = Math.max(pixels, Math.floor((32 * 1024 * 1024) / Math.max(1, K)));
  const chunk = Math.max(1, Math.min(batchSize, Math.floor(maxCols / pixels)));

  const result = backend.makeOutput(filterShape, 'float32');
  let acc: Float32Array | undefined;
  for (let b0 = 0; b0 < batchSize; b0 += chunk) {
    const nb = Math.min(chunk, batchSize - b0);
    const N = nb * pixels;
    // colsT[k][n]: k = (fh, fw, ci) in filter order, n = (image, oh, ow) in dy order.
    const colsT = backend.makeOutput([K, N], 'float32');
    const h = heap(backend);
    const xo = offsetOf(backend, x);
    const co = offsetOf(backend, colsT);
    for (let fh = 0; fh < filterHeight; fh++) {
      for (let fw = 0; fw < filterWidth; fw++) {
        for (let ci = 0; ci < inChannels; ci++) {
          const row = co + ((fh * filterWidth + fw) * inChannels + ci) * N;
          let n = 0;
          for (let bi = 0; bi < nb; bi++) {
            const xb = xo + (b0 + bi) * inHeight * inWidth * inChannels;
            for (let oh = 0; oh < outHeight; oh++) {
              const ih = oh * strideHeight - padTop + fh;
              if (ih < 0 || ih >= inHeight) {
                h.fill(0, row + n, row + n + outWidth);
                n += outWidth;
                continue;
              }
              const xr = xb + ih * inWidth * inChannels + ci;
              for (let ow = 0; ow < outWidth; ow++, n++) {
                const iw = ow * strideWidth - padLeft + fw;
                h[row + n] = iw >= 0 && iw < inWidth ? h[xr + iw * inChannels]! : 0;
              }
            }
          }
        }
      }
    }
    const dyChunk: Info =
      nb === batchSize
        ? view(dy, [N, outChannels])
        : backend.makeOutput([N, outChannels], 'float32');
    if (nb !== batchSize) {
      const hh = heap(backend);
      const src = offsetOf(backend, dy) + b0 * pixels * outChannels;
      hh.copyWithin(offsetOf(backend, dyChunk), src, src + N * outChannels);
    }
    const part = matmul(backend, view(colsT, [1, K, N]), view(dyChunk, [1, N, outChannels]));
    backend.disposeData(colsT.dataId);
    if (nb !== batchSize) backend.disposeData(dyChunk.dataId);
    const hp = heap(backend);
    const po = offsetOf(backend, part);
    if (acc === undefined) acc = new Float32Array(K * outChannels);
    for (let i = 0; i < acc.length; i++) acc[i]! += hp[po + i]!;
    backend.disposeData(part.dataId);
  }
  heap(backend).set(acc ?? new Float32Array(K * outChannels), offsetOf(backend, result));
  return result;
}

function maxPoolGrad(backend: BackendWasm, inputs: tf.NamedTensorInfoMap, attrs: tf.MaxPoolGradAttrs): Info {
  const dy = inputs['dy']!;
  const x = inputs['input']!;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = tf.backend_util.computePool2DInfo(x.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  const dx = backend.makeOutput(x.shape, 'float32');
  const h = heap(backend);
  const xo = offsetOf(backend, x);
  const dyo = offsetOf(backend, dy);
  const dxo = offsetOf(backend, dx);
  h.fill(0, dxo, dxo + sizeOf(x.shape));
  const best = new Float32Array(C);
  const where = new Int32Array(C);
  // Ties go to the first maximum in row-major window order, as in the cpu backend.
  for (let b = 0; b < batchSize; b++) {
    const xb = xo + b * inHeight * inWidth * C;
    const dxb = dxo + b * inHeight * inWidth * C;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - padTop;
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * strideWidth - padLeft;
        best.fill(-Infinity);
        where.fill(-1);
        for (let fh = 0; fh < filterHeight; fh++) {
          const ih = h0 + fh;
          if (ih < 0 || ih >= inHeight) continue;
          for (let fw = 0; fw < filterWidth; fw++) {
            const iw = w0 + fw;
            if (iw < 0 || iw >= inWidth) continue;
            const p = (ih * inWidth + iw) * C;
            for (let c = 0; c < C; c++) {
              const v = h[xb + p + c]!;
              if (v > best[c]!) {
                best[c] = v;
                where[c] = p + c;
              }
            }
          }
        }
        const dyp = dyo + ((b * outHeight + oh) * outWidth + ow) * C;
        for (let c = 0; c < C; c++) {
          const w = where[c]!;
          if (w >= 0) h[dxb + w]! += h[dyp + c]!;
        }
      }
    }
  }
  return dx;
}

function sum(backend: BackendWasm, inputs: tf.NamedTensorInfoMap, attrs: tf.SumAttrs, plain: KernelFunc, args: Parameters<KernelFunc>[0]): Info {
  const x = inputs['x']!;
  const rank = x.shape.length;
  const axes = tf.util.parseAxisParam(attrs.axis, x.shape).sort((p, q) => p - q);
  const leading = axes.length > 0 && axes.length < rank && axes.every((a, i) => a === i);
  if (!leading || x.dtype !== 'float32') return plain(args) as Info;
  // The bias gradient: sum a [rows, inner] matrix over its rows.
  const rows = sizeOf(x.shape.slice(0, axes.length));
  const inner = sizeOf(x.shape.slice(axes.length));
  const outShape = attrs.keepDims ? x.shape.map((d, i) => (i < axes.length ? 1 : d)) : x.shape.slice(axes.length);
  const out = backend.makeOutput(outShape, 'float32');
  const h = heap(backend);
  const xo = offsetOf(backend, x);
  const acc = new Float64Array(inner);
  for (let r = 0; r < rows; r++) {
    const base = xo + r * inner;
    for (let j = 0; j < inner; j++) acc[j]! += h[base + j]!;
  }
  h.set(acc, offsetOf(backend, out));
  return out;
}
