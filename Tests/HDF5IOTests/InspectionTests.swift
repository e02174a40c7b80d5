// galmorph — HDF5IOTests
//
// `HDF5Inspection`: unusual types are described (not fatal), the text rendering names what matters, the JSON form
// round-trips, and an unavailable filter is reported when data is read.

import Foundation
import HDF5IO
import Testing
import _GalmorphTestSupport

@Suite("Inspection")
struct InspectionTests {
  static let tables = "hdf5_samples/debian_python-tables-data_3.7.0-5/"

  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func describesCompoundEnumAndLinks() throws {
    let compound = try HDF5Inspection.inspect(url: SharedData.url(Self.tables + "smpl_compound_chunked.h5"))
    let dataset = try #require(compound.nodes.first { $0.dataset != nil }?.dataset)
    #expect(dataset.dtype.hasPrefix("compound{"))
    let links = try HDF5Inspection.inspect(url: SharedData.url(Self.tables + "slink.h5"))
    #expect(links.nodes.contains { $0.path == "/arr2" && $0.kind == .softLink && $0.target == "/arr" })
    let text = links.renderText()
    #expect(text.contains("/arr2") && text.contains("soft link → /arr"))
    let elink = try HDF5Inspection.inspect(url: SharedData.url(Self.tables + "elink.h5"))
    #expect(elink.renderText().contains("external link → elink2.h5:/pep"))
  }

  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func matlabUserBlockAndJSONRoundTrip() throws {
    let mat = try HDF5Inspection.inspect(url: SharedData.url(Self.tables + "matlab_file.mat"))
    #expect(mat.userBlockBytes == 512)
    #expect(mat.renderText().contains("user block 512"))
    let data = try JSONEncoder().encode(mat)
    #expect(try JSONDecoder().decode(HDF5Inspection.self, from: data) == mat)
  }

  @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
  func textShowsFiltersAndUnavailableOnes() throws {
    let lzo = try HDF5Inspection.inspect(url: SharedData.url(Self.tables + "Tables_lzo1_shuffle.h5"))
    let text = lzo.renderText()
    #expect(text.contains("lzo (unavailable)"), "\(text)")
    #expect(text.contains("shuffle"))
  }

  @Test(
    .enabled(if: SharedData.isAvailable, SharedData.skipMessage),
    arguments: [
      ("blosc_bigendian.h5", "/i4", "blosc"), ("Tables_lzo1.h5", "", "lzo"),
    ])
  func unavailableFilterIsNamedWhenReading(_ name: String, _ path: String, _ filter: String) throws {
    let url = SharedData.url(Self.tables + name)
    let file = try HDF5File(url: url)
    let target: String
    if path.isEmpty {
      let nodes = try HDF5Inspection.inspect(url: url).nodes
      target = try #require(nodes.first { $0.dataset?.filters.contains { $0.name == filter } ?? false }?.path)
    } else {
      target = path
    }
    let dataset = try file.dataset(target)
    do {
      _ = try dataset.read(as: Double.self)
      Issue.record("reading \(target) should fail")
    } catch let error as HDF5IOError {
      let message = error.description
      #expect(message.contains(filter) && message.contains(name) && message.contains(target), "\(message)")
      guard case .filterUnavailable = error else { Issue.record("expected filterUnavailable, got \(error)"); return }
    }
    #expect(throws: HDF5IOError.self) { try dataset.requireFiltersAvailable() }
  }
}
