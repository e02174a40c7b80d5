// galmorph — SkyGeometry

/// Errors raised by SkyGeometry for bad user input (split specifications, coordinates, HEALPix parameters).
public enum SkyGeometryError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A coordinate is outside its valid range or not finite (`row` is the 0-based input index when known).
  case invalidCoordinate(name: String, value: Double, row: Int?, expected: String)
  /// A HEALPix parameter is invalid.
  case invalidHEALPix(parameter: String, value: Int, expected: String)
  /// A sky-split specification string could not be parsed.
  case invalidSplit(spec: String, reason: String)
  /// A fold or sample request is impossible for the data given.
  case invalidRequest(reason: String)

  public var description: String {
    switch self {
    case let .invalidCoordinate(name, value, row, expected):
      let at = row.map { " at row \($0)" } ?? ""
      return "invalid \(name) \(value)\(at): expected \(expected); fix or drop that row of the catalog"
    case let .invalidHEALPix(parameter, value, expected):
      return "invalid HEALPix \(parameter) \(value): expected \(expected)"
    case let .invalidSplit(spec, reason):
      return "invalid sky split '\(spec)': \(reason). Forms: ra:LO,HI  dec:DEC  galactic-b:B  axis:RA,DEC  "
        + "healpix:NSIDE:P1,P2,... (ring ordering; healpix:NSIDE:nested:P1,... for nested)"
    case let .invalidRequest(reason):
      return reason
    }
  }
}
