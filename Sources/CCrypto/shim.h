// System-library shim for libcrypto (Debian: libssl-dev).
#ifndef CCRYPTO_SHIM_H
#define CCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
