// galmorph — GalmorphCommands

import ArgumentParser
import CatalogIO
import FITSIO
import Foundation
import GalmorphSupport
import HDF5IO
import ImageCodecs

/// `galmorph inspect FILE [--json]`: what is inside a FITS, HDF5, JPEG/PNG or CSV/TSV file.
///
/// The format is recognised from the file's first bytes (see `FileKind`), not trusted from its name. Images are
/// decoded completely, so a corrupt JPEG or PNG fails here with the reason rather than later in a pipeline.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Describe a FITS, HDF5, JPEG/PNG or CSV/TSV(.gz) file: HDUs, datasets, columns, sizes.",
    discussion: """
      FITS: every HDU with its type, dimensions, BITPIX, compression, key header cards and table columns \
      (name, TFORM, TUNIT, rows). HDF5: the tree of groups and datasets with shape, dtype, chunking, filters and \
      attributes. JPEG/PNG: size, channels, bit depth. CSV/TSV: columns with inferred types, missing values and \
      the row count; the ID and RA/Dec columns galmorph would pick.
      """
  )

  @Argument(help: "The file to describe.")
  var file: String

  @Flag(help: "Print a JSON object instead of text.")
  var json = false

  /// HDF5: also read the values of the small datasets (as the child walk before every open does), so that a
  /// dataset libhdf5 cannot read is reported in its node.
  @Flag(help: .hidden)
  var readData = false

  func run() throws {
    let url = URL(fileURLWithPath: file)
    let kind = try FileKind.detect(url)
    switch kind {
    case .fits:
      let report = try FITSInspection.inspect(url: url)
      try emit(report, text: report.renderText())
    case .hdf5:
      let report = try IsolatedHDF5Inspection.inspect(url, readingData: readData)
      try emit(report, text: report.renderText())
    case .jpeg, .png:
      let info = try ImageDecoder.info(contentsOf: url)
      _ = try ImageDecoder.decode(contentsOf: url)  // full decode: corrupt data fails here, naming the file
      let report = ImageReport(path: url.path, info: info)
      try emit(report, text: report.renderText())
    case .csv, .tsv:
      let report = try CSVInspection.inspect(url)
      try emit(report, text: report.render())
    }
  }

  private func emit<T: Encodable>(_ value: T, text: String) throws {
    if json {
      let data = try JSONCoding.encoder().encode(value)
      print(String(decoding: data, as: UTF8.self))
    } else {
      print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
  }
}

/// What `inspect` reports for a JPEG or PNG image.
struct ImageReport: Codable {
  var path: String
  var kind = "image"
  var info: ImageInfo

  func renderText() -> String {
    var s =
      "\(path): \(info.format) image, \(info.width) × \(info.height) px, \(info.channels) channel(s), \(info.bitDepth)-bit"
    if let sub = info.chromaSubsampling { s += ", chroma \(sub)" }
    if info.interlaced == true { s += ", interlaced" }
    return s
  }
}
