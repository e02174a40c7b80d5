// galmorph — CConvKernels: Winograd F(2×2, 3×3) transforms (see ConvKernels.h for the formulas and layouts).
//
// Each body is an always-inline function over the channel dimension (contiguous in NHWC, so the loops vectorise);
// GM_VARIANTS compiles it once per instruction set and dispatches on gm_kernel_isa(). Contraction is off, so no
// variant fuses a multiply and an add the others do not: the three agree bit for bit.
#include "variants.h"

#pragma clang fp contract(off)

/// Tiles per image row and column.
BODY long tiles_y(const gm_wino_geometry *g) { return (g->outHeight + 1) / 2; }
BODY long tiles_x(const gm_wino_geometry *g) { return (g->outWidth + 1) / 2; }

// MARK: - V = Bᵀ d B

BODY void input_transform_body(
  const float *x, long images, const gm_wino_geometry *g, const float *zeros, float *v, long ld) {
  const long H = g->height, W = g->width, C = g->channels, th = tiles_y(g), tw = tiles_x(g);
  long t = 0;
  for (long n = 0; n < images; n++) {
    const float *img = x + n * H * W * C;
    for (long ty = 0; ty < th; ty++) {
      for (long tx = 0; tx < tw; tx++, t++) {
        const float *p[16];
        for (int r = 0; r < 4; r++) {
          const long iy = 2 * ty - g->padTop + r;
          for (int s = 0; s < 4; s++) {
            const long ix = 2 * tx - g->padLeft + s;
            p[4 * r + s] = (iy >= 0 && iy < H && ix >= 0 && ix < W) ? img + (iy * W + ix) * C : zeros;
          }
        }
        float *o = v + t * C;
#pragma clang loop vectorize(assume_safety)
        for (long c = 0; c < C; c++) {
          float d[16], b[16];
          for (int i = 0; i < 16; i++) d[i] = p[i][c];
          for (int s = 0; s < 4; s++) {  // Bᵀ d
            b[s] = d[s] - d[8 + s];
            b[4 + s] = d[4 + s] + d[8 + s];
            b[8 + s] = d[8 + s] - d[4 + s];
            b[12 + s] = d[4 + s] - d[12 + s];
          }
          for (int i = 0; i < 4; i++) {  // (Bᵀ d) B
            o[(4 * i + 0) * ld + c] = b[4 * i] - b[4 * i + 2];
            o[(4 * i + 1) * ld + c] = b[4 * i + 1] + b[4 * i + 2];
            o[(4 * i + 2) * ld + c] = b[4 * i + 2] - b[4 * i + 1];
            o[(4 * i + 3) * ld + c] = b[4 * i + 1] - b[4 * i + 3];
          }
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

/// The 2×2 output of one tile's channel k: `y[0..3]` = (0,0), (0,1), (1,0), (1,1).
BODY void output_tile(const float *m, long ld, long k, float y[4]) {
  float a[8];
  for (int j = 0; j < 4; j++) {  // Aᵀ M
    const float m0 = m[j * ld + k], m1 = m[(4 + j) * ld + k], m2 = m[(8 + j) * ld + k], m3 = m[(12 + j) * ld + k];
    a[j] = m0 + m1 + m2;
    a[4 + j] = m1 - m2 - m3;
  }
  for (int i = 0; i < 2; i++) {  // (Aᵀ M) A
    y[2 * i] = a[4 * i] + a[4 * i + 1] + a[4 * i + 2];
    y[2 * i + 1] = a[4 * i + 1] - a[4 * i + 2] - a[4 * i + 3];
  }
}

BODY float bias_relu(float y, const float *bias, long k, int relu) {
  if (bias) y = y + bias[k];
  return relu && y < 0 ? 0 : y;
}

BODY void output_transform_body(
  const float *m, long images, const gm_wino_geometry *g, long K, const float *bias, int relu, float *y, long ld,
  long ts) {
  const long Ho = g->outHeight, Wo = g->outWidth, th = tiles_y(g), tw = tiles_x(g);
  long t = 0;
  for (long n = 0; n < images; n++) {
    float *img = y + n * Ho * Wo * K;
    for (long ty = 0; ty < th; ty++) {
      for (long tx = 0; tx < tw; tx++, t++) {
        const float *mt = m + t * ts;
        float *q[4];
        int inside[4], full = 1;
        for (int i = 0; i < 4; i++) {
          const long oy = 2 * ty + i / 2, ox = 2 * tx + i % 2;
          inside[i] = oy < Ho && ox < Wo;
          full &= inside[i];
          q[i] = img + (oy * Wo + ox) * K;
        }
        if (full) {
#pragma clang loop vectorize(assume_safety)
          for (long k = 0; k < K; k++) {
            float o[4];
            output_tile(mt, ld, k, o);
            for (int i = 0; i < 4; i++) q[i][k] = bias_relu(o[i], bias, k, relu);
          }
        } else {
          for (long k = 0; k < K; k++) {
            float o[4];
            output_tile(mt, ld, k, o);
            for (int i = 0; i < 4; i++)
              if (inside[i]) q[i][k] = bias_relu(o[i], bias, k, relu);
          }
        }
      }
    }
  }
}
GM_VARIANTS(
  gm_wino_, output_transform,
  (const float *m, long images, const gm_wino_geometry *g, long filters, const float *bias, int relu, float *y,
   long ld, long tileStride),
  (m, images, g, filters, bias, relu, y, ld, tileStride))

// MARK: - U = G g Gᵀ

/// U = G g Gᵀ of one (ci, co) pair: `gk` the 9 taps in (ky, kx) order, `o[ξ]` the 16 outputs, `o` `stride` apart.
BODY void kernel_tile(const float gk[9], float *o, long stride) {
  float a[12];
  for (int j = 0; j < 3; j++) {  // G g
    a[j] = gk[j];
    a[3 + j] = (gk[j] + gk[3 + j] + gk[6 + j]) * 0.5f;
    a[6 + j] = (gk[j] - gk[3 + j] + gk[6 + j]) * 0.5f;
    a[9 + j] = gk[6 + j];
  }
  for (int i = 0; i < 4; i++) {  // (G g) Gᵀ
    o[(4 * i + 0) * stride] = a[3 * i];
    o[(4 * i + 1) * stride] = (a[3 * i] + a[3 * i + 1] + a[3 * i + 2]) * 0.5f;
    o[(4 * i + 2) * stride] = (a[3 * i] - a[3 * i + 1] + a[3 * i + 2]) * 0.5f;
    o[(4 * i + 3) * stride] = a[3 * i + 2];
  }
}

/// Block edge of the flipped, transposed kernel transform: 16 input × 16 output channels at a time go through a
/// local [ξ][ci][co] block (16 KiB), so the transposed stores are contiguous runs instead of scattered lanes.
enum { KT_BLOCK = 16 };

BODY void kernel_transform_body(const float *w, long cin, long cout, int flipTranspose, float *u) {
  const long plane = cin * cout;
  if (!flipTranspose) {
    for (long ci = 0; ci < cin; ci++) {
#pragma clang loop vectorize(assume_safety)
      for (long co = 0; co < cout; co++) {
        float gk[9];
        for (int i = 0; i < 9; i++) gk[i] = w[i * plane + ci * cout + co];
        kernel_tile(gk, u + ci * cout + co, plane);
      }
    }
    return;
  }
  // g′[ky][kx][co][ci] = g[2−ky][2−kx][ci][co]; U_ξ is [cout][cin]. Same arithmetic per element, stored transposed.
  float blk[16 * KT_BLOCK * KT_BLOCK];
  for (long ci0 = 0; ci0 < cin; ci0 += KT_BLOCK) {
    const long nci = cin - ci0 < KT_BLOCK ? cin - ci0 : KT_BLOCK;
    for (long co0 = 0; co0 < cout; co0 += KT_BLOCK) {
      const long nco = cout - co0 < KT_BLOCK ? cout - co0 : KT_BLOCK;
      for (long i = 0; i < nci; i++) {
        const float *src = w + (ci0 + i) * cout + co0;
#pragma clang loop vectorize(assume_safety)
        for (long j = 0; j < nco; j++) {
          float gk[9];
          for (int k = 0; k < 9; k++) gk[k] = src[(8 - k) * plane + j];
          kernel_tile(gk, blk + i * KT_BLOCK + j, KT_BLOCK * KT_BLOCK);
        }
      }
      for (int xi = 0; xi < 16; xi++)
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
        const float *p[4];
        for (int i = 0; i < 4; i++) {
          const long oy = 2 * ty + i / 2, ox = 2 * tx + i % 2;
          p[i] = oy < Ho && ox < Wo ? img + (oy * Wo + ox) * K : zeros;
        }
        float *o = dyhat + t * K;
#pragma clang loop vectorize(assume_safety)
        for (long k = 0; k < K; k++) {
          const float d00 = p[0][k], d01 = p[1][k], d10 = p[2][k], d11 = p[3][k];
          float e[8];  // A dY: rows (d0, d0 + d1, d0 − d1, −d1) per column
          e[0] = d00, e[1] = d01;
          e[2] = d00 + d10, e[3] = d01 + d11;
          e[4] = d00 - d10, e[5] = d01 - d11;
          e[6] = -d10, e[7] = -d11;
          for (int i = 0; i < 4; i++) {  // (A dY) Aᵀ
            o[(4 * i + 0) * ld + k] = e[2 * i];
            o[(4 * i + 1) * ld + k] = e[2 * i] + e[2 * i + 1];
            o[(4 * i + 2) * ld + k] = e[2 * i] - e[2 * i + 1];
            o[(4 * i + 3) * ld + k] = -e[2 * i + 1];
          }
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
    float d[16], f[12];
    for (int i = 0; i < 16; i++) d[i] = du[i * plane + at];
    for (int j = 0; j < 4; j++) {  // Gᵀ dU
      f[j] = d[j] + (d[4 + j] + d[8 + j]) * 0.5f;
      f[4 + j] = (d[4 + j] - d[8 + j]) * 0.5f;
      f[8 + j] = (d[4 + j] + d[8 + j]) * 0.5f + d[12 + j];
    }
    for (int i = 0; i < 3; i++) {  // (Gᵀ dU) G
      dw[(3 * i + 0) * plane + at] = f[4 * i] + (f[4 * i + 1] + f[4 * i + 2]) * 0.5f;
      dw[(3 * i + 1) * plane + at] = (f[4 * i + 1] - f[4 * i + 2]) * 0.5f;
      dw[(3 * i + 2) * plane + at] = (f[4 * i + 1] + f[4 * i + 2]) * 0.5f + f[4 * i + 3];
    }
  }
}
GM_VARIANTS(
  gm_wino_, kernel_gradient_transform, (const float *du, long cin, long cout, float *dw), (du, cin, cout, dw))
