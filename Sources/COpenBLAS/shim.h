// System-library shim for openblas (Debian: libopenblas-dev).
#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H
#include <cblas.h>
#endif
