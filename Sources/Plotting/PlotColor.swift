// galmorph — Plotting
//
// Colours and the default colour cycle.

/// An sRGB colour with straight (not premultiplied) alpha; components in [0, 1].
public struct PlotColor: Sendable, Hashable, CustomStringConvertible {
  public var red: Double
  public var green: Double
  public var blue: Double
  public var alpha: Double

  public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
    self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
  }

  /// A colour from a 24-bit hex value, e.g. `PlotColor(hex: 0x1f77b4)`.
  public init(hex: UInt32, alpha: Double = 1) {
    self.init(
      red: Double((hex >> 16) & 0xff) / 255, green: Double((hex >> 8) & 0xff) / 255,
      blue: Double(hex & 0xff) / 255, alpha: alpha)
  }

  /// The same colour with another alpha.
  public func withAlpha(_ alpha: Double) -> PlotColor { PlotColor(red: red, green: green, blue: blue, alpha: alpha) }

  /// The colour as 8-bit RGBA (rounded), the form `Figure.renderRGBA()` returns.
  public var rgba8: [UInt8] {
    [red, green, blue, alpha].map { UInt8(max(0, min(255, ($0 * 255).rounded()))) }
  }

  public var description: String {
    let c = rgba8
    return "rgba(\(c[0]), \(c[1]), \(c[2]), \(c[3]))"
  }

  public static let white = PlotColor(red: 1, green: 1, blue: 1)
  public static let black = PlotColor(red: 0, green: 0, blue: 0)
  /// matplotlib's grid colour `#b0b0b0`.
  public static let gridGrey = PlotColor(hex: 0xb0b0b0)
  /// The "no data" colour of sky maps: light grey `#d9d9d9`, distinct from every viridis/RdBu_r entry.
  public static let noData = PlotColor(hex: 0xd9d9d9)
  /// Dark grey `#404040` for reference lines and annotations.
  public static let darkGrey = PlotColor(hex: 0x404040)

  /// matplotlib's default colour cycle "tab10" (Tableau 10): blue, orange, green, red, purple, brown, pink, grey,
  /// olive, cyan. Series without an explicit colour take the next entry, cycling.
  public static let tab10: [PlotColor] = [
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
  ].map { PlotColor(hex: $0) }

  /// The `index`-th colour of the tab10 cycle (wrapping).
  public static func cycle(_ index: Int) -> PlotColor { tab10[((index % 10) + 10) % 10] }
}
