// galmorph — NeuralNetTests

import Foundation
import GalmorphSupport
import NeuralNet
import Testing
import TensorCore

@Suite struct PersistenceTests {
  @Test func metadataAndParametersRebuildAnIdenticalModel() throws {
    let m = try Sequential(architecture: ReferenceNetworks.netB, seed: 9)
    m.normalization = InputNormalization(mean: [0.1, 0.2, 0.3], std: [1, 2, 3])
    let json = m.metadata.jsonData()
    let meta = try ModelMetadata.decode(json: json, source: "model.json")
    #expect(meta == m.metadata)
    let rebuilt = try Sequential(metadata: meta, parameters: m.parameters())
    #expect(rebuilt.normalization == m.normalization)
    var g = SeededGenerator(seed: 2)
    let x = Tensor(normalShape: [3, 64, 64, 3], using: &g)
    #expect(try rebuilt.forward(x) == m.forward(x))
  }

  @Test func newerFormatVersionIsRefusedWithTheFileName() {
    let json = Data(#"{"format_version": 99, "architecture": {"input_shape": [4], "layers": []}}"#.utf8)
    #expect { try ModelMetadata.decode(json: json, source: "future.h5") } throws: { e in
      "\(e)".contains("future.h5") && "\(e)".contains("99")
    }
  }

  /// predict() in small batches equals one forward pass over everything.
  @Test func predictInBatchesEqualsOneForwardPass() throws {
    let m = try Sequential(architecture: ReferenceNetworks.netA, seed: 4)
    var g = SeededGenerator(seed: 5)
    let x = Tensor(normalShape: [10, 29, 29, 3], using: &g)
    let whole = try m.forward(x)
    let batched = try m.predict(x, batchSize: 3)
    #expect(batched.shape == [10, 1])
    for i in 0..<10 { #expect(abs(batched.values[i] - whole.values[i]) <= 1e-5 * max(1, abs(whole.values[i]))) }
  }
}

@Suite struct BadInputTests {
  @Test func wrongTargetAndWeightCountsAreRefused() throws {
    let m = try Sequential(architecture: ReferenceNetworks.netB, seed: 1)
    let x = Tensor(shape: [2, 64, 64, 3])
    #expect { try m.computeGradients(input: x, targets: [1, 0], loss: SoftmaxCrossEntropy()) } throws: {
      "\($0)".contains("targets") && "\($0)".contains("4")
    }
    #expect {
      try m.computeGradients(input: x, targets: [1, 0, 0, 1], weights: [1], loss: SoftmaxCrossEntropy())
    } throws: { "\($0)".contains("weights") }
  }
}
