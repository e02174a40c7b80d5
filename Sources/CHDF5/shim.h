// System-library shim for hdf5-serial (Debian: libhdf5-dev).
//
// HDF5's predefined type, property-list and flag identifiers are macros over runtime globals (`H5T_NATIVE_INT32`
// expands to `(H5OPEN H5T_NATIVE_INT32_g)`), which Swift does not import, and cast macros such as `H5P_DEFAULT`
// do not import either. The `static inline` accessors below expose them as functions; each calls `H5open()`
// through the macro so the globals are initialised before they are read.
#ifndef CHDF5_SHIM_H
#define CHDF5_SHIM_H
#include <hdf5.h>

// Defaults and special identifiers.
static inline hid_t chdf5_p_default(void) { return H5P_DEFAULT; }
static inline hid_t chdf5_s_all(void) { return H5S_ALL; }
static inline hid_t chdf5_e_default(void) { return H5E_DEFAULT; }
static inline size_t chdf5_t_variable(void) { return H5T_VARIABLE; }
static inline hsize_t chdf5_s_unlimited(void) { return H5S_UNLIMITED; }

// File access flags.
static inline unsigned chdf5_f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned chdf5_f_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline unsigned chdf5_f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned chdf5_f_acc_excl(void) { return H5F_ACC_EXCL; }

// Property-list classes.
static inline hid_t chdf5_p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t chdf5_p_link_create(void) { return H5P_LINK_CREATE; }
static inline hid_t chdf5_p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t chdf5_p_file_create(void) { return H5P_FILE_CREATE; }
static inline hid_t chdf5_p_dataset_access(void) { return H5P_DATASET_ACCESS; }
static inline hid_t chdf5_p_dataset_xfer(void) { return H5P_DATASET_XFER; }

// Native (memory) types.
static inline hid_t chdf5_t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t chdf5_t_native_int8(void) { return H5T_NATIVE_INT8; }
static inline hid_t chdf5_t_native_uint16(void) { return H5T_NATIVE_UINT16; }
static inline hid_t chdf5_t_native_int16(void) { return H5T_NATIVE_INT16; }
static inline hid_t chdf5_t_native_uint32(void) { return H5T_NATIVE_UINT32; }
static inline hid_t chdf5_t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t chdf5_t_native_uint64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t chdf5_t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t chdf5_t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t chdf5_t_native_double(void) { return H5T_NATIVE_DOUBLE; }

// Standard (file) types: little-endian, as written by galmorph.
static inline hid_t chdf5_t_std_u8le(void) { return H5T_STD_U8LE; }
static inline hid_t chdf5_t_std_i8le(void) { return H5T_STD_I8LE; }
static inline hid_t chdf5_t_std_u16le(void) { return H5T_STD_U16LE; }
static inline hid_t chdf5_t_std_i16le(void) { return H5T_STD_I16LE; }
static inline hid_t chdf5_t_std_u32le(void) { return H5T_STD_U32LE; }
static inline hid_t chdf5_t_std_i32le(void) { return H5T_STD_I32LE; }
static inline hid_t chdf5_t_std_u64le(void) { return H5T_STD_U64LE; }
static inline hid_t chdf5_t_std_i64le(void) { return H5T_STD_I64LE; }
static inline hid_t chdf5_t_ieee_f32le(void) { return H5T_IEEE_F32LE; }
static inline hid_t chdf5_t_ieee_f64le(void) { return H5T_IEEE_F64LE; }
static inline hid_t chdf5_t_c_s1(void) { return H5T_C_S1; }
static inline hid_t chdf5_t_std_ref_obj(void) { return H5T_STD_REF_OBJ; }
static inline hid_t chdf5_t_std_ref_dsetreg(void) { return H5T_STD_REF_DSETREG; }

#endif
