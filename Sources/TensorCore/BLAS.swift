// galmorph — TensorCore
//
// Thin, row-major wrappers over OpenBLAS's cblas_sgemm / cblas_sgemv.

import COpenBLAS

/// Row-major single-precision GEMM: `C[m×n] = α·op(A)·op(B) + β·C`.
///
/// `op(A)` is `A[m×k]` (or `Aᵀ` with `A` stored `[k×m]` when `transA`), likewise `op(B)` is `[k×n]`. Leading
/// dimensions default to the packed row length. This is the only matrix-multiply kernel the engine uses
/// (BLAS level 3, Dongarra et al. 1990).
@inlinable
public func sgemm(
  transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
  alpha: Float = 1, a: UnsafePointer<Float>, lda: Int? = nil,
  b: UnsafePointer<Float>, ldb: Int? = nil,
  beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int? = nil
) {
  if m == 0 || n == 0 { return }
  let lda = lda ?? (transA ? m : k)
  let ldb = ldb ?? (transB ? k : n)
  let ldc = ldc ?? n
  cblas_sgemm(
    CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}
