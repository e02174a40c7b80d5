// galmorph — HDF5IOTests
//
// Files written by HDF5IO read back exactly (every dtype, strings, attributes, chunked gzip+shuffle, hyperslab
// rows, growth), and Debian's h5dump (hdf5-tools, when installed) reads them independently.

import Foundation
import GalmorphSupport
import HDF5IO
import Testing
import _GalmorphTestSupport

@Suite("Write → read round trips")
struct RoundTripTests {
  func roundTrip<T: HDF5Scalar & Equatable>(_ values: [T], shape: [Int], options: HDF5DatasetOptions) throws {
    let folder = try TemporaryFolder("hdf5io")
    defer { folder.cleanup() }
    let url = folder.file("t.h5")
    try HDF5File.create(at: url) { file in
      try file.createDataset("a/b/values", shape: shape, values: values, options: options)
    }
    let dataset = try HDF5File(url: url).dataset("/a/b/values")
    #expect(dataset.shape == shape)
    #expect(dataset.dataType.description == T.hdf5Name)
    #expect(try dataset.read(as: T.self) == values, "\(T.self) \(options)")
    if options.gzipLevel != nil {
      #expect(dataset.filters.map(\.name) == (options.shuffle ? ["shuffle", "gzip"] : ["gzip"]))
      #expect(dataset.chunkShape != nil)
    }
  }

  static let options: [HDF5DatasetOptions] = [
    .contiguous, .compressed, HDF5DatasetOptions(chunks: [2, 3, 2], gzipLevel: 9),
  ]

  @Test(arguments: options)
  func everyDtype(_ options: HDF5DatasetOptions) throws {
    var rng = SeededGenerator(seed: 20261123)
    let shape = [4, 3, 5]
    let n = 60
    try roundTrip((0..<n).map { _ in UInt8.random(in: .min ... .max, using: &rng) }, shape: shape, options: options)
    try roundTrip((0..<n).map { _ in Int32.random(in: .min ... .max, using: &rng) }, shape: shape, options: options)
    try roundTrip((0..<n).map { _ in Int64.random(in: .min ... .max, using: &rng) }, shape: shape, options: options)
    try roundTrip((0..<n).map { Float($0) * 1.37e-3 - 0.01 }, shape: shape, options: options)
    try roundTrip((0..<n).map { Double($0) * -2.1e200 }, shape: shape, options: options)
    try roundTrip((0..<12).map { Int16($0 * 5000 - 30000) }, shape: [2, 3, 2], options: options)
  }

  @Test func float32BitsSurviveIncludingNaNPayloadsAndSubnormals() throws {
    let bits: [UInt32] = [0x7FC0_1234, 0xFF80_0000, 0x0000_0001, 0x8000_0000, 0x3F80_0000, 0x7F7F_FFFF]
    let values = bits.map(Float.init(bitPattern:))
    let folder = try TemporaryFolder("hdf5io")
    defer { folder.cleanup() }
    let url = folder.file("bits.h5")
    try HDF5File.create(at: url) { try $0.writeTensor(path: "w", shape: [2, 3], values: values) }
    #expect(try HDF5File(url: url).readTensor(path: "w").values.map(\.bitPattern) == bits)
  }

  @Test func stringsScalarsAndAttributes() throws {
    let folder = try TemporaryFolder("hdf5io")
    defer { folder.cleanup() }
    let url = folder.file("s.h5")
    let words = ["spiral", "elliptical", "", "ünïcødé ✓"]
    try HDF5File.create(at: url) { file in
      try file.createStringDataset("labels/vlen", strings: words)
      try file.createStringDataset("labels/fixed", strings: words, shape: [2, 2], storage: .fixedLength(bytes: 16))
      try file.createStringDataset("note", strings: ["scalar"], shape: [])
      try file.createDataset("pi", shape: [], values: [Double.pi])
      let group = try file.createGroup("meta/run")
      try file.attributes.write("version", string: "1.2.3")
      try file.attributes.write("seed", UInt64(42))
      try group.attributes.write("classes", strings: ["E", "S"], storage: .fixedLength(bytes: 4))
      try group.attributes.write("mean", values: [0.5, 0.25, 0.125] as [Float])
      try group.attributes.write("mean", values: [1, 2] as [Int32])  // replaces
      let d = try file.dataset("pi")
      try d.attributes.write("unit", string: "rad", storage: .fixedLength(bytes: 8))
    }
    let file = try HDF5File(url: url)
    #expect(try file.dataset("labels/vlen").readStrings() == words)
    #expect(try file.dataset("labels/fixed").readStrings() == words)
    #expect(try file.dataset("labels/fixed").shape == [2, 2])
    #expect(try file.dataset("note").readStrings() == ["scalar"])
    #expect(try file.dataset("pi").shape == [])
    #expect(try file.dataset("pi").readScalar(as: Double.self) == Double.pi)
    #expect(try file.attributes.string("version") == "1.2.3")
    #expect(try file.attributes.scalar("seed", as: UInt64.self) == 42)
    let group = try file.group("/meta/run")
    #expect(try group.attributes.strings("classes") == ["E", "S"])
    #expect(try group.attributes.read("mean", as: Int32.self) == [1, 2])
    #expect(try group.attributes.names() == ["classes", "mean"])
    #expect(try file.dataset("pi").attributes.string("unit") == "rad")
    #expect(try file.memberNames(of: "/") == ["labels", "meta", "note", "pi"])
    #expect(
      try file.walk().map(\.path) == ["/labels", "/labels/fixed", "/labels/vlen", "/meta", "/meta/run", "/note", "/pi"])
  }

  @Test func rowsWrittenInBatchesAndGrown() throws {
    let folder = try TemporaryFolder("hdf5io")
    defer { folder.cleanup() }
    let url = folder.file("grow.h5")
    let row = 4 * 4 * 3
    let all = (0..<(10 * row)).map { UInt8($0 % 251) }
    try HDF5File.create(at: url) { file in
      let d = try file.createDataset(
        "images", shape: [0, 4, 4, 3], of: UInt8.self,
        options: HDF5DatasetOptions(gzipLevel: 4, shuffle: true, unlimitedRows: true))
      for start in stride(from: 0, to: 10, by: 3) {
        let rows = start..<min(10, start + 3)
        try d.write(rows: rows, values: Array(all[(rows.lowerBound * row)..<(rows.upperBound * row)]))
      }
      #expect(d.shape == [10, 4, 4, 3])
    }
    let d = try HDF5File(url: url).dataset("images")
    #expect(d.shape == [10, 4, 4, 3])
    #expect(d.maxShape == [nil, 4, 4, 3])
    #expect(try d.read(as: UInt8.self) == all)
    #expect(try d.read(rows: 4..<7, as: UInt8.self) == Array(all[(4 * row)..<(7 * row)]))
  }

  @Test func readWriteOpenAddsToAnExistingFile() throws {
    let folder = try TemporaryFolder("hdf5io")
    defer { folder.cleanup() }
    let url = folder.file("rw.h5")
    try HDF5File.create(at: url) { try $0.createDataset("a", shape: [2], values: [1, 2] as [Int32]) }
    do {
      let readOnly = try HDF5File(url: url)
      #expect(throws: HDF5IOError.self) { try readOnly.createDataset("b", shape: [1], values: [3] as [Int32]) }
    }
    do {
      let file = try HDF5File(url: url, mode: .readWrite)
      try file.createDataset("g/b", shape: [1], values: [3.5] as [Double])
      try file.dataset("a").write([7, 8] as [Int32])
      try file.dataset("a").attributes.write("note", string: "edited")
      try file.flushAndClose()
    }
    let file = try HDF5File(url: url)
    #expect(try file.dataset("a").read(as: Int32.self) == [7, 8])
    #expect(try file.dataset("/g/b").read(as: Double.self) == [3.5])
    #expect(try file.dataset("a").attributes.string("note") == "edited")
  }

  @Test func failedCreateLeavesNoFile() throws {
    let folder = try TemporaryFolder("hdf5io")
    defer { folder.cleanup() }
    let url = folder.file("never.h5")
    #expect(throws: HDF5IOError.self) {
      try HDF5File.create(at: url) { try $0.createDataset("x", shape: [3], values: [1, 2] as [Float]) }
    }
    #expect(!FileManager.default.fileExists(atPath: url.path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
  }

  static let h5dump = ["/usr/bin/h5dump", "/usr/local/bin/h5dump"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  @Test(.enabled(if: h5dump != nil, "h5dump (Debian hdf5-tools) not installed"))
  func h5dumpReadsWhatWeWrite() throws {
    let folder = try TemporaryFolder("hdf5io")
    defer { folder.cleanup() }
    let url = folder.file("dump.h5")
    try HDF5File.create(at: url) { file in
      try file.createDataset(
        "model/conv1/kernel", shape: [2, 3], values: [1.5, -2, 3, 4, 5, 6.25] as [Float],
        options: .compressed)
      try file.createStringDataset("names", strings: ["a", "bc"])
      try file.attributes.write("format", string: "galmorph-test")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Self.h5dump))
    process.arguments = ["-p", url.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(output.contains("DATASET \"kernel\""))
    #expect(output.contains("H5T_IEEE_F32LE"))
    #expect(output.contains("COMPRESSION DEFLATE { LEVEL 4 }") && output.contains("PREPROCESSING SHUFFLE"))
    #expect(output.contains("1.5, -2, 3,") && output.contains("6.25"))
    #expect(output.contains("\"galmorph-test\""))
    #expect(output.contains("\"bc\""))
  }
}

@Suite("Reopening a just-written file")
struct ReopenTests {
  /// A child process started while a file is being written inherits libhdf5's descriptor (libhdf5 opens without
  /// O_CLOEXEC). Before the fix its exclusive flock(2) outlived the write and the first read of the renamed file
  /// failed with "unable to lock the file" (seen in CI). `posix_spawn` without file actions reproduces that.
  @Test func childHoldingTheWriteDescriptorDoesNotBlockReading() throws {
    let folder = try TemporaryFolder("hdf5io")
    defer { folder.cleanup() }
    let url = folder.file("inherited.h5")
    var child: pid_t = 0
    try HDF5File.create(at: url) { file in
      try file.createDataset("x", shape: [3], values: [1, 2, 3] as [Float])
      let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("3"), nil]
      defer { argv.forEach { free($0) } }
      #expect(posix_spawn(&child, "/bin/sleep", nil, nil, argv, environ) == 0)
    }
    defer {
      kill(child, SIGKILL)
      var status: Int32 = 0
      waitpid(child, &status, 0)
    }
    #expect(try HDF5File(url: url).dataset("x").read(as: Float.self) == [1, 2, 3])
  }
}
