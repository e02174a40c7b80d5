// galmorph — Attribution
//
// The attribution methods by name, and one galaxy's explanation.

import Foundation

/// An attribution method of `galmorph explain`.
public enum AttributionMethod: String, CaseIterable, Sendable, Codable {
  case occlusion
  case gradient
  case smoothgrad
  case integratedGradients = "integrated-gradients"

  /// The HDF5 dataset and CSV column stem: `occlusion`, `gradient`, `smoothgrad`, `integrated_gradients`.
  public var key: String { rawValue.replacingOccurrences(of: "-", with: "_") }
}

/// Settings of the methods (the defaults of their papers; see ``Occlusion`` and ``GradientAttribution``).
public struct AttributionSettings: Sendable, Equatable {
  public var occlusion = Occlusion()
  public var smoothGradSamples = 25
  public var smoothGradNoise = 0.15
  public var integratedGradientSteps = 32
  public var seed: UInt64 = 0
  public init() {}
}

/// One galaxy's maps (S·S values each, row-major), footprint and shares of attribution outside it.
public struct Explanation: Sendable {
  public var pSpiral: Double
  public var footprint: [Bool]
  public var maps: [AttributionMethod: [Double]]
  /// Σ_outside |A| / Σ |A| per method (``GalaxyFootprint/outsideShare(_:mask:)``).
  public var outsideShare: [AttributionMethod: Double]
  /// Integrated Gradients' completeness gap Σ A − (p(x) − p(x′)); nil without that method.
  public var completenessGap: Double?
  /// Wall-clock seconds each method's map took (the footprint not included).
  public var seconds: [AttributionMethod: Double]
}

extension SpiralGradient {
  /// Explains one input with `methods`; example `index` seeds SmoothGrad's noise (`settings.seed` stream `index`).
  /// The outside shares are measured against `footprint` (S·S, e.g. the simulator's truth,
  /// ``GalaxyFootprint/truthMask(model:sigma:threshold:)``), by default the segmentation of `image`.
  public func explain(
    _ image: InputImage, methods: [AttributionMethod], settings: AttributionSettings = .init(), index: Int = 0,
    footprint given: [Bool]? = nil
  ) throws -> Explanation {
    precondition(given.map { $0.count == image.size * image.size } ?? true, "explain: footprint size differs")
    let footprint = given ?? GalaxyFootprint.mask(image)
    var maps: [AttributionMethod: [Double]] = [:]
    var p = Double.nan, gap: Double?
    var seconds: [AttributionMethod: Double] = [:]
    for m in methods {
      let started = Date()
      defer { seconds[m] = Date().timeIntervalSince(started) }
      switch m {
      case .occlusion:
        let r = try settings.occlusion.map(image, model: self)
        maps[m] = r.map; p = r.p
      case .gradient:
        let r = GradientAttribution.gradient(image, model: self)
        maps[m] = r.map; p = r.p
      case .smoothgrad:
        maps[m] = GradientAttribution.smoothGrad(
          image, model: self, samples: settings.smoothGradSamples, noise: settings.smoothGradNoise,
          seed: settings.seed &+ UInt64(index))
      case .integratedGradients:
        let r = try GradientAttribution.integratedGradients(image, model: self, steps: settings.integratedGradientSteps)
        maps[m] = r.map; p = r.p
        gap = r.map.reduce(0, +) - (r.p - r.baselineP)
      }
    }
    if p.isNaN { p = try probabilities(image.values)[0] }
    return Explanation(
      pSpiral: p, footprint: footprint, maps: maps,
      outsideShare: maps.mapValues { GalaxyFootprint.outsideShare($0, mask: footprint) }, completenessGap: gap,
      seconds: seconds)
  }
}

/// RGB renderings of a map over its cutout for contact sheets.
public enum AttributionRendering {
  /// The cutout's display RGB (`rgb`, S·S·3 bytes) dimmed to grey, with the map laid over it: red where A > 0,
  /// blue where A < 0, opacity |A| / (99th percentile of |A|), capped at 0.85.
  public static func overlay(rgb: [UInt8], map: [Double]) -> [UInt8] {
    let scale = percentile(map.map(abs), 0.99)
    var out = [UInt8](repeating: 0, count: rgb.count)
    for i in 0..<map.count {
      let grey = (Double(rgb[3 * i]) + Double(rgb[3 * i + 1]) + Double(rgb[3 * i + 2])) / 3 * 0.7
      let a = scale > 0 ? min(0.85, abs(map[i]) / scale) : 0
      let colour: (Double, Double, Double) = map[i] >= 0 ? (255, 40, 20) : (30, 90, 255)
      out[3 * i] = UInt8((grey * (1 - a) + colour.0 * a).rounded())
      out[3 * i + 1] = UInt8((grey * (1 - a) + colour.1 * a).rounded())
      out[3 * i + 2] = UInt8((grey * (1 - a) + colour.2 * a).rounded())
    }
    return out
  }

  /// The cutout with the footprint in green and the rest darkened.
  public static func footprint(rgb: [UInt8], mask: [Bool]) -> [UInt8] {
    var out = rgb
    for i in 0..<mask.count {
      if mask[i] {
        out[3 * i + 1] = UInt8(min(255, Int(out[3 * i + 1]) / 2 + 128))
      } else {
        for c in 0..<3 { out[3 * i + c] = out[3 * i + c] / 3 }
      }
    }
    return out
  }

  static func percentile(_ v: [Double], _ q: Double) -> Double {
    let s = v.sorted()
    guard !s.isEmpty else { return 0 }
    return s[min(s.count - 1, Int(q * Double(s.count - 1)))]
  }
}
