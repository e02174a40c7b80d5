// galmorph — CConvKernels: direct convolution for few input channels (see ConvKernels.h).
//
// Register blocking: P adjacent output pixels × 32 output channels (two 16-float vectors) accumulate in registers
// while the (ky, kx, c) loop broadcasts one input value per pixel against the two weight vectors. P is 4 in the
// AVX-512 build (8 zmm accumulators) and 2 elsewhere (16 ymm registers in all for AVX2). Contraction is on here: the
// FMA builds fuse every multiply-add; results do not depend on P (each output is its own chain).
#include "ConvKernels.h"

#pragma clang fp contract(fast)

typedef float v16 __attribute__((vector_size(64), aligned(4)));
typedef int i16 __attribute__((vector_size(64), aligned(4)));

#define BODY static inline __attribute__((always_inline))

/// One block of `P` output pixels starting at column `ox0` of row `oy`, output channels [k0, k0 + 32). `np` ≤ P
/// pixels are real; `interior` promises every column read is inside the image (no checks).
BODY void direct_block(
  const float *img, const gm_direct_geometry *g, const float *w, long K, long k0, const float *bias, int relu,
  long oy, long ox0, long np, int interior, float *yrow, const int P) {
  const long H = g->height, W = g->width, C = g->channels, s = g->stride;
  v16 acc[4][2];
  v16 b0 = {0}, b1 = {0};
  if (bias) {
    __builtin_memcpy(&b0, bias + k0, 64);
    __builtin_memcpy(&b1, bias + k0 + 16, 64);
  }
  for (int p = 0; p < P; p++) acc[p][0] = b0, acc[p][1] = b1;
  for (long ky = 0; ky < g->kernelHeight; ky++) {
    const long iy = oy * s + ky - g->padTop;
    if (iy < 0 || iy >= H) continue;
    const float *row = img + iy * W * C;
    for (long kx = 0; kx < g->kernelWidth; kx++) {
      const float *wk = w + (ky * g->kernelWidth + kx) * C * K + k0;
      const long ix0 = ox0 * s + kx - g->padLeft;
      for (long c = 0; c < C; c++) {
        v16 w0, w1;
        __builtin_memcpy(&w0, wk + c * K, 64);
        __builtin_memcpy(&w1, wk + c * K + 16, 64);
        for (int p = 0; p < P; p++) {
          const long ix = ix0 + p * s;
          const float xv = interior ? row[ix * C + c] : (p < np && ix >= 0 && ix < W) ? row[ix * C + c] : 0.0f;
          acc[p][0] += xv * w0;
          acc[p][1] += xv * w1;
        }
      }
    }
  }
  for (int p = 0; p < np; p++) {
    for (int j = 0; j < 2; j++) {
      v16 v = acc[p][j];
      if (relu) v = (v16)((i16)v & ~(v < 0));  // negative → +0, as max(v, 0)
      __builtin_memcpy(yrow + (ox0 + p) * K + k0 + 16 * j, &v, 64);
    }
  }
}

BODY void direct_forward_body(
  const float *x, long images, const gm_direct_geometry *g, const float *w, long K, const float *bias, int relu,
  float *y, const int P) {
  const long Ho = g->outHeight, Wo = g->outWidth, s = g->stride;
  for (long n = 0; n < images; n++) {
    const float *img = x + n * g->height * g->width * g->channels;
    for (long oy = 0; oy < Ho; oy++) {
      float *yrow = y + (n * Ho + oy) * Wo * K;
      long ox0 = 0;
      for (; ox0 + P <= Wo; ox0 += P) {
        const int interior =
          ox0 * s - g->padLeft >= 0 && (ox0 + P - 1) * s + g->kernelWidth - 1 - g->padLeft < g->width;
        for (long k0 = 0; k0 < K; k0 += 32) {
          if (interior)
            direct_block(img, g, w, K, k0, bias, relu, oy, ox0, P, 1, yrow, P);
          else
            direct_block(img, g, w, K, k0, bias, relu, oy, ox0, P, 0, yrow, P);
        }
      }
      for (; ox0 < Wo; ox0++)  // the row's last Wo mod P pixels, one at a time
        for (long k0 = 0; k0 < K; k0 += 32) direct_block(img, g, w, K, k0, bias, relu, oy, ox0, 1, 0, yrow, 1);
    }
  }
}

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma"))) static void direct_forward_avx512(
  const float *x, long images, const gm_direct_geometry *g, const float *w, long K, const float *bias, int relu,
  float *y) {
  direct_forward_body(x, images, g, w, K, bias, relu, y, 4);
}
__attribute__((target("avx2,fma"))) static void direct_forward_avx2(
  const float *x, long images, const gm_direct_geometry *g, const float *w, long K, const float *bias, int relu,
  float *y) {
  direct_forward_body(x, images, g, w, K, bias, relu, y, 2);
}
#endif

void gm_direct_conv_forward(
  const float *x, long images, const gm_direct_geometry *g, const float *w, long filters, const float *bias, int relu,
  float *y, int isa) {
#if defined(__x86_64__)
  switch (isa < 0 ? gm_kernel_isa() : isa) {
  case GM_ISA_AVX512: direct_forward_avx512(x, images, g, w, filters, bias, relu, y); return;
  case GM_ISA_AVX2: direct_forward_avx2(x, images, g, w, filters, bias, relu, y); return;
  default: break;
  }
#else
  (void)isa;
#endif
  direct_forward_body(x, images, g, w, filters, bias, relu, y, 2);
}

// MARK: - Weight gradient

/// Accumulators for kernel columns [kx0, kx0 + KXB) of row ky, all C channels, output channels [k0, k0 + 16): one
/// pass over every output pixel, each loading one dY vector and broadcasting KXB·C input values against it.
BODY void direct_wgrad_block(
  const float *x, const float *dy, long images, const gm_direct_geometry *g, long K, long k0, long ky, long kx0,
  int accumulate, float *dw, const int C, const int KXB) {
  const long H = g->height, W = g->width, Ho = g->outHeight, Wo = g->outWidth, s = g->stride;
  const int nkx = g->kernelWidth - kx0 < KXB ? (int)(g->kernelWidth - kx0) : KXB;
  v16 acc[KXB][C];
  for (int a = 0; a < KXB; a++)
    for (int c = 0; c < C; c++) acc[a][c] = (v16){0};
  for (long n = 0; n < images; n++) {
    const float *img = x + n * H * W * C;
    for (long oy = 0; oy < Ho; oy++) {
      const long iy = oy * s + ky - g->padTop;
      if (iy < 0 || iy >= H) continue;
      const float *row = img + iy * W * C;
      const float *dyrow = dy + ((n * Ho + oy) * Wo) * K + k0;
      for (long ox = 0; ox < Wo; ox++) {
        v16 d;
        __builtin_memcpy(&d, dyrow + ox * K, 64);
        const long ix0 = ox * s + kx0 - g->padLeft;
        for (int a = 0; a < KXB; a++) {
          const long ix = ix0 + a;
          if (a >= nkx || ix < 0 || ix >= W) continue;
          for (int c = 0; c < C; c++) acc[a][c] += row[ix * C + c] * d;
        }
      }
    }
  }
  for (int a = 0; a < nkx; a++) {
    for (int c = 0; c < C; c++) {
      float *o = dw + ((ky * g->kernelWidth + kx0 + a) * C + c) * K + k0;
      v16 v = acc[a][c];
      if (accumulate) {
        v16 old;
        __builtin_memcpy(&old, o, 64);
        v = old + v;
      }
      __builtin_memcpy(o, &v, 64);
    }
  }
}

/// `budget` accumulator vectors fit the build's registers: KXB = budget / C kernel columns per pass.
BODY void direct_wgrad_body(
  const float *x, const float *dy, long images, const gm_direct_geometry *g, long K, int accumulate, float *dw,
  const int C, const int budget) {
  const int KXB = budget / C > 0 ? budget / C : 1;
  for (long k0 = 0; k0 < K; k0 += 16)
    for (long ky = 0; ky < g->kernelHeight; ky++)
      for (long kx0 = 0; kx0 < g->kernelWidth; kx0 += KXB)
        direct_wgrad_block(x, dy, images, g, K, k0, ky, kx0, accumulate, dw, C, KXB);
}

/// Dispatch on the channel count (a compile-time constant inside, so the accumulators stay in registers).
#define WGRAD_CHANNELS(budget)                                                                                       \
  switch (g->channels) {                                                                                             \
  case 1: direct_wgrad_body(x, dy, images, g, K, accumulate, dw, 1, budget); break;                                  \
  case 2: direct_wgrad_body(x, dy, images, g, K, accumulate, dw, 2, budget); break;                                  \
  case 3: direct_wgrad_body(x, dy, images, g, K, accumulate, dw, 3, budget); break;                                  \
  default: direct_wgrad_body(x, dy, images, g, K, accumulate, dw, 4, budget); break;                                 \
  }

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma"))) static void direct_wgrad_avx512(
  const float *x, const float *dy, long images, const gm_direct_geometry *g, long K, int accumulate, float *dw) {
  WGRAD_CHANNELS(15)  // ≤ 15 zmm accumulators (5 kernel columns × 3 channels)
}
__attribute__((target("avx2,fma"))) static void direct_wgrad_avx2(
  const float *x, const float *dy, long images, const gm_direct_geometry *g, long K, int accumulate, float *dw) {
  WGRAD_CHANNELS(6)  // ≤ 12 ymm accumulators
}
#endif

void gm_direct_conv_weight_gradient(
  const float *x, const float *dy, long images, const gm_direct_geometry *g, long K, int accumulate, float *dw,
  int isa) {
#if defined(__x86_64__)
  switch (isa < 0 ? gm_kernel_isa() : isa) {
  case GM_ISA_AVX512: direct_wgrad_avx512(x, dy, images, g, K, accumulate, dw); return;
  case GM_ISA_AVX2: direct_wgrad_avx2(x, dy, images, g, K, accumulate, dw); return;
  default: break;
  }
#else
  (void)isa;
#endif
  WGRAD_CHANNELS(6)
}
