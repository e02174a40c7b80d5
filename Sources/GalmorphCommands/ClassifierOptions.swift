// galmorph — GalmorphCommands
//
// Options shared by `train`, `evaluate` and `annotate`.
import ArgumentParser
import Foundation
import GalmorphSupport
import MorphologyClassifier

/// The shipped model, relative to the working directory.
let shippedModelPath = "Catalogs/galmorph-gz1-netb.h5"

/// `--catalog`, `--image-column`, `--label-column`, `--spiral`, `--elliptical`, `--seed`.
struct CatalogOptions: ParsableArguments {
  @Option(help: "Catalog (CSV/TSV, optionally .gz) whose image column holds cutout paths relative to the catalog's folder (JPEG, PNG or FITS).")
  var catalog: String

  @Option(name: .customLong("image-column"), help: "Column of image paths (default: file, image, path, filename, image_path or cutout).")
  var imageColumn: String?

  @Option(name: .customLong("label-column"), help: "Column of class labels (default: label, binary_label, class or morphology).")
  var labelColumn: String?

  @Option(help: ArgumentHelp("Comma-separated label values meaning spiral (with --elliptical; other values are dropped).", valueName: "V1,V2"))
  var spiral: String?

  @Option(help: ArgumentHelp("Comma-separated label values meaning elliptical.", valueName: "V1,V2"))
  var elliptical: String?

  @Option(help: "Random seed (split, initialisation, augmentation).")
  var seed: UInt64 = 0

  var catalogURL: URL { URL(fileURLWithPath: catalog) }

  /// The label mapping: explicit lists when given, else the default vocabulary.
  func mapping() throws -> LabelMapping {
    func list(_ s: String) -> [String] { s.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
    switch (spiral, elliptical) {
    case (nil, nil): return LabelMapping()
    case let (s?, e?): return LabelMapping(spiral: list(s), elliptical: list(e))
    default: throw ValidationError("--spiral and --elliptical go together: give both lists or neither")
    }
  }
}

/// `--model FILE`.
struct ModelOptions: ParsableArguments {
  @Option(help: "Model file (HDF5, from `galmorph train`). Default: the shipped model \(shippedModelPath).")
  var model: String?

  var modelURL: URL { URL(fileURLWithPath: model ?? shippedModelPath) }

  /// Loads the model, with a clear message when the default model is not there.
  func load() throws -> (ClassifierModel, String) {
    let url = modelURL
    if model == nil && !FileManager.default.fileExists(atPath: url.path) {
      throw ClassifierError.invalidInput(path: url.path, reason:
        "no --model given and the shipped model is not present (it is not released yet); train one with `galmorph train --catalog … --output model.h5` and pass --model model.h5")
    }
    let m = try ClassifierModel.load(from: url)
    return (m, try Checksum.sha256(fileAt: url))
  }
}
