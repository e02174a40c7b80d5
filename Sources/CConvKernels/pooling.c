// galmorph — CConvKernels: max pooling, forward and backward (see ConvKernels.h for the definitions).
//
// One body per function over the contiguous channel run of an NHWC pixel, compiled per instruction set by
// GM_VARIANTS; comparisons and selects only, plus `0 + dy` and `0·(0 + dy)`, which contraction cannot change.
#include "variants.h"

#pragma clang fp contract(off)

BODY void maxpool_forward_body(
  const float *x, long images, const gm_pool_geometry *g, int rectified, float *y, int *argmax) {
  const long H = g->height, W = g->width, C = g->channels, kh = g->poolHeight, kw = g->poolWidth;
  const long sy = g->strideY, sx = g->strideX, OH = g->outHeight, OW = g->outWidth;
  for (long n = 0; n < images; n++) {
    const float *img = x + n * H * W * C;
    for (long oy = 0; oy < OH; oy++) {
      for (long ox = 0; ox < OW; ox++) {
        const float *base = img + (oy * sy * W + ox * sx) * C;
        float *best = y + ((n * OH + oy) * OW + ox) * C;
        int *idx = argmax + ((n * OH + oy) * OW + ox) * C;
        if (kh == 2 && kw == 2) {  // the common window, held in registers
          const float *p1 = base + C, *p2 = base + W * C, *p3 = base + (W + 1) * C;
#pragma clang loop vectorize(assume_safety)
          for (long c = 0; c < C; c++) {
            float b = base[c];
            int k = 0;
            if (p1[c] > b) { b = p1[c]; k = 1; }  // strictly greater: the first maximum keeps its place
            if (p2[c] > b) { b = p2[c]; k = 2; }
            if (p3[c] > b) { b = p3[c]; k = 3; }
            best[c] = b;
            idx[c] = rectified && !(b > 0) ? ~k : k;
          }
          continue;
        }
#pragma clang loop vectorize(assume_safety)
        for (long c = 0; c < C; c++) {
          best[c] = base[c];
          idx[c] = 0;
        }
        for (long ky = 0; ky < kh; ky++) {
          for (long kx = ky == 0 ? 1 : 0; kx < kw; kx++) {
            const float *p = base + (ky * W + kx) * C;
            const int here = (int)(ky * kw + kx);
#pragma clang loop vectorize(assume_safety)
            for (long c = 0; c < C; c++) {
              const int wins = p[c] > best[c];
              best[c] = wins ? p[c] : best[c];
              idx[c] = wins ? here : idx[c];
            }
          }
        }
        if (rectified) {
#pragma clang loop vectorize(assume_safety)
          for (long c = 0; c < C; c++) idx[c] = best[c] > 0 ? idx[c] : ~idx[c];
        }
      }
    }
  }
}

GM_VARIANTS(
  gm_, maxpool_forward,
  (const float *x, long images, const gm_pool_geometry *g, int rectified, float *y, int *argmax),
  (x, images, g, rectified, y, argmax))

BODY void maxpool_backward_tiled_body(
  const float *dy, const int *argmax, long images, const gm_pool_geometry *g, float *dx) {
  const long H = g->height, W = g->width, C = g->channels, kh = g->poolHeight, kw = g->poolWidth;
  const long OH = g->outHeight, OW = g->outWidth;
  const int covers = OH * kh == H && OW * kw == W;
  for (long n = 0; n < images; n++) {
    float *d = dx + n * H * W * C;
    if (!covers)
      for (long i = 0; i < H * W * C; i++) d[i] = 0;
    for (long oy = 0; oy < OH; oy++) {
      for (long ox = 0; ox < OW; ox++) {
        const long o = ((n * OH + oy) * OW + ox) * C;
        for (long ky = 0; ky < kh; ky++) {
          for (long kx = 0; kx < kw; kx++) {
            float *out = d + ((oy * kh + ky) * W + ox * kw + kx) * C;
            const int here = (int)(ky * kw + kx);
#pragma clang loop vectorize(assume_safety)
            for (long c = 0; c < C; c++) {
              const float v = 0.0f + dy[o + c];
              const int k = argmax[o + c];
              out[c] = k == here ? v : k == ~here ? 0.0f * v : 0.0f;
            }
          }
        }
      }
    }
  }
}

GM_VARIANTS(
  gm_, maxpool_backward_tiled,
  (const float *dy, const int *argmax, long images, const gm_pool_geometry *g, float *dx), (dy, argmax, images, g, dx))
