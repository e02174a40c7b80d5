// galmorph — CConvKernels: Winograd F(4×4, 3×3) transforms (see ConvKernels.h for the formulas and layouts).
//
// Each body is an always-inline function over the channel dimension (contiguous in NHWC, so the loops vectorise);
// GM_VARIANTS compiles it once per instruction set and dispatches on gm_kernel_isa(). Contraction is off, so no
// variant fuses a multiply and an add the others do not: the three agree bit for bit.
//
// Matrices (Lavin & Gray 2016, interpolation points 0, ±1, ±2, ∞), applied by the 1-D helpers below with the
// operation order written there:
//   Bᵀ = [4 0 −5 0 1 0; 0 −4 −4 1 1 0; 0 4 −4 −1 1 0; 0 −2 −1 2 1 0; 0 2 −1 −2 1 0; 0 4 0 −5 0 1]
//   G  = [1/4 0 0; −1/6 −1/6 −1/6; −1/6 1/6 −1/6; 1/24 1/12 1/6; 1/24 −1/12 1/6; 0 0 1]
//   Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1]
#include "variants.h"

#include <stdlib.h>

#pragma clang fp contract(off)

/// Fixed-length loops are unrolled in full, so the channel loop around them is the one that vectorises.
#define UNROLL _Pragma("clang loop unroll(full)")

/// Output tile edge, input tile edge (TILE + 2), and transform-domain products per tile (ALPHA²).
enum { TILE = 4, ALPHA = 6, XI = 36 };

/// Tiles per image row and column.
BODY long tiles_y(const gm_wino_geometry *g) { return (g->outHeight + TILE - 1) / TILE; }
BODY long tiles_x(const gm_wino_geometry *g) { return (g->outWidth + TILE - 1) / TILE; }

// MARK: - 1-D transforms

/// b = Bᵀ d.
BODY void bt6(const float d[6], float b[6]) {
  b[0] = (4.0f * d[0] - 5.0f * d[2]) + d[4];
  b[1] = (d[3] + d[4]) - 4.0f * (d[1] + d[2]);
  b[2] = (d[4] - d[3]) + 4.0f * (d[1] - d[2]);
  b[3] = (d[4] - d[2]) + 2.0f * (d[3] - d[1]);
  b[4] = (d[4] - d[2]) - 2.0f * (d[3] - d[1]);
  b[5] = (4.0f * d[1] - 5.0f * d[3]) + d[5];
}

/// y = Aᵀ m.
BODY void at6(const float m[6], float y[4]) {
  const float s12 = m[1] + m[2], d12 = m[1] - m[2], s34 = m[3] + m[4], d34 = m[3] - m[4];
  y[0] = (m[0] + s12) + s34;
  y[1] = d12 + 2.0f * d34;
  y[2] = s12 + 4.0f * s34;
  y[3] = (d12 + 8.0f * d34) + m[5];
}

/// u = G g.
BODY void g3(const float g[3], float u[6]) {
  const float s02 = g[0] + g[2], a = g[0] * (1.0f / 24.0f) + g[2] * (1.0f / 6.0f), b = g[1] * (1.0f / 12.0f);
  u[0] = g[0] * 0.25f;
  u[1] = (s02 + g[1]) * (-1.0f / 6.0f);
  u[2] = (s02 - g[1]) * (-1.0f / 6.0f);
  u[3] = a + b;
  u[4] = a - b;
  u[5] = g[2];
}

/// r = A e (the transpose of ``at6``).
BODY void a4(const float e[4], float r[6]) {
  const float s02 = e[0] + e[2], s13 = e[1] + e[3], p = e[0] + 4.0f * e[2], q = 2.0f * e[1] + 8.0f * e[3];
  r[0] = e[0];
  r[1] = s02 + s13;
  r[2] = s02 - s13;
  r[3] = p + q;
  r[4] = p - q;
  r[5] = e[3];
}

/// f = Gᵀ d (the transpose of ``g3``).
BODY void gt6(const float d[6], float f[3]) {
  const float s12 = d[1] + d[2], s34 = d[3] + d[4];
  f[0] = (d[0] * 0.25f - s12 * (1.0f / 6.0f)) + s34 * (1.0f / 24.0f);
  f[1] = (d[2] - d[1]) * (1.0f / 6.0f) + (d[3] - d[4]) * (1.0f / 12.0f);
  f[2] = (s34 - s12) * (1.0f / 6.0f) + d[5];
}

/// `out` (m×m, row-major) = T d Tᵀ for `d` (n×n, row-major), where T (m×n) is what the 1-D transform `f` (n values
/// → m values) applies: first to every column of `d`, then to every row of the result. All five transforms are this
/// with their own `f`, so they share one order of operations.
#define SEPARABLE(f, n, m, d, out)                                                                                   \
  do {                                                                                                               \
    float t_[(m) * (n)];                                                                                             \
    UNROLL for (int s_ = 0; s_ < (n); s_++) {                                                                        \
      float c_[n], o_[m];                                                                                            \
      UNROLL for (int r_ = 0; r_ < (n); r_++) c_[r_] = (d)[(n) * r_ + s_];                                           \
      f(c_, o_);                                                                                                     \
      UNROLL for (int r_ = 0; r_ < (m); r_++) t_[(n) * r_ + s_] = o_[r_];                                            \
    }                                                                                                                \
    UNROLL for (int r_ = 0; r_ < (m); r_++) f(t_ + (n) * r_, (out) + (m) * r_);                                      \
  } while (0)

// MARK: - V = Bᵀ d B

BODY void input_transform_body(
  const float *x, long images, const gm_wino_geometry *g, const float *zeros, float *v, long ld) {
  const long H = g->height, W = g->width, C = g->channels, th = tiles_y(g), tw = tiles_x(g);
  long t = 0;
  for (long n = 0; n < images; n++) {
    const float *img = x + n * H * W * C;
    for (long ty = 0; ty < th; ty++) {
      for (long tx = 0; tx < tw; tx++, t++) {
        const float *p[XI];
        UNROLL
        for (int r = 0; r < ALPHA; r++) {
          const long iy = TILE * ty - g->padTop + r;
          UNROLL
          for (int s = 0; s < ALPHA; s++) {
            const long ix = TILE * tx - g->padLeft + s;
            p[ALPHA * r + s] = (iy >= 0 && iy < H && ix >= 0 && ix < W) ? img + (iy * W + ix) * C : zeros;
          }
        }
        float *o = v + t * C;
#pragma clang loop vectorize(assume_safety)
        for (long c = 0; c < C; c++) {
          float d[XI], b[XI];
          UNROLL
          for (int i = 0; i < XI; i++) d[i] = p[i][c];
          SEPARABLE(bt6, ALPHA, ALPHA, d, b);
          UNROLL
          for (int i = 0; i < XI; i++) o[i * ld + c] = b[i];
        }
      }
    }
  }
}
GM_VARIANTS(
  gm_wino_, input_transform,
  (const float *x, long images, const gm_wino_geometry *g, const float *zeros, float *v, long ld),
  (x, images, g, zeros, v, ld))

// MARK: - Y = Aᵀ M A

/// The 4×4 output of one tile's channel k, row-major in `y`.
BODY void output_tile(const float *m, long ld, long k, float y[TILE * TILE]) {
  float d[XI];
  UNROLL
  for (int i = 0; i < XI; i++) d[i] = m[i * ld + k];
  SEPARABLE(at6, ALPHA, TILE, d, y);
}

BODY float bias_relu(float y, const float *bias, long k, int relu) {
  if (bias) y = y + bias[k];
  return relu && y < 0 ? 0 : y;
}

BODY void output_transform_body(
  const float *m, long images, const gm_wino_geometry *g, long K, const float *bias, int relu, float *y, long ld,
  long ts) {
  const long Ho = g->outHeight, Wo = g->outWidth, th = tiles_y(g), tw = tiles_x(g);
  // Edge tiles write their outside positions to `sink`, so every tile takes the same vectorised loop.
  float local[1024];
  float *sink = K <= 1024 ? local : malloc(sizeof(float) * (size_t)K);
  long t = 0;
  for (long n = 0; n < images; n++) {
    float *img = y + n * Ho * Wo * K;
    for (long ty = 0; ty < th; ty++) {
      for (long tx = 0; tx < tw; tx++, t++) {
        const float *mt = m + t * ts;
        float *q[TILE * TILE];
        UNROLL
        for (int i = 0; i < TILE * TILE; i++) {
          const long oy = TILE * ty + i / TILE, ox = TILE * tx + i % TILE;
          q[i] = oy < Ho && ox < Wo ? img + (oy * Wo + ox) * K : sink;
        }
#pragma clang loop vectorize(assume_safety)
        for (long k = 0; k < K; k++) {
          float o[TILE * TILE];
          output_tile(mt, ld, k, o);
          UNROLL
          for (int i = 0; i < TILE * TILE; i++) q[i][k] = bias_relu(o[i], bias, k, relu);
        }
      }
    }
  }
  if (sink != local) free(sink);
}
GM_VARIANTS(
  gm_wino_, output_transform,
  (const float *m, long images, const gm_wino_geometry *g, long filters, const float *bias, int relu, float *y,
   long ld, long tileStride),
  (m, images, g, filters, bias, relu, y, ld, tileStride))

// MARK: - U = G g Gᵀ

/// U = G g Gᵀ of one (ci, co) pair: `gk` the 9 taps in (ky, kx) order, `o[ξ]` the 36 outputs, `o` `stride` apart.
BODY void kernel_tile(const float gk[9], float *o, long stride) {
  float u[XI];
  SEPARABLE(g3, 3, ALPHA, gk, u);
  UNROLL
  for (int i = 0; i < XI; i++) o[i * stride] = u[i];
}

/// Block edge of the flipped, transposed kernel transform: 16 input × 16 output channels at a time go through a
/// local [ξ][ci][co] block (36 KiB), so the transposed stores are contiguous runs instead of scattered lanes.
enum { KT_BLOCK = 16 };

BODY void kernel_transform_body(const float *w, long cin, long cout, int flipTranspose, float *u) {
  const long plane = cin * cout;
  if (!flipTranspose) {
    for (long ci = 0; ci < cin; ci++) {
#pragma clang loop vectorize(assume_safety)
      for (long co = 0; co < cout; co++) {
        float gk[9];
        UNROLL
        for (int i = 0; i < 9; i++) gk[i] = w[i * plane + ci * cout + co];
        kernel_tile(gk, u + ci * cout + co, plane);
      }
    }
    return;
  }
  // g′[ky][kx][co][ci] = g[2−ky][2−kx][ci][co]; U_ξ is [cout][cin]. Same arithmetic per element, stored transposed.
  float blk[XI * KT_BLOCK * KT_BLOCK];
  for (long ci0 = 0; ci0 < cin; ci0 += KT_BLOCK) {
    const long nci = cin - ci0 < KT_BLOCK ? cin - ci0 : KT_BLOCK;
    for (long co0 = 0; co0 < cout; co0 += KT_BLOCK) {
      const long nco = cout - co0 < KT_BLOCK ? cout - co0 : KT_BLOCK;
      for (long i = 0; i < nci; i++) {
        const float *src = w + (ci0 + i) * cout + co0;
#pragma clang loop vectorize(assume_safety)
        for (long j = 0; j < nco; j++) {
          float gk[9];
          UNROLL
          for (int k = 0; k < 9; k++) gk[k] = src[(8 - k) * plane + j];
          kernel_tile(gk, blk + i * KT_BLOCK + j, KT_BLOCK * KT_BLOCK);
        }
      }
      for (int xi = 0; xi < XI; xi++)
        for (long j = 0; j < nco; j++)
          for (long i = 0; i < nci; i++)
            u[xi * plane + (co0 + j) * cin + ci0 + i] = blk[xi * KT_BLOCK * KT_BLOCK + i * KT_BLOCK + j];
    }
  }
}
GM_VARIANTS(
  gm_wino_, kernel_transform, (const float *w, long cin, long cout, int flipTranspose, float *u),
  (w, cin, cout, flipTranspose, u))

// MARK: - Ŷ = A dY Aᵀ

BODY void output_gradient_transform_body(
  const float *dy, long images, const gm_wino_geometry *g, long K, const float *zeros, float *dyhat, long ld) {
  const long Ho = g->outHeight, Wo = g->outWidth, th = tiles_y(g), tw = tiles_x(g);
  long t = 0;
  for (long n = 0; n < images; n++) {
    const float *img = dy + n * Ho * Wo * K;
    for (long ty = 0; ty < th; ty++) {
      for (long tx = 0; tx < tw; tx++, t++) {
        const float *p[TILE * TILE];
        UNROLL
        for (int i = 0; i < TILE * TILE; i++) {
          const long oy = TILE * ty + i / TILE, ox = TILE * tx + i % TILE;
          p[i] = oy < Ho && ox < Wo ? img + (oy * Wo + ox) * K : zeros;
        }
        float *o = dyhat + t * K;
#pragma clang loop vectorize(assume_safety)
        for (long k = 0; k < K; k++) {
          float d[TILE * TILE], e[XI];
          UNROLL
          for (int i = 0; i < TILE * TILE; i++) d[i] = p[i][k];
          SEPARABLE(a4, TILE, ALPHA, d, e);
          UNROLL
          for (int i = 0; i < XI; i++) o[i * ld + k] = e[i];
        }
      }
    }
  }
}
GM_VARIANTS(
  gm_wino_, output_gradient_transform,
  (const float *dy, long images, const gm_wino_geometry *g, long filters, const float *zeros, float *dyhat, long ld),
  (dy, images, g, filters, zeros, dyhat, ld))

// MARK: - dg = Gᵀ dU G

BODY void kernel_gradient_transform_body(const float *du, long cin, long cout, float *dw) {
  const long plane = cin * cout;
#pragma clang loop vectorize(assume_safety)
  for (long at = 0; at < plane; at++) {
    float d[XI], g[9];
    UNROLL
    for (int i = 0; i < XI; i++) d[i] = du[i * plane + at];
    SEPARABLE(gt6, ALPHA, 3, d, g);
    UNROLL
    for (int i = 0; i < 9; i++) dw[i * plane + at] = g[i];
  }
}
GM_VARIANTS(
  gm_wino_, kernel_gradient_transform, (const float *du, long cin, long cout, float *dw), (du, cin, cout, dw))
