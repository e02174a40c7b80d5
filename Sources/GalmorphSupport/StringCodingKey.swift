// galmorph — GalmorphSupport

/// A coding key that is any string, for JSON objects whose keys are data rather than field names (a layer's kind in
/// an architecture file, the keys of a free-form JSON object). Integer keys are not used.
public struct StringCodingKey: CodingKey, Sendable, Hashable {
  public var stringValue: String
  public var intValue: Int? { nil }
  public init(_ s: String) { stringValue = s }
  public init?(stringValue: String) { self.stringValue = stringValue }
  public init?(intValue: Int) { nil }
}
