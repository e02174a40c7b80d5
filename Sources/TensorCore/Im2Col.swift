// galmorph — TensorCore
//
// im2col / col2im for NHWC convolutions.

/// Geometry of a 2-D convolution or pooling window over an NHWC image.
///
/// Output size: `out = (in + padBefore + padAfter − kernel) / stride + 1` (floor). "same" padding follows
/// TensorFlow: `out = ceil(in / stride)`, total pad `max((out−1)·stride + kernel − in, 0)`, the odd pixel after.
public struct ConvGeometry: Sendable, Equatable {
  public var inHeight, inWidth, channels: Int
  public var kernelHeight, kernelWidth: Int
  public var strideY, strideX: Int
  public var padTop, padLeft: Int
  public var outHeight, outWidth: Int

  /// Geometry for a square kernel; `same` selects TensorFlow "same" padding, else "valid" (no padding).
  public init(inHeight: Int, inWidth: Int, channels: Int, kernel: Int, stride: Int, same: Bool) {
    self.inHeight = inHeight; self.inWidth = inWidth; self.channels = channels
    kernelHeight = kernel; kernelWidth = kernel; strideY = stride; strideX = stride
    if same {
      outHeight = (inHeight + stride - 1) / stride
      outWidth = (inWidth + stride - 1) / stride
      padTop = max((outHeight - 1) * stride + kernel - inHeight, 0) / 2
      padLeft = max((outWidth - 1) * stride + kernel - inWidth, 0) / 2
    } else {
      outHeight = inHeight >= kernel ? (inHeight - kernel) / stride + 1 : 0
      outWidth = inWidth >= kernel ? (inWidth - kernel) / stride + 1 : 0
      padTop = 0; padLeft = 0
    }
  }

  /// Columns of the im2col matrix: `kernelHeight·kernelWidth·channels`, ordered (ky, kx, c).
  public var patchSize: Int { kernelHeight * kernelWidth * channels }
  /// Floats per input image.
  public var inputSize: Int { inHeight * inWidth * channels }
  /// Output pixels per image (rows of the im2col matrix per image).
  public var outPixels: Int { outHeight * outWidth }
}

/// Writes the im2col matrix of `images` NHWC images at `x` into `col` (`[images·outPixels, patchSize]`, row-major).
/// Row (n, oy, ox) holds the receptive field in (ky, kx, c) order, zeros where it falls in the padding.
public func im2col(_ x: UnsafePointer<Float>, images: Int, geometry g: ConvGeometry, col: UnsafeMutablePointer<Float>) {
  let c = g.channels, rowLen = g.kernelWidth * c
  var dst = col
  for n in 0..<images {
    let img = x + n * g.inputSize
    for oy in 0..<g.outHeight {
      let iy0 = oy * g.strideY - g.padTop
      for ox in 0..<g.outWidth {
        let ix0 = ox * g.strideX - g.padLeft
        for ky in 0..<g.kernelHeight {
          let iy = iy0 + ky
          if iy < 0 || iy >= g.inHeight {
            dst.update(repeating: 0, count: rowLen); dst += rowLen; continue
          }
          let rowBase = img + iy * g.inWidth * c
          if ix0 >= 0 && ix0 + g.kernelWidth <= g.inWidth {
            Vectorized.copy(rowBase + ix0 * c, dst, count: rowLen); dst += rowLen
          } else {
            for kx in 0..<g.kernelWidth {
              let ix = ix0 + kx
              if ix < 0 || ix >= g.inWidth {
                dst.update(repeating: 0, count: c)
              } else {
                Vectorized.copy(rowBase + ix * c, dst, count: c)
              }
              dst += c
            }
          }
        }
      }
    }
  }
}

/// The adjoint of ``im2col(_:images:geometry:col:)``: scatters-adds `col` into `dx` (overwritten, NHWC).
public func col2im(_ col: UnsafePointer<Float>, images: Int, geometry g: ConvGeometry, dx: UnsafeMutablePointer<Float>)
{
  let c = g.channels
  dx.update(repeating: 0, count: images * g.inputSize)
  var src = col
  for n in 0..<images {
    let img = dx + n * g.inputSize
    for oy in 0..<g.outHeight {
      let iy0 = oy * g.strideY - g.padTop
      for ox in 0..<g.outWidth {
        let ix0 = ox * g.strideX - g.padLeft
        for ky in 0..<g.kernelHeight {
          let iy = iy0 + ky
          if iy < 0 || iy >= g.inHeight { src += g.kernelWidth * c; continue }
          let rowBase = img + iy * g.inWidth * c
          for kx in 0..<g.kernelWidth {
            let ix = ix0 + kx
            if ix >= 0 && ix < g.inWidth {
              let d = rowBase + ix * c
              for j in 0..<c { d[j] += src[j] }
            }
            src += c
          }
        }
      }
    }
  }
}
