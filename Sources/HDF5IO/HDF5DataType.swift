// galmorph — HDF5IO
//
// A value description of an HDF5 datatype, built from the type in the file. Every HDF5 type class is described
// (never fatal): atomic numbers, strings, compounds, enums, arrays, variable-length sequences, references, opaque
// and bitfield types. `description` is a compact, numpy-like spelling used by `galmorph inspect` and the goldens.

import CHDF5

/// Byte order of an atomic stored type.
public enum HDF5ByteOrder: String, Codable, Sendable {
  case little, big, none
}

/// The datatype of a dataset or attribute as stored in the file.
public indirect enum HDF5DataType: Equatable, Sendable, CustomStringConvertible {
  /// A member of a compound type.
  public struct Member: Equatable, Sendable {
    public var name: String
    public var type: HDF5DataType
  }

  /// Integer of `bytes` bytes (1, 2, 4, 8).
  case integer(bytes: Int, signed: Bool, order: HDF5ByteOrder)
  /// IEEE float of `bytes` bytes (2, 4, 8; other sizes are described by their size).
  case float(bytes: Int, order: HDF5ByteOrder)
  /// String: fixed length in bytes, or variable length (`length == nil`); `utf8` false means ASCII.
  case string(length: Int?, utf8: Bool)
  /// Compound (record) type with named members.
  case compound([Member])
  /// Enumeration over an integer base type; `members` are the names in definition order.
  case enumeration(base: HDF5DataType, members: [String])
  /// Fixed-size array of `base` with dimensions `dims` inside each element.
  case array(base: HDF5DataType, dims: [Int])
  /// Variable-length sequence of `base`.
  case variableLength(base: HDF5DataType)
  /// Object (`region == false`) or dataset-region reference.
  case reference(region: Bool)
  /// Opaque bytes with a tag.
  case opaque(bytes: Int, tag: String)
  /// Bitfield of `bytes` bytes.
  case bitfield(bytes: Int)
  /// Anything else (time type, unknown class): the class number and size.
  case other(typeClass: Int, bytes: Int)

  /// Compact description: `int32`, `uint8`, `float64`, `string[12]`, `string[vlen,utf8]`,
  /// `compound{a:int32,b:float64}`, `enum(int8){RED,GREEN}`, `float32[3,3]`, `vlen<int32>`, `reference`,
  /// `region_reference`, `opaque[8]`, `bitfield[1]`, `class7[8]`. Byte order is reported separately (`order`).
  public var description: String {
    switch self {
    case let .integer(bytes, signed, _): return (signed ? "int" : "uint") + "\(bytes * 8)"
    case let .float(bytes, _): return "float\(bytes * 8)"
    case let .string(length, utf8):
      let size = length.map(String.init) ?? "vlen"
      return "string[\(size)\(utf8 ? ",utf8" : "")]"
    case let .compound(members):
      return "compound{" + members.map { "\($0.name):\($0.type)" }.joined(separator: ",") + "}"
    case let .enumeration(base, members): return "enum(\(base)){" + members.joined(separator: ",") + "}"
    case let .array(base, dims): return "\(base)[" + dims.map(String.init).joined(separator: ",") + "]"
    case let .variableLength(base): return "vlen<\(base)>"
    case let .reference(region): return region ? "region_reference" : "reference"
    case let .opaque(bytes, tag): return tag.isEmpty ? "opaque[\(bytes)]" : "opaque[\(bytes),\(tag)]"
    case let .bitfield(bytes): return "bitfield[\(bytes)]"
    case let .other(typeClass, bytes): return "class\(typeClass)[\(bytes)]"
    }
  }

  /// Byte order of an atomic integer or float type; `.none` for every other type.
  public var order: HDF5ByteOrder {
    switch self {
    case let .integer(_, _, order), let .float(_, order): return order
    default: return .none
    }
  }

  /// True for integer and float types, which can be converted to any numeric element type when read.
  public var isNumeric: Bool {
    switch self {
    case .integer, .float: return true
    default: return false
    }
  }

  /// True for fixed- and variable-length strings.
  public var isString: Bool {
    if case .string = self { return true }
    return false
  }
}

extension HDF5DataType {
  /// Describes the HDF5 type `tid` (caller holds the lock). Never throws: unreadable parts become `.other`.
  static func describe(_ tid: hid_t) -> HDF5DataType {
    let size = H5Tget_size(tid)
    let bytes = Int(size)
    func order() -> HDF5ByteOrder {
      switch H5Tget_order(tid) {
      case H5T_ORDER_LE: return .little
      case H5T_ORDER_BE: return .big
      default: return .none
      }
    }
    func withSuper(_ body: (HDF5DataType) -> HDF5DataType) -> HDF5DataType {
      let sup = H5Tget_super(tid)
      guard sup >= 0 else {
        HDF5Library.clearErrors(); return .other(typeClass: Int(H5Tget_class(tid).rawValue), bytes: bytes)
      }
      defer { H5Tclose(sup) }
      return body(describe(sup))
    }
    let cls = H5Tget_class(tid)
    switch cls {
    case H5T_INTEGER:
      return .integer(bytes: bytes, signed: H5Tget_sign(tid) == H5T_SGN_2, order: order())
    case H5T_FLOAT:
      return .float(bytes: bytes, order: order())
    case H5T_STRING:
      let utf8 = H5Tget_cset(tid) == H5T_CSET_UTF8
      return .string(length: H5Tis_variable_str(tid) > 0 ? nil : bytes, utf8: utf8)
    case H5T_COMPOUND:
      let n = max(0, Int(H5Tget_nmembers(tid)))
      var members: [Member] = []
      for i in 0..<n {
        let name = takeCString(H5Tget_member_name(tid, UInt32(i))) ?? "?"
        let mt = H5Tget_member_type(tid, UInt32(i))
        if mt < 0 {
          HDF5Library.clearErrors(); members.append(Member(name: name, type: .other(typeClass: -1, bytes: 0))); continue
        }
        members.append(Member(name: name, type: describe(mt)))
        H5Tclose(mt)
      }
      return .compound(members)
    case H5T_ENUM:
      let n = max(0, Int(H5Tget_nmembers(tid)))
      let names = (0..<n).map { takeCString(H5Tget_member_name(tid, UInt32($0))) ?? "?" }
      return withSuper { .enumeration(base: $0, members: names) }
    case H5T_ARRAY:
      let rank = max(0, Int(H5Tget_array_ndims(tid)))
      var dims = [hsize_t](repeating: 0, count: max(rank, 1))
      _ = H5Tget_array_dims2(tid, &dims)
      return withSuper { .array(base: $0, dims: dims.prefix(rank).map { Int($0) }) }
    case H5T_VLEN:
      return withSuper { .variableLength(base: $0) }
    case H5T_REFERENCE:
      return .reference(region: H5Tequal(tid, chdf5_t_std_ref_dsetreg()) > 0)
    case H5T_OPAQUE:
      return .opaque(bytes: bytes, tag: takeCString(H5Tget_tag(tid)) ?? "")
    case H5T_BITFIELD:
      return .bitfield(bytes: bytes)
    default:
      HDF5Library.clearErrors()
      return .other(typeClass: Int(cls.rawValue), bytes: bytes)
    }
  }
}

/// Copies a C string allocated by libhdf5 into a Swift string and frees it with `H5free_memory`.
func takeCString(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
  guard let pointer else { HDF5Library.clearErrors(); return nil }
  defer { H5free_memory(pointer) }
  return String(cString: pointer)
}

/// The NUL-terminated UTF-8 text in a C character buffer filled by libhdf5.
func stringFromBuffer(_ buffer: [CChar]) -> String {
  String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
