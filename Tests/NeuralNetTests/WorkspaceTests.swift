// galmorph — NeuralNetTests

import GalmorphSupport
import NeuralNet
import Testing
import TensorCore

@Suite(.serialized) struct WorkspaceTests {
  /// After warm-up at a batch size, training steps and inference reuse every workspace.
  @Test func warmedUpTrainingStepAllocatesNoWorkspace() throws {
    let m = try Sequential(architecture: ReferenceNetworks.netB, seed: 3)
    let atStart = FloatBuffer.allocationCountOnThisThread
    var g = SeededGenerator(seed: 1)
    let x = Tensor(normalShape: [4, 64, 64, 3], using: &g)
    let t = SoftmaxCrossEntropy.oneHot([0, 1, 1, 0], classes: 2)
    let adam = Adam()
    for _ in 0..<2 { try m.trainStep(input: x, targets: t, loss: SoftmaxCrossEntropy(), optimizer: adam) }
    _ = try m.forward(x)
    let before = FloatBuffer.allocationCountOnThisThread
    for _ in 0..<3 { try m.trainStep(input: x, targets: t, loss: SoftmaxCrossEntropy(), optimizer: adam) }
    _ = try m.forward(x)
    #expect(before > atStart, "the counter must see the warm-up allocations")
    #expect(FloatBuffer.allocationCountOnThisThread == before)
  }
}

/// A layer whose backward is deliberately wrong (y = 2x, claims dx = 3·dy).
final class WrongGradientLayer: Layer {
  let name = "wrong", kind = "wrong", inputShape = [6]
  var outputShape: [Int] { inputShape }
  let out = FloatBuffer(), grad = FloatBuffer()
  func forward(_ x: UnsafePointer<Float>, batch: Int, mode: Mode) -> UnsafePointer<Float> {
    let y = out.reserve(batch * 6)
    for i in 0..<(batch * 6) { y[i] = 2 * x[i] }
    return UnsafePointer(y)
  }
  func backward(_ dy: UnsafePointer<Float>, batch: Int, needInputGradient: Bool) -> UnsafePointer<Float>? {
    let dx = grad.reserve(batch * 6)
    for i in 0..<(batch * 6) { dx[i] = 3 * dy[i] }
    return UnsafePointer(dx)
  }
}

@Suite struct GradientCheckerSelfTest {
  /// The checker must flag a wrong backward pass (so its passes elsewhere mean something).
  @Test func checkerFlagsAWrongBackward() {
    withKnownIssue { GradientChecker(layer: WrongGradientLayer(), batch: 2).run() }
  }
}
