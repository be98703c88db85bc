/* daq_append, raw C side: one row at a time into a chunked float64 dataset growing along axis 0. */
#ifndef H5KIT_BENCH_RAWC_APPEND_H
#define H5KIT_BENCH_RAWC_APPEND_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Row i, element j holds i * row_elements + j (exact in float64 below 2^53). Inline here, so that
   h5kit's loop (bench_daq_append.cpp) and the raw C loops compute rows alike: defined in
   rawc_append.c it was inlined into the raw C loops only, and h5kit paid a call per element. */
static inline double bench_append_value(size_t row, size_t element, size_t row_elements) {
  return (double)(row * row_elements + element);
}

/* `rows` calls of H5DOappend (HDF5's high-level library), one row each; chunks of chunk_rows rows.
   Returns 0, or -1 on any HDF5 failure. */
int bench_append_h5doappend(const char* path, size_t rows, size_t row_elements, size_t chunk_rows);

/* The physical reference: rows gathered in memory and written one whole chunk at a time
   (H5Dset_extent + H5Dwrite per chunk), not SWMR, no flush. Returns 0, or -1. */
int bench_append_whole_chunks(const char* path, size_t rows, size_t row_elements, size_t chunk_rows);

/* The same work as h5kit's streaming writer: whole chunks as above, but in SWMR writing mode
   (H5Fstart_swmr_write after creating the dataset) and with H5Dflush after each chunk, so that a
   reader sees every chunk as it is written. Returns 0, or -1. */
int bench_append_whole_chunks_swmr(const char* path, size_t rows, size_t row_elements, size_t chunk_rows);

#ifdef __cplusplus
}
#endif
#endif
