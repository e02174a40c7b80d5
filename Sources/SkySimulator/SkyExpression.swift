// galmorph — SkySimulator
//
// A tiny, safe arithmetic language for context knobs that vary over the sky.

import Foundation

/// A numeric expression of sky position, e.g. `"1.2 + 0.6*(dec<0)"` or `"min(0.5, 0.03/abs(sin(b)))"`.
///
/// Grammar (precedence from low to high; all operators left-associative except `^`):
/// ```
/// expression := comparison
/// comparison := additive [ ("<" | "<=" | ">" | ">=" | "==" | "!=") additive ]
/// additive   := term { ("+" | "-") term }
/// term       := unary { ("*" | "/") unary }
/// unary      := ("+" | "-") unary | power
/// power      := primary [ "^" unary ]             (right-associative, so -2^2 = -4 and 2^3^2 = 512)
/// primary    := number | variable | function "(" expression { "," expression } ")" | "(" expression ")"
/// ```
/// - Variables (degrees): `ra`, `dec` (ICRS), `l`, `b` (Galactic, IAU 1958 / J2000 rotation); constant `pi`.
/// - Functions: `sin cos tan` (argument in **degrees**), `abs exp log sqrt` (one argument; `log` is natural),
///   `min max` (two or more arguments).
/// - Comparisons return 1 when true and 0 when false, so `0.6*(dec<0)` switches a term on in the south.
///
/// The evaluator never traps: it has no loops, no assignment and no access to anything but the four position
/// variables; domain errors produce NaN/inf, which `SkySimulator` rejects when a knob is evaluated.
public struct SkyExpression: Sendable, Equatable, Codable, CustomStringConvertible {
  /// The source text as given.
  public let text: String
  let root: Node

  /// Parses `text`. `knob` names the setting in error messages.
  /// - Throws: `SkySimulatorError.invalidExpression` with the character position of the problem.
  public init(_ text: String, knob: String = "expression") throws {
    self.text = text
    var parser = ExpressionParser(text: text, knob: knob)
    root = try parser.parseAll()
  }

  /// Evaluates at a sky position (all angles in degrees).
  public func evaluate(ra: Double, dec: Double, l: Double, b: Double) -> Double {
    root.evaluate(ExpressionVariables(ra: ra, dec: dec, l: l, b: b))
  }

  /// Evaluates at `position`, computing its Galactic coordinates.
  public func evaluate(at position: SkyPosition) -> Double {
    let g = position.galactic
    return evaluate(ra: position.ra, dec: position.dec, l: g.l, b: g.b)
  }

  public var description: String { text }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    try self.init(try c.decode(String.self), knob: decoder.codingPath.last?.stringValue ?? "expression")
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(text)
  }

  public static func == (a: SkyExpression, b: SkyExpression) -> Bool { a.text == b.text }
}

struct ExpressionVariables {
  var ra, dec, l, b: Double
}

/// The syntax tree of a `SkyExpression`.
indirect enum Node: Sendable {
  enum Variable: String, Sendable { case ra, dec, l, b }
  enum Function: String, Sendable { case sin, cos, tan, abs, exp, log, sqrt, min, max }
  enum BinaryOp: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", pow = "^"
    case lt = "<", le = "<=", gt = ">", ge = ">=", eq = "==", ne = "!="
  }

  case number(Double)
  case variable(Variable)
  case negate(Node)
  case binary(BinaryOp, Node, Node)
  case call(Function, [Node])

  func evaluate(_ v: ExpressionVariables) -> Double {
    switch self {
    case let .number(x): return x
    case let .variable(name):
      switch name {
      case .ra: return v.ra
      case .dec: return v.dec
      case .l: return v.l
      case .b: return v.b
      }
    case let .negate(a): return -a.evaluate(v)
    case let .binary(op, a, b):
      let x = a.evaluate(v), y = b.evaluate(v)
      switch op {
      case .add: return x + y
      case .sub: return x - y
      case .mul: return x * y
      case .div: return x / y
      case .pow: return Foundation.pow(x, y)
      case .lt: return x < y ? 1 : 0
      case .le: return x <= y ? 1 : 0
      case .gt: return x > y ? 1 : 0
      case .ge: return x >= y ? 1 : 0
      case .eq: return x == y ? 1 : 0
      case .ne: return x != y ? 1 : 0
      }
    case let .call(f, args):
      let xs = args.map { $0.evaluate(v) }
      let radian = Double.pi / 180
      switch f {
      case .sin: return Foundation.sin(xs[0] * radian)
      case .cos: return Foundation.cos(xs[0] * radian)
      case .tan: return Foundation.tan(xs[0] * radian)
      case .abs: return Swift.abs(xs[0])
      case .exp: return Foundation.exp(xs[0])
      case .log: return Foundation.log(xs[0])
      case .sqrt: return xs[0].squareRoot()
      case .min: return xs.dropFirst().reduce(xs[0]) { Swift.min($0, $1) }
      case .max: return xs.dropFirst().reduce(xs[0]) { Swift.max($0, $1) }
      }
    }
  }
}
