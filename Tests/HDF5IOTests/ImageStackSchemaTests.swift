// galmorph — HDF5IOTests
//
// The image-stack schema: what the writers write reads back through ImageStackFile for both kinds of images; the
// legacy layout (text `labels`, no `pixels` attribute) still reads; a missing `label` or a wrongly shaped `ra` is an
// error naming the file and the dataset.

import Foundation
import HDF5IO
import Testing
import _GalmorphTestSupport

@Suite("image-stack schema")
struct ImageStackSchemaTests {
  /// A 3-image stack of `pixels` kind with label codes [1, 0, 1], rows [0, 2, 5] and positions.
  static func write(_ url: URL, pixels: ImageStackPixels) throws {
    try HDF5File.create(at: url) { file in
      let images: HDF5Dataset
      switch pixels {
      case .display:
        images = try file.createDataset("images", shape: [3, 2, 2, 3], values: (0..<36).map { UInt8($0 * 7) })
      case .physical:
        images = try file.createDataset("images", shape: [3, 2, 2, 3], values: (0..<36).map { Float($0) - 10.5 })
      }
      try ImageStackSchema.mark(images, as: pixels)
      try ImageStackSchema.writeLabels([1, 0, 1], to: file, legacyNames: pixels == .display)
      try ImageStackSchema.writeRows([0, 2, 5], to: file)
      try ImageStackSchema.writePositions(ra: [10, 200, 359.5], dec: [-30, 0, 89], columns: ("RA", "DEC"), to: file)
      try file.createStringDataset("id", strings: ["a", "b", "c"])
    }
  }

  @Test(arguments: ImageStackPixels.allCases)
  func roundTrip(_ pixels: ImageStackPixels) throws {
    let tmp = try TemporaryFolder("schema-\(pixels)"); defer { tmp.cleanup() }
    let url = tmp.file("s.h5")
    try Self.write(url, pixels: pixels)
    let file = try HDF5File(url: url); defer { file.close() }
    let stack = try ImageStackFile(file: file)
    #expect(stack.count == 3 && stack.pixels == pixels)
    #expect(stack.pixels.scale == (pixels == .display ? Float(1) / 255 : 1))
    let labels = try stack.labels()
    #expect(labels.dataset == "/label" && labels.isNumeric && labels.values == ["1", "0", "1"])
    #expect(labels.classNames == ["spiral", "elliptical", "spiral"])
    #expect(try file.dataset("label").attributes.string("encoding") == "1 = spiral, 0 = elliptical")
    #expect(try stack.rows() == [0, 2, 5])
    #expect(try stack.ids() == ["a", "b", "c"])
    let p = try #require(try stack.positions())
    #expect(p.ra == [10, 200, 359.5] && p.dec == [-30, 0, 89])
    #expect(try file.dataset("dec").attributes.string("source_column") == "DEC")
    let values = try stack.images.batch(rows: 0..<1, scale: stack.pixels.scale)
    #expect(abs(values[1] - (pixels == .display ? Float(7) / 255 : -9.5)) < 1e-6, "\(values[1])")
  }

  @Test func legacyLayoutReads() throws {
    let tmp = try TemporaryFolder("schema-legacy"); defer { tmp.cleanup() }
    let url = tmp.file("old.h5")
    // The layout before `label` and `pixels` (e.g. Catalogs/gz1_cutouts_64.h5): uint8 images, text labels only.
    try HDF5File.create(at: url) { file in
      try file.createDataset("images", shape: [2, 2, 2, 3], values: [UInt8](repeating: 9, count: 24))
      try file.createStringDataset("labels", strings: ["elliptical", "spiral"])
      try file.createDataset("objid", shape: [2], values: [Int64(587722981742084144), 587722981742084145])
    }
    let file = try HDF5File(url: url); defer { file.close() }
    let stack = try ImageStackFile(file: file)
    #expect(stack.pixels == .display && !stack.isCatalogStack && stack.cropSize == nil)
    let labels = try stack.labels()
    #expect(labels.dataset == "/labels" && !labels.isNumeric && labels.classNames == ["elliptical", "spiral"])
    #expect(try stack.ids() == ["587722981742084144", "587722981742084145"], "18-digit integer ids read exactly")
    #expect(try stack.rows() == nil)
    #expect(try stack.positions() == nil)
  }

  @Test func floatImagesWithoutTheAttributeArePhysical() throws {
    let tmp = try TemporaryFolder("schema-infer"); defer { tmp.cleanup() }
    let url = tmp.file("f.h5")
    try HDF5File.create(at: url) { file in
      try file.createDataset("images", shape: [1, 2, 2], values: [Float](repeating: 0.5, count: 4))
      try file.createDataset("label", shape: [1], values: [Int64(0)])
    }
    let file = try HDF5File(url: url); defer { file.close() }
    let stack = try ImageStackFile(file: file)
    #expect(stack.pixels == .physical && stack.images.channels == 1)
    #expect(try stack.labels().classNames == ["elliptical"])
  }

  @Test func missingLabelNamesFileAndDataset() throws {
    let tmp = try TemporaryFolder("schema-nolabel"); defer { tmp.cleanup() }
    let url = tmp.file("nolabel.h5")
    try HDF5File.create(at: url) { file in
      try file.createDataset("images", shape: [2, 2, 2, 3], values: [UInt8](repeating: 0, count: 24))
    }
    let file = try HDF5File(url: url); defer { file.close() }
    let stack = try ImageStackFile(file: file)
    #expect {
      try stack.labels()
    } throws: { error in
      let text = "\(error)"
      return text.contains(url.path) && text.contains("'/label'") && text.contains("missing")
    }
  }

  @Test func wronglyShapedPositionsNameFileAndDataset() throws {
    let tmp = try TemporaryFolder("schema-shape"); defer { tmp.cleanup() }
    for (name, shape, values) in [("short", [2], [1.0, 2.0]), ("matrix", [3, 1], [1.0, 2.0, 3.0])] {
      let url = tmp.file("\(name).h5")
      try HDF5File.create(at: url) { file in
        try file.createDataset("images", shape: [3, 2, 2, 3], values: [UInt8](repeating: 0, count: 36))
        try ImageStackSchema.writeLabels([0, 1, 1], to: file, legacyNames: false)
        try file.createDataset("ra", shape: shape, values: values)
        try file.createDataset("dec", shape: [3], values: [0.0, 1.0, 2.0])
      }
      let file = try HDF5File(url: url); defer { file.close() }
      let stack = try ImageStackFile(file: file)
      #expect {
        try stack.positions()
      } throws: { error in
        let text = "\(error)"
        return text.contains(url.path) && text.contains("'/ra'") && text.contains("shape \(shape)")
          && text.contains("[3]")
      }
    }
  }

  @Test func badDeclinationNamesRow() throws {
    let tmp = try TemporaryFolder("schema-dec"); defer { tmp.cleanup() }
    let url = tmp.file("dec.h5")
    try HDF5File.create(at: url) { file in
      try file.createDataset("images", shape: [2, 2, 2, 3], values: [UInt8](repeating: 0, count: 24))
      try ImageStackSchema.writePositions(ra: [0, 1], dec: [10, 95], columns: nil, to: file)
    }
    let file = try HDF5File(url: url); defer { file.close() }
    #expect { try ImageStackFile(file: file).positions() } throws: { error in
      "\(error)".contains("'/dec'") && "\(error)".contains("row 1")
    }
  }
}
