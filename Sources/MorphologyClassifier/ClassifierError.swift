// galmorph — MorphologyClassifier

/// Errors of the classifier: bad catalogs, labels, images and model files. Messages name the file, row and column.
public enum ClassifierError: Error, CustomStringConvertible, Equatable {
  /// An image is smaller than the crop the network input needs.
  case imageTooSmall(path: String, width: Int, height: Int, required: Int)
  /// Label values that are neither mapped to spiral nor elliptical nor told to be dropped.
  case unknownLabels(path: String, column: String, values: [String])
  /// A catalog with no usable rows.
  case emptyCatalog(path: String, reason: String)
  /// A model file whose input shape or architecture does not fit the data.
  case modelMismatch(path: String, reason: String)
  /// Anything else wrong with a named input.
  case invalidInput(path: String, reason: String)

  public var description: String {
    switch self {
    case let .imageTooSmall(path, w, h, req):
      return "\(path): image is \(w)×\(h) px, smaller than the \(req)×\(req) px crop the model needs"
    case let .unknownLabels(path, column, values):
      let shown = values.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
      return
        "\(path): column '\(column)' has label values not mapped to a class: \(shown)\(values.count > 10 ? ", …" : ""); "
        + "map them with --spiral V1,V2 and --elliptical V3 (other values are dropped and counted only with --drop-unmapped)"
    case let .emptyCatalog(path, reason): return "\(path): no usable rows (\(reason))"
    case let .modelMismatch(path, reason): return "\(path): model does not fit: \(reason)"
    case let .invalidInput(path, reason): return "\(path): \(reason)"
    }
  }
}
