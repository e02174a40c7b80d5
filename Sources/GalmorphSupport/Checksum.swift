// galmorph — GalmorphSupport
//
// SHA-256 digests through OpenSSL's libcrypto (EVP interface), for provenance records and model hashes.

import CCrypto
import Foundation

/// SHA-256 digests of bytes and files, as lowercase hexadecimal strings.
///
/// Uses OpenSSL's `EVP_DigestInit_ex`/`EVP_DigestUpdate`/`EVP_DigestFinal_ex` (FIPS 180-4 SHA-256).
/// Files are streamed in 1 MiB blocks, so memory use does not grow with the file's size.
public struct SHA256Hasher: ~Copyable {
  private let ctx: OpaquePointer

  public init() {
    guard let c = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed: out of memory") }
    ctx = c
    EVP_DigestInit_ex(ctx, EVP_sha256(), nil)
  }

  deinit { EVP_MD_CTX_free(ctx) }

  /// Adds bytes to the digest.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    EVP_DigestUpdate(ctx, base, bytes.count)
  }

  /// Adds the bytes of `data` to the digest.
  public mutating func update(_ data: Data) { data.withUnsafeBytes { update($0) } }

  /// Adds the raw bytes of an array of trivial values (e.g. model weights) to the digest.
  public mutating func update<T: BitwiseCopyable>(contentsOf array: [T]) { array.withUnsafeBytes { update($0) } }

  /// Finishes and returns the digest as 64 lowercase hex digits.
  public consuming func finalize() -> String {
    var out = [UInt8](repeating: 0, count: 32)
    var len: UInt32 = 0
    EVP_DigestFinal_ex(ctx, &out, &len)
    return out.prefix(Int(len)).map { String(format: "%02x", $0) }.joined()
  }
}

public enum Checksum {
  /// SHA-256 of `data`, hex.
  public static func sha256(_ data: Data) -> String {
    var h = SHA256Hasher()
    h.update(data)
    return h.finalize()
  }

  /// SHA-256 of a UTF-8 string, hex.
  public static func sha256(_ string: String) -> String { sha256(Data(string.utf8)) }

  /// SHA-256 of a file's bytes, streamed. Throws `SupportError.io` naming the file when it cannot be read.
  public static func sha256(fileAt url: URL) throws -> String {
    guard let handle = try? FileHandle(forReadingFrom: url) else {
      throw SupportError.io(path: url.path, reason: "cannot open for reading")
    }
    defer { try? handle.close() }
    var h = SHA256Hasher()
    while true {
      let chunk: Data
      do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
        throw SupportError.io(path: url.path, reason: "read failed: \(FileErrorText.reason(error))")
      }
      if chunk.isEmpty { break }
      h.update(chunk)
    }
    return h.finalize()
  }
}
