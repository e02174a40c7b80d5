// galmorph — test support
//
// Tolerance-based comparisons that print both values and the error on mismatch.

import Testing

/// `|a − b| ≤ atol + rtol·|b|` (numpy.isclose convention: `b` is the reference).
public func isClose<T: BinaryFloatingPoint>(_ a: T, _ b: T, rtol: T = 1e-6, atol: T = 0) -> Bool {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
  if a == b { return true }
  return abs(a - b) <= atol + rtol * abs(b)
}

/// Records an issue when `actual` is not close to `expected`; the message shows both and the relative error.
public func expectClose<T: BinaryFloatingPoint & CustomStringConvertible>(
  _ actual: T, _ expected: T, rtol: T = 1e-6, atol: T = 0, _ what: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  if !isClose(actual, expected, rtol: rtol, atol: atol) {
    let rel = expected != 0 ? abs(actual - expected) / abs(expected) : abs(actual - expected)
    Issue.record(
      "\(what()) actual \(actual) vs expected \(expected) (rel. error \(rel); rtol \(rtol), atol \(atol))",
      sourceLocation: sourceLocation)
  }
}

/// Element-wise `expectClose` over two arrays; reports the count of mismatches and the worst one.
public func expectAllClose<T: BinaryFloatingPoint & CustomStringConvertible>(
  _ actual: [T], _ expected: [T], rtol: T = 1e-6, atol: T = 0, _ what: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual.count == expected.count else {
    Issue.record("\(what()) length \(actual.count) vs expected \(expected.count)", sourceLocation: sourceLocation)
    return
  }
  var bad = 0, worst = -1
  var worstErr: T = 0
  for i in actual.indices where !isClose(actual[i], expected[i], rtol: rtol, atol: atol) {
    bad += 1
    let e = abs(actual[i] - expected[i])
    if e > worstErr || worst < 0 { worstErr = e; worst = i }
  }
  if bad > 0 {
    Issue.record(
      "\(what()) \(bad)/\(actual.count) elements differ; worst at [\(worst)]: \(actual[worst]) vs \(expected[worst])",
      sourceLocation: sourceLocation)
  }
}
