// System-library shim for cairo (Debian: libcairo2-dev).
#ifndef CCAIRO_SHIM_H
#define CCAIRO_SHIM_H
#include <cairo.h>
#endif
