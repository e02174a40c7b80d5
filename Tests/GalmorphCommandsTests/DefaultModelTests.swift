// galmorph — GalmorphCommandsTests
//
// Where the default model is found: --model, GALMORPH_MODEL, PREFIX/share/galmorph of the installed executable,
// then Catalogs/ of the checkout (upward from the executable's folder, then from the current folder).

import Foundation
@testable import GalmorphCommands
import GalmorphSupport
import MorphologyClassifier
import Testing
import _GalmorphTestSupport

@Suite("default model lookup")
struct DefaultModelTests {
  static let checkoutRoot = SharedData.packageRoot
  static let checkoutModel = checkoutRoot.appendingPathComponent("Catalogs/galmorph-gz1-netb.h5")
  /// Where SwiftPM puts the executable inside the checkout.
  static let builtExecutable = checkoutRoot.appendingPathComponent(".build/release/galmorph")

  /// A fake installation `folder/prefix` with `bin/galmorph` (not a real executable; only its path matters) and,
  /// when `withModel`, `share/galmorph/galmorph-gz1-netb.h5`.
  static func prefix(in folder: TemporaryFolder, withModel: Bool) throws -> (executable: URL, model: URL) {
    let root = folder.file("prefix")
    let model = root.appendingPathComponent("share/galmorph/galmorph-gz1-netb.h5")
    try FileManager.default.createDirectory(at: root.appendingPathComponent("bin"), withIntermediateDirectories: true)
    if withModel {
      try FileManager.default.createDirectory(at: model.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("installed".utf8).write(to: model)
    }
    return (root.appendingPathComponent("bin/galmorph"), model)
  }

  @Test("GALMORPH_MODEL wins over the install prefix and the checkout")
  func environmentFirst() throws {
    let tmp = try TemporaryFolder("model-env"); defer { tmp.cleanup() }
    let mine = tmp.file("my model.h5")
    try Data("mine".utf8).write(to: mine)
    let installed = try Self.prefix(in: tmp, withModel: true)
    for exe in [installed.executable, Self.builtExecutable] {
      let found = try DefaultModel.locate(
        environment: ["GALMORPH_MODEL": mine.path], executable: exe,
        currentDirectory: Self.checkoutRoot)
      #expect(found.url.path == mine.path && found.source == .environment)
    }
    // A relative GALMORPH_MODEL is taken from the current folder.
    let relative = try DefaultModel.locate(
      environment: ["GALMORPH_MODEL": "my model.h5"], executable: nil,
      currentDirectory: tmp.url)
    #expect(relative.url.path == mine.path)
  }

  @Test("a GALMORPH_MODEL naming no file is an error naming it, not a fall-back to another model")
  func missingEnvironmentFile() throws {
    let tmp = try TemporaryFolder("model-env-missing"); defer { tmp.cleanup() }
    let missing = tmp.file("nope/model.h5")
    do {
      let found = try DefaultModel.locate(
        environment: ["GALMORPH_MODEL": missing.path], executable: Self.builtExecutable,
        currentDirectory: Self.checkoutRoot)
      Issue.record("found \(found.url.path)")
    } catch {
      let message = Galmorph.message(for: error)
      #expect(message.contains(missing.path) && message.contains("GALMORPH_MODEL"), "\(message)")
    }
  }

  @Test("the install prefix (PREFIX/bin/galmorph → PREFIX/share/galmorph) comes before the checkout")
  func installPrefix() throws {
    let tmp = try TemporaryFolder("model-prefix"); defer { tmp.cleanup() }
    let installed = try Self.prefix(in: tmp, withModel: true)
    let found = try DefaultModel.locate(
      environment: [:], executable: installed.executable, currentDirectory: Self.checkoutRoot)
    #expect(found.url.path == installed.model.path && found.source == .installPrefix)
  }

  @Test(
    "the checkout: upward from the executable's folder, then upward from the current folder",
    .enabled(
      if: FileManager.default.fileExists(atPath: DefaultModelTests.checkoutModel.path),
      "the shipped model is not in Catalogs/"))
  func checkoutFolders() throws {
    let tmp = try TemporaryFolder("model-checkout"); defer { tmp.cleanup() }
    let fromBuild = try DefaultModel.locate(
      environment: [:], executable: Self.builtExecutable, currentDirectory: tmp.url)
    #expect(
      fromBuild.url.standardizedFileURL.path == Self.checkoutModel.standardizedFileURL.path
        && fromBuild.source == .checkout)
    let installed = try Self.prefix(in: tmp, withModel: false)
    let fromHere = try DefaultModel.locate(
      environment: [:], executable: installed.executable,
      currentDirectory: Self.checkoutRoot.appendingPathComponent("Sources/GalmorphCommands"))
    #expect(fromHere.url.standardizedFileURL.path == Self.checkoutModel.standardizedFileURL.path)
    #expect(fromHere.tried.contains(installed.model.path), "the prefix was looked at first: \(fromHere.tried)")
  }

  @Test("nowhere: the error lists every place looked in and how to fix it")
  func notFound() throws {
    let tmp = try TemporaryFolder("model-nowhere"); defer { tmp.cleanup() }
    let installed = try Self.prefix(in: tmp, withModel: false)
    let elsewhere = tmp.file("data")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    do {
      _ = try DefaultModel.locate(environment: [:], executable: installed.executable, currentDirectory: elsewhere)
      Issue.record("found a model")
    } catch {
      let message = Galmorph.message(for: error)
      #expect(message.contains("GALMORPH_MODEL") && message.contains(installed.model.path), "\(message)")
      #expect(
        message.contains(elsewhere.path) && message.contains("--model") && message.contains("make install"),
        "\(message)")
      #expect(!message.contains("not released yet"))
    }
  }

  /// Runs the built galmorph with `GALMORPH_MODEL` set (or removed when nil) from `directory`.
  static func run(_ args: [String], model: String?, in directory: URL) throws -> (
    status: Int32, out: String, err: String
  ) {
    let r = try GalmorphBinary.run(args, environment: ["GALMORPH_MODEL": model], in: directory)
    return (r.status, r.out, r.err)
  }

  @Test(
    "galmorph info names the model found and its SHA-256; annotate names a missing GALMORPH_MODEL; --model wins",
    .enabled(if: GalmorphBinary.isAvailable, GalmorphBinary.skipMessage))
  func executable() throws {
    let tmp = try TemporaryFolder("model-exe"); defer { tmp.cleanup() }
    let mine = tmp.file("mine.h5")
    try Data("not really a model".utf8).write(to: mine)
    let info = try Self.run(["info"], model: mine.path, in: tmp.url)
    #expect(info.status == 0)
    #expect(
      info.out.contains("default model: \(mine.path)") && info.out.contains("found via: GALMORPH_MODEL"), "\(info.out)")
    #expect(info.out.contains("sha256: \(try Checksum.sha256(fileAt: mine))"), "\(info.out)")

    let stack = SharedData.packageRoot.appendingPathComponent("Catalogs/gz1_cutouts_64.h5").path
    let missing = tmp.file("gone.h5").path
    let annotate = try Self.run(["annotate", "--image-stack", stack, "--output", "x.csv"], model: missing, in: tmp.url)
    #expect(
      annotate.status == 1 && annotate.err.contains(missing) && annotate.err.contains("GALMORPH_MODEL"),
      "\(annotate.err)")
    let explicit = tmp.file("explicit.h5").path
    let withModel = try Self.run(
      ["annotate", "--image-stack", stack, "--model", explicit, "--output", "x.csv"],
      model: missing, in: tmp.url)
    #expect(
      withModel.status == 1 && withModel.err.contains(explicit) && !withModel.err.contains(missing), "\(withModel.err)")
  }
}
