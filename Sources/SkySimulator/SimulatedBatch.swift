// galmorph — SkySimulator
//
// A block of consecutive simulated galaxies: truth rows and their images.

/// Galaxies `startIndex ..< startIndex + count` of a survey.
///
/// `images` is Float32 in NHWC layout, shape [count, height, width, channels]: the value of galaxy n, row y,
/// column x, band c is `images[((n·height + y)·width + x)·channels + c]`. Row y = 0 is the southern edge and
/// column x = 0 the eastern edge (north up, east left when drawn with the origin at the bottom left, as FITS
/// viewers do); bands are in `SimulationConfig.bands` order. Units: ADU, sky-subtracted unless
/// `ObservingModel.subtractBackground` is false.
public struct SimulatedBatch: Sendable {
  public let startIndex: Int
  public let truths: [GalaxyTruth]
  public let images: [Float]
  public let height: Int
  public let width: Int
  public let channels: Int

  public var count: Int { truths.count }
  /// Floats per galaxy (height · width · channels).
  public var imageStride: Int { height * width * channels }

  /// The image of the `n`-th galaxy of the batch, HWC.
  public func image(_ n: Int) -> ArraySlice<Float> { images[(n * imageStride)..<((n + 1) * imageStride)] }
}
