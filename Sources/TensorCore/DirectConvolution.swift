// galmorph — TensorCore
//
// Direct convolution for a network's first layer (few input channels), through CConvKernels.

import CConvKernels

/// Direct NHWC convolution for layers with 1–4 input channels and a multiple of 32 filters.
///
/// `y[n, oy, ox, k] = relu?(b[k] + Σ_{ky,kx,c} x[n, oy·s+ky−pt, ox·s+kx−pl, c] · W[ky, kx, c, k])`. With 3 input
/// channels im2col's GEMM has an inner dimension of only kh·kw·3 (75 for 5×5) and copies every pixel kh·kw times;
/// here each input value is broadcast from the image straight into register-blocked multiply-adds (4 pixels × 32
/// filters with AVX-512, 2 × 32 with AVX2). The AVX2 and AVX-512 builds give identical bits (fused multiply-adds in
/// (ky, kx, c) order); the generic x86-64 build rounds products separately (``KernelISA``).
public enum DirectConvolution {
  /// Whether a convolution with this geometry and filter count can run directly: ≤ 4 input channels and filters a
  /// multiple of 32 (any kernel size and padding; the same stride along both axes).
  public static func applies(to g: ConvGeometry, filters: Int) -> Bool {
    g.channels <= 4 && filters > 0 && filters % 32 == 0 && g.strideX == g.strideY
  }

  /// `y` (images × outHeight × outWidth × filters) = the convolution of `images` NHWC images at `x` with the HWIO
  /// kernel `w`, plus `bias`, then ReLU when `relu`. Single-threaded (one worker's slice).
  public static func forward(
    _ x: UnsafePointer<Float>, images: Int, geometry g: ConvGeometry, kernel w: UnsafePointer<Float>, filters: Int,
    bias: UnsafePointer<Float>?, relu: Bool, output y: UnsafeMutablePointer<Float>, isa: KernelISA? = nil
  ) {
    var cg = cGeometry(g, filters: filters)
    gm_direct_conv_forward(x, images, &cg, w, filters, bias, relu ? 1 : 0, y, isa.cLevel)
  }

  /// The HWIO kernel gradient `dw[ky, kx, c, k] (+)= Σ_{n,oy,ox} x[n, oy·s+ky−pt, ox·s+kx−pl, c] · dy[n, oy, ox, k]`
  /// over `images` images (`accumulate`: added to `dw`, else written), each element summed in (n, oy, ox) order.
  /// Register-blocked like the forward pass (a kernel row's 5 columns × 3 channels × 16 filters on AVX-512): one
  /// pass over dY per block instead of im2col's copy of every pixel and a GEMM with 75 rows. Single-threaded.
  public static func weightGradient(
    _ x: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>, images: Int, geometry g: ConvGeometry,
    filters: Int, accumulate: Bool, into dw: UnsafeMutablePointer<Float>, isa: KernelISA? = nil
  ) {
    var cg = cGeometry(g, filters: filters)
    gm_direct_conv_weight_gradient(x, dy, images, &cg, filters, accumulate ? 1 : 0, dw, isa.cLevel)
  }

  static func cGeometry(_ g: ConvGeometry, filters: Int) -> gm_direct_geometry {
    precondition(applies(to: g, filters: filters) && g.kernelHeight > 0)
    return gm_direct_geometry(
      height: g.inHeight, width: g.inWidth, channels: g.channels, kernelHeight: g.kernelHeight,
      kernelWidth: g.kernelWidth, stride: g.strideX, padTop: g.padTop, padLeft: g.padLeft, outHeight: g.outHeight,
      outWidth: g.outWidth)
  }
}
