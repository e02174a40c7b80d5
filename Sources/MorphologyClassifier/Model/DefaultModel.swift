// galmorph — MorphologyClassifier
//
// Where the shipped model is found when no --model is given: GALMORPH_MODEL, the install prefix, the checkout.

import Foundation
import GalmorphSupport

/// The shipped model (`galmorph-gz1-netb.h5`) and the places it is looked for, in order:
/// 1. the `GALMORPH_MODEL` environment variable (a file path; when it is set, it must name an existing file);
/// 2. `PREFIX/share/galmorph/galmorph-gz1-netb.h5` of the running executable `PREFIX/bin/galmorph` (`make install`);
/// 3. `Catalogs/galmorph-gz1-netb.h5` in the checkout: the nearest folder holding it, searching upward from the
///    executable's folder (`.build/release/galmorph` lives inside the checkout), then upward from the current folder.
///
/// (`--model FILE` comes before all of these; ``ModelOptions`` handles it.)
public struct DefaultModel: Sendable, Equatable {
  /// File name of the shipped model.
  public static let fileName = "galmorph-gz1-netb.h5"
  /// The environment variable naming a model file.
  public static let environmentVariable = "GALMORPH_MODEL"
  /// The model inside a checkout.
  public static let checkoutPath = "Catalogs/" + fileName
  /// The data folder under an install prefix.
  public static let sharePath = "share/galmorph"

  /// How the model was found.
  public enum Source: String, Sendable {
    case environment = "GALMORPH_MODEL", installPrefix = "install prefix", checkout = "checkout"
  }

  /// The model file.
  public var url: URL
  public var source: Source
  /// Every place looked at, in order, up to and including the one that had the model.
  public var tried: [String]

  /// The places of the lookup, for `environment`, the executable at `executable` and the current folder `currentDirectory`.
  /// - Throws: `ClassifierError.invalidInput` when `GALMORPH_MODEL` names no file, or when no place has the model (listing
  ///   every place tried).
  public static func locate(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    executable: URL? = runningExecutable,
    currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  )
    throws -> DefaultModel
  {
    let fm = FileManager.default
    func isFile(_ url: URL) -> Bool {
      var isDirectory: ObjCBool = false
      return fm.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
    if let value = environment[environmentVariable], !value.isEmpty {
      let url = (value.hasPrefix("/") ? URL(fileURLWithPath: value) : currentDirectory.appendingPathComponent(value))
        .standardizedFileURL
      guard isFile(url) else {
        throw ClassifierError.invalidInput(
          path: url.path,
          reason:
            "\(environmentVariable) names this model file, but there is no such file; correct or unset \(environmentVariable), or pass --model FILE"
        )
      }
      return DefaultModel(url: url, source: .environment, tried: ["\(environmentVariable)=\(url.path)"])
    }
    var tried = ["\(environmentVariable) (not set)"]
    if let exe = executable {
      let binFolder = exe.deletingLastPathComponent()
      let installed = binFolder.deletingLastPathComponent().appendingPathComponent(sharePath).appendingPathComponent(
        fileName)
      tried.append(installed.path)
      if isFile(installed) { return DefaultModel(url: installed, source: .installPrefix, tried: tried) }
    }
    for start in [executable?.deletingLastPathComponent(), currentDirectory.standardizedFileURL].compactMap({ $0 }) {
      if let found = searchUpward(from: start, isFile: isFile) {
        tried.append(found.path)
        return DefaultModel(url: found, source: .checkout, tried: tried)
      }
      tried.append("\(start.path)/\(checkoutPath) and every folder above")
    }
    throw ClassifierError.invalidInput(
      path: fileName,
      reason: """
        no --model given and the shipped model was not found; looked in: \(tried.joined(separator: "; ")). \
        Install galmorph with `make install` (which puts the model under PREFIX/\(sharePath)), set \
        \(environmentVariable)=FILE, or pass --model FILE
        """)
  }

  /// `Catalogs/galmorph-gz1-netb.h5` in `start` or the nearest folder above it that has one.
  static func searchUpward(from start: URL, isFile: (URL) -> Bool) -> URL? {
    var folder = start.standardizedFileURL
    while true {
      let candidate = folder.appendingPathComponent(checkoutPath)
      if isFile(candidate) { return candidate }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { return nil }
      folder = parent
    }
  }

  /// The running executable, symbolic links resolved (``ToolInfo/executableURL``).
  public static var runningExecutable: URL? { ToolInfo.executableURL }
}
