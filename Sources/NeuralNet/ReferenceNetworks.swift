// galmorph — NeuralNet
//
// The two reference networks of the project's benchmark (bench/RESULTS.md), as architecture descriptions.

/// The reference architectures, built from the declarative description.
public enum ReferenceNetworks {
  /// Net A, "Tomo-e small CNN": 29×29×3 → one logit (sigmoid + binary cross-entropy), 234,177 parameters.
  /// conv5×5/32 valid, ReLU, maxpool 2, conv3×3/64 valid, ReLU, maxpool 2, dropout 0.5, flatten,
  /// dense 128 ReLU, dense 64 ReLU, dense 1.
  public static let netA = Architecture(
    inputShape: [29, 29, 3],
    layers: [
      .conv2d(Conv2DSpec(filters: 32, kernel: 5, padding: .valid)), .relu(NameSpec()),
      .maxPool2d(PoolSpec(pool: 2)),
      .conv2d(Conv2DSpec(filters: 64, kernel: 3, padding: .valid)), .relu(NameSpec()),
      .maxPool2d(PoolSpec(pool: 2)),
      .dropout(DropoutSpec(rate: 0.5)), .flatten(NameSpec()),
      .dense(DenseSpec(units: 128)), .relu(NameSpec()),
      .dense(DenseSpec(units: 64)), .relu(NameSpec()),
      .dense(DenseSpec(units: 1)),
    ])

  /// Net B, galaxy elliptical/spiral classifier: 64×64×3 → two logits (softmax cross-entropy), 767,426
  /// parameters. Four "same" convolutions (5×5/32, 3×3/64, 3×3/128, 3×3/128) each with ReLU and maxpool 2,
  /// flatten, dense 256 ReLU, dropout 0.5, dense 2.
  public static let netB = Architecture(
    inputShape: [64, 64, 3],
    layers: [
      .conv2d(Conv2DSpec(filters: 32, kernel: 5, padding: .same)), .relu(NameSpec()), .maxPool2d(PoolSpec(pool: 2)),
      .conv2d(Conv2DSpec(filters: 64, kernel: 3, padding: .same)), .relu(NameSpec()), .maxPool2d(PoolSpec(pool: 2)),
      .conv2d(Conv2DSpec(filters: 128, kernel: 3, padding: .same)), .relu(NameSpec()), .maxPool2d(PoolSpec(pool: 2)),
      .conv2d(Conv2DSpec(filters: 128, kernel: 3, padding: .same)), .relu(NameSpec()), .maxPool2d(PoolSpec(pool: 2)),
      .flatten(NameSpec()),
      .dense(DenseSpec(units: 256)), .relu(NameSpec()),
      .dropout(DropoutSpec(rate: 0.5)),
      .dense(DenseSpec(units: 2)),
    ])
}

extension ReferenceNetworks {
  /// The reference networks by their names in options and files (`net-a`, `net-b`).
  public enum Name: String, Codable, Sendable, CaseIterable {
    case netA = "net-a"
    case netB = "net-b"

    /// ``ReferenceNetworks/netA`` or ``ReferenceNetworks/netB`` at their native input shapes.
    public var architecture: Architecture { self == .netA ? ReferenceNetworks.netA : ReferenceNetworks.netB }
  }
}
