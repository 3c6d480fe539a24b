/**
 * Data augmentation of a training batch on the host, the same on every backend: each image is
 * moved by a random affine map (shift, rotation about the centre, zoom) drawn from a seeded
 * stream, sampled bilinearly, with 0 (the background of MNIST-like data) outside the image.
 * Only the training batches are augmented; validation and test images never are.
 */
import type { ResolvedTrainOptions } from '@trialgrid/contracts';
import type { Rng } from './rng.js';

export type AugmentOptions = Pick<ResolvedTrainOptions, 'augmentShift' | 'augmentRotation' | 'augmentZoom'>;

/** Whether the options change any image. */
export function augments(o: AugmentOptions): boolean {
  return o.augmentShift > 0 || o.augmentRotation > 0 || o.augmentZoom > 0;
}

/**
 * Augments `count` images of shape [h, w, c] (channels last) in `images`, in place. Per image:
 * integer shifts dx, dy uniform in −augmentShift..augmentShift pixels, an angle uniform in
 * ±augmentRotation degrees, a scale uniform in [1 − augmentZoom, 1 + augmentZoom]. A pure shift
 * moves pixels exactly; rotation or zoom samples the inverse map bilinearly.
 */
export function augmentBatch(images: Float32Array, count: number, shape: readonly [number, number, number], o: AugmentOptions, rng: Rng): void {
  const [h, w, c] = shape;
  const px = h * w * c;
  const src = new Float32Array(px);
  const cy = (h - 1) / 2;
  const cx = (w - 1) / 2;
  for (let n = 0; n < count; n++) {
    const dx = o.augmentShift > 0 ? Math.floor(rng() * (2 * o.augmentShift + 1)) - o.augmentShift : 0;
    const dy = o.augmentShift > 0 ? Math.floor(rng() * (2 * o.augmentShift + 1)) - o.augmentShift : 0;
    const angle = o.augmentRotation > 0 ? ((rng() * 2 - 1) * o.augmentRotation * Math.PI) / 180 : 0;
    const scale = o.augmentZoom > 0 ? 1 + (rng() * 2 - 1) * o.augmentZoom : 1;
    if (dx === 0 && dy === 0 && angle === 0 && scale === 1) continue;
    const img = images.subarray(n * px, (n + 1) * px);
    src.set(img);
    if (angle === 0 && scale === 1) {
      for (let y = 0; y < h; y++) {
        const sy = y - dy;
        for (let x = 0; x < w; x++) {
          const sx = x - dx;
          const at = (y * w + x) * c;
          if (sy < 0 || sy >= h || sx < 0 || sx >= w) for (let k = 0; k < c; k++) img[at + k] = 0;
          else for (let k = 0; k < c; k++) img[at + k] = src[(sy * w + sx) * c + k]!;
        }
      }
      continue;
    }
    // Output pixel (x, y) takes the source at the inverse map: rotate by −angle, scale by 1/scale, about the centre, then unshift.
    const cos = Math.cos(angle) / scale;
    const sin = Math.sin(angle) / scale;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const ux = x - dx - cx;
        const uy = y - dy - cy;
        const sx = cos * ux + sin * uy + cx;
        const sy = -sin * ux + cos * uy + cy;
        const x0 = Math.floor(sx);
        const y0 = Math.floor(sy);
        const fx = sx - x0;
        const fy = sy - y0;
        const at = (y * w + x) * c;
        for (let k = 0; k < c; k++) {
          const p = (yy: number, xx: number) => (yy < 0 || yy >= h || xx < 0 || xx >= w ? 0 : src[(yy * w + xx) * c + k]!);
          img[at + k] = (1 - fy) * ((1 - fx) * p(y0, x0) + fx * p(y0, x0 + 1)) + fy * ((1 - fx) * p(y0 + 1, x0) + fx * p(y0 + 1, x0 + 1));
        }
      }
    }
  }
}
