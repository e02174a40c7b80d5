// galmorph — Plotting
//
// A grid of small RGB images with captions (suspected mislabels, attribution maps).

import Foundation

/// A contact sheet: tiles of 8-bit RGB images in a grid, each magnified by an integer factor (nearest pixel) with
/// caption lines under it, and an optional title. Rendered with cairo at 72 dpi (1 point = 1 pixel); written as PNG
/// atomically like ``Figure/writePNG(to:)``.
public struct ContactSheet: Sendable {
  /// One image and its caption.
  public struct Tile: Sendable {
    public var width: Int
    public var height: Int
    /// HWC, 3 bytes per pixel, row-major from the top-left.
    public var rgb: [UInt8]
    public var caption: [String]
    public init(width: Int, height: Int, rgb: [UInt8], caption: [String]) {
      precondition(rgb.count == width * height * 3, "ContactSheet.Tile: \(rgb.count) bytes for \(width)×\(height)×3")
      self.width = width; self.height = height; self.rgb = rgb; self.caption = caption
    }
  }

  public var tiles: [Tile]
  /// Tiles per row (default 6).
  public var columns: Int
  /// Integer magnification of every tile (default 2).
  public var magnification: Int
  public var title: String?

  public init(tiles: [Tile], columns: Int = 6, magnification: Int = 2, title: String? = nil) {
    self.tiles = tiles; self.columns = max(1, columns); self.magnification = max(1, magnification)
    self.title = title
  }

  static let captionSize = 9.0, lineHeight = 11.0, gap = 8

  /// Cell size in pixels: the largest tile magnified, at least 120 px wide, plus the caption lines.
  var cell: (width: Int, height: Int, image: Int) {
    let w = (tiles.map(\.width).max() ?? 0) * magnification, h = (tiles.map(\.height).max() ?? 0) * magnification
    let lines = tiles.map(\.caption.count).max() ?? 0
    return (max(w, 120), h + Int(Double(lines) * Self.lineHeight) + 4, h)
  }

  func render() throws -> Canvas {
    let c = cell, rows = (tiles.count + columns - 1) / columns
    let top = title == nil ? Self.gap : 24
    let width = max(1, min(tiles.count, columns)) * (c.width + Self.gap) + Self.gap
    let height = top + max(1, rows) * (c.height + Self.gap)
    let canvas = try Canvas(widthPixels: width, heightPixels: height, dpi: 72)
    if let title { canvas.text(title, at: Double(Self.gap), 16, size: 12, bold: true) }
    let m = magnification
    canvas.withPixels { px, stride in
      for (k, t) in tiles.enumerated() {
        let x0 = Self.gap + (k % columns) * (c.width + Self.gap), y0 = top + (k / columns) * (c.height + Self.gap)
        for y in 0..<(t.height * m) {
          for x in 0..<(t.width * m) {
            let o = ((y / m) * t.width + x / m) * 3
            px[(y0 + y) * stride + x0 + x] =
              0xFF00_0000 | UInt32(t.rgb[o]) << 16 | UInt32(t.rgb[o + 1]) << 8 | UInt32(t.rgb[o + 2])
          }
        }
      }
    }
    for (k, t) in tiles.enumerated() {
      let x0 = Double(Self.gap + (k % columns) * (c.width + Self.gap))
      let y0 = Double(top + (k / columns) * (c.height + Self.gap) + c.image)
      for (j, line) in t.caption.enumerated() {
        canvas.text(line, at: x0, y0 + Double(j + 1) * Self.lineHeight, size: Self.captionSize)
      }
    }
    try canvas.check()
    return canvas
  }

  /// The rendered sheet as straight-alpha RGBA bytes (see ``Figure/renderRGBA()``).
  public func renderRGBA() throws -> (width: Int, height: Int, pixels: [UInt8]) {
    let canvas = try render()
    return (canvas.widthPixels, canvas.heightPixels, canvas.rgba())
  }

  /// Writes the sheet as PNG to `url`, atomically; throws `PlottingError.cannotWrite` naming the path.
  public func writePNG(to url: URL) throws { try render().writePNG(to: url) }
}
