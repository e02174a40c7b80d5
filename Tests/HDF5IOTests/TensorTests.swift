// galmorph — HDF5IOTests

import Foundation
import GalmorphSupport
import HDF5IO
import Testing
import _GalmorphTestSupport

@Suite("Named Float32 tensors")
struct TensorTests {
  @Test func nestedTensorSetRoundTripsBitIdentically() throws {
    var rng = SeededGenerator(seed: 7)
    func tensor(_ shape: [Int]) -> HDF5Tensor {
      HDF5Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { _ in Float.random(in: -1...1, using: &rng) })
    }
    let tensors = [
      "conv1/kernel": tensor([3, 3, 3, 16]), "conv1/bias": tensor([16]), "dense/kernel": tensor([64, 2]),
      "scale": tensor([]),
    ]
    let folder = try TemporaryFolder("hdf5io")
    defer { folder.cleanup() }
    let url = folder.file("model.h5")
    try HDF5File.create(at: url) { file in
      try file.writeTensors(tensors, under: "weights")
      try file.attributes.write("architecture", string: "{\"layers\": 3}")
      try file.writeTensor(path: "weights/scale", shape: [], values: [0.5])  // replaces
    }
    let file = try HDF5File(url: url)
    let read = try file.readTensors(under: "/weights")
    var expected = tensors
    expected["scale"] = HDF5Tensor(shape: [], values: [0.5])
    #expect(read.keys.sorted() == expected.keys.sorted())
    for (key, value) in expected {
      #expect(read[key]?.shape == value.shape, "\(key)")
      #expect(read[key]?.values.map(\.bitPattern) == value.values.map(\.bitPattern), "\(key)")
    }
    #expect(try file.readTensor(path: "weights/conv1/kernel") == expected["conv1/kernel"])
    #expect(try file.attributes.string("architecture") == "{\"layers\": 3}")
    #expect(try file.dataset("weights/dense/kernel").dataType == .float(bytes: 4, order: .little))
  }
}
