// System-library shim for zlib (Debian: zlib1g-dev).
#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>
#endif
