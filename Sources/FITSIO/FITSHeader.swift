// galmorph — FITSIO
//
// All cards of one HDU, with typed look-ups.

/// The cards of one HDU in file order (END excluded), with typed look-ups by keyword.
///
/// Look-ups are case-insensitive and return the first card with that keyword; `HIERARCH` keys are matched
/// without the `HIERARCH` prefix (cfitsio strips it when reading).
public struct FITSHeader: Hashable, Sendable, Codable {
  public var cards: [FITSCard]

  public init(cards: [FITSCard]) { self.cards = cards }

  /// The first card named `key`.
  public func card(_ key: String) -> FITSCard? {
    let k = normalized(key)
    return cards.first { normalized($0.key) == k }
  }

  /// The value of `key`, if the card exists and has a value.
  public subscript(_ key: String) -> FITSValue? { card(key)?.value }

  public func string(_ key: String) -> String? { self[key]?.stringValue }
  public func double(_ key: String) -> Double? { self[key]?.doubleValue }
  public func int(_ key: String) -> Int? { self[key]?.intValue.map { Int($0) } }
  public func bool(_ key: String) -> Bool? { self[key]?.boolValue }

  /// The texts of all COMMENT (or HISTORY, with `key: "HISTORY"`) cards.
  public func commentary(_ key: String = "COMMENT") -> [String] {
    cards.filter { $0.key.uppercased() == key.uppercased() }.map(\.comment)
  }

  private func normalized(_ key: String) -> String {
    var k = key.uppercased().trimmingCharacters(in: .whitespaces)
    if k.hasPrefix("HIERARCH ") { k = String(k.dropFirst(9)).trimmingCharacters(in: .whitespaces) }
    return k
  }
}

import Foundation
