// galmorph — Plotting
//
// Ready-made charts used by galmorph's reports: ROC curves, reliability diagrams, fraction-vs-coordinate plots
// and null distributions with the observed statistic.

import Foundation

/// One ROC curve: false-positive rate against true-positive rate at decreasing thresholds.
public struct ROCCurve: Sendable, Equatable {
  public var label: String
  public var falsePositiveRate: [Double]
  public var truePositiveRate: [Double]
  /// The area under the curve; nil = trapezoidal area of the given points (`Axes.trapezoidArea`).
  public var auc: Double?
  public init(label: String, falsePositiveRate: [Double], truePositiveRate: [Double], auc: Double? = nil) {
    self.label = label; self.falsePositiveRate = falsePositiveRate; self.truePositiveRate = truePositiveRate
    self.auc = auc
  }
}

/// One bin of a reliability diagram: mean predicted probability, observed frequency of the positive class, the
/// number of objects, and optionally an interval on the observed frequency (e.g. Wilson).
public struct ReliabilityBin: Sendable, Equatable {
  public var meanPredicted: Double
  public var observedFrequency: Double
  public var count: Int
  public var lower: Double?
  public var upper: Double?
  public init(meanPredicted: Double, observedFrequency: Double, count: Int, lower: Double? = nil, upper: Double? = nil)
  {
    self.meanPredicted = meanPredicted; self.observedFrequency = observedFrequency; self.count = count
    self.lower = lower; self.upper = upper
  }
}

/// A binned fraction with its interval per bin (e.g. the spiral fraction per Galactic-latitude bin for one model).
public struct FractionSeries: Sendable, Equatable {
  public var label: String
  /// Bin centres.
  public var x: [Double]
  public var fraction: [Double]
  /// Interval bounds (absolute), e.g. Wilson 68 %.
  public var lower: [Double]
  public var upper: [Double]
  public init(label: String, x: [Double], fraction: [Double], lower: [Double], upper: [Double]) {
    self.label = label; self.x = x; self.fraction = fraction; self.lower = lower; self.upper = upper
  }
}

extension Axes {
  /// `∫ y dx` by the trapezoidal rule over the points in the given order (sklearn `auc`).
  public static func trapezoidArea(x: [Double], y: [Double]) -> Double {
    var area = 0.0
    for i in 1..<max(1, min(x.count, y.count)) { area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2 }
    return area
  }

  /// A ROC plot: each curve labelled "name (AUC = 0.912)", the chance diagonal dashed, both axes on [0, 1],
  /// legend lower right (Fawcett 2006, "An introduction to ROC analysis").
  public static func rocCurve(_ curves: [ROCCurve], title: String? = "ROC curve") -> Axes {
    var ax = Axes(title: title, xLabel: "False positive rate", yLabel: "True positive rate")
    ax.xLimits = 0...1
    ax.yLimits = 0...1.0
    ax.legend = .lowerRight
    for c in curves {
      let auc = c.auc ?? trapezoidArea(x: c.falsePositiveRate, y: c.truePositiveRate)
      ax.line(x: c.falsePositiveRate, y: c.truePositiveRate, label: "\(c.label) (AUC = \(String(format: "%.3f", auc)))")
    }
    ax.line(x: [0, 1], y: [0, 1], label: "chance", color: PlotColor.gridGrey, width: 1, dash: .dashed)
    return ax
  }

  /// A reliability diagram (DeGroot & Fienberg 1983; Niculescu-Mizil & Caruana 2005): observed frequency
  /// against mean predicted probability per bin, one line per model with optional interval bars, the diagonal of
  /// perfect calibration, and each bin's object count written above its point (first model).
  public static func reliabilityDiagram(
    _ models: [(label: String, bins: [ReliabilityBin])],
    title: String? = "Reliability diagram"
  ) -> Axes {
    var ax = Axes(title: title, xLabel: "Mean predicted probability", yLabel: "Observed frequency")
    ax.xLimits = 0...1
    ax.yLimits = 0...1.0
    ax.legend = .upperLeft
    ax.line(x: [0, 1], y: [0, 1], label: "perfectly calibrated", color: PlotColor.gridGrey, width: 1, dash: .dashed)
    for (k, model) in models.enumerated() {
      let bins = model.bins.filter { $0.count > 0 }
      let x = bins.map(\.meanPredicted), y = bins.map(\.observedFrequency)
      let color = PlotColor.cycle(k)
      if bins.allSatisfy({ $0.lower != nil && $0.upper != nil }) {
        ax.errorBars(
          x: x, y: y, lower: bins.map { $0.lower ?? $0.observedFrequency },
          upper: bins.map { $0.upper ?? $0.observedFrequency }, label: model.label, color: color,
          marker: .circle, connect: true)
      } else {
        ax.line(x: x, y: y, label: model.label, color: color, marker: .circle, markerSize: 5)
      }
      if k == 0 {
        for b in bins {
          ax.text(
            "n=\(b.count)", x: b.meanPredicted, y: min(0.97, (b.upper ?? b.observedFrequency) + 0.02), size: 7,
            color: .darkGrey, horizontal: .center, vertical: .bottom)
        }
      }
    }
    return ax
  }

  /// Binned fractions against a coordinate for several models, with asymmetric error bars. Models are offset
  /// horizontally by ±`dodge` × the smallest bin spacing (default 0.08 per model) so bars do not overlap;
  /// `reference` adds a dashed horizontal line (e.g. the all-sky fraction).
  public static func fractionVsCoordinate(
    _ series: [FractionSeries], xLabel: String, yLabel: String = "Fraction",
    title: String? = nil, reference: Double? = nil,
    referenceLabel: String? = nil, dodge: Double = 0.08
  ) -> Axes {
    var ax = Axes(title: title, xLabel: xLabel, yLabel: yLabel)
    var spacing = Double.infinity
    for s in series where s.x.count > 1 {
      let sorted = s.x.sorted()
      for i in 1..<sorted.count where sorted[i] > sorted[i - 1] { spacing = min(spacing, sorted[i] - sorted[i - 1]) }
    }
    if !spacing.isFinite { spacing = 0 }
    let n = Double(series.count)
    if let reference { ax.horizontalLine(at: reference, label: referenceLabel) }
    for (k, s) in series.enumerated() {
      let shift = (Double(k) - (n - 1) / 2) * dodge * spacing
      ax.errorBars(
        x: s.x.map { $0 + shift }, y: s.fraction, lower: s.lower, upper: s.upper, label: s.label,
        color: PlotColor.cycle(k), connect: true)
    }
    return ax
  }

  /// The histogram of a statistic under the null hypothesis (Monte Carlo or permutation samples) with the
  /// observed value as a red vertical line labelled "observed = v (p = …)". The histogram range covers the
  /// samples and the observed value; the y axis leaves 30 % headroom above the tallest bar for the legend.
  public static func nullDistribution(
    samples: [Double], observed: Double, pValue: Double? = nil, bins: Int = 40,
    xLabel: String = "Statistic", title: String? = "Null distribution"
  ) -> Axes {
    var ax = Axes(title: title, xLabel: xLabel, yLabel: "Count")
    let finite = samples.filter(\.isFinite)
    let lo = min(finite.min() ?? observed, observed), hi = max(finite.max() ?? observed, observed)
    let h = ax.histogram(
      values: finite, bins: bins, range: lo...hi, label: "null (\(finite.count) samples)",
      color: PlotColor.cycle(0), alpha: 0.8)
    ax.yLimits = 0...max(1, (h.counts.max() ?? 1) * 1.3)  // headroom for the legend
    var label = "observed = \(String(format: "%.3g", observed))"
    if let pValue { label += " (p = \(String(format: pValue < 1e-3 ? "%.1e" : "%.3f", pValue)))" }
    ax.verticalLine(at: observed, label: label, color: PlotColor.cycle(3), width: 2, dash: .solid)
    return ax
  }
}
