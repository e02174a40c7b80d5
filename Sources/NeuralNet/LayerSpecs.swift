// galmorph — NeuralNet
//
// Option structs of the architecture's layer kinds (missing JSON keys take the documented defaults).

/// Options of layers that take only a name.
public struct NameSpec: Codable, Sendable, Equatable {
  public var name: String?
  public init(name: String? = nil) { self.name = name }
}

public struct Conv2DSpec: Codable, Sendable, Equatable {
  public var name: String?
  public var filters: Int
  public var kernel: Int
  public var stride: Int
  public var padding: Padding
  public var useBias: Bool
  public var initializer: Initializer
  enum CodingKeys: String, CodingKey { case name, filters, kernel, stride, padding, useBias = "use_bias", initializer }

  public init(
    name: String? = nil, filters: Int, kernel: Int, stride: Int = 1, padding: Padding = .valid,
    useBias: Bool = true, initializer: Initializer = .glorotUniform
  ) {
    self.name = name; self.filters = filters; self.kernel = kernel; self.stride = stride; self.padding = padding
    self.useBias = useBias; self.initializer = initializer
  }

  public init(from d: any Decoder) throws {
    let c = try d.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    filters = try c.decode(Int.self, forKey: .filters)
    kernel = try c.decode(Int.self, forKey: .kernel)
    stride = try c.decodeIfPresent(Int.self, forKey: .stride) ?? 1
    padding = try c.decodeIfPresent(Padding.self, forKey: .padding) ?? .valid
    useBias = try c.decodeIfPresent(Bool.self, forKey: .useBias) ?? true
    initializer = try c.decodeIfPresent(Initializer.self, forKey: .initializer) ?? .glorotUniform
  }
}

public struct PoolSpec: Codable, Sendable, Equatable {
  public var name: String?
  public var pool: Int
  public var stride: Int?
  public init(name: String? = nil, pool: Int = 2, stride: Int? = nil) {
    self.name = name; self.pool = pool; self.stride = stride
  }
  public init(from d: any Decoder) throws {
    let c = try d.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    pool = try c.decodeIfPresent(Int.self, forKey: .pool) ?? 2
    stride = try c.decodeIfPresent(Int.self, forKey: .stride)
  }
  enum CodingKeys: String, CodingKey { case name, pool, stride }
}

public struct DenseSpec: Codable, Sendable, Equatable {
  public var name: String?
  public var units: Int
  public var useBias: Bool
  public var initializer: Initializer
  enum CodingKeys: String, CodingKey { case name, units, useBias = "use_bias", initializer }
  public init(name: String? = nil, units: Int, useBias: Bool = true, initializer: Initializer = .glorotUniform) {
    self.name = name; self.units = units; self.useBias = useBias; self.initializer = initializer
  }
  public init(from d: any Decoder) throws {
    let c = try d.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    units = try c.decode(Int.self, forKey: .units)
    useBias = try c.decodeIfPresent(Bool.self, forKey: .useBias) ?? true
    initializer = try c.decodeIfPresent(Initializer.self, forKey: .initializer) ?? .glorotUniform
  }
}

public struct LeakyReLUSpec: Codable, Sendable, Equatable {
  public var name: String?
  public var alpha: Float
  public init(name: String? = nil, alpha: Float = 0.01) { self.name = name; self.alpha = alpha }
  public init(from d: any Decoder) throws {
    let c = try d.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    alpha = try c.decodeIfPresent(Float.self, forKey: .alpha) ?? 0.01
  }
  enum CodingKeys: String, CodingKey { case name, alpha }
}

public struct DropoutSpec: Codable, Sendable, Equatable {
  public var name: String?
  public var rate: Float
  public init(name: String? = nil, rate: Float = 0.5) { self.name = name; self.rate = rate }
  public init(from d: any Decoder) throws {
    let c = try d.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    rate = try c.decodeIfPresent(Float.self, forKey: .rate) ?? 0.5
  }
  enum CodingKeys: String, CodingKey { case name, rate }
}

public struct BatchNormSpec: Codable, Sendable, Equatable {
  public var name: String?
  public var momentum: Float
  public var epsilon: Float
  public init(name: String? = nil, momentum: Float = 0.1, epsilon: Float = 1e-5) {
    self.name = name; self.momentum = momentum; self.epsilon = epsilon
  }
  public init(from d: any Decoder) throws {
    let c = try d.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    momentum = try c.decodeIfPresent(Float.self, forKey: .momentum) ?? 0.1
    epsilon = try c.decodeIfPresent(Float.self, forKey: .epsilon) ?? 1e-5
  }
  enum CodingKeys: String, CodingKey { case name, momentum, epsilon }
}
