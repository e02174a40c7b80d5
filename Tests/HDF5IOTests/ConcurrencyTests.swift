// galmorph — HDF5IOTests
//
// libhdf5 serial is not thread-safe; HDF5IO serialises every call behind one process-wide lock. Many tasks reading
// batches (and writing other files) at once must give the same bytes as a serial read, without crashing.

import Foundation
import HDF5IO
import Testing
import _GalmorphTestSupport

@Suite("Concurrent use")
struct ConcurrencyTests {
  @Test func parallelBatchReadsAndWritesAgreeWithSerialRead() async throws {
    let file = try HDF5File(url: Reference.url("galaxy10_synthetic.h5"))
    let stack = try HDF5ImageStack(file: file)
    let serial = try stack.batch(rows: 0..<stack.count)
    let per = stack.imageElementCount
    let folder = try TemporaryFolder("hdf5io-par")
    defer { folder.cleanup() }
    let results = try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
      for task in 0..<16 {
        group.addTask {
          if task % 4 == 0 {  // interleave writes of other files with the reads
            try HDF5File.create(at: folder.file("w\(task).h5")) { out in
              try out.writeTensor(path: "t/\(task)", shape: [per], values: Array(repeating: Float(task), count: per))
            }
          }
          let i = task % stack.count
          return (i, try stack.batch(indices: [i]))
        }
      }
      var collected: [(Int, [Float])] = []
      for try await r in group { collected.append(r) }
      return collected
    }
    #expect(results.count == 16)
    for (i, values) in results { #expect(values == Array(serial[(i * per)..<((i + 1) * per)]), "image \(i)") }
    for task in stride(from: 0, to: 16, by: 4) {
      let t = try HDF5File(url: folder.file("w\(task).h5")).readTensor(path: "t/\(task)")
      #expect(t.values == Array(repeating: Float(task), count: per))
    }
  }
}
