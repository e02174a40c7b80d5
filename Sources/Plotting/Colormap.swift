// galmorph — Plotting
//
// Colormaps as 256-entry lookup tables copied from matplotlib (see gen_colormap_tables.py).

/// A colormap: a lookup table of `N` RGB colours addressed by a fraction in [0, 1].
///
/// Lookup follows matplotlib's `Colormap.__call__` exactly, so colours equal matplotlib's: the index is
/// `Int(fraction · N)` (truncation), `fraction == 1` maps to the last entry, fractions below 0 take the first entry
/// and above 1 the last (matplotlib's default under/over colours), and NaN takes `badColor`. No interpolation
/// between entries (matplotlib's `N = 256` tables are fine enough for that).
public struct Colormap: Sendable, Equatable {
  /// The matplotlib name, e.g. "viridis".
  public let name: String
  /// `N` RGB triples, row-major.
  let table: [Double]
  /// The colour for NaN values (transparent in matplotlib; here the no-data grey).
  public var badColor: PlotColor = .noData

  /// The number of entries.
  public var count: Int { table.count / 3 }

  /// A colormap from `N` RGB triples (row-major, values in [0, 1]).
  public init(name: String, rgbTable: [Double]) {
    precondition(rgbTable.count >= 6 && rgbTable.count % 3 == 0, "colormap table needs N ≥ 2 RGB triples")
    self.name = name
    self.table = rgbTable
  }

  /// viridis (van der Walt & Smith 2015), matplotlib's default sequential colormap.
  public static let viridis = Colormap(name: "viridis", rgbTable: viridisTable)
  /// RdBu_r: ColorBrewer's diverging red–blue (Harrower & Brewer 2003) reversed, so low = blue, high = red, with
  /// white in the middle; use symmetric limits about the neutral value.
  public static let rdBuR = Colormap(name: "RdBu_r", rgbTable: rdBuRTable)

  /// The entry index for `fraction` (matplotlib semantics), or nil for NaN.
  public func index(forFraction fraction: Double) -> Int? {
    if fraction.isNaN { return nil }
    let n = count
    var v = fraction * Double(n)
    if v == Double(n) { v = Double(n - 1) }
    if v < 0 { return 0 }
    if v >= Double(n) { return n - 1 }
    return Int(v)
  }

  /// The entry `i` as a colour.
  public func entry(_ i: Int) -> PlotColor {
    PlotColor(red: table[3 * i], green: table[3 * i + 1], blue: table[3 * i + 2])
  }

  /// The colour for a fraction in [0, 1] (clipped; NaN → `badColor`).
  public func color(atFraction fraction: Double) -> PlotColor {
    guard let i = index(forFraction: fraction) else { return badColor }
    return entry(i)
  }

  /// The colour for `value` under a linear normalisation `(value − lower) / (upper − lower)` (matplotlib
  /// `Normalize`); a degenerate range (`upper == lower`) maps everything to fraction 0, as matplotlib does.
  public func color(for value: Double, lower: Double, upper: Double) -> PlotColor {
    color(atFraction: Colormap.normalize(value, lower: lower, upper: upper))
  }

  /// matplotlib `Normalize`: `(value − lower) / (upper − lower)`, 0 when `upper == lower`.
  public static func normalize(_ value: Double, lower: Double, upper: Double) -> Double {
    if value.isNaN { return .nan }
    return upper == lower ? 0 : (value - lower) / (upper - lower)
  }
}
