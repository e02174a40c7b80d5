// galmorph — GalmorphCommands
//
// Options shared by `train`, `evaluate` and `annotate`.
import ArgumentParser
import Foundation
import GalmorphSupport
import HDF5IO
import MorphologyClassifier

/// `--image-column`, `--label-column`, `--spiral`, `--elliptical`: which columns of a catalog hold the cutout paths and
/// the classes, and how the classes map to spiral/elliptical (shared by `train`, `evaluate`, `annotate` and `stack`).
struct LabelColumnOptions: ParsableArguments {
  @Option(
    name: .customLong("image-column"),
    help: "Column of image paths (default: file, image, path, filename, image_path or cutout).")
  var imageColumn: String?

  @Option(
    name: .customLong("label-column"),
    help: "Column of class labels (default: label, binary_label, class or morphology).")
  var labelColumn: String?

  @Option(
    help: ArgumentHelp(
      "Comma-separated label values meaning spiral (with --elliptical; other values are dropped).", valueName: "V1,V2"))
  var spiral: String?

  @Option(help: ArgumentHelp("Comma-separated label values meaning elliptical.", valueName: "V1,V2"))
  var elliptical: String?

  /// The catalog columns, with optional vote-fraction and split columns.
  func columns(voteFraction: String? = nil, split: String? = nil) -> CatalogColumns {
    CatalogColumns(image: imageColumn, label: labelColumn, voteFraction: voteFraction, split: split)
  }

  /// The label mapping: `--spiral`/`--elliptical` lists when given (both or neither), else the default vocabulary.
  func mapping() throws -> LabelMapping {
    func list(_ s: String) -> [String] {
      s.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    }
    switch (spiral, elliptical) {
    case (nil, nil): return LabelMapping()
    case let (s?, e?): return LabelMapping(spiral: list(s), elliptical: list(e))
    default: throw ValidationError("--spiral and --elliptical go together: give both lists or neither")
    }
  }
}

/// `--catalog` or `--image-stack`, the ``LabelColumnOptions``, `--seed`.
struct CatalogOptions: ParsableArguments {
  @Option(
    help:
      "Catalog (CSV/TSV(.gz), FITS table or HDF5) whose image column holds cutout paths relative to the catalog's folder (JPEG, PNG or FITS); an HDF5 image stack is recognised too."
  )
  var catalog: String?

  @Option(
    name: .customLong("image-stack"),
    help:
      "HDF5 image stack ('images' [N,H,W,C] + 'label', or the legacy 'labels'; README, \"Image stacks\"; from `galmorph stack` or `galmorph simulate`) instead of --catalog."
  )
  var imageStack: String?

  @OptionGroup var labels: LabelColumnOptions

  @Option(help: "Random seed (split, initialisation, augmentation).")
  var seed: UInt64 = 0

  /// The catalog or stack path as given.
  var catalogPath: String { imageStack ?? catalog ?? "" }

  var catalogURL: URL { URL(fileURLWithPath: catalogPath) }

  /// True when the input is an HDF5 image stack (`--image-stack`, or a `--catalog` that is one).
  var isImageStack: Bool { imageStack != nil || Annotator.isImageStack(catalogURL) }

  func validate() throws {
    guard (catalog == nil) != (imageStack == nil) else {
      throw ValidationError("give exactly one of --catalog FILE or --image-stack FILE")
    }
  }

  /// Loads and preprocesses the labelled examples from the catalog (images by path) or the image stack; with
  /// `groups`, also each example's group (HEALPix pixel or column bin; ``GroupBalancing``).
  func loadDataset(
    recipe: PreprocessingRecipe, voteColumn: String? = nil, splitColumn: String? = nil,
    groups balancing: GroupBalancing? = nil
  ) throws -> LabelledDataset {
    if isImageStack {
      if voteColumn != nil || splitColumn != nil {
        throw ValidationError("--vote-column and --split-column need a catalog; an image stack has neither")
      }
      let file = try HDF5File(url: catalogURL)
      defer { file.close() }
      let stack = try ImageStackFile(file: file)
      let loaded = try LabelledDataset.loadStack(
        stack, url: catalogURL, mapping: try labels.mapping(), recipe: recipe)
      var data = loaded.data
      data.groups = try balancing?.groups(stack: stack, indices: loaded.imageIndices)
      return data
    }
    var data = try LabelledDataset.load(
      catalog: catalogURL, columns: labels.columns(voteFraction: voteColumn, split: splitColumn),
      mapping: try labels.mapping(), recipe: recipe)
    if let balancing {
      let url = catalogURL
      data.groups = try balancing.groups(
        rows: data.rows,
        positions: { try ShardAssignment.positions(of: url, raColumn: nil, decColumn: nil) },
        values: { try CatalogOpening.numericColumn(balancing.columnName ?? "", of: url, option: "--balance-by") })
    }
    return data
  }
}

/// `--model FILE`.
struct ModelOptions: ParsableArguments {
  @Option(
    help:
      "Model file (HDF5, from `galmorph train`). Default: the shipped model \(DefaultModel.fileName), looked for in $\(DefaultModel.environmentVariable), then PREFIX/\(DefaultModel.sharePath)/ of the installed executable, then \(DefaultModel.checkoutPath) of the checkout (`galmorph info` tells which)."
  )
  var model: String?

  /// The model file: `--model`, else the shipped model (``DefaultModel/locate(environment:executable:currentDirectory:)``).
  func modelURL() throws -> URL {
    if let model { return URL(fileURLWithPath: model) }
    return try DefaultModel.locate().url
  }

  /// Loads the model; a missing default model is an error listing the places looked in.
  func load() throws -> (model: ClassifierModel, sha256: String, url: URL) {
    let url = try modelURL()
    let m = try ClassifierModel.load(from: url)
    return (m, try Checksum.sha256(fileAt: url), url)
  }
}
