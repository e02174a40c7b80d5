// galmorph — ReportsTests

import AnisotropyAudit
import Foundation
import GalmorphSupport
import Testing
import _GalmorphTestSupport
import Reports

@Suite("Audit reports from broken inputs: clear errors, no partial output")
struct AuditReportBadInputTests {
  /// The audit's files a report reads.
  static let inputs = ["audit.json", "test_annotations.csv", "sigma_maps.fits"]

  /// A copy of the fixture's audit.json, test_annotations.csv and sigma_maps.fits in a fresh folder, `edit` applied
  /// to one of them.
  static func brokenCopy(_ name: String, edit: (Data) -> Data) throws -> TemporaryFolder {
    let f = try AuditFixture.get()
    let folder = try TemporaryFolder("reports-audit-bad")
    for file in inputs {
      let data = try Data(contentsOf: f.folder.appendingPathComponent(file))
      try (file == name ? edit(data) : data).write(to: folder.file(file))
    }
    return folder
  }

  /// The folder's entries besides the inputs.
  static func outputs(in folder: TemporaryFolder) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { !inputs.contains($0) }
  }

  @Test("a missing audit.json is named in the error")
  func missingJSON() throws {
    let folder = try TemporaryFolder("reports-audit-missing")
    defer { folder.cleanup() }
    let url = folder.file("audit.json")
    #expect { try AuditReport.load(auditJSON: url) } throws: { error in
      guard case let ReportsError.invalidAuditResult(path, _) = error else { return false }
      return path == url.path && "\(error)".contains("audit.json")
    }
  }

  @Test("a truncated audit.json fails naming the file; nothing is written")
  func truncatedJSON() throws {
    let folder = try Self.brokenCopy("audit.json") { $0.prefix($0.count / 2) }
    defer { folder.cleanup() }
    let url = folder.file("audit.json")
    #expect { try AuditReport.load(auditJSON: url).write() } throws: { error in
      guard case let ReportsError.invalidAuditResult(path, reason) = error else { return false }
      return path == url.path && reason.contains("JSON")
    }
    #expect(try Self.outputs(in: folder).isEmpty)
  }

  @Test("an audit.json of an older format version says so and how to re-analyse, before any missing field")
  func olderFormatVersion() throws {
    let folder = try Self.brokenCopy("audit.json") { data in
      // An older file: version 3, without the σ-map file (its key renamed away).
      let text = String(decoding: data, as: UTF8.self)
        .replacingOccurrences(
          of: "\"format_version\" : \(AuditResult.currentFormatVersion)", with: "\"format_version\" : 3"
        )
        .replacingOccurrences(of: "\"sigma_maps_file\" :", with: "\"sigma_maps_file_old\" :")
      return Data(text.utf8)
    }
    defer { folder.cleanup() }
    #expect { try AuditReport.load(auditJSON: folder.file("audit.json")) } throws: { error in
      guard case let ReportsError.invalidAuditResult(path, reason) = error else { return false }
      return path == folder.file("audit.json").path && reason.contains("format_version 3")
        && reason.contains("--resume")
    }
  }

  @Test("audit.json with a field of the wrong type names the coding path")
  func wrongField() throws {
    let folder = try Self.brokenCopy("audit.json") { data in
      let text = String(decoding: data, as: UTF8.self)
      return Data(
        text.replacingOccurrences(of: "\"smallest_adjusted_p\" : ", with: "\"smallest_adjusted_p\" : \"x\", \"_\" : ")
          .utf8)
    }
    defer { folder.cleanup() }
    #expect { try AuditReport.load(auditJSON: folder.file("audit.json")) } throws: { error in
      "\(error)".contains("splits[0].smallest_adjusted_p") && "\(error)".contains(folder.file("audit.json").path)
    }
  }

  @Test("a corrupt value in test_annotations.csv is named by file, row and column; nothing is written")
  func corruptAnnotations() throws {
    let folder = try Self.brokenCopy("test_annotations.csv") { data in
      var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
      var fields = lines[3].components(separatedBy: ",")
      fields[2] = "north"  // the dec column
      lines[3] = fields.joined(separator: ",")
      return Data(lines.joined(separator: "\n").utf8)
    }
    defer { folder.cleanup() }
    let report = try AuditReport.load(auditJSON: folder.file("audit.json"))
    #expect { try report.write() } throws: { error in
      guard case let ReportsError.csvValue(file, row, column, value, _) = error else { return false }
      return file.hasSuffix("test_annotations.csv") && row == 4 && column == "dec" && value == "north"
    }
    #expect(try Self.outputs(in: folder).isEmpty)
  }

  @Test("a missing test_annotations.csv stops figures with a hint; nothing is written")
  func missingAnnotations() throws {
    let folder = try Self.brokenCopy("audit.json") { $0 }
    defer { folder.cleanup() }
    try FileManager.default.removeItem(at: folder.file("test_annotations.csv"))
    let report = try AuditReport.load(auditJSON: folder.file("audit.json"))
    #expect { try report.write() } throws: { error in
      guard case let ReportsError.missingAnnotations(path, _) = error else { return false }
      return path.hasSuffix("test_annotations.csv") && "\(error)".contains("--format md,tex,csv")
    }
    #expect(try Self.outputs(in: folder).isEmpty)
  }

  @Test("test_annotations.csv of another audit (rows missing) is rejected; tables alone still render")
  func truncatedAnnotations() throws {
    let folder = try Self.brokenCopy("test_annotations.csv") { data in
      let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
      return Data(lines.prefix(20).joined(separator: "\n").utf8)
    }
    defer { folder.cleanup() }
    let report = try AuditReport.load(auditJSON: folder.file("audit.json"))
    #expect { try report.write(formats: [.png]) } throws: { error in
      guard case let ReportsError.annotationsMismatch(file, reason) = error else { return false }
      return file.hasSuffix("test_annotations.csv") && reason.contains("19 rows")
    }
    #expect(try Self.outputs(in: folder).isEmpty)
    #expect(try report.write(formats: [.md, .csv, .tex]).count == 7)
  }

  @Test("a missing sigma_maps.fits stops figures naming it; nothing is written; tables alone still render")
  func missingSigmaMaps() throws {
    let folder = try Self.brokenCopy("audit.json") { $0 }
    defer { folder.cleanup() }
    try FileManager.default.removeItem(at: folder.file("sigma_maps.fits"))
    let report = try AuditReport.load(auditJSON: folder.file("audit.json"))
    #expect { try report.write() } throws: { error in
      guard case let ReportsError.invalidAuditResult(path, _) = error else { return false }
      return path == folder.file("sigma_maps.fits").path
    }
    #expect(try Self.outputs(in: folder).isEmpty)
    #expect(try report.write(formats: [.md, .csv, .tex]).count == 7)
  }

  @Test("sigma_maps.fits of another analysis (other relabellings, other sets) is rejected naming the file")
  func foreignSigmaMaps() throws {
    let f = try AuditFixture.get()
    let stored = try AuditSigmaMaps.read(from: f.folder.appendingPathComponent("sigma_maps.fits"))
    #expect(stored.names == f.result.dipoles.map(\.name))
    var others = [stored, stored]
    others[0].relabellings += 1
    others[1].names[0] = "labels"
    for other in others {
      let folder = try Self.brokenCopy("audit.json") { $0 }
      defer { folder.cleanup() }
      try other.write(to: folder.url, provenance: Provenance())
      let report = try AuditReport.load(auditJSON: folder.file("audit.json"))
      #expect { try report.write(formats: [.png]) } throws: { error in
        guard case let ReportsError.invalidAuditResult(path, reason) = error else { return false }
        return path == folder.file("sigma_maps.fits").path && reason.contains("another analysis")
      }
      #expect(try Self.outputs(in: folder).isEmpty)
    }
  }
}
