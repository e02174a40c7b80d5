// galmorph — CConvKernels: sequential sums — column sums of a row-major matrix (a convolution's bias gradient) and
// the element-wise sum of per-slice gradient parts.
#include "variants.h"

#pragma clang fp contract(off)

/// Columns per register block: 64 floats are 4 AVX-512 or 8 AVX2 registers, kept across all rows.
enum { SUM_BLOCK = 64 };

BODY void add_rows_body(const float *x, long rows, long cols, float *sum) {
  long j0 = 0;
  for (; j0 + SUM_BLOCK <= cols; j0 += SUM_BLOCK) {
    float acc[SUM_BLOCK];
    for (int j = 0; j < SUM_BLOCK; j++) acc[j] = sum[j0 + j];
    for (long r = 0; r < rows; r++) {
      const float *row = x + r * cols + j0;
      for (int j = 0; j < SUM_BLOCK; j++) acc[j] += row[j];
    }
    for (int j = 0; j < SUM_BLOCK; j++) sum[j0 + j] = acc[j];
  }
  if (j0 == cols) return;
  for (long r = 0; r < rows; r++) {
    const float *row = x + r * cols;
#pragma clang loop vectorize(assume_safety)
    for (long j = j0; j < cols; j++) sum[j] += row[j];
  }
}

GM_VARIANTS(gm_, add_rows, (const float *x, long rows, long cols, float *sum), (x, rows, cols, sum))

/// Elements per pass of the parts sum: 4 KiB of output, so the parts' runs and the sum stay in L1.
enum { PARTS_BLOCK = 1024 };

BODY void sum_parts_body(const float *const *parts, long nparts, long count, float *out) {
  for (long i0 = 0; i0 < count; i0 += PARTS_BLOCK) {
    const long n = count - i0 < PARTS_BLOCK ? count - i0 : PARTS_BLOCK;
    float *o = out + i0;
    const float *p0 = parts[0] + i0;
#pragma clang loop vectorize(assume_safety)
    for (long i = 0; i < n; i++) o[i] = p0[i];
    for (long p = 1; p < nparts; p++) {
      const float *q = parts[p] + i0;
#pragma clang loop vectorize(assume_safety)
      for (long i = 0; i < n; i++) o[i] += q[i];
    }
  }
}

GM_VARIANTS(
  gm_, sum_parts, (const float *const *parts, long nparts, long count, float *out), (parts, nparts, count, out))
