// galmorph — HDF5IOTests
//
// A larger image stack (2 000 × 69 × 69 × 3 uint8, gzip+shuffle, Galaxy10 SDSS geometry) written in batches and
// read back in batches of 64; only with GALMORPH_LONG_TESTS set. Prints the throughput (not asserted).

import Foundation
import GalmorphSupport
import HDF5IO
import Testing
import _GalmorphTestSupport

@Suite("Long runs")
struct LongTests {
  static let enabled = ProcessInfo.processInfo.environment["GALMORPH_LONG_TESTS"] != nil

  @Test(.enabled(if: enabled, "set GALMORPH_LONG_TESTS to run"))
  func largeStackBatchesMatchWhatWasWritten() throws {
    let folder = try TemporaryFolder("hdf5io-long")
    defer { folder.cleanup() }
    let url = folder.file("stack.h5")
    let n = 2000, per = 69 * 69 * 3
    func image(_ i: Int) -> [UInt8] {
      var rng = SeededGenerator(seed: UInt64(i))
      return (0..<per).map { _ in UInt8.random(in: 0...40, using: &rng) &+ UInt8(i % 200) }
    }
    let start = Date()
    try HDF5File.create(at: url) { file in
      let d = try file.createDataset("images", shape: [n, 69, 69, 3], of: UInt8.self, options: .compressed)
      for b in stride(from: 0, to: n, by: 100) {
        try d.write(rows: b..<(b + 100), values: (b..<(b + 100)).flatMap(image))
      }
      try file.createDataset("ans", shape: [n], values: (0..<n).map { UInt8($0 % 10) })
    }
    let written = Date()
    let layout = try Galaxy10Layout(file: HDF5File(url: url))
    var checked = 0
    for b in stride(from: 0, to: n, by: 64) {
      let rows = b..<min(n, b + 64)
      let batch = try layout.images.batch(rows: rows, scale: 1.0 / 255)
      #expect(batch.count == rows.count * per)
      if b % 640 == 0 {
        let expected = image(b).map { Float($0) * (1.0 / 255) }
        let mismatches = zip(batch[0..<per], expected).filter { $0 != $1 }.count
        #expect(mismatches == 0, "batch at \(b): \(mismatches) values differ")
        checked += 1
      }
    }
    let read = Date()
    for b in stride(from: 0, to: n, by: 64) {
      _ = try layout.images.dataset.read(rows: b..<min(n, b + 64), as: UInt8.self)
    }
    let readBytes = Date()
    var random = SeededGenerator(seed: 3)
    for _ in 0..<20 {
      _ = try layout.images.batch(indices: (0..<64).map { _ in Int.random(in: 0..<n, using: &random) })
    }
    let readRandom = Date()
    let mb = Double(n * per) / 1e6
    print(
      "HDF5IO long: uint8 rows without conversion \(mb / readBytes.timeIntervalSince(read)) MB/s; "
        + "20 shuffled batches of 64: \(readRandom.timeIntervalSince(readBytes) / 20 * 1000) ms per batch")
    print(
      "HDF5IO long: wrote \(mb) MB in \(written.timeIntervalSince(start)) s; read as Float32 batches of 64 at "
        + "\(mb / read.timeIntervalSince(written)) MB/s (\(checked) batches checked)")
  }
}
