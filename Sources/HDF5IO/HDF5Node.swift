// galmorph — HDF5IO

/// One entry of a file's tree as listed by `HDF5File.walk()`.
public struct HDF5Node: Codable, Equatable, Sendable {
  /// What the link leads to.
  public enum Kind: String, Codable, Sendable {
    /// A group (hard link).
    case group
    /// A dataset (hard link).
    case dataset
    /// A committed (named) datatype.
    case namedType
    /// A soft link; `target` is the path it points to (it may dangle).
    case softLink
    /// An external link; `target` is `file:path` in another file (not followed).
    case externalLink
    /// A second hard link to an object already listed; `target` is the path it was first listed under.
    case hardLink
    /// A user-defined link or an object libhdf5 cannot classify.
    case other
  }

  /// Absolute path of the link.
  public var path: String
  public var kind: Kind
  /// Link target for soft, external and duplicate hard links.
  public var target: String?

  public init(path: String, kind: Kind, target: String? = nil) {
    self.path = path
    self.kind = kind
    self.target = target
  }
}
