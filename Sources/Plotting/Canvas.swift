// galmorph — Plotting
//
// A thin internal wrapper over a cairo context. Drawing units are typographic points (1/72 in) with the origin at
// the top-left corner and y pointing down; the context is scaled by dpi/72 so a figure renders at any resolution.

import CCairo
import Foundation

/// Horizontal text anchor.
public enum HorizontalAlignment: Sendable, Equatable { case left, center, right }
/// Vertical text anchor.
public enum VerticalAlignment: Sendable, Equatable { case top, center, baseline, bottom }

/// Dash patterns (matplotlib's '-', '--', ':', '-.'), scaled with the line width as matplotlib does.
public enum Dash: Sendable, Equatable {
  case solid, dashed, dotted, dashDot

  /// On/off lengths in units of the line width (matplotlib `lines.dashed_pattern` etc.).
  var pattern: [Double] {
    switch self {
    case .solid: return []
    case .dashed: return [3.7, 1.6]
    case .dotted: return [1, 1.65]
    case .dashDot: return [6.4, 1.6, 1, 1.6]
    }
  }
}

/// The font used for all text: DejaVu Sans (matplotlib's default), through cairo's "toy" text API. If the font is
/// missing, fontconfig substitutes another sans-serif face; if text cannot be drawn at all (no fonts installed),
/// labels are skipped and the rest of the figure still renders. Debian package: fonts-dejavu-core.
let fontFamily = "DejaVu Sans"

final class Canvas {
  let surface: OpaquePointer
  let cr: OpaquePointer
  let widthPixels: Int
  let heightPixels: Int
  let scale: Double
  private(set) var textWorks = Canvas.textAvailable

  /// Whether cairo can measure text with the chosen face, probed once on a scratch surface so that a system
  /// without fonts never puts the real canvas into cairo's (sticky) error state: text is then skipped.
  static let textAvailable: Bool = {
    guard let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4) else { return false }
    defer { cairo_surface_destroy(s) }
    guard let c = cairo_create(s) else { return false }
    defer { cairo_destroy(c) }
    cairo_select_font_face(c, fontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
    cairo_set_font_size(c, 10)
    var ext = cairo_text_extents_t()
    cairo_text_extents(c, "0.5", &ext)
    return cairo_status(c) == CAIRO_STATUS_SUCCESS && ext.x_advance > 0
  }()

  /// A white canvas of `widthPixels × heightPixels`, drawing in points at `dpi`.
  init(widthPixels: Int, heightPixels: Int, dpi: Double) throws {
    guard let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(widthPixels), Int32(heightPixels)) else {
      throw PlottingError.renderingFailed(reason: "cairo could not create a \(widthPixels)×\(heightPixels) surface")
    }
    let status = cairo_surface_status(s)
    guard status == CAIRO_STATUS_SUCCESS, let c = cairo_create(s) else {
      let reason = String(cString: cairo_status_to_string(status))
      cairo_surface_destroy(s)
      throw PlottingError.renderingFailed(reason: "cairo surface \(widthPixels)×\(heightPixels): \(reason)")
    }
    surface = s
    cr = c
    self.widthPixels = widthPixels
    self.heightPixels = heightPixels
    scale = dpi / 72
    cairo_scale(cr, scale, scale)
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
    cairo_select_font_face(cr, fontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
    setColor(.white)
    cairo_paint(cr)
  }

  deinit {
    cairo_destroy(cr)
    cairo_surface_destroy(surface)
  }

  /// Throws if cairo entered an error state.
  func check() throws {
    let status = cairo_status(cr)
    if status != CAIRO_STATUS_SUCCESS {
      throw PlottingError.renderingFailed(reason: String(cString: cairo_status_to_string(status)))
    }
  }

  // MARK: - State

  func save() { cairo_save(cr) }
  func restore() { cairo_restore(cr) }
  func setColor(_ c: PlotColor) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }
  func setLine(width: Double, dash: Dash = .solid) {
    cairo_set_line_width(cr, width)
    let pattern = dash.pattern.map { $0 * max(width, 0.5) }
    pattern.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32(pattern.count), 0) }
  }
  func clip(to r: Rect) {
    cairo_rectangle(cr, r.x, r.y, r.width, r.height)
    cairo_clip(cr)
  }

  // MARK: - Paths

  func move(_ x: Double, _ y: Double) { cairo_move_to(cr, x, y) }
  func line(_ x: Double, _ y: Double) { cairo_line_to(cr, x, y) }
  func close() { cairo_close_path(cr) }
  func rect(_ r: Rect) { cairo_rectangle(cr, r.x, r.y, r.width, r.height) }
  func circle(_ x: Double, _ y: Double, radius: Double) {
    cairo_new_sub_path(cr)
    cairo_arc(cr, x, y, radius, 0, 2 * Double.pi)
  }
  func stroke() { cairo_stroke(cr) }
  func fill() { cairo_fill(cr) }
  func fillPreserve() { cairo_fill_preserve(cr) }
  func newPath() { cairo_new_path(cr) }

  /// Strokes a straight segment.
  func segment(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
    move(x0, y0); line(x1, y1); stroke()
  }

  /// A rounded rectangle path (legend frames).
  func roundedRect(_ r: Rect, radius: Double) {
    let k = min(radius, r.width / 2, r.height / 2)
    cairo_new_sub_path(cr)
    cairo_arc(cr, r.x + r.width - k, r.y + k, k, -Double.pi / 2, 0)
    cairo_arc(cr, r.x + r.width - k, r.y + r.height - k, k, 0, Double.pi / 2)
    cairo_arc(cr, r.x + k, r.y + r.height - k, k, Double.pi / 2, Double.pi)
    cairo_arc(cr, r.x + k, r.y + k, k, Double.pi, 3 * Double.pi / 2)
    close()
  }

  // MARK: - Text

  /// The advance width of `text` at `size` points.
  func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
    guard textWorks, !text.isEmpty else { return 0 }
    selectFont(size: size, bold: bold)
    var ext = cairo_text_extents_t()
    cairo_text_extents(cr, text, &ext)
    if cairo_status(cr) != CAIRO_STATUS_SUCCESS { textWorks = false; return 0 }
    return ext.x_advance
  }

  /// Draws `text` anchored at (x, y), rotated by `angle` degrees counter-clockwise about the anchor. Vertical
  /// anchors use the font's ascent/descent (0.76/0.24 em for DejaVu Sans), not the glyphs' ink, so labels line up.
  func text(
    _ text: String, at x: Double, _ y: Double, size: Double, color: PlotColor = .black,
    horizontal: HorizontalAlignment = .left, vertical: VerticalAlignment = .baseline,
    angle: Double = 0, bold: Bool = false
  ) {
    guard textWorks, !text.isEmpty else { return }
    let w = textWidth(text, size: size, bold: bold)
    guard textWorks else { return }
    let dx: Double
    switch horizontal {
    case .left: dx = 0
    case .center: dx = -w / 2
    case .right: dx = -w
    }
    let ascent = 0.76 * size, descent = 0.24 * size
    let dy: Double
    switch vertical {
    case .top: dy = ascent
    case .center: dy = (ascent - descent) / 2
    case .baseline: dy = 0
    case .bottom: dy = -descent
    }
    save()
    cairo_translate(cr, x, y)
    if angle != 0 { cairo_rotate(cr, -angle * Double.pi / 180) }
    setColor(color)
    move(dx, dy)
    cairo_show_text(cr, text)
    restore()
    if cairo_status(cr) != CAIRO_STATUS_SUCCESS { textWorks = false }
  }

  private func selectFont(size: Double, bold: Bool) {
    cairo_select_font_face(
      cr, fontFamily, CAIRO_FONT_SLANT_NORMAL,
      bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
    cairo_set_font_size(cr, size)
  }

  // MARK: - Pixels

  /// Direct access to the ARGB32 pixels (native-endian premultiplied `0xAARRGGBB`), row stride in 32-bit words.
  /// Marks the surface dirty afterwards so cairo sees the changes.
  func withPixels(_ body: (UnsafeMutablePointer<UInt32>, _ strideWords: Int) -> Void) {
    cairo_surface_flush(surface)
    guard let data = cairo_image_surface_get_data(surface) else { return }
    let stride = Int(cairo_image_surface_get_stride(surface)) / 4
    data.withMemoryRebound(to: UInt32.self, capacity: stride * heightPixels) { body($0, stride) }
    cairo_surface_mark_dirty(surface)
  }

  /// The canvas as straight-alpha RGBA bytes, row-major from the top-left pixel.
  func rgba() -> [UInt8] {
    var out = [UInt8](repeating: 0, count: widthPixels * heightPixels * 4)
    withPixels { px, stride in
      for row in 0..<heightPixels {
        for col in 0..<widthPixels {
          let v = px[row * stride + col]
          let a = (v >> 24) & 0xff
          var r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff
          if a != 0 && a != 255 {
            r = min(255, (r * 255 + a / 2) / a); g = min(255, (g * 255 + a / 2) / a)
            b = min(255, (b * 255 + a / 2) / a)
          }
          let o = (row * widthPixels + col) * 4
          out[o] = UInt8(r); out[o + 1] = UInt8(g); out[o + 2] = UInt8(b); out[o + 3] = UInt8(a)
        }
      }
    }
    return out
  }

  /// Writes the canvas as PNG to `path` (cairo's PNG writer).
  func writePNG(path: String) -> cairo_status_t {
    cairo_surface_flush(surface)
    return cairo_surface_write_to_png(surface, path)
  }
}

/// A rectangle in points (drawing units) or pixels, origin top-left, y down.
public struct Rect: Sendable, Equatable {
  public var x: Double
  public var y: Double
  public var width: Double
  public var height: Double
  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x; self.y = y; self.width = width; self.height = height
  }
  public var maxX: Double { x + width }
  public var maxY: Double { y + height }
  public var midX: Double { x + width / 2 }
  public var midY: Double { y + height / 2 }
  /// The rectangle scaled by `factor` (points → pixels with `dpi/72`).
  public func scaled(by factor: Double) -> Rect {
    Rect(x: x * factor, y: y * factor, width: width * factor, height: height * factor)
  }
  func inset(left: Double, top: Double, right: Double, bottom: Double) -> Rect {
    Rect(x: x + left, y: y + top, width: max(1, width - left - right), height: max(1, height - top - bottom))
  }
}
