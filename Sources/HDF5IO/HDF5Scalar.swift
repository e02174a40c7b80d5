// galmorph — HDF5IO
//
// Swift element types that map one-to-one onto HDF5 numeric types. Reads name the native (memory) type and let
// libhdf5 convert from whatever is stored (any width, sign or byte order); writes store little-endian standard
// types so files are identical on every platform.

import CHDF5

/// A numeric element type that HDF5IO reads and writes: `UInt8`, `Int8`, `UInt16`, `Int16`, `UInt32`, `Int32`,
/// `UInt64`, `Int64`, `Float`, `Double`.
public protocol HDF5Scalar: Sendable, Numeric {
  /// The native memory type (`H5T_NATIVE_*`) libhdf5 converts into when reading.
  static var hdf5MemoryType: hid_t { get }
  /// The little-endian standard type (`H5T_STD_*LE`, `H5T_IEEE_F*LE`) used when writing.
  static var hdf5FileType: hid_t { get }
  /// Name used in error messages ("uint8", "float32" ...).
  static var hdf5Name: String { get }
}

extension UInt8: HDF5Scalar {
  public static var hdf5MemoryType: hid_t { chdf5_t_native_uint8() }
  public static var hdf5FileType: hid_t { chdf5_t_std_u8le() }
  public static var hdf5Name: String { "uint8" }
}
extension Int8: HDF5Scalar {
  public static var hdf5MemoryType: hid_t { chdf5_t_native_int8() }
  public static var hdf5FileType: hid_t { chdf5_t_std_i8le() }
  public static var hdf5Name: String { "int8" }
}
extension UInt16: HDF5Scalar {
  public static var hdf5MemoryType: hid_t { chdf5_t_native_uint16() }
  public static var hdf5FileType: hid_t { chdf5_t_std_u16le() }
  public static var hdf5Name: String { "uint16" }
}
extension Int16: HDF5Scalar {
  public static var hdf5MemoryType: hid_t { chdf5_t_native_int16() }
  public static var hdf5FileType: hid_t { chdf5_t_std_i16le() }
  public static var hdf5Name: String { "int16" }
}
extension UInt32: HDF5Scalar {
  public static var hdf5MemoryType: hid_t { chdf5_t_native_uint32() }
  public static var hdf5FileType: hid_t { chdf5_t_std_u32le() }
  public static var hdf5Name: String { "uint32" }
}
extension Int32: HDF5Scalar {
  public static var hdf5MemoryType: hid_t { chdf5_t_native_int32() }
  public static var hdf5FileType: hid_t { chdf5_t_std_i32le() }
  public static var hdf5Name: String { "int32" }
}
extension UInt64: HDF5Scalar {
  public static var hdf5MemoryType: hid_t { chdf5_t_native_uint64() }
  public static var hdf5FileType: hid_t { chdf5_t_std_u64le() }
  public static var hdf5Name: String { "uint64" }
}
extension Int64: HDF5Scalar {
  public static var hdf5MemoryType: hid_t { chdf5_t_native_int64() }
  public static var hdf5FileType: hid_t { chdf5_t_std_i64le() }
  public static var hdf5Name: String { "int64" }
}
extension Float: HDF5Scalar {
  public static var hdf5MemoryType: hid_t { chdf5_t_native_float() }
  public static var hdf5FileType: hid_t { chdf5_t_ieee_f32le() }
  public static var hdf5Name: String { "float32" }
}
extension Double: HDF5Scalar {
  public static var hdf5MemoryType: hid_t { chdf5_t_native_double() }
  public static var hdf5FileType: hid_t { chdf5_t_ieee_f64le() }
  public static var hdf5Name: String { "float64" }
}

/// How strings are stored when writing.
public enum HDF5StringStorage: Equatable, Sendable {
  /// Variable-length UTF-8 strings (h5py's default for `str`), any length.
  case variableLength
  /// Fixed-length UTF-8 strings of `bytes` bytes, NUL-padded; longer strings are an error.
  case fixedLength(bytes: Int)
}
