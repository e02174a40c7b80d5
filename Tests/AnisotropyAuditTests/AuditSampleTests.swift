// galmorph — AnisotropyAuditTests
//
// AuditSample reads positions and identifiers at each galaxy's stack position, so a stack whose rows were filtered
// (its `row` skips catalog rows) and whose labels drop some rows still lines up; and it applies the audit's crop in
// pixels of the stored stamps, whatever crop of the source cutouts the stamps were made from.

import AnisotropyAudit
import Foundation
import HDF5IO
import MorphologyClassifier
import Testing
import SkyGeometry
import GalmorphSupport
import _GalmorphTestSupport

@Suite("AuditSample")
struct AuditSampleTests {
  static let side = 32

  /// A stack made from a catalog (crop_size 224 → `side` px): 6 images whose catalog rows are [0, 2, 3, 5, 6, 9],
  /// legacy text labels with `other` at stack position 1, and positions/ids by stack position.
  static func write(_ url: URL, ids: Bool) throws {
    var rng = SeededGenerator(seed: 5)
    let n = 6, per = side * side * 3
    let pixels = (0..<(n * per)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    try HDF5File.create(at: url) { file in
      let images = try file.createDataset("images", shape: [n, side, side, 3], values: pixels)
      try ImageStackSchema.mark(images, as: .display)
      try file.createStringDataset(
        "labels", strings: ["spiral", "other", "elliptical", "spiral", "elliptical", "spiral"])
      try ImageStackSchema.writeRows([0, 2, 3, 5, 6, 9], to: file)
      try ImageStackSchema.writePositions(
        ra: (0..<n).map { Double($0) * 10 }, dec: (0..<n).map { Double($0) - 3 },
        columns: nil, to: file)
      if ids { try file.createStringDataset("id", strings: (0..<n).map { "g\($0)" }) }
      try ImageStackSchema.writeCatalogStackAttributes(
        to: file, cropSize: 224, inputSize: side, sourceCatalog: "c.csv",
        sourceSHA256: "x", provenanceJSON: "{}")
    }
  }

  @Test(arguments: [true, false])
  func filteredStackLinesUpByStackPosition(withIDs: Bool) throws {
    let tmp = try TemporaryFolder("audit-sample"); defer { tmp.cleanup() }
    let url = tmp.file("s.h5")
    try Self.write(url, ids: withIDs)
    let sample = try AuditSample.load(
      imageStack: url, recipe: PreprocessingRecipe(cropSize: Self.side, inputSize: Self.side))
    let kept = [0, 2, 3, 4, 5]  // stack positions; position 1 ('other') is dropped
    #expect(sample.count == 5)
    #expect(sample.data.labels == [1, 0, 1, 0, 1])
    #expect(sample.data.rows == [0, 3, 5, 6, 9], "catalog rows from `row`")
    for (k, i) in kept.enumerated() {
      let d = sample.directions[k]
      #expect(abs(d.ra - Double(i) * 10) < 1e-9 && abs(d.dec - (Double(i) - 3)) < 1e-9, "example \(k)")
    }
    #expect(sample.ids == (withIDs ? kept.map { "g\($0)" } : ["0", "3", "5", "6", "9"]))
  }

  @Test func auditCropIsInStoredPixels() throws {
    let tmp = try TemporaryFolder("audit-sample-crop"); defer { tmp.cleanup() }
    let url = tmp.file("s.h5")
    try Self.write(url, ids: true)
    // The stamps are 224-px crops stored at 32 px; the audit crops 24 stored px and trains at 16.
    let recipe = PreprocessingRecipe(cropSize: 24, inputSize: 16)
    let sample = try AuditSample.load(imageStack: url, recipe: recipe)
    #expect(sample.count == 5 && sample.data.inputs.count == 5 * 16 * 16 * 3)
    // A model's recipe (crop in source pixels) still has to match the stack's crop and side.
    #expect(throws: ClassifierError.self) { _ = try LabelledDataset.load(imageStack: url, recipe: recipe) }
    // A crop larger than the stored stamps is refused, naming the stack.
    #expect {
      _ = try AuditSample.load(imageStack: url, recipe: PreprocessingRecipe(cropSize: 64, inputSize: 16))
    } throws: { "\($0)".contains(url.path) }
  }

  @Test func missingPositionsNameFileAndDataset() throws {
    let tmp = try TemporaryFolder("audit-sample-nopos"); defer { tmp.cleanup() }
    let url = tmp.file("nopos.h5")
    try HDF5File.create(at: url) { file in
      try file.createDataset("images", shape: [2, 8, 8, 3], values: [UInt8](repeating: 1, count: 384))
      try ImageStackSchema.writeLabels([0, 1], to: file, legacyNames: false)
    }
    #expect {
      _ = try AuditSample.load(imageStack: url, recipe: PreprocessingRecipe(cropSize: 8, inputSize: 8))
    } throws: { "\($0)".contains(url.path) && "\($0)".contains("'/ra'") }
  }
}
