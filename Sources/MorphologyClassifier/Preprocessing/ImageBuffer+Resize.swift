// galmorph — MorphologyClassifier
//
// Centre crop and area-average resampling.

extension ImageBuffer {
  /// The centred `size`×`size` square (or `height`×`width` box) cut from the image. When the crop is larger than
  /// the image the call fails with `ClassifierError.imageTooSmall` — galmorph never pads a cutout silently.
  ///
  /// The crop's top-left corner is `((H − h) / 2, (W − w) / 2)` with integer division, which matches
  /// `PIL.Image.crop` on the same box and numpy slicing `img[(H-h)//2 : (H-h)//2 + h]`.
  public func centerCrop(height h: Int, width w: Int, source: String = "image") throws -> ImageBuffer {
    guard h <= height && w <= width else {
      throw ClassifierError.imageTooSmall(path: source, width: width, height: height, required: max(h, w))
    }
    let y0 = (height - h) / 2, x0 = (width - w) / 2
    var out = [Float](repeating: 0, count: h * w * channels)
    pixels.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for y in 0..<h {
          let s = ((y0 + y) * width + x0) * channels, d = y * w * channels
          for i in 0..<(w * channels) { dst[d + i] = src[s + i] }
        }
      }
    }
    return ImageBuffer(width: w, height: h, channels: channels, pixels: out)
  }

  /// Area-average resampling to `outHeight`×`outWidth` ("box" filter with fractional pixel coverage).
  ///
  /// Each output pixel is the mean of the input over its footprint: output pixel `j` covers the input interval
  /// `[j·s, (j+1)·s)` with `s = in/out`, and partially covered input pixels contribute by their covered fraction.
  /// This conserves the mean flux and is the anti-aliasing choice for downsampling (equivalent to OpenCV
  /// `INTER_AREA` against which it is tested; Pillow's BOX filter differs: it samples pixel centres). Separable: rows, then
  /// columns, with precomputed weights.
  public func areaResized(height outHeight: Int, width outWidth: Int) -> ImageBuffer {
    precondition(outHeight > 0 && outWidth > 0, "areaResized needs a positive output size")
    let wx = AreaWeights(input: width, output: outWidth)
    let wy = AreaWeights(input: height, output: outHeight)
    let c = channels
    // Horizontal pass: height × outWidth × c
    var tmp = [Float](repeating: 0, count: height * outWidth * c)
    pixels.withUnsafeBufferPointer { src in
      tmp.withUnsafeMutableBufferPointer { dst in
        for y in 0..<height {
          for j in 0..<outWidth {
            let r = wx.ranges[j]
            for ch in 0..<c {
              var acc: Float = 0
              for k in r.lowerBound..<r.upperBound {
                acc += wx.weights[j][k - r.lowerBound] * src[(y * width + k) * c + ch]
              }
              dst[(y * outWidth + j) * c + ch] = acc
            }
          }
        }
      }
    }
    var out = [Float](repeating: 0, count: outHeight * outWidth * c)
    tmp.withUnsafeBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst in
        for i in 0..<outHeight {
          let r = wy.ranges[i]
          for x in 0..<(outWidth * c) {
            var acc: Float = 0
            for k in r.lowerBound..<r.upperBound { acc += wy.weights[i][k - r.lowerBound] * src[k * outWidth * c + x] }
            dst[i * outWidth * c + x] = acc
          }
        }
      }
    }
    return ImageBuffer(width: outWidth, height: outHeight, channels: c, pixels: out)
  }
}

/// Per-output-pixel input ranges and normalised coverage weights for 1-D area averaging.
struct AreaWeights {
  var ranges: [Range<Int>] = []
  var weights: [[Float]] = []

  init(input n: Int, output m: Int) {
    let scale = Double(n) / Double(m)
    for j in 0..<m {
      let lo = Double(j) * scale, hi = Double(j + 1) * scale
      let k0 = Int(lo.rounded(.down)), k1 = min(n, Int(hi.rounded(.up)))
      var w: [Float] = []
      for k in k0..<k1 {
        let cover = min(hi, Double(k + 1)) - max(lo, Double(k))
        w.append(Float(max(0, cover) / scale))
      }
      ranges.append(k0..<k1)
      weights.append(w)
    }
  }
}
