// galmorph — HDF5IO

extension HDF5Inspection {
  /// Plain-text listing, one line per link, attributes indented under their object:
  ///
  ///     file.h5  (2 072 bytes, user block 0, libhdf5 1.10.8)
  ///     /                group
  ///       @version       string[vlen,utf8] = "1.0"
  ///     /images          dataset uint8 [100, 69, 69, 3] chunks [10, 69, 69, 3] shuffle+gzip(4)
  ///     /latest          soft link → /images
  public func renderText() -> String {
    var lines = ["\(file)  (\(bytes) bytes, user block \(userBlockBytes), libhdf5 \(library))"]
    let width = min(40, (nodes.map(\.path.count).max() ?? 1) + 2)
    for node in nodes {
      let padded = node.path.padding(toLength: max(width, node.path.count + 1), withPad: " ", startingAt: 0)
      lines.append(padded + summary(of: node))
      for attribute in node.attributes {
        let shape = attribute.shape.map { $0.isEmpty ? "" : " \($0)" } ?? " (empty)"
        lines.append("  @\(attribute.name)  \(attribute.dtype)\(shape) = \(attribute.value)")
      }
      if let problem = node.problem { lines.append("  ! \(problem)") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func summary(of node: Node) -> String {
    switch node.kind {
    case .group: return "group"
    case .dataset:
      guard let d = node.dataset else { return "dataset" }
      var text = "dataset \(d.dtype)"
      if d.byteOrder == .big { text += " (big-endian)" }
      text += " " + (d.shape.isEmpty ? "scalar" : "[" + d.shape.map(String.init).joined(separator: ", ") + "]")
      if d.maxShape.contains(where: { $0 == nil }) {
        text += " max [" + d.maxShape.map { $0.map(String.init) ?? "∞" }.joined(separator: ", ") + "]"
      }
      if let chunks = d.chunks { text += " chunks [" + chunks.map(String.init).joined(separator: ", ") + "]" }
      if !d.filters.isEmpty {
        text +=
          " "
          + d.filters.map { $0.isAvailable ? $0.description : "\($0.description) (unavailable)" }.joined(separator: "+")
      }
      return text
    case .softLink: return "soft link → \(node.target ?? "?")"
    case .externalLink: return "external link → \(node.target ?? "?")"
    case .hardLink: return "hard link → \(node.target ?? "?")"
    case .namedType: return "named datatype"
    case .other: return "other"
    }
  }
}
