// galmorph — CConvKernels: one kernel body compiled per instruction set, chosen at run time (private header).
//
// GM_VARIANTS(prefix, name, (params), (args)) compiles `name##_body` three times — AVX-512, AVX2 + FMA, generic
// x86-64 — and defines the public `prefix##name(params…, int isa)` that dispatches on `isa` (−1: gm_kernel_isa()).
// The including file sets `#pragma clang fp contract(off)` so the three builds agree bit for bit.
#ifndef GALMORPH_CONV_KERNELS_VARIANTS_H
#define GALMORPH_CONV_KERNELS_VARIANTS_H

#include "ConvKernels.h"

#define BODY static inline __attribute__((always_inline))
// `params` of GM_VARIANTS is a parenthesised list; the public function appends `int isa` to it.
#define ISA_PARAMS(...) __VA_ARGS__, int isa

#if defined(__x86_64__)
#define GM_VARIANTS(prefix, name, params, args)                                                                      \
  __attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma"))) static void name##_avx512 params {         \
    name##_body args;                                                                                                \
  }                                                                                                                  \
  __attribute__((target("avx2,fma"))) static void name##_avx2 params { name##_body args; }                         \
  static void name##_generic params { name##_body args; }                                                           \
  void prefix##name(ISA_PARAMS params) {                                                                             \
    switch (isa < 0 ? gm_kernel_isa() : isa) {                                                                       \
    case GM_ISA_AVX512: name##_avx512 args; break;                                                                   \
    case GM_ISA_AVX2: name##_avx2 args; break;                                                                       \
    default: name##_generic args;                                                                                    \
    }                                                                                                                \
  }
#else
#define GM_VARIANTS(prefix, name, params, args)                                                                      \
  void prefix##name(ISA_PARAMS params) { (void)isa; name##_body args; }
#endif

#endif
