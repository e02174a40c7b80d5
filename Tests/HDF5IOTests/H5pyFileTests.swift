// galmorph — HDF5IOTests
//
// Files written by h5py (Reference/h5py_types.h5, Reference/galaxy10_synthetic.h5, both from gen_hdf5_golden.py):
// every numeric type in both byte orders converts to native values; strings, scalars, attributes, chunked
// gzip+shuffle data, hyperslab rows and the Galaxy10 layout read as h5py wrote them.

import Foundation
import HDF5IO
import Testing
import _GalmorphTestSupport

@Suite("Files written by h5py")
struct H5pyFileTests {
  static let golden = try? Reference.json(TypesGolden.self, "h5py_types.json")
  static let numericNames = (golden?.numbers.keys.sorted()) ?? []

  func open() throws -> HDF5File { try HDF5File(url: Reference.url("h5py_types.h5")) }

  @Test(arguments: numericNames)
  func numericValuesInAnyByteOrder(_ name: String) throws {
    let expected = try #require(Self.golden?.numbers[name])
    let dataset = try open().dataset(name)
    expectAllClose(try dataset.read(as: Double.self), expected, rtol: 0, name)
    if name.hasPrefix("numeric/") {
      #expect(dataset.shape == [7, 5])
      if !name.hasPrefix("numeric/u1") {  // numpy gives one-byte types no byte order
        #expect(dataset.dataType.order == (name.hasSuffix("_be") ? .big : .little))
      }
    } else {
      #expect(dataset.shape == Self.golden?.shapes[name])
    }
    if name.hasPrefix("numeric/f4") || name.hasPrefix("chunked/") {
      expectAllClose(try dataset.read(as: Float.self).map(Double.init), expected, rtol: 0, "\(name) as Float")
    }
  }

  @Test func hyperslabRowsEqualSliceOfFullRead() throws {
    let dataset = try open().dataset("chunked/gzip_shuffle")
    #expect(dataset.chunkShape == [8, 6, 3])
    #expect(dataset.filters.map(\.description) == ["shuffle", "gzip(6)"])
    let all = try dataset.read(as: Float.self)
    for rows in [0..<1, 3..<11, 8..<16, 39..<40, 0..<40, 5..<5] {
      let part = try dataset.read(rows: rows, as: Float.self)
      #expect(part == Array(all[(rows.lowerBound * 18)..<(rows.upperBound * 18)]), "rows \(rows)")
    }
    #expect(throws: HDF5IOError.self) { try dataset.read(rows: 38..<41, as: Float.self) }
  }

  @Test func stringsFixedAndVariable() throws {
    let file = try open()
    for (name, expected) in try #require(Self.golden?.strings) {
      #expect(try file.dataset(name).readStrings() == expected, "\(name)")
    }
    #expect(try file.dataset("strings/fixed").dataType == .string(length: 10, utf8: false))
    #expect(try file.dataset("strings/vlen").dataType == .string(length: nil, utf8: true))
    #expect(try file.dataset("scalar/f8").readScalar(as: Double.self) == 2.718281828459045)
  }

  @Test func attributesOnFileGroupAndDataset() throws {
    let file = try open()
    for (path, attributes) in try #require(Self.golden?.attributes) {
      let set =
        path == "/"
        ? file.attributes
        : (file.exists(path) && path != "/numeric"
          ? try file.dataset(path).attributes : try file.group(path).attributes)
      #expect(try set.names() == attributes.keys.sorted(), "\(path)")
      for (name, value) in attributes {
        if let strings = value.strings { #expect(try set.strings(name) == strings, "\(path)@\(name)") }
        if let numbers = value.numbers { #expect(try set.read(name, as: Double.self) == numbers, "\(path)@\(name)") }
      }
    }
    #expect(try file.attributes.string("title") == "h5py type sampler")
    #expect(try file.attributes.scalar("version", as: Int32.self) == 3)
    #expect(try file.attributes.value("version") == .integers([3]))
  }

  @Test func galaxy10LayoutReadsInBatches() throws {
    let expected = try Reference.json(Galaxy10Golden.self, "galaxy10_synthetic.json")
    let file = try HDF5File(url: Reference.url("galaxy10_synthetic.h5"))
    let layout = try Galaxy10Layout(file: file)
    let stack = layout.images
    #expect([stack.count, stack.height, stack.width, stack.channels] == expected.shape)
    #expect(layout.labels.map(Int.init) == expected.labels)
    #expect(layout.ra == expected.ra)
    #expect(layout.dec == expected.dec)
    let per = stack.imageElementCount
    var sums: [Int] = []
    for start in stride(from: 0, to: stack.count, by: 5) {
      let rows = start..<min(stack.count, start + 5)
      let batch = try stack.batch(rows: rows)
      #expect(batch.count == rows.count * per)
      for i in 0..<rows.count { sums.append(Int(batch[(i * per)..<((i + 1) * per)].reduce(0, +))) }
    }
    #expect(sums == expected.imageSums)
    let shuffled = try stack.batch(indices: [5, 0, 5, 11], scale: 1.0 / 255)
    #expect(Array(shuffled[0..<12]) == expected.firstPixels.map { Float($0) * (1.0 / 255) })
    let second = shuffled[per..<(2 * per)].reduce(0, +) * 255
    expectClose(Double(second), Double(expected.imageSums[0]), rtol: 1e-5, "image 0 via indices")
    #expect(shuffled[(2 * per)..<(3 * per)] == shuffled[0..<per])
  }
}
