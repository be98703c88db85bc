#pragma once
// Never-written elements on read. When a dataset's fill time is never, or its fill value undefined,
// HDF5 (H5D__read) leaves the part of a read buffer that maps to never-written storage untouched:
// those elements would keep whatever the buffer held before. Every read that hands HDF5 a buffer
// fills that buffer first (h5py zeroes its read buffers since 3.7 for the same reason, h5py#2069).
#include <hdf5.h>

namespace h5kit::detail {

// Whether reads of `dataset` may leave never-written elements untouched (not for compact datasets,
// whose storage always exists).
bool reads_leave_unwritten(hid_t dataset, const char* operation);

// Sets the elements of `buffer` that `mem_space` selects (H5S_ALL: the dataset's whole extent) to
// the dataset's fill value in `mem_type`, or to zero when it has none or when the type holds
// pointers or references (variable-length data then reads as null, references as null).
void fill_unwritten(hid_t dataset, hid_t mem_type, void* buffer, hid_t mem_space, const char* operation);

// Both: fills `buffer` only when reads_leave_unwritten(dataset). For reads that do not cache the answer.
void prepare_read_buffer(hid_t dataset, hid_t mem_type, void* buffer, hid_t mem_space, const char* operation);

}  // namespace h5kit::detail
