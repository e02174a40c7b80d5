// galmorph — TensorCore
//
// Max pooling kernels (NHWC), through CConvKernels.

import CConvKernels

/// Max pooling over `kernelHeight × kernelWidth` windows of a ``ConvGeometry`` ("valid", no padding).
///
/// Forward: `y[n, oy, ox, c] = max_{ky,kx} x[n, oy·sy+ky, ox·sx+kx, c]` with the argument `ky·kw + kx` of the first
/// maximum in scan order (a later element wins only when strictly greater, as PyTorch; NaN never wins). Backward for
/// windows that tile the input (stride = window): each input element written once, `0 + dy` where it won, else 0,
/// optionally through a fused ReLU's derivative, recorded by the forward in the argmax (`~k` for a winner ≤ 0). Both run over the contiguous channels of a pixel, one build per
/// instruction set (``KernelISA``); single-threaded (one worker's slice).
public enum MaxPooling {
  /// `y` (images × outHeight × outWidth × channels) and `argmax` (same shape) for `images` images at `x`. With
  /// `rectified` (only for windows that ``tiles(_:)``; the input is a fused ReLU's output), a winner that is not > 0
  /// is recorded as `~k`, which ``tiledBackward(_:argmax:images:geometry:inputGradient:isa:)`` reads as ReLU's zero
  /// derivative.
  public static func forward(
    _ x: UnsafePointer<Float>, images: Int, geometry g: ConvGeometry, rectified: Bool = false,
    output y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>, isa: KernelISA? = nil
  ) {
    precondition(!rectified || tiles(g), "rectified argmax needs stride = window")
    var pg = cGeometry(g)
    gm_maxpool_forward(x, images, &pg, rectified ? 1 : 0, y, argmax, isa.cLevel)
  }

  /// Whether ``tiledBackward(_:argmax:images:geometry:inputGradient:isa:)`` applies: stride = window.
  public static func tiles(_ g: ConvGeometry) -> Bool {
    g.strideY == g.kernelHeight && g.strideX == g.kernelWidth
  }

  /// `dx` (images × inHeight × inWidth × channels) from the output gradient `dy` and the forward's `argmax`: the
  /// winner gets `0 + dy`, a rectified winner ≤ 0 (`~k`) gets `0·(0 + dy)`, every other element 0 — the bits of
  /// scattering into zeros and then applying the ReLU's derivative.
  public static func tiledBackward(
    _ dy: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, images: Int, geometry g: ConvGeometry,
    inputGradient dx: UnsafeMutablePointer<Float>, isa: KernelISA? = nil
  ) {
    precondition(tiles(g), "tiledBackward needs stride = window")
    var pg = cGeometry(g)
    gm_maxpool_backward_tiled(dy, argmax, images, &pg, dx, isa.cLevel)
  }

  static func cGeometry(_ g: ConvGeometry) -> gm_pool_geometry {
    precondition(g.padTop == 0 && g.padLeft == 0 && g.kernelHeight > 0 && g.kernelWidth > 0)
    return gm_pool_geometry(
      height: g.inHeight, width: g.inWidth, channels: g.channels, poolHeight: g.kernelHeight,
      poolWidth: g.kernelWidth, strideY: g.strideY, strideX: g.strideX, outHeight: g.outHeight,
      outWidth: g.outWidth)
  }
}
