// galmorph — benchmarks
//
// `swift run -c release GalmorphBench cnn [--threads N] [--nets A,B] [--modes train,infer] [--image-slices N]`
// Images/second of the reference networks, with the protocol of /work/shared/bench/py/cnn_bench.py: 8 warm-up
// steps, then 7 timed samples of ≥ 0.5 s; training step = forward + backward + Adam (lr 1e-3) at batch 64,
// inference = eval-mode forward at batch 256. One JSON line per (net, mode).

import Foundation
import GalmorphSupport
import NeuralNet
import TensorCore

enum CNNBench {
  static let warmup = 8, samples = 7, sampleSeconds = 0.5
  static let trainBatch = 64, inferBatch = 256

  static func run(_ args: [String]) throws {
    var threads = 2, nets = ["B", "A"], modes = ["train", "infer"], blasThreads = 1, imageSlices: Int?
    var i = 0
    while i < args.count {
      let value = i + 1 < args.count ? args[i + 1] : ""
      switch args[i] {
      case "--threads": threads = Int(value) ?? 2; i += 1
      case "--nets": nets = value.split(separator: ",").map(String.init); i += 1
      case "--modes": modes = value.split(separator: ",").map(String.init); i += 1
      case "--blas-threads": blasThreads = Int(value) ?? 1; i += 1
      case "--image-slices": imageSlices = Int(value); i += 1
      default:
        throw SupportError.invalidValue(
          name: "argument", value: args[i],
          expected: "--threads N, --nets A,B, --modes train,infer, --blas-threads N or --image-slices N")
      }
      i += 1
    }
    // Default: `threads` engine workers, single-threaded BLAS inside each. `--blas-threads N` instead runs one
    // worker and lets OpenBLAS use N threads per GEMM (for comparing the two strategies).
    if blasThreads > 1 {
      Parallel.configure(threads: 1)
      BLASRuntime.setThreads(blasThreads)
    } else {
      Parallel.configure(threads: threads)
    }
    for net in nets {
      for mode in modes { try bench(net: net, mode: mode, threads: threads, imageSlices: imageSlices) }
    }
  }

  /// Forward FLOPs per image (2 per multiply-add, convolutions and dense layers only, as cnn_bench.py).
  static func forwardFlops(_ model: Sequential) -> Double {
    var total = 0.0
    for l in model.layers {
      if let c = l as? Conv2D { total += 2 * Double(c.outputSize) * Double(c.geometry.patchSize) }
      if let d = l as? Dense { total += 2 * Double(d.inputSize * d.units) }
    }
    return total
  }

  static func timeit(batch: Int, _ step: () throws -> Void) rethrows -> (
    median: Double, min: Double, max: Double, inner: Int
  ) {
    for _ in 0..<warmup { try step() }
    let t0 = Date(); try step(); let one = Date().timeIntervalSince(t0)
    let inner = max(1, Int(sampleSeconds / max(one, 1e-6)))
    var ips: [Double] = []
    for _ in 0..<samples {
      let t = Date()
      for _ in 0..<inner { try step() }
      ips.append(Double(batch * inner) / Date().timeIntervalSince(t))
    }
    ips.sort()
    return (ips[ips.count / 2], ips[0], ips[ips.count - 1], inner)
  }

  /// `imageSlices` overrides Conv2D's fixed image slices (default 8; the slice count fixes summation order).
  static func bench(net: String, mode: String, threads: Int, imageSlices: Int? = nil) throws {
    let arch = net == "A" ? ReferenceNetworks.netA : ReferenceNetworks.netB
    let model = try Sequential(architecture: arch, seed: 42)
    if let imageSlices { for case let c as Conv2D in model.layers { c.imageSlices = imageSlices } }
    let train = mode == "train"
    let batch = train ? trainBatch : inferBatch
    var gen = SeededGenerator(seed: 7)
    let x = Tensor(normalShape: [batch] + arch.inputShape, using: &gen)
    let width = model.outputShape.reduce(1, *)
    var targets = [Float](repeating: 0, count: batch * width)
    for n in 0..<batch {
      if width == 1 {
        targets[n] = Float(gen.nextInt(below: 2))
      } else {
        targets[n * width + gen.nextInt(below: width)] = 1
      }
    }
    let loss: any Loss = width == 1 ? BinaryCrossEntropy() : SoftmaxCrossEntropy()
    let adam = Adam(learningRate: 1e-3)
    let r = try x.values.withUnsafeBufferPointer { xp in
      try timeit(batch: batch) {
        if train {
          try model.trainStep(input: x, targets: targets, loss: loss, optimizer: adam)
        } else {
          _ = model.forward(xp.baseAddress!, batch: batch, mode: .inference)
        }
      }
    }
    let flops = forwardFlops(model) * (train ? 3 : 1)
    var rec: [String: Any] = [
      "framework": "galmorph", "version": ToolInfo.version, "net": net, "mode": mode, "batch": batch,
      "threads": threads, "engine_workers": Parallel.workers, "blas_threads": BLASRuntime.threads,
      "params": model.parameterCount,
      "params_ok": model.parameterCount == (net == "A" ? 234_177 : 767_426),
      "mflop_per_image": (flops / 1e4).rounded() / 100, "gflops_median": (r.median * flops / 1e7).rounded() / 100,
      "ips_median": (r.median * 10).rounded() / 10, "ips_min": (r.min * 10).rounded() / 10,
      "ips_max": (r.max * 10).rounded() / 10, "samples": samples, "inner": r.inner,
      "round": Int(ProcessInfo.processInfo.environment["ROUND"] ?? "1") ?? 1,
      "blas_core": BLASRuntime.coreName, "commit": ToolInfo.gitCommit,
      "image_slices": (model.layers.first { $0 is Conv2D } as? Conv2D)?.imageSlices ?? 0,
    ]
    if let hwm = peakRSSMiB() { rec["peak_rss_mib"] = hwm }
    rec["probe_sgemm_gflops"] = (sgemmProbe() * 10).rounded() / 10
    let data = try JSONSerialization.data(withJSONObject: rec, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    fflush(nil)
  }

  /// GFLOP/s of a conv-shaped SGEMM (8192×64×288, Net B conv2) run by every worker at once, as the engine runs
  /// its GEMMs: a same-moment yardstick for the noisy shared machine (the engine cannot beat it by much).
  static func sgemmProbe(seconds: Double = 0.3) -> Double {
    let m = 8192, n = 64, k = 288, workers = Parallel.workers
    let bufs = (0..<workers).map { _ in
      (FloatBuffer(capacity: m * k), FloatBuffer(capacity: k * n), FloatBuffer(capacity: m * n))
    }
    for b in bufs { b.0.fill(0.5, count: m * k); b.1.fill(0.25, count: k * n) }
    var reps = 0
    let t0 = Date()
    while Date().timeIntervalSince(t0) < seconds {
      Parallel.forEachSlice(workers) { w, _ in
        let b = bufs[w]
        sgemm(m: m, n: n, k: k, a: b.0.pointer, b: b.1.pointer, c: b.2.pointer)
      }
      reps += 1
    }
    return Double(reps * workers) * 2 * Double(m * n * k) / Date().timeIntervalSince(t0) / 1e9
  }

  /// VmHWM (peak resident set) of this process in MiB, from /proc/self/status.
  static func peakRSSMiB() -> Double? {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let kb = line.split(separator: " ").compactMap { Double($0) }.first
      return kb.map { ($0 / 1024 * 10).rounded() / 10 }
    }
    return nil
  }
}

extension CNNBench {
  /// `GalmorphBench cnn-profile [B|A] [--threads N] [--size PX] [--batch N]`: time per layer for forward and backward
  /// of one training batch (batch 64 at the net's native input size unless given — the audit's demo trains Net B at
  /// `--size 32 --batch 32` on one thread per model; median of 5 after 3 warm-ups), with each convolution's and dense
  /// layer's GFLOP/s against the same-moment SGEMM probe (``sgemmProbe(seconds:)``), to see where a step spends its
  /// time. Prints one JSON line per layer. FLOPs: forward 2·N·P·K·C_out (P output pixels, K = kh·kw·C_in; dense: P =
  /// 1, K = inputs); backward the weight gradient (same count) plus the input gradient (same count) except for the
  /// first layer.
  static func profile(_ arguments: [String]) throws {
    var net = "B", threads = 2, size: Int?, batch = trainBatch
    var i = 0
    while i < arguments.count {
      let value = i + 1 < arguments.count ? arguments[i + 1] : ""
      switch arguments[i] {
      case "--threads": threads = Int(value) ?? 2; i += 1
      case "--size": size = Int(value); i += 1
      case "--batch": batch = Int(value) ?? batch; i += 1
      default: net = arguments[i]
      }
      i += 1
    }
    Parallel.configure(threads: threads)
    var arch = net == "A" ? ReferenceNetworks.netA : ReferenceNetworks.netB
    if let size { arch.inputShape = [size, size, arch.inputShape[2]] }
    let model = try Sequential(architecture: arch, seed: 42)
    var gen = SeededGenerator(seed: 7)
    let x = Tensor(normalShape: [batch] + arch.inputShape, using: &gen)
    let n = model.layers.count
    var fwd = [[Double]](repeating: [], count: n), bwd = fwd
    let grads = model.layers.map { FloatBuffer(capacity: batch * $0.outputSize) }
    x.values.withUnsafeBufferPointer { xp in
      for rep in 0..<8 {
        var h = xp.baseAddress!
        for (i, l) in model.layers.enumerated() {
          let t = Date(); h = l.forward(h, batch: batch, mode: .training)
          if rep >= 3 { fwd[i].append(Date().timeIntervalSince(t)) }
        }
        var g: UnsafePointer<Float>? = UnsafePointer(grads[n - 1].pointer)
        for (i, l) in model.layers.enumerated().reversed() {
          guard let gi = g else { break }
          let t = Date(); g = l.backward(gi, batch: batch, needInputGradient: i > 0)
          if rep >= 3 { bwd[i].append(Date().timeIntervalSince(t)) }
        }
      }
    }
    let probe = sgemmProbe()
    func med(_ a: [Double]) -> Double { a.isEmpty ? .nan : a.sorted()[a.count / 2] }
    func round2(_ v: Double) -> Double { v.isFinite ? (v * 100).rounded() / 100 : -1 }
    for (i, l) in model.layers.enumerated() {
      // multiply-adds of one image's forward pass through this layer
      var macs = 0.0
      if let c = l as? Conv2D {
        macs = Double(c.geometry.outPixels * c.geometry.patchSize * c.filters)
      } else if let d = l as? Dense {
        macs = Double(d.inputShape.reduce(1, *) * d.units)
      }
      let forwardFlops = 2 * macs * Double(batch)
      let backwardFlops = forwardFlops * (i > 0 ? 2 : 1)
      var rec: [String: Any] = [
        "net": net, "layer": l.name, "kind": l.kind, "batch": batch, "threads": threads, "size": arch.inputShape[0],
        "fwd_ms": round2(med(fwd[i]) * 1000), "bwd_ms": round2(med(bwd[i]) * 1000),
        "probe_sgemm_gflops": round2(probe), "blas_core": BLASRuntime.coreName, "commit": ToolInfo.gitCommit,
      ]
      if macs > 0 {
        rec["fwd_gflops"] = round2(forwardFlops / med(fwd[i]) / 1e9)
        rec["bwd_gflops"] = round2(backwardFlops / med(bwd[i]) / 1e9)
      }
      if let c = l as? Conv2D {
        // im2col alone, one thread over the whole batch (forward and backward each do it once per step, split over
        // the workers): the share of a convolution that is data movement rather than GEMM.
        let g = c.geometry
        let input = FloatBuffer(capacity: batch * g.inputSize)
        input.fill(0.5, count: batch * g.inputSize)
        let chunk = max(1, min(batch, c.columnBudget / max(1, g.outPixels * g.patchSize)))
        let col = FloatBuffer(capacity: chunk * g.outPixels * g.patchSize)
        var times: [Double] = []
        for _ in 0..<5 {
          let t = Date()
          var n0 = 0
          while n0 < batch {
            let n = min(chunk, batch - n0)
            im2col(UnsafePointer(input.pointer) + n0 * g.inputSize, images: n, geometry: g, col: col.pointer)
            n0 += n
          }
          times.append(Date().timeIntervalSince(t))
        }
        rec["im2col_one_thread_ms"] = round2(med(times) * 1000)
        rec["algorithm"] = c.algorithm.rawValue
      }
      let data = try JSONSerialization.data(withJSONObject: rec, options: [.sortedKeys])
      print(String(decoding: data, as: UTF8.self))
    }
    fflush(nil)
  }
}
