// galmorph — CConvKernels: the engine's C kernels — Winograd transforms, direct convolution, max pooling and
// sequential sums — each compiled per instruction set and chosen at run time.
//
// Winograd F(4×4, 3×3) transforms for NHWC 3×3 stride-1 convolutions (Lavin & Gray 2016, "Fast Algorithms for
// Convolutional Neural Networks", arXiv:1509.09308). The 36 element-wise products of a tile become 36 GEMMs that
// the caller runs on OpenBLAS; these functions are the data movement around them:
//
//   forward          Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A      per 6×6 input tile d, 4×4 output tile Y
//   weight gradient  dg = Gᵀ [ Σ_tiles (Bᵀ d B) ⊙ (A dY Aᵀ) ] G
//   input gradient   the forward with the kernel flipped in space and transposed in channels
//
//   Bᵀ = [4 0 −5 0 1 0; 0 −4 −4 1 1 0; 0 4 −4 −1 1 0; 0 −2 −1 2 1 0; 0 2 −1 −2 1 0; 0 4 0 −5 0 1]
//   G  = [¼ 0 0; −⅙ −⅙ −⅙; −⅙ ⅙ −⅙; 1/24 1/12 ⅙; 1/24 −1/12 ⅙; 0 0 1]
//   Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1]
//
// Layouts: images NHWC; kernels HWIO `[3][3][Cin][Cout]`; transformed tensors `[36][T][C]`: ξ = 6·i + j indexes the
// 6×6 transform domain, the 36 matrices `ld` Floats apart, each T×C row-major with T = images · tiles, tiles =
// ceil(outHeight/4)·ceil(outWidth/4) per image in row-major tile order.
//
// Every Winograd function is compiled three times (generic x86-64, AVX2, AVX-512) from one body with floating-point
// contraction off, so all three give bit-identical results. Every function takes `isa`: −1 for `gm_kernel_isa()`, the
// best the CPU has (environment GM_KERNEL_ISA=generic|avx2|avx512 overrides), or a level the CPU supports.
#ifndef GALMORPH_CONV_KERNELS_H
#define GALMORPH_CONV_KERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Instruction-set levels of the kernels.
enum { GM_ISA_GENERIC = 0, GM_ISA_AVX2 = 1, GM_ISA_AVX512 = 2 };

/// The level in use: GM_KERNEL_ISA from the environment if set (and supported), else the best the CPU supports.
int gm_kernel_isa(void);
/// Whether this CPU can run `isa`.
int gm_kernel_isa_supported(int isa);

/// Geometry of one Winograd convolution: input `height × width × channels` read with `padTop`/`padLeft` zeros
/// before it (and zeros wherever a tile reaches past the image), output `outHeight × outWidth`.
typedef struct {
  long height, width, channels;
  long padTop, padLeft;
  long outHeight, outWidth;
} gm_wino_geometry;

/// V = Bᵀ d B for every tile of `images` images at `x`: V_ξ[t][c] at `v + ξ·ld + t·channels + c`.
/// `zeros` holds at least `channels` zeros (read for padding).
void gm_wino_input_transform(
  const float *x, long images, const gm_wino_geometry *g, const float *zeros, float *v, long ld, int isa);

/// Y = Aᵀ M A (+ bias, then ReLU when `relu`) written to NHWC `y` (`images × outHeight × outWidth × filters`),
/// dropping the parts of edge tiles that fall outside the output. M_ξ[t][k] at `m + ξ·ld + t·tileStride + k`
/// (`tileStride` = `filters` for 36 separate matrices `ld` apart; `ld` = `filters`, `tileStride` = 36·`filters` for
/// the 36 products of a tile side by side, which the transform reads as one run).
void gm_wino_output_transform(
  const float *m, long images, const gm_wino_geometry *g, long filters, const float *bias, int relu, float *y,
  long ld, long tileStride, int isa);

/// U = G g Gᵀ for an HWIO kernel `w` `[3][3][cin][cout]`: U_ξ[ci][co] at `u + ξ·cin·cout + ci·cout + co`. With
/// `flipTranspose`, transforms instead the kernel of the input gradient, g′[ky][kx][co][ci] = g[2−ky][2−kx][ci][co]
/// (U_ξ is then `[cout][cin]`).
void gm_wino_kernel_transform(const float *w, long cin, long cout, int flipTranspose, float *u, int isa);

/// Ŷ = A dY Aᵀ for every 4×4 output tile of the NHWC gradient `dy` (`images × outHeight × outWidth × filters`),
/// zeros where a tile reaches past the output: Ŷ_ξ[t][k] at `dyhat + ξ·ld + t·filters + k`. `zeros` holds at least
/// `filters` zeros.
void gm_wino_output_gradient_transform(
  const float *dy, long images, const gm_wino_geometry *g, long filters, const float *zeros, float *dyhat, long ld, int isa);

/// dg = Gᵀ dU G: the HWIO kernel gradient `dw` `[3][3][cin][cout]` (overwritten) from dU_ξ[ci][co] at
/// `du + ξ·cin·cout + ci·cout + co`.
void gm_wino_kernel_gradient_transform(const float *du, long cin, long cout, float *dw, int isa);

/// Geometry of a direct convolution: input `height × width × channels`, a `kernelHeight × kernelWidth` window at
/// `stride`, `padTop`/`padLeft` zeros before the input, output `outHeight × outWidth`.
typedef struct {
  long height, width, channels;
  long kernelHeight, kernelWidth, stride;
  long padTop, padLeft;
  long outHeight, outWidth;
} gm_direct_geometry;

/// Direct convolution for layers with few input channels (a network's first layer: 1–4 channels, where im2col's
/// GEMM has an inner dimension of only kh·kw·C): `y[n][oy][ox][k] = relu?(b[k] + Σ_{ky,kx,c} x[n][oy·s+ky−pt]
/// [ox·s+kx−pl][c] · w[ky][kx][c][k])`, summed in (ky, kx, c) order onto the bias, NHWC in and out, HWIO kernel.
/// `filters` must be a multiple of 32. Each output is one chain of multiply-adds, fused (FMA) in the AVX2 and
/// AVX-512 builds — which agree bit for bit — and rounded twice in the generic build.
void gm_direct_conv_forward(
  const float *x, long images, const gm_direct_geometry *g, const float *w, long filters, const float *bias, int relu,
  float *y, int isa);

/// The weight gradient of ``gm_direct_conv_forward``'s convolution over `images` images:
/// `dw[ky][kx][c][k] (+)= Σ_{n,oy,ox} x[n][oy·s+ky−pt][ox·s+kx−pl][c] · dy[n][oy][ox][k]` (`accumulate`: added to
/// `dw`, else written), each element summed in (n, oy, ox) order; same constraints and rounding as the forward.
void gm_direct_conv_weight_gradient(
  const float *x, const float *dy, long images, const gm_direct_geometry *g, long filters, int accumulate, float *dw,
  int isa);

/// Geometry of a max pooling: input `height × width × channels`, `poolHeight × poolWidth` windows at
/// `strideY`/`strideX` ("valid": output `outHeight × outWidth`, rounding down).
typedef struct {
  long height, width, channels;
  long poolHeight, poolWidth, strideY, strideX;
  long outHeight, outWidth;
} gm_pool_geometry;

/// Max pooling of `images` NHWC images: `y[n][oy][ox][c]` = the window's maximum and `argmax[…]` = k = ky·poolWidth + kx
/// of the first maximum in (ky, kx) scan order (a later element wins only when strictly greater; NaN never wins).
/// With `rectified` (the input is a fused ReLU's output whose derivative the backward applies), a winner that is not
/// > 0 is recorded as ~k (negative), so the backward needs no second look at the input.
void gm_maxpool_forward(
  const float *x, long images, const gm_pool_geometry *g, int rectified, float *y, int *argmax, int isa);

/// Max-pool backward for windows that tile the input (stride = pool size): each input element of `dx` is written
/// once from its window's `dy` and `argmax` — `0 + dy` where k matches it, `0·(0 + dy)` where ~k does (a rectified
/// winner ≤ 0: ReLU's derivative), else 0; the values, signed zeros included, of scattering into a zeroed buffer and
/// then masking. Elements no window reaches are zeroed.
void gm_maxpool_backward_tiled(
  const float *dy, const int *argmax, long images, const gm_pool_geometry *g, float *dx, int isa);

/// Column sums: `sum[j] += x[r][j]` for r = 0, 1, … rows−1 in that order (each column one sequential chain, so the
/// bits do not depend on the build), `x` row-major `rows × cols`.
void gm_add_rows(const float *x, long rows, long cols, float *sum, int isa);

/// `out[i] = parts[0][i] + parts[1][i] + … + parts[nparts−1][i]`, added in that order (the bits of copying part 0
/// and adding the others one after another), in blocks that stay in L1 — one pass over `out` instead of one per part.
void gm_sum_parts(const float *const *parts, long nparts, long count, float *out, int isa);

#ifdef __cplusplus
}
#endif
#endif
