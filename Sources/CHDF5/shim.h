// System-library shim for hdf5-serial (Debian: libhdf5-dev).
#ifndef CHDF5_SHIM_H
#define CHDF5_SHIM_H
#include <hdf5.h>
#endif
