// System-library shim for cfitsio (Debian: libcfitsio-dev).
#ifndef CCFITSIO_SHIM_H
#define CCFITSIO_SHIM_H
#include <fitsio.h>
#endif
