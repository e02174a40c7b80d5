// galmorph — GalmorphSupport
//
// Foundation's file errors in words a user can act on: the path and the system's reason, never "Error Domain=…".

import Foundation

/// Turns Foundation and POSIX errors (`CocoaError`, `POSIXError`, `NSError` of the Cocoa or POSIX domain) into a
/// one-line reason such as "no such file or folder" or "permission denied", and into ``SupportError/io(path:reason:)``
/// naming the file. Other errors pass through: their own descriptions already name the file.
public enum FileErrorText {
  /// True when `error` is one of Foundation's file errors (or a bare POSIX error), whose default text is
  /// `Error Domain=NSCocoaErrorDomain Code=4 …`.
  public static func isFoundationError(_ error: any Error) -> Bool {
    if error is CocoaError || error is POSIXError { return true }
    let ns = error as NSError
    return ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain
  }

  /// The file path a Foundation error carries (`NSFilePath` or `NSURL` in its user info), if any.
  public static func path(of error: any Error) -> String? {
    let info = (error as NSError).userInfo
    if let p = info[NSFilePathErrorKey] as? String, !p.isEmpty { return p }
    if let u = info[NSURLErrorKey] as? URL { return u.path }
    if let u = info[NSURLErrorKey] as? NSURL { return u.path }
    return nil
  }

  /// A short lower-case reason for `error`: the system's `strerror` text when a POSIX code is known, a plain phrase
  /// for the common Cocoa file codes, else the error's own description (which, for errors that are not Foundation
  /// errors, is galmorph's message).
  public static func reason(_ error: any Error) -> String {
    guard isFoundationError(error) else {
      if case let SupportError.io(_, reason) = error { return reason }
      return "\(error)"
    }
    let ns = error as NSError
    if ns.domain == NSPOSIXErrorDomain { return posixText(Int32(truncatingIfNeeded: ns.code)) }
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return posixText(Int32(truncatingIfNeeded: underlying.code))
    }
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? POSIXError {
      return posixText(underlying.code.rawValue)
    }
    switch CocoaError.Code(rawValue: ns.code) {
    case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
    case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
    case .fileWriteOutOfSpace: return "no space left on the device"
    case .fileWriteVolumeReadOnly: return "read-only file system"
    case .fileWriteFileExists: return "a file of that name already exists"
    case .fileWriteInvalidFileName, .fileReadInvalidFileName: return "invalid file name"
    case .fileLocking: return "the file is locked"
    case .fileReadCorruptFile: return "the file is corrupt"
    case .fileReadTooLarge: return "the file is too large"
    case .fileReadUnknownStringEncoding, .fileReadInapplicableStringEncoding:
      return "the text is not in a known encoding"
    case .fileWriteInapplicableStringEncoding: return "the text cannot be written in this encoding"
    case .fileReadUnknown: return "cannot read the file"
    case .fileWriteUnknown: return "cannot write the file"
    default: return "file operation failed (code \(ns.code))"
    }
  }

  /// `error` as a message naming its file: Foundation errors become ``SupportError/io(path:reason:)`` with the path
  /// they carry (else `fallbackPath`, else "(unknown file)"); every other error is returned unchanged.
  public static func userFacing(_ error: any Error, fallbackPath: String? = nil) -> any Error {
    guard isFoundationError(error) else { return error }
    return SupportError.io(path: path(of: error) ?? fallbackPath ?? "(unknown file)", reason: reason(error))
  }

  /// `strerror(code)` with a lower-case first letter ("No such file or directory" → "no such file or directory").
  static func posixText(_ code: Int32) -> String {
    let text = String(cString: strerror(code))
    guard let first = text.first else { return "error \(code)" }
    return first.lowercased() + text.dropFirst()
  }
}
