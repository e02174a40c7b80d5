// galmorph — MorphologyClassifier
//
// The image value type the preprocessing functions work on.

/// A Float32 image in HWC order (row-major, channels interleaved): pixel (y, x), channel c is at
/// `pixels[(y * width + x) * channels + c]`. Row 0 is the top of the image as decoded from JPEG/PNG, and the first
/// FITS row (lowest Y) for FITS cutouts; dihedral augmentation makes the choice immaterial to the classifier.
public struct ImageBuffer: Sendable, Equatable {
  public var width: Int
  public var height: Int
  public var channels: Int
  public var pixels: [Float]

  public init(width: Int, height: Int, channels: Int, pixels: [Float]) {
    precondition(width > 0 && height > 0 && channels > 0, "ImageBuffer needs positive dimensions")
    precondition(
      pixels.count == width * height * channels,
      "ImageBuffer: \(pixels.count) values for \(height)×\(width)×\(channels)")
    self.width = width
    self.height = height
    self.channels = channels
    self.pixels = pixels
  }

  /// A zero image.
  public init(width: Int, height: Int, channels: Int) {
    self.init(
      width: width, height: height, channels: channels, pixels: [Float](repeating: 0, count: width * height * channels))
  }

  @inlinable public subscript(y: Int, x: Int, c: Int) -> Float {
    get { pixels[(y * width + x) * channels + c] }
    set { pixels[(y * width + x) * channels + c] = newValue }
  }
}
