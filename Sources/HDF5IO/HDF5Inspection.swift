// galmorph — HDF5IO
//
// A description of a whole file for `galmorph inspect`: every link with its kind, datasets with shape, type,
// chunking and filters, and every attribute with its value shortened. Nothing in it is fatal except failing to
// open the file: an unreadable attribute or dataset is described with the reason instead.

import Foundation

/// The tree of an HDF5 file (Codable for `--json`); see `renderText()` for the plain-text form.
public struct HDF5Inspection: Codable, Equatable, Sendable {
  /// One attribute: name, type description, shape (`nil` for an empty dataspace) and shortened value.
  public struct Attribute: Codable, Equatable, Sendable {
    public var name: String
    public var dtype: String
    public var shape: [Int]?
    public var value: String
  }

  /// Dataset metadata.
  public struct Dataset: Codable, Equatable, Sendable {
    public var shape: [Int]
    /// Maximum shape; `nil` entries are unlimited.
    public var maxShape: [Int?]
    /// Type description (`HDF5DataType.description`), e.g. `int32`, `compound{a:int32,b:float64}`.
    public var dtype: String
    /// Byte order of an atomic numeric type (`little`, `big`, `none`).
    public var byteOrder: HDF5ByteOrder
    /// Chunk shape, `nil` when not chunked.
    public var chunks: [Int]?
    public var filters: [HDF5Filter]
  }

  /// One link of the tree (the root group first, path `/`).
  public struct Node: Codable, Equatable, Sendable {
    public var path: String
    public var kind: HDF5Node.Kind
    /// Target of a soft, external or duplicate hard link.
    public var target: String?
    public var dataset: Dataset?
    public var attributes: [Attribute]
    /// Why part of this node could not be described (it is otherwise complete).
    public var problem: String?
  }

  /// The file's path as given.
  public var file: String
  /// File size in bytes.
  public var bytes: Int
  /// Bytes before the HDF5 superblock (512 for MATLAB v7.3 files).
  public var userBlockBytes: Int
  /// The libhdf5 version that read the file.
  public var library: String
  public var nodes: [Node]

  /// Describes the file at `url`. Throws only when the file cannot be opened (`HDF5IOError.cannotOpen`).
  ///
  /// With `readingData`, the values of every dataset of at most ``smallDatasetBytes`` are read too (numbers and
  /// strings, in walk order, up to ``dataBudgetBytes`` in all — a model file's weights, a stack's columns, not its
  /// images), and a read that fails is the node's `problem`. The executable's child walk does this so that libhdf5
  /// crashing inside `H5Dread` of a corrupt dataset (a `make fuzz` hdf5-model finding: a segfault in `H5VM_memcpyvv`
  /// under `H5D__contig_read`, which h5dump shares) happens in the child, not in the reader.
  public static func inspect(url: URL, readingData: Bool = false) throws -> HDF5Inspection {
    let file = try HDF5File(url: url, mode: .readOnly)
    defer { file.close() }
    let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    var budget = readingData ? dataBudgetBytes : 0
    var nodes = [describe(HDF5Node(path: "/", kind: .group), in: file, budget: &budget)]
    for node in try file.walk() { nodes.append(describe(node, in: file, budget: &budget)) }
    return HDF5Inspection(
      file: url.path, bytes: size, userBlockBytes: (try? file.userBlockSize()) ?? 0,
      library: HDF5Library.version, nodes: nodes)
  }

  /// Largest dataset whose values `inspect(url:readingData: true)` reads: 16 MiB (stored as 8-byte values).
  public static let smallDatasetBytes = 16 << 20
  /// Most bytes `inspect(url:readingData: true)` reads from one file: 64 MiB.
  public static let dataBudgetBytes = 64 << 20

  /// Reads `dataset`'s values when it is small and the budget allows (numbers as Double, strings), charging the
  /// budget; throws what the read throws.
  private static func readValues(of dataset: HDF5Dataset, budget: inout Int) throws {
    let bytes = dataset.elementCount.multipliedReportingOverflow(by: 8)
    guard !bytes.overflow, bytes.partialValue <= smallDatasetBytes, bytes.partialValue <= budget else { return }
    if dataset.dataType.isNumeric {
      budget -= bytes.partialValue
      _ = try dataset.read(as: Double.self)
    } else if dataset.dataType.isString {
      budget -= bytes.partialValue
      _ = try dataset.readStrings()
    }
  }

  private static func describe(_ node: HDF5Node, in file: HDF5File, budget: inout Int) -> Node {
    var result = Node(path: node.path, kind: node.kind, target: node.target, dataset: nil, attributes: [], problem: nil)
    do {
      switch node.kind {
      case .group:
        result.attributes = attributes(of: try file.group(node.path).attributes)
      case .dataset:
        let dataset = try file.dataset(node.path)
        result.dataset = Dataset(
          shape: dataset.shape, maxShape: dataset.maxShape, dtype: dataset.dataType.description,
          byteOrder: dataset.dataType.order, chunks: dataset.chunkShape, filters: dataset.filters)
        result.attributes = attributes(of: dataset.attributes)
        if budget > 0 { try readValues(of: dataset, budget: &budget) }
      default:
        break
      }
    } catch {
      result.problem = "\(error)"
    }
    return result
  }

  /// Attributes with more elements than this are described by their count only.
  static let maxAttributeElements = 4096

  private static func attributes(of set: HDF5AttributeSet) -> [Attribute] {
    guard let names = try? set.names() else { return [] }
    return names.map { name in
      guard let (type, shape) = try? set.info(name) else {
        return Attribute(name: name, dtype: "?", shape: nil, value: "<unreadable>")
      }
      let count = shape?.reduce(1, *) ?? 0
      let value: String
      if count > maxAttributeElements {
        value = "<\(count) values>"  // not read: inspection stays fast on huge attributes
      } else {
        do { value = try set.value(name).shortened() } catch { value = "<unreadable: \(error)>" }
      }
      return Attribute(name: name, dtype: type.description, shape: shape, value: value)
    }
  }
}
