// galmorph — test support
import Testing
//
// Locating the third-party data in ../shared/data and the reference (golden) files beside each test.

import Foundation

/// The real third-party data set shared beside the checkout (`../shared/data`), used by data-dependent tests.
///
/// Resolution: `GALMORPH_SHARED_DATA` if set, else `<package root>/../shared/data`. Tests that need it are
/// declared with `.enabled(if: SharedData.isAvailable, SharedData.skipMessage)` so that a checkout without the data
/// skips them with a clear message while every other test still runs.
public enum SharedData {
  /// The package root (the folder holding Package.swift), found from this file's path.
  public static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }  // Sources/_GalmorphTestSupport/SharedData.swift
    return url
  }()

  public static let root: URL = {
    if let env = ProcessInfo.processInfo.environment["GALMORPH_SHARED_DATA"], !env.isEmpty {
      return URL(fileURLWithPath: env)
    }
    return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
  }()

  public static var isAvailable: Bool {
    FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path)
  }

  public static var skipMessage: Comment {
    "skipped: shared data not found at \(root.path) (set GALMORPH_SHARED_DATA or place ../shared/data beside the checkout)"
  }

  /// A path inside the shared data folder.
  public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}

/// Golden files live in `Tests/<Target>Tests/Reference/`, each beside the script that generated it.
public enum Reference {
  /// `Reference/<name>` in the folder of the test file `testFile` (pass `#filePath`).
  public static func url(_ name: String, testFile: String = #filePath) -> URL {
    URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Reference")
      .appendingPathComponent(name)
  }

  /// Decodes a JSON golden file.
  public static func json<T: Decodable>(_ type: T.Type, _ name: String, testFile: String = #filePath) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(contentsOf: url(name, testFile: testFile)))
  }
}

/// A fresh temporary folder for one test, removed by the caller with `cleanup()`.
public struct TemporaryFolder: Sendable {
  public let url: URL
  public init(_ tag: String = "galmorph-test") throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(tag)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  public func file(_ name: String) -> URL { url.appendingPathComponent(name) }
  public func cleanup() { try? FileManager.default.removeItem(at: url) }
}
