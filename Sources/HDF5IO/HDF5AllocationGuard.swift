// galmorph — HDF5IO
//
// The check made before any read buffer is allocated from a size a file declares.

import Foundation

/// Refuses reads whose buffer could not fit in this machine's memory. A corrupt dataspace can claim terabytes; the
/// read cannot succeed, and allocating for it aborts the process ("failed to allocate", a `make fuzz` hdf5-model
/// finding), so the size is checked first and the error names the object.
enum HDF5AllocationGuard {
  /// This machine's physical memory in bytes (`sysconf(_SC_PHYS_PAGES) × _SC_PAGESIZE`).
  static let physicalMemory: Int = {
    let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
    return pages > 0 && size > 0 ? pages.multipliedReportingOverflow(by: size).partialValue : Int.max
  }()

  /// Throws ``HDF5IOError/layout(file:path:reason:)`` when `count` is negative (libhdf5's failure value for a
  /// dataspace it cannot count) or `count × elementBytes` overflows or exceeds ``physicalMemory``; `shape` is the
  /// declared shape, evaluated only for the message.
  static func check(
    count: Int, elementBytes: Int, file: String, path: String, shape: @autoclosure () -> [Int]
  ) throws {
    guard count >= 0 else {
      throw HDF5IOError.layout(
        file: file, path: path, reason: "libhdf5 cannot count the values of its dataspace; the file is probably corrupt"
      )
    }
    let (bytes, overflow) = count.multipliedReportingOverflow(by: elementBytes)
    guard overflow || bytes > physicalMemory else { return }
    throw HDF5IOError.layout(
      file: file, path: path,
      reason:
        "reading \(count) values (shape \(shape())) needs more than this machine's \(physicalMemory >> 20) MiB of memory; "
        + "the dataspace is probably corrupt")
  }
}
