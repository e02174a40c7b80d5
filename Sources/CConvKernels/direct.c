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
