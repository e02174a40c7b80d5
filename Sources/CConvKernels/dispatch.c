// galmorph — CConvKernels: choice of the instruction-set variant at run time.
#include "ConvKernels.h"

#include <stdlib.h>
#include <string.h>

static int detected = -1; // cached detection (benign race: every thread computes the same value)

int gm_kernel_isa_supported(int isa) {
  switch (isa) {
  case GM_ISA_GENERIC: return 1;
#if defined(__x86_64__)
  case GM_ISA_AVX2: __builtin_cpu_init(); return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  case GM_ISA_AVX512: __builtin_cpu_init(); return __builtin_cpu_supports("avx512f") && gm_kernel_isa_supported(GM_ISA_AVX2);
#endif
  default: return 0;
  }
}

static int detect(void) {
  const char *env = getenv("GM_KERNEL_ISA");
  if (env != NULL) {
    int want = strcmp(env, "avx512") == 0 ? GM_ISA_AVX512 : strcmp(env, "avx2") == 0 ? GM_ISA_AVX2
             : strcmp(env, "generic") == 0 ? GM_ISA_GENERIC : -1;
    if (want >= 0 && gm_kernel_isa_supported(want)) return want;
  }
  if (gm_kernel_isa_supported(GM_ISA_AVX512)) return GM_ISA_AVX512;
  if (gm_kernel_isa_supported(GM_ISA_AVX2)) return GM_ISA_AVX2;
  return GM_ISA_GENERIC;
}

int gm_kernel_isa(void) {
  int d = __atomic_load_n(&detected, __ATOMIC_RELAXED);
  if (d < 0) {
    d = detect();
    __atomic_store_n(&detected, d, __ATOMIC_RELAXED);
  }
  return d;
}
