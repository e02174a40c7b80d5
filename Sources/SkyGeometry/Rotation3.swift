// galmorph — SkyGeometry

import Foundation

/// A 3×3 rotation matrix (row-major), used for frame changes of unit vectors.
///
/// `Rotation3.axis(_:degrees:)` follows astropy's `rotation_matrix(angle, axis)` convention: it rotates the
/// *coordinate frame* by `angle` about the axis, so for `z` the matrix is
/// `[[cos, sin, 0], [−sin, cos, 0], [0, 0, 1]]`. Frame definitions below compose these exactly as astropy does.
public struct Rotation3: Sendable, Hashable, Codable {
  /// Rows of the matrix.
  public var r: [[Double]]

  public init(rows: [[Double]]) {
    precondition(rows.count == 3 && rows.allSatisfy { $0.count == 3 }, "Rotation3 needs 3×3 rows")
    r = rows
  }

  public static let identity = Rotation3(rows: [[1, 0, 0], [0, 1, 0], [0, 0, 1]])

  /// Frame rotation by `degrees` about axis 0 (x), 1 (y) or 2 (z), as astropy `rotation_matrix`.
  public static func axis(_ i: Int, degrees: Double) -> Rotation3 {
    precondition((0...2).contains(i), "axis index must be 0, 1 or 2")
    let a = degrees * .pi / 180, c = cos(a), s = sin(a)
    var m = [[0.0, 0, 0], [0, 0, 0], [0, 0, 0]]
    let a1 = (i + 1) % 3, a2 = (i + 2) % 3
    m[i][i] = 1; m[a1][a1] = c; m[a1][a2] = s; m[a2][a1] = -s; m[a2][a2] = c
    return Rotation3(rows: m)
  }

  /// Matrix product `self · o` (apply `o` first).
  public static func * (m: Rotation3, o: Rotation3) -> Rotation3 {
    var p = [[0.0, 0, 0], [0, 0, 0], [0, 0, 0]]
    for i in 0..<3 { for j in 0..<3 { for k in 0..<3 { p[i][j] += m.r[i][k] * o.r[k][j] } } }
    return Rotation3(rows: p)
  }

  /// The inverse (transpose) rotation.
  public var transposed: Rotation3 {
    Rotation3(rows: (0..<3).map { i in (0..<3).map { j in r[j][i] } })
  }

  /// Applies the rotation to a vector.
  @inlinable public func apply(_ x: Double, _ y: Double, _ z: Double) -> (Double, Double, Double) {
    (
      r[0][0] * x + r[0][1] * y + r[0][2] * z,
      r[1][0] * x + r[1][1] * y + r[1][2] * z,
      r[2][0] * x + r[2][1] * y + r[2][2] * z
    )
  }
}
