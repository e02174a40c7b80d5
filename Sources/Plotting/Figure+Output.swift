// galmorph — Plotting
//
// Rendering to memory and to PNG files (atomically).

import CCairo
import Foundation
import GalmorphSupport

extension Figure {
  /// Renders the figure and returns its pixels as straight-alpha RGBA bytes, row-major from the top-left
  /// (`pixels.count == 4 · width · height`). The background is opaque white.
  public func renderRGBA() throws -> (width: Int, height: Int, pixels: [UInt8]) {
    let canvas = try render()
    return (canvas.widthPixels, canvas.heightPixels, canvas.rgba())
  }

  /// Renders the figure and writes it as a PNG (cairo's encoder, 8-bit RGBA) to `url`, atomically: the image is
  /// written to a temporary name in the same folder (`AtomicFile`) and renamed into place, so an error or a kill
  /// never leaves a partial file. Missing parent folders are created. Throws `PlottingError.cannotWrite` naming
  /// the path when the folder cannot be created or written.
  public func writePNG(to url: URL) throws { try render().writePNG(to: url) }
}

extension Canvas {
  /// Writes the canvas as PNG to `url` atomically (``Figure/writePNG(to:)``).
  func writePNG(to url: URL) throws {
    do {
      try AtomicFile.write(to: url) { tmp in
        let status = writePNG(path: tmp.path)
        if status != CAIRO_STATUS_SUCCESS {
          throw PlottingError.cannotWrite(path: url.path, reason: String(cString: cairo_status_to_string(status)))
        }
      }
    } catch let error as PlottingError {
      throw error
    } catch let error as SupportError {
      let reason: String
      switch error {
      case let .io(_, r): reason = r
      default: reason = error.description
      }
      throw PlottingError.cannotWrite(path: url.path, reason: reason)
    } catch {
      throw PlottingError.cannotWrite(path: url.path, reason: FileErrorText.reason(error))
    }
  }
}

/// An 8-bit RGBA image read from a PNG file (through cairo), e.g. to check a written figure.
public struct RGBAImage: Sendable, Equatable {
  public let width: Int
  public let height: Int
  /// Straight-alpha RGBA bytes, row-major from the top-left pixel.
  public let pixels: [UInt8]

  /// Reads `url` with `cairo_image_surface_create_from_png`; throws `PlottingError.cannotRead` naming the file.
  public init(contentsOfPNG url: URL) throws {
    guard let surface = cairo_image_surface_create_from_png(url.path) else {
      throw PlottingError.cannotRead(path: url.path, reason: "cairo returned no surface")
    }
    defer { cairo_surface_destroy(surface) }
    let status = cairo_surface_status(surface)
    guard status == CAIRO_STATUS_SUCCESS else {
      throw PlottingError.cannotRead(path: url.path, reason: String(cString: cairo_status_to_string(status)))
    }
    let format = cairo_image_surface_get_format(surface)
    let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
    let stride = Int(cairo_image_surface_get_stride(surface))
    guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24,
      let data = cairo_image_surface_get_data(surface)
    else {
      throw PlottingError.cannotRead(path: url.path, reason: "unsupported pixel format \(format.rawValue)")
    }
    let opaque = format == CAIRO_FORMAT_RGB24
    var out = [UInt8](repeating: 0, count: w * h * 4)
    data.withMemoryRebound(to: UInt32.self, capacity: stride / 4 * h) { px in
      for row in 0..<h {
        for col in 0..<w {
          let v = px[row * (stride / 4) + col]
          let a = opaque ? 255 : (v >> 24) & 0xff
          var r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff
          if a != 0 && a != 255 {
            r = min(255, (r * 255 + a / 2) / a); g = min(255, (g * 255 + a / 2) / a)
            b = min(255, (b * 255 + a / 2) / a)
          }
          let o = (row * w + col) * 4
          out[o] = UInt8(r); out[o + 1] = UInt8(g); out[o + 2] = UInt8(b); out[o + 3] = UInt8(a)
        }
      }
    }
    width = w; height = h; pixels = out
  }

  /// The RGBA bytes of pixel (x, y).
  public func pixel(x: Int, y: Int) -> [UInt8] { Array(pixels[(y * width + x) * 4..<(y * width + x) * 4 + 4]) }
}
