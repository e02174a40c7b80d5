// galmorph — NeuralNet

extension Sequential {
  /// A Keras-style summary: one row per layer with its path, kind, per-example output shape and parameter count,
  /// then the totals.
  public func describe() -> String {
    var rows: [(String, String, String, String)] = [("layer", "kind", "output", "params")]
    rows.append(("input", "", "\(inputShape)", ""))
    for l in layers {
      let n = l.parameters.reduce(0) { $0 + $1.count }
      rows.append((l.name, l.kind, "\(l.outputShape)", n == 0 ? "0" : grouped(n)))
    }
    let w = (0..<4).map { i in rows.map { [$0.0, $0.1, $0.2, $0.3][i].count }.max() ?? 0 }
    func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
      let p = String(repeating: " ", count: max(0, n - s.count))
      return right ? p + s : s + p
    }
    var out = rows.map { r in
      [pad(r.0, w[0]), pad(r.1, w[1]), pad(r.2, w[2]), pad(r.3, w[3], right: true)].joined(separator: "  ")
    }
    out.insert(String(repeating: "-", count: w.reduce(6, +)), at: 1)
    let trainable = trainableParameters.reduce(0) { $0 + $1.count }
    out.append("total parameters: \(grouped(parameterCount)) (trainable \(grouped(trainable)))")
    return out.joined(separator: "\n")
  }
}

/// 234177 → "234,177".
func grouped(_ n: Int) -> String {
  let s = String(n)
  var out = ""
  for (i, ch) in s.enumerated() {
    if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
    out.append(ch)
  }
  return out
}
