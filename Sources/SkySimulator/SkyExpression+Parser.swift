// galmorph — SkySimulator
//
// Tokenizer and recursive-descent parser for `SkyExpression` (grammar in SkyExpression.swift).

import Foundation

struct ExpressionParser {
  enum Token: Equatable {
    case number(Double), identifier(String), op(String), lparen, rparen, comma, end
  }

  let text: String
  let knob: String
  private var tokens: [(token: Token, position: Int)] = []
  private var index = 0
  private var depth = 0
  /// Nesting limit, so a hostile expression cannot exhaust the stack.
  static let maxDepth = 64

  init(text: String, knob: String) {
    self.text = text
    self.knob = knob
  }

  private func fail(_ position: Int, _ reason: String) -> SkySimulatorError {
    .invalidExpression(knob: knob, expression: text, position: position, reason: reason)
  }

  mutating func parseAll() throws -> Node {
    tokens = try tokenize()
    let node = try parseComparison()
    guard case .end = tokens[index].token else {
      throw fail(tokens[index].position, "unexpected \(describe(tokens[index].token)) after a complete expression")
    }
    return node
  }

  private func describe(_ t: Token) -> String {
    switch t {
    case let .number(x): return "number \(x)"
    case let .identifier(s): return "name '\(s)'"
    case let .op(s): return "operator '\(s)'"
    case .lparen: return "'('"
    case .rparen: return "')'"
    case .comma: return "','"
    case .end: return "end of expression"
    }
  }

  private func tokenize() throws -> [(token: Token, position: Int)] {
    let chars = Array(text.unicodeScalars)
    var out: [(token: Token, position: Int)] = []
    var i = 0
    func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_" }
    while i < chars.count {
      let c = chars[i]
      if c == " " || c == "\t" || c == "\n" { i += 1; continue }
      let start = i
      if isDigit(c) || (c == "." && i + 1 < chars.count && isDigit(chars[i + 1])) {
        while i < chars.count, isDigit(chars[i]) || chars[i] == "." { i += 1 }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
          var j = i + 1
          if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
          if j < chars.count, isDigit(chars[j]) {
            i = j
            while i < chars.count, isDigit(chars[i]) { i += 1 }
          }
        }
        let s = String(String.UnicodeScalarView(chars[start..<i]))
        guard let x = Double(s), x.isFinite else { throw fail(start, "malformed number '\(s)'") }
        out.append((.number(x), start))
      } else if isLetter(c) {
        while i < chars.count, isLetter(chars[i]) || isDigit(chars[i]) { i += 1 }
        out.append((.identifier(String(String.UnicodeScalarView(chars[start..<i])).lowercased()), start))
      } else if c == "(" {
        out.append((.lparen, i)); i += 1
      } else if c == ")" {
        out.append((.rparen, i)); i += 1
      } else if c == "," {
        out.append((.comma, i)); i += 1
      } else if "+-*/^".unicodeScalars.contains(c) {
        out.append((.op(String(c)), i)); i += 1
      } else if c == "<" || c == ">" || c == "=" || c == "!" {
        let two = i + 1 < chars.count && chars[i + 1] == "="
        if (c == "=" || c == "!") && !two { throw fail(i, "'\(c)' must be followed by '=' (use == or !=)") }
        out.append((.op(String(c) + (two ? "=" : "")), i))
        i += two ? 2 : 1
      } else {
        throw fail(i, "unexpected character '\(c)'")
      }
    }
    out.append((.end, chars.count))
    return out
  }

  private var current: Token { tokens[index].token }
  private var position: Int { tokens[index].position }

  private mutating func parseComparison() throws -> Node {
    depth += 1
    defer { depth -= 1 }
    if depth > ExpressionParser.maxDepth { throw fail(position, "nesting deeper than \(ExpressionParser.maxDepth)") }
    let left = try parseAdditive()
    if case let .op(s) = current, let op = Node.BinaryOp(rawValue: s), ["<", "<=", ">", ">=", "==", "!="].contains(s) {
      index += 1
      let right = try parseAdditive()
      if case let .op(s2) = current, ["<", "<=", ">", ">=", "==", "!="].contains(s2) {
        throw fail(position, "chained comparisons are not allowed; use parentheses, e.g. (a<b)*(b<c)")
      }
      return .binary(op, left, right)
    }
    return left
  }

  private mutating func parseAdditive() throws -> Node {
    var node = try parseTerm()
    while case let .op(s) = current, s == "+" || s == "-" {
      index += 1
      node = .binary(s == "+" ? .add : .sub, node, try parseTerm())
    }
    return node
  }

  private mutating func parseTerm() throws -> Node {
    var node = try parseUnary()
    while case let .op(s) = current, s == "*" || s == "/" {
      index += 1
      node = .binary(s == "*" ? .mul : .div, node, try parseUnary())
    }
    return node
  }

  private mutating func parseUnary() throws -> Node {
    if case let .op(s) = current, s == "+" || s == "-" {
      depth += 1
      defer { depth -= 1 }
      if depth > ExpressionParser.maxDepth { throw fail(position, "too many signs in a row") }
      index += 1
      let operand = try parseUnary()
      return s == "-" ? .negate(operand) : operand
    }
    return try parsePower()
  }

  private mutating func parsePower() throws -> Node {
    let base = try parsePrimary()
    if case .op("^") = current {
      index += 1
      depth += 1
      defer { depth -= 1 }
      if depth > ExpressionParser.maxDepth { throw fail(position, "nesting deeper than \(ExpressionParser.maxDepth)") }
      return .binary(.pow, base, try parseUnary())
    }
    return base
  }

  private mutating func parsePrimary() throws -> Node {
    let start = position
    switch current {
    case let .number(x):
      index += 1
      return .number(x)
    case .lparen:
      index += 1
      let node = try parseComparison()
      guard case .rparen = current else { throw fail(position, "expected ')' to close '(' at character \(start + 1)") }
      index += 1
      return node
    case let .identifier(name):
      index += 1
      if name == "pi" { return .number(Double.pi) }
      if let v = Node.Variable(rawValue: name) { return .variable(v) }
      guard let f = Node.Function(rawValue: name) else {
        throw fail(start, "unknown name '\(name)'; variables are ra, dec, l, b, pi")
      }
      guard case .lparen = current else { throw fail(position, "function '\(name)' needs '(' and arguments") }
      index += 1
      var args = [try parseComparison()]
      while case .comma = current {
        index += 1
        args.append(try parseComparison())
      }
      guard case .rparen = current else { throw fail(position, "expected ')' or ',' in the arguments of '\(name)'") }
      index += 1
      let variadic = f == .min || f == .max
      if variadic ? args.count < 2 : args.count != 1 {
        throw fail(start, "'\(name)' takes \(variadic ? "two or more arguments" : "one argument"), got \(args.count)")
      }
      return .call(f, args)
    default:
      throw fail(start, "expected a number, variable, function or '(' but found \(describe(current))")
    }
  }
}
