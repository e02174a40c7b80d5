// galmorph — TensorCore
//
// The instruction-set builds of the C kernels (CConvKernels) and the run-time choice between them.

import CConvKernels

/// An instruction-set build of the C convolution kernels (``Winograd``, ``DirectConvolution``).
///
/// Each kernel is compiled for generic x86-64, AVX2 + FMA and AVX-512 from one source; ``selected`` is the widest
/// this CPU runs, or the one named by the environment variable `GM_KERNEL_ISA` (`generic`, `avx2`, `avx512`) when
/// the CPU supports it. Layers take an explicit build (``Conv2D``'s `kernelISA`) so tests can run each one on any
/// machine that supports it, without process-wide state.
public enum KernelISA: String, Sendable, CaseIterable, Comparable {
  case generic, avx2, avx512

  var level: Int32 { Int32(Self.allCases.firstIndex(of: self)!) }

  /// The build used when none is named: `GM_KERNEL_ISA`, else the widest supported.
  public static var selected: KernelISA { allCases[Int(gm_kernel_isa())] }

  /// The builds this CPU can run, narrowest first (always including ``generic``).
  public static var supported: [KernelISA] { allCases.filter(\.isSupported) }

  /// Whether this CPU can run the build.
  public var isSupported: Bool { gm_kernel_isa_supported(level) != 0 }

  public static func < (a: KernelISA, b: KernelISA) -> Bool { a.level < b.level }
}

extension Optional where Wrapped == KernelISA {
  /// The C argument: the build's level, or −1 for ``KernelISA/selected``.
  var cLevel: Int32 {
    guard let isa = self else { return -1 }
    precondition(isa.isSupported, "this CPU cannot run the \(isa.rawValue) kernels")
    return isa.level
  }
}
