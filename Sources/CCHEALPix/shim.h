// System-library shim for chealpix (Debian: libchealpix-dev).
#ifndef CCHEALPIX_SHIM_H
#define CCHEALPIX_SHIM_H
#include <chealpix.h>
#endif
