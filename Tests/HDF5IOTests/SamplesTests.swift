// galmorph — HDF5IOTests
//
// Every real file in ../shared/data/hdf5_samples (PyTables, MATLAB v7.3 with a user block, astropy) is inspected
// and compared with h5py's view of it: tree, link kinds, shapes, types, byte order, chunking, filters, attribute
// names and small attribute values; numeric data statistics where the data can be decoded.

import Foundation
import HDF5IO
import Testing
import _GalmorphTestSupport

@Suite("Real HDF5 files match h5py")
struct SamplesTests {
  static let golden: SamplesGolden? = try? Reference.json(SamplesGolden.self, "hdf5_samples_golden.json")
  static let fileNames: [String] = golden?.files.map(\.file) ?? []

  @Test func goldenCoversEverySample() throws {
    let golden = try #require(Self.golden)
    #expect(golden.generator.hasSuffix("gen_hdf5_golden.py"))
    #expect(golden.files.count == 49)
  }

  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage), arguments: fileNames)
  func treeMatchesH5py(_ name: String) throws {
    let expected = try #require(Self.golden?.files.first { $0.file == name })
    let inspection = try HDF5Inspection.inspect(url: SharedData.url(name))
    #expect(inspection.userBlockBytes == expected.userBlock)
    #expect(inspection.nodes.map(\.path) == expected.nodes.map(\.path), "\(name): paths")
    let actualByPath = Dictionary(inspection.nodes.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    for node in expected.nodes {
      guard let actual = actualByPath[node.path] else { continue }
      let at = "\(name) \(node.path)"
      #expect(actual.kind.rawValue == node.kind, "\(at): kind")
      #expect(actual.target == node.target, "\(at): link target")
      #expect(actual.problem == nil, "\(at): \(actual.problem ?? "")")
      if let names = node.attributes { #expect(actual.attributes.map(\.name) == names, "\(at): attribute names") }
      guard let d = node.dataset else { continue }
      let ad = try #require(actual.dataset, "\(at): dataset metadata")
      #expect(ad.shape == d.shape, "\(at): shape")
      #expect(ad.dtype == d.dtype, "\(at): dtype")
      #expect(ad.byteOrder.rawValue == d.byteOrder, "\(at): byte order")
      #expect(ad.chunks == d.chunks, "\(at): chunks")
      #expect(ad.filters.map(\.id) == d.filters.map(\.id), "\(at): filter ids")
      #expect(ad.filters.map(\.values) == d.filters.map(\.values), "\(at): filter values")
    }
  }

  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage), arguments: fileNames)
  func attributeValuesMatchH5py(_ name: String) throws {
    let expected = try #require(Self.golden?.files.first { $0.file == name })
    let file = try HDF5File(url: SharedData.url(name))
    for node in expected.nodes {
      guard let values = node.attributeValues, !values.isEmpty else { continue }
      let set = node.kind == "dataset" ? try file.dataset(node.path).attributes : try file.group(node.path).attributes
      for (attribute, value) in values {
        let at = "\(name) \(node.path)@\(attribute)"
        if let strings = value.strings {
          #expect(try set.strings(attribute) == strings, "\(at)")
        } else if let numbers = value.numbers {
          expectAllClose(try set.read(attribute, as: Double.self), numbers, rtol: 1e-12, at)
        }
      }
    }
  }

  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage), arguments: fileNames)
  func numericStatisticsMatchH5py(_ name: String) throws {
    let expected = try #require(Self.golden?.files.first { $0.file == name })
    let file = try HDF5File(url: SharedData.url(name))
    for node in expected.nodes {
      guard let stats = node.dataset?.stats else { continue }
      let at = "\(name) \(node.path)"
      let values = try file.dataset(node.path).read(as: Double.self)
      #expect(values.count == stats.count, "\(at): count")
      let finite = values.filter { !$0.isNaN }
      #expect(values.count - finite.count == stats.nan, "\(at): NaN count")
      let scale = max(1, finite.reduce(0) { $0 + abs($1) })
      expectClose(finite.reduce(0, +), stats.sum, rtol: 1e-12, atol: 1e-12 * scale, "\(at): sum")
      #expect(finite.min() == stats.min, "\(at): min")
      #expect(finite.max() == stats.max, "\(at): max")
    }
  }

  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage), arguments: fileNames)
  func tableFieldsMatchH5py(_ name: String) throws {
    let expected = try #require(Self.golden?.files.first { $0.file == name })
    let file = try HDF5File(url: SharedData.url(name))
    for node in expected.nodes {
      guard let fields = node.dataset?.fields, !fields.isEmpty else { continue }
      let dataset = try file.dataset(node.path)
      for (field, value) in fields {
        let at = "\(name) \(node.path).\(field)"
        if let strings = value.strings {
          #expect(Array(try dataset.readStringField(field).prefix(5)) == strings, "\(at)")
        }
        if let stats = value.stats {
          let values = try dataset.readField(field, as: Double.self)
          #expect(values.count == stats.count, "\(at): count")
          let finite = values.filter { !$0.isNaN }
          let scale = max(1, finite.reduce(0) { $0 + abs($1) })
          expectClose(finite.reduce(0, +), stats.sum, rtol: 1e-12, atol: 1e-12 * scale, "\(at): sum")
          #expect(finite.min() == stats.min && finite.max() == stats.max, "\(at): min/max")
        }
      }
    }
  }
}
