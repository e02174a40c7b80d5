// galmorph — TensorCore
//
// Winograd F(4×4, 3×3) convolution: the C transforms of CConvKernels around 36 OpenBLAS GEMMs.

import CConvKernels

/// Winograd F(4×4, 3×3) for NHWC 3×3 stride-1 convolutions (Lavin & Gray 2016, arXiv:1509.09308).
///
/// Each 4×4 output tile is `Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A` from its 6×6 input tile `d`: summed over input channels,
/// the 36 element-wise products are 36 GEMMs `M_ξ[T×K] = V_ξ[T×C]·U_ξ[C×K]` (T tiles), 4× fewer multiplies than
/// im2col's `[16T × 9C]·[9C × K]` (the F(2×2, 3×3) of earlier builds saved 2.25×). The weight gradient is the same
/// algebra transposed, `dg = Gᵀ[Σ_tiles V_ξᵀ·(A dY Aᵀ)_ξ]G`, and the input gradient is the forward convolution of dY
/// with the kernel flipped in space and transposed in channels. The transforms' coefficients (up to 8 and 1/24)
/// cost accuracy: the result differs from float64 summation by ~10⁻⁶–10⁻⁵ of its largest value, against ~10⁻⁷ for
/// im2col (measured in `WinogradTests`), far below the noise of stochastic training.
///
/// The transforms have three bit-identical builds (``KernelISA``); every function takes the one to use (nil:
/// ``KernelISA/selected``).
public enum Winograd {
  /// Output tile edge.
  public static let tile = 4
  /// Transform-domain products per tile (6 × 6): the GEMMs of one pass.
  public static let products = 36

  /// Whether a convolution of this geometry can run as Winograd F(4×4, 3×3): a 3×3 kernel at stride 1.
  public static func applies(to g: ConvGeometry) -> Bool {
    g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideY == 1 && g.strideX == 1
  }

  /// The geometry of one Winograd pass: an input `height × width × channels` read with `padTop`/`padLeft` zeros
  /// before it, an output `outHeight × outWidth`.
  public struct Geometry: Sendable, Equatable {
    public var height, width, channels, padTop, padLeft, outHeight, outWidth: Int

    /// The forward pass of a convolution (``Winograd/applies(to:)`` must hold).
    public init(forward g: ConvGeometry) {
      height = g.inHeight; width = g.inWidth; channels = g.channels
      padTop = g.padTop; padLeft = g.padLeft; outHeight = g.outHeight; outWidth = g.outWidth
    }

    /// The input-gradient pass of a convolution with `filters` output channels: dY read with `2 − pad` zeros
    /// before it (a "full" correlation for valid padding), giving dX at the input's size.
    public init(inputGradientOf g: ConvGeometry, filters: Int) {
      height = g.outHeight; width = g.outWidth; channels = filters
      padTop = 2 - g.padTop; padLeft = 2 - g.padLeft; outHeight = g.inHeight; outWidth = g.inWidth
    }

    /// 4×4 output tiles per image.
    public var tiles: Int { ((outHeight + tile - 1) / tile) * ((outWidth + tile - 1) / tile) }

    var c: gm_wino_geometry {
      gm_wino_geometry(
        height: height, width: width, channels: channels, padTop: padTop, padLeft: padLeft, outHeight: outHeight,
        outWidth: outWidth)
    }
  }

  /// `u` (36·cin·cout Floats) = the transform `G g Gᵀ` of an HWIO 3×3 kernel, `U_ξ` as `[cin][cout]`; with
  /// `flipTranspose`, of the input-gradient kernel `g′[ky][kx][co][ci] = g[2−ky][2−kx][ci][co]` (`U_ξ` is `[cout][cin]`).
  public static func transformKernel(
    _ w: UnsafePointer<Float>, cin: Int, cout: Int, flipTranspose: Bool = false, into u: UnsafeMutablePointer<Float>,
    isa: KernelISA? = nil
  ) {
    gm_wino_kernel_transform(w, cin, cout, flipTranspose ? 1 : 0, u, isa.cLevel)
  }

  /// `y = conv(x) (+ bias, then ReLU)` for `images` NHWC images of geometry `g`, with `u` from
  /// ``transformKernel(_:cin:cout:flipTranspose:into:)``. Workspaces: `v` ≥ 36·T·C, `m` ≥ 36·T·K Floats
  /// (T = images·tiles), `zeros` ≥ C zeros. Single-threaded (one worker's chunk).
  public static func convolve(
    _ x: UnsafePointer<Float>, images: Int, geometry g: Geometry, kernel u: UnsafePointer<Float>, filters k: Int,
    bias: UnsafePointer<Float>?, relu: Bool, output y: UnsafeMutablePointer<Float>,
    v: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>, zeros: UnsafePointer<Float>, isa: KernelISA? = nil
  ) {
    let t = images * g.tiles, c = g.channels, level = isa.cLevel
    var cg = g.c
    gm_wino_input_transform(x, images, &cg, zeros, v, t * c, level)
    // M_ξ side by side per tile ([T][36][K]): the output transform then reads each tile's 36 products as one run.
    for xi in 0..<products {
      sgemm(m: t, n: k, k: c, a: v + xi * t * c, b: u + xi * c * k, beta: 0, c: m + xi * k, ldc: products * k)
    }
    gm_wino_output_transform(m, images, &cg, k, bias, relu ? 1 : 0, y, k, products * k, level)
  }

  /// `du` (36·C·K, `dU_ξ` as `[C][K]`) = Σ_tiles `V_ξᵀ·(A dY Aᵀ)_ξ` for `images` images (`accumulate`: added to
  /// `du`), where `x` is the forward input of geometry `g` and `dy` its output gradient. Workspaces: `v` ≥ 36·T·C,
  /// `dyHat` ≥ 36·T·K Floats, `zeros` ≥ max(C, K) zeros.
  public static func kernelGradientPartial(
    _ x: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>, images: Int, geometry g: Geometry,
    filters k: Int, accumulate: Bool, into du: UnsafeMutablePointer<Float>,
    v: UnsafeMutablePointer<Float>, dyHat: UnsafeMutablePointer<Float>, zeros: UnsafePointer<Float>,
    isa: KernelISA? = nil
  ) {
    let t = images * g.tiles, c = g.channels, level = isa.cLevel
    var cg = g.c
    gm_wino_input_transform(x, images, &cg, zeros, v, t * c, level)
    gm_wino_output_gradient_transform(dy, images, &cg, k, zeros, dyHat, t * k, level)
    for xi in 0..<products {
      sgemm(
        transA: true, m: c, n: k, k: t, a: v + xi * t * c, b: dyHat + xi * t * k, beta: accumulate ? 1 : 0,
        c: du + xi * c * k)
    }
  }

  /// The HWIO kernel gradient `dw` (9·cin·cout, overwritten) = `Gᵀ dU G` from ``kernelGradientPartial``'s `du`.
  public static func kernelGradient(
    _ du: UnsafePointer<Float>, cin: Int, cout: Int, into dw: UnsafeMutablePointer<Float>, isa: KernelISA? = nil
  ) {
    gm_wino_kernel_gradient_transform(du, cin, cout, dw, isa.cLevel)
  }
}
