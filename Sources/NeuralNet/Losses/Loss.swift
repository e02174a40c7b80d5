// galmorph — NeuralNet

/// A loss on a batch of network outputs (logits) with soft targets and optional per-example weights.
///
/// Reduction convention (PyTorch `reduction="mean"` applied to per-example weighted losses):
/// `L = (1/N) Σ_n w_n ℓ_n`, with `w_n = 1` when no weights are given. Weights are *not* renormalised, so a
/// batch whose weights average 1 has the usual scale.
public protocol Loss {
  /// Evaluates the loss for `batch` examples of `width` logits and writes dL/dlogits (same layout) to `gradient`.
  /// `targets` has the same layout as the logits; `weights` (if any) has `batch` entries.
  func evaluate(
    logits: UnsafePointer<Float>, targets: UnsafePointer<Float>, weights: UnsafePointer<Float>?,
    batch: Int, width: Int, gradient: UnsafeMutablePointer<Float>
  ) -> Float
}
