// galmorph — NeuralNetTests

import _GalmorphTestSupport
import Foundation
import NeuralNet
import Testing
import TensorCore

@Suite struct ArchitectureTests {
  @Test func jsonDescriptionBuildsNetA() throws {
    let json = """
      {"input_shape": [29, 29, 3], "layers": [
        {"conv2d": {"filters": 32, "kernel": 5}}, {"relu": {}}, {"max_pool2d": {"pool": 2}},
        {"conv2d": {"filters": 64, "kernel": 3, "padding": "valid"}}, {"relu": {}}, {"max_pool2d": {}},
        {"dropout": {"rate": 0.5}}, {"flatten": {}},
        {"dense": {"units": 128}}, {"relu": {}}, {"dense": {"units": 64}}, {"relu": {}}, {"dense": {"units": 1}}]}
      """
    let a = try Architecture.decode(json: Data(json.utf8))
    #expect(a == ReferenceNetworks.netA)
    let round = try Architecture.decode(json: a.jsonData())
    #expect(round == a)
    let m = try Sequential(architecture: a)
    #expect(m.parameterCount == 234_177)
    #expect(m.outputShape == [1])
    #expect(m.parameters()["conv1/kernel"]?.shape == [5, 5, 3, 32])
    #expect(m.parameters()["dense1/kernel"]?.shape == [1600, 128])
    let d = m.describe()
    #expect(d.contains("conv1") && d.contains("[25, 25, 32]") && d.contains("2,432") && d.contains("234,177"))
  }

  @Test func unknownLayerKindIsRejectedWithItsName() {
    let json = #"{"input_shape": [8, 8, 1], "layers": [{"conv3d": {"filters": 2}}]}"#
    #expect { try Architecture.decode(json: Data(json.utf8), source: "arch.json") } throws: { e in
      let s = "\(e)"
      return s.contains("arch.json") && s.contains("conv3d")
    }
  }

  @Test func impossibleShapesAreRejected() {
    let a = Architecture(inputShape: [4, 4, 1], layers: [.conv2d(Conv2DSpec(filters: 2, kernel: 5))])
    #expect(throws: NeuralNetError.self) { try Sequential(architecture: a) }
    let b = Architecture(inputShape: [10], layers: [.maxPool2d(PoolSpec())])
    #expect { try Sequential(architecture: b) } throws: { "\($0)".contains("pool1") }
  }

  /// A model file's architecture JSON is user input: sizes no network has (a zero pool or stride, which would
  /// divide by zero; kernels, units or shapes whose element counts overflow or would need gigabytes) are refused
  /// naming the layer before anything is allocated (issue 21, review of the unchecked paths).
  @Test func absurdSizesAreRefusedBeforeAnythingIsAllocated() {
    let cases: [(String, String)] = [
      (#"{"input_shape": [8, 8, 3], "layers": [{"max_pool2d": {"pool": 0}}]}"#, "pool1"),
      (#"{"input_shape": [8, 8, 3], "layers": [{"avg_pool2d": {"pool": 2, "stride": 0}}]}"#, "pool1"),
      (#"{"input_shape": [8, 8, 3], "layers": [{"conv2d": {"filters": 4, "kernel": 3, "stride": 0}}]}"#, "conv1"),
      (#"{"input_shape": [8, 8, 3], "layers": [{"conv2d": {"filters": 4, "kernel": 1000000000}}]}"#, "conv1"),
      (
        #"{"input_shape": [8, 8, 3], "layers": [{"conv2d": {"filters": 4611686018427387904, "kernel": 3, "padding": "same"}}]}"#,
        "conv1"
      ),
      (#"{"input_shape": [8, 8, 3], "layers": [{"flatten": {}}, {"dense": {"units": 1099511627776}}]}"#, "dense1"),
      (#"{"input_shape": [9223372036854775807, 2, 2], "layers": [{"flatten": {}}]}"#, "input"),
      (
        #"{"input_shape": [64, 64, 3], "layers": [{"conv2d": {"filters": 60000, "kernel": 3, "padding": "same"}}]}"#,
        "conv1"
      ),
    ]
    for (json, layer) in cases {
      #expect(Comment(rawValue: json)) {
        try Sequential(architecture: Architecture.decode(json: Data(json.utf8)))
      } throws: { e in
        guard case let .invalidArchitecture(name, _) = e as? NeuralNetError else { return false }
        return name == layer
      }
    }
    // The limit is 2^27 weights: a dense layer of 8192 inputs × 16,385 units is one row over it.
    let over = Architecture(inputShape: [1 << 13], layers: [.dense(DenseSpec(units: (1 << 14) + 1))])
    #expect { try Sequential(architecture: over) } throws: {
      "\($0)".contains("dense1") && "\($0)".contains("134217728")
    }
  }

  @Test func loadRefusesMismatchedParameters() throws {
    let m = try Sequential(architecture: ReferenceNetworks.netA, seed: 1)
    var p = m.parameters()
    let good = p
    p["conv1/kernel"] = (shape: [3, 3, 3, 32], values: [Float](repeating: 0, count: 864))
    #expect { try m.load(parameters: p) } throws: { e in
      let s = "\(e)"; return s.contains("conv1/kernel") && s.contains("[5, 5, 3, 32]")
    }
    p = good; p.removeValue(forKey: "dense3/bias")
    #expect { try m.load(parameters: p) } throws: { "\($0)".contains("dense3/bias") && "\($0)".contains("missing") }
    p = good; p["extra/kernel"] = (shape: [1], values: [0])
    #expect { try m.load(parameters: p) } throws: { "\($0)".contains("extra/kernel") }
    // Round trip into a differently seeded model gives identical outputs.
    let other = try Sequential(architecture: ReferenceNetworks.netA, seed: 2)
    try other.load(parameters: good)
    var g = GalmorphSupport.SeededGenerator(seed: 4)
    let x = Tensor(normalShape: [3, 29, 29, 3], using: &g)
    #expect(try m.forward(x) == other.forward(x))
    #expect { try m.forward(Tensor(shape: [1, 28, 29, 3])) } throws: { "\($0)".contains("[1, 28, 29, 3]") }
  }

  @Test func inputNormalizationIsCodableMetadata() throws {
    let n = InputNormalization(mean: [0.5, 0.25], std: [2, 4])
    let back = try JSONDecoder().decode(InputNormalization.self, from: JSONEncoder().encode(n))
    #expect(back == n)
    var v: [Float] = [0.5, 0.25, 2.5, 4.25]
    n.apply(to: &v)
    #expect(v == [0, 0, 1, 1])
  }
}

import GalmorphSupport
