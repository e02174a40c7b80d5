// galmorph — HDF5IO
//
// One error type for the HDF5 layer. Every case names the file; dataset- and attribute-level cases also name the
// object path, and `libraryMessage` carries the condensed HDF5 error stack (innermost cause last).

/// Errors raised by HDF5IO. Messages name the file, the object path inside it and say what to do.
public enum HDF5IOError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file could not be opened or created (missing, not HDF5, truncated, corrupt, no permission).
  case cannotOpen(file: String, reason: String)
  /// An object (group or dataset) does not exist; `available` lists the names present in its parent group.
  case notFound(file: String, path: String, available: [String])
  /// An attribute does not exist on the object; `available` lists the attribute names present.
  case attributeNotFound(file: String, object: String, name: String, available: [String])
  /// A compound dataset has no field of that name; `available` lists its fields.
  case fieldNotFound(file: String, path: String, field: String, available: [String])
  /// A read of dataset or attribute data failed inside libhdf5 (corrupt data, I/O error).
  case readFailed(file: String, path: String, reason: String)
  /// A write (create, extend, attribute) failed inside libhdf5.
  case writeFailed(file: String, path: String, reason: String)
  /// The data needs an HDF5 filter that this libhdf5 build does not provide (LZO, blosc, szip ...).
  case filterUnavailable(file: String, path: String, filter: String, id: Int)
  /// The stored type cannot be converted to the requested type (e.g. a compound read as Float).
  case typeMismatch(file: String, path: String, stored: String, requested: String)
  /// The shape or a selection does not fit the dataset (wrong rank, rows out of range, value count mismatch).
  case shapeMismatch(file: String, path: String, reason: String)
  /// Another libhdf5 failure (the call and the condensed error stack).
  case library(file: String, path: String, call: String, reason: String)
  /// A file does not follow a layout it is read as (e.g. an image stack without `label`, or an `ra` dataset of
  /// another length than `images`): the dataset and what is wrong.
  case layout(file: String, path: String, reason: String)

  public var description: String {
    switch self {
    case let .cannotOpen(file, reason):
      return
        "\(file): cannot open as HDF5: \(reason). Check that the file exists, is complete (not truncated) and is an HDF5 file."
    case let .notFound(file, path, available):
      let list = available.isEmpty ? "(none)" : available.joined(separator: ", ")
      return "\(file): no object '\(path)'; available in its group: \(list)"
    case let .attributeNotFound(file, object, name, available):
      let list = available.isEmpty ? "(none)" : available.joined(separator: ", ")
      return "\(file): object '\(object)' has no attribute '\(name)'; available: \(list)"
    case let .fieldNotFound(file, path, field, available):
      return "\(file): table '\(path)' has no field '\(field)'; available: \(available.joined(separator: ", "))"
    case let .readFailed(file, path, reason):
      return "\(file): reading '\(path)' failed: \(reason). The file may be corrupt or truncated."
    case let .writeFailed(file, path, reason):
      return "\(file): writing '\(path)' failed: \(reason)"
    case let .filterUnavailable(file, path, filter, id):
      return "\(file): dataset '\(path)' is compressed with the \(filter) filter (id \(id)), which this libhdf5 build "
        + "does not provide; re-save the file with gzip (e.g. `h5repack -f GZIP=4`) to read it."
    case let .typeMismatch(file, path, stored, requested):
      return "\(file): '\(path)' stores \(stored), which cannot be read as \(requested)"
    case let .shapeMismatch(file, path, reason):
      return "\(file): '\(path)': \(reason)"
    case let .library(file, path, call, reason):
      return "\(file): '\(path)': \(call) failed: \(reason)"
    case let .layout(file, path, reason):
      return "\(file): dataset '\(path)': \(reason)"
    }
  }
}
