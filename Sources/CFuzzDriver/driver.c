// galmorph — CFuzzDriver
#include "CFuzzDriver.h"

#ifdef GALMORPH_LIBFUZZER
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
int gm_fuzz_run_driver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size)) {
  return LLVMFuzzerRunDriver(argc, argv, callback);
}
#else
int gm_fuzz_run_driver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size)) {
  (void)argc; (void)argv; (void)callback;
  return -1;
}
#endif
