// galmorph — MorphologyClassifier
//
// Selecting the test rows a model's training held out.
import Foundation

/// The held-out test part recorded in a model by `galmorph train --test-fraction F`.
///
/// `Trainer` stores the 0-based data rows of its catalog that it never trained or validated on in the model's
/// training summary (`test_rows`, a JSON array) and the catalog's SHA-256 in the provenance inputs. Scoring a model
/// on these rows — never on its validation part, which chose the epoch and the temperature — is the unbiased
/// estimate of its accuracy on new cutouts of the same kind.
public enum HeldOutRows {
  /// The recorded test rows of `model`; throws naming the model file when there are none.
  public static func rows(of model: ClassifierModel, modelPath: String) throws -> Set<Int> {
    guard let text = model.trainingSummary["test_rows"],
      let rows = try? JSONDecoder().decode([Int].self, from: Data(text.utf8)), !rows.isEmpty
    else {
      throw ClassifierError.invalidInput(
        path: modelPath,
        reason:
          "the model records no held-out test rows (it was trained with --test-fraction 0); evaluate without --held-out on a catalog it never saw"
      )
    }
    return Set(rows)
  }

  /// The examples of `data` whose catalog rows are the model's test rows. The catalog must be the one the model
  /// was trained on (its SHA-256 among the provenance inputs), or an image stack made from it by `galmorph stack`
  /// (whose `row` dataset keeps the catalog rows), otherwise the row numbers mean other galaxies.
  public static func select(_ data: LabelledDataset, model: ClassifierModel, modelPath: String) throws
    -> LabelledDataset
  {
    let rows = try rows(of: model, modelPath: modelPath)
    let checksums = [data.sourceSHA256] + (data.upstreamSHA256.map { [$0] } ?? [])
    if let inputs = model.provenance?.inputs, !inputs.isEmpty, !checksums.contains(where: inputs.values.contains) {
      throw ClassifierError.invalidInput(
        path: data.source,
        reason:
          "this catalog (sha256 \(data.sourceSHA256)) is not the one \(modelPath) was trained on (\(inputs.map { "\($0.key): \($0.value)" }.joined(separator: ", "))); --held-out needs the training catalog or a `galmorph stack` export of it"
      )
    }
    let keep = data.rows.indices.filter { rows.contains(data.rows[$0]) }
    guard keep.count == rows.count else {
      throw ClassifierError.invalidInput(
        path: data.source,
        reason:
          "only \(keep.count) of the model's \(rows.count) test rows have a spiral/elliptical label here; use the label options the model was trained with"
      )
    }
    return data.subset(keep)
  }
}
