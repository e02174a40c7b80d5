// galmorph — ImageCodecs
//
// A decoded image as the classifier consumes it: Float32 samples in [0, 1], height × width × channels.

/// A decoded raster image.
///
/// Layout: HWC, row-major, top row first — the sample for row `y`, column `x`, channel `c` is
/// `pixels[(y * width + x) * channels + c]` (the layout of Pillow's `numpy.asarray(img)`).
///
/// Scaling: each stored integer sample `v` becomes `Float(v) / 255` for 8-bit sources and `Float(v) / 65535` for
/// 16-bit sources, so 0 → 0 and the maximum code → 1 exactly; `bitDepth` records which. Sub-byte PNG samples
/// (1, 2, 4 bits) are first scaled to 8 bits by replication (PNG spec §13.12), as libpng and Pillow do.
///
/// Channels: 1 = gray, 2 = gray + alpha, 3 = RGB, 4 = RGBA (alpha not premultiplied).
public struct DecodedImage: Sendable, Equatable {
  public var width: Int
  public var height: Int
  public var channels: Int
  /// Bits per sample of the source the values were scaled from (8 or 16).
  public var bitDepth: Int
  /// `height * width * channels` samples in [0, 1], HWC order.
  public var pixels: [Float]

  public init(width: Int, height: Int, channels: Int, bitDepth: Int = 8, pixels: [Float]) {
    precondition(width >= 0 && height >= 0 && (1...4).contains(channels), "invalid image shape")
    precondition(pixels.count == width * height * channels, "pixel count does not match width × height × channels")
    self.width = width
    self.height = height
    self.channels = channels
    self.bitDepth = bitDepth
    self.pixels = pixels
  }

  /// The sample at row `y`, column `x`, channel `c`.
  @inlinable
  public subscript(y: Int, x: Int, c: Int) -> Float { pixels[(y * width + x) * channels + c] }

  /// This image with exactly three channels, converted as Pillow's `Image.convert("RGB")` does: gray is copied
  /// into R, G and B; alpha is dropped (not composited, so transparent pixels keep their stored colour).
  public func rgb() -> DecodedImage {
    if channels == 3 { return self }
    let n = width * height
    var out = [Float](repeating: 0, count: n * 3)
    pixels.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for i in 0..<n {
          let s = i * channels
          if channels <= 2 {
            let g = src[s]
            dst[3 * i] = g; dst[3 * i + 1] = g; dst[3 * i + 2] = g
          } else {
            dst[3 * i] = src[s]; dst[3 * i + 1] = src[s + 1]; dst[3 * i + 2] = src[s + 2]
          }
        }
      }
    }
    return DecodedImage(width: width, height: height, channels: 3, bitDepth: bitDepth, pixels: out)
  }

  /// Samples converted back to 8-bit codes, `round(clamp(v, 0, 1) * 255)` — the exact inverse of the decoder's
  /// scaling for 8-bit sources.
  public func bytes8() -> [UInt8] { SampleScaling.bytes(from: pixels) }
}

/// Conversions between integer samples and Float32 in [0, 1].
enum SampleScaling {
  /// `Float(v) / 255` for every byte code, precomputed.
  static let table8: [Float] = (0..<256).map { Float($0) / 255 }

  static func floats(from bytes: UnsafeBufferPointer<UInt8>) -> [Float] {
    [Float](unsafeUninitializedCapacity: bytes.count) { out, done in
      table8.withUnsafeBufferPointer { t in
        for i in 0..<bytes.count { out[i] = t[Int(bytes[i])] }
      }
      done = bytes.count
    }
  }

  static func floats(from words: UnsafeBufferPointer<UInt16>) -> [Float] {
    [Float](unsafeUninitializedCapacity: words.count) { out, done in
      for i in 0..<words.count { out[i] = Float(words[i]) / 65535 }
      done = words.count
    }
  }

  static func bytes(from floats: [Float]) -> [UInt8] {
    floats.map { v in
      let c = v.isNaN ? 0 : min(max(v, 0), 1)
      return UInt8((c * 255).rounded())
    }
  }
}
