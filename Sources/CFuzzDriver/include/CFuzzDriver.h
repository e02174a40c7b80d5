// galmorph — CFuzzDriver: libFuzzer's driver entry, reachable from Swift.
#ifndef GALMORPH_CFUZZDRIVER_H
#define GALMORPH_CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver (LLVMFuzzerRunDriver) with `callback` as the fuzz target when the package was built with
/// -DGALMORPH_LIBFUZZER and -fsanitize=fuzzer; returns -1 without running anything otherwise.
int gm_fuzz_run_driver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
