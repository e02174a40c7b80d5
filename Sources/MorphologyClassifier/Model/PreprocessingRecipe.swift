// galmorph — MorphologyClassifier
//
// How a raw cutout becomes a network input: the recipe stored in every model file.

/// The preprocessing a model was trained with, applied identically at inference.
///
/// Pipeline: (FITS only: asinh stretch, Lupton et al. 1999) → centre crop `cropSize`×`cropSize` → area resize to
/// `inputSize`×`inputSize` (OpenCV `INTER_AREA` semantics) → per-image standardisation (one μ, σ over all bands).
///
/// Default crop 256 px of the 423-px Galaxy Zoo 1 SDSS cutouts. Measured on 150 random shared GZ1 cutouts: the
/// radius enclosing 90 % of the >3σ flux within 150 px of the centre has median 88 px and 90th percentile 133 px, so
/// a 256-px crop (radius 128) holds the whole galaxy for ~85–90 % of objects while dropping most neighbours; the
/// Keras baseline used 212–300 px crops (Dieleman et al. 2015 used 207 of 424 px for GZ2). 256 → 64 is an exact
/// 4× area average.
public struct PreprocessingRecipe: Codable, Sendable, Equatable {
  public enum Stretch: String, Codable, Sendable { case none, asinh }
  /// Side of the centred square cut from the cutout, pixels (default 256).
  public var cropSize: Int
  /// Side of the square network input, pixels (default 64, Net B).
  public var inputSize: Int
  /// Channels of the network input (3 = RGB).
  public var channels: Int
  /// Intensity stretch applied to FITS cutouts before cropping (JPEG/PNG are already display-stretched).
  public var fitsStretch: Stretch

  public init(cropSize: Int = 256, inputSize: Int = 64, channels: Int = 3, fitsStretch: Stretch = .asinh) {
    self.cropSize = cropSize; self.inputSize = inputSize; self.channels = channels; self.fitsStretch = fitsStretch
  }

  enum CodingKeys: String, CodingKey {
    case cropSize = "crop_size", inputSize = "input_size", channels, fitsStretch = "fits_stretch"
  }

  /// Crops, resizes and standardises one decoded image (HWC); with `standardize` false the per-image
  /// standardisation is left out (the context probe scales its background-only stamps by one dataset-wide μ, σ
  /// instead). Throws `ClassifierError.imageTooSmall` naming `source` when the image is smaller than the crop.
  public func apply(
    _ image: ImageBuffer, source: String, isFITS: Bool = false, standardize: Bool = true
  ) throws -> ImageBuffer {
    var img = image
    guard img.channels == channels else {
      throw ClassifierError.invalidInput(
        path: source,
        reason: "image has \(img.channels) channel(s) but the model needs \(channels)")
    }
    if isFITS && fitsStretch == .asinh { img = img.asinhStretched() }
    img = try img.centerCrop(height: cropSize, width: cropSize, source: source)
    if cropSize != inputSize { img = img.areaResized(height: inputSize, width: inputSize) }
    // NaN or ±∞ would reach the network and make every probability NaN: refuse the image instead (FITS cutouts
    // never get here with them: the asinh stretch fills missing pixels with the sky median).
    let bad = img.pixels.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
    guard bad == 0 else {
      throw ClassifierError.invalidInput(
        path: source,
        reason: "\(bad) of \(img.pixels.count) pixel values of the \(inputSize)×\(inputSize) input are NaN or "
          + "infinite; mark missing data as NaN in a FITS cutout (filled with the sky median) or repair the image")
    }
    return standardize ? img.standardized() : img
  }
}
